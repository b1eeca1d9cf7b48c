"""Chapter 7 (training and development): training plans, sessions and career plans."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from checker.records.base import Part, Record
from checker.records.fields import Link, field
from checker.records.types import Hours, PeriodField, PersonRef, RoleRef

Method = Literal["internal", "external", "online"]
METHOD_NAMES = {"internal": ("内部", "Internal"), "external": ("外部", "External"), "online": ("在线", "Online")}


class Course(Part):
    title: str = field("课程名称", "Course title", example="顾问式销售技巧")
    date: dt.date = field("计划日期", "Planned date", example="2026-03-20")
    hours: Hours = field("课时（小时，大于 0，最多 1000）", "Hours (more than 0, at most 1000)", example="6")
    method: Method = field("方式：internal 内部 / external 外部 / online 在线",
                           "Method: internal, external or online", example="internal")
    roles: tuple[RoleRef, ...] = field("面向的角色", "Roles it serves", example=["salesperson"])


class TrainingPlan(Record):
    chapter = "7"
    folder = "training/plans"
    id_example = "TP-2026"
    title_zh = "年度培训计划"
    title_en = "Annual training plan"

    kind: Literal["training-plan"]
    year: PeriodField = field("培训年度", "Training year", example="2026")
    prepared: dt.date = field("制定完成日期", "Date drawn up", example="2025-12-15")
    courses: tuple[Course, ...] = field("培训课程", "Courses")

    @property
    def period_start(self) -> dt.date:
        return self.year.start


class TrainingSession(Record):
    chapter = "7"
    folder = "training/sessions"
    id_example = "TS-2026-01"
    title_zh = "培训实施记录"
    title_en = "Training session"

    kind: Literal["training-session"]
    plan: Annotated[str, Link("training-plan")] = field("所属培训计划", "Training plan",
                                                        example="TP-2026")
    course: str = field("课程名称", "Course title", example="顾问式销售技巧")
    date: dt.date = field("培训日期", "Date held", example="2026-03-20")
    method: Method = field("方式", "Method", example="internal")
    trainer: str = field("讲师", "Trainer", example="李娜")
    attendees: tuple[PersonRef, ...] = field("参训人员", "Attendees", example=["p-zhang-wei"])
    evaluation: str | None = field("培训效果评估", "Evaluation of the effect", default=None,
                                   example="课后测验平均 86 分")
    feedback: str | None = field("学员反馈与调整建议", "Feedback and adjustments", default=None,
                                 example="希望增加案例演练")
    evaluated: dt.date | None = field("评估日期", "Date evaluated", default=None, example="2026-03-27")


class CareerPlan(Record):
    chapter = "7"
    folder = "training/careers"
    id_example = "CP-p-zhang-wei"
    title_zh = "职业发展规划"
    title_en = "Career plan"

    kind: Literal["career-plan"]
    person: PersonRef = field("规划对象", "Person the plan is for", example="p-zhang-wei")
    path: tuple[str, ...] = field("职业发展路径", "Career path", example=["销售人员", "高级销售", "营销主管"])
    promotion_criteria: tuple[str, ...] = field("晋升标准", "Promotion criteria",
                                                example=["连续四个季度考核 B 以上"])
    reviewed: dt.date = field("最近评审日期", "Last reviewed", example="2026-01-15")
