"""Waivers: management's approved exception to one rule for one record.

Whether a waiver needs an end date depends on the finding it waives (the checker
decides it for each finding, see ``checker.rules.situations.settled``):

- a **settled lateness**: what the rule asks for has already happened, and the record
  shows it happened too late (a complaint answered after its deadline, a visit that
  came after too long a gap, a quote sent before it was approved). Every date that
  decides the finding lies in the past and is recorded, so nothing done later can
  change it. Its waiver needs no ``expires`` and keeps applying after one, for good:
  otherwise a waived lateness would come back as an error on the first day after the
  date, on records nobody changed.
- an **ongoing state**: something is missing, not done yet or still over a limit (an
  empty field, a visit still not made, a budget still exceeded). It can still be put
  right, so its waiver must say until when (``expires``); after that day the finding is
  reported again.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from checker.records.base import Record
from checker.records.fields import field


class Waiver(Record):
    chapter = "1"
    folder = "waivers"
    id_example = "WV-2026-001"
    title_zh = "豁免"
    title_en = "Waiver"

    kind: Literal["waiver"]
    rule: str = field("被豁免的规则编号", "Rule id waived", example="key-customers-visited")
    record: str = field("被豁免的记录编号", "Record id the waiver applies to", example="C-0007")
    reason: str = field("豁免原因", "Why the rule does not apply here", example="客户停产整顿三个月，暂停拜访")
    expires: dt.date | None = field(
        "豁免到期日。持续的状态（字段未填、尚未完成、仍超出限额）必填，到期后问题重新报告；已成定局的逾期"
        "（已经做了，记录显示做晚了：如投诉答复晚了、两次拜访间隔过长、报价在审批前已发出）留空，豁免一直有效，"
        "写了到期日也不会失效",
        "Date the waiver ends. Required for an ongoing state (a field not filled in, something not done yet, "
        "still over a limit): after it the finding is reported again. Leave it empty for a settled lateness "
        "(done, and the record shows it was done late: a complaint answered late, too long a gap between two "
        "visits, a quote sent before it was approved): that can never change, so the waiver applies for good, "
        "even past a date written here",
        default=None, example="2026-12-31")
