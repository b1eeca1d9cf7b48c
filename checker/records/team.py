"""Chapter 6 (teamwork and communication): team and cross-department meetings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from checker.records.base import Part, Record
from checker.records.fields import field
from checker.records.types import PersonRef


class MeetingAction(Part):
    action: str = field("待办事项", "What is to be done", example="整理华南渠道库存数据")
    by: PersonRef = field("负责人", "Who does it", example="p-chen-jing")
    due: dt.date | None = field("完成期限", "By when", default=None, example="2026-03-20")


class Meeting(Record):
    chapter = "6"
    folder = "meetings"
    id_example = "MT-2026-W01"
    title_zh = "会议纪要"
    title_en = "Meeting"
    body_field = "minutes"

    kind: Literal["meeting"]
    type: Literal["weekly", "monthly", "cross-department"] = field(
        "类型：weekly 周会 / monthly 月会 / cross-department 跨部门协调会",
        "Type: weekly, monthly or cross-department", example="weekly")
    date: dt.date = field("会议日期", "Date held", example="2026-03-16")
    attendees: tuple[PersonRef, ...] = field("参会人员（人员编号）", "Attendees (person ids)",
                                             example=["p-li-na", "p-zhang-wei"])
    departments: tuple[str, ...] = field("参会部门（跨部门会议）", "Departments present (cross-department)",
                                         default=(), example=["研发部", "生产部"])
    minutes: str | None = field("会议纪要：工作进展与问题", "Minutes: progress and problems", default=None,
                                example="本周新增线索 18 条；华南渠道库存偏高需跟进。")
    actions: tuple[MeetingAction, ...] = field("行动项", "Action items", default=())
