"""Waivers: management's approved exception to one rule for one record."""

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
    rule: str = field("被豁免的规则编号", "Rule id waived", example="customer-key-visited")
    record: str = field("被豁免的记录编号", "Record id the waiver applies to", example="C-0007")
    reason: str = field("豁免原因", "Why the rule does not apply here", example="客户停产整顿三个月，暂停拜访")
    expires: dt.date = field("豁免到期日", "Date the waiver ends", example="2026-12-31")
