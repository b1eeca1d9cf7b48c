"""A readable name for a record, shown beside its id: the customer's name for a customer,
a visit or a quote; the month for a monthly plan; the person for an appraisal.

Labels are made only of fields the site may publish (never a private field such as a
phone number or an appraisal comment), on one line and at most ``LIMIT`` characters.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.findings import Message
from checker.records import Record
from checker.records.expenses import CATEGORY_NAMES
from checker.records.general import Person, Role

LIMIT = 40
_MEETINGS = {"weekly": ("周会", "weekly meeting"), "monthly": ("月会", "monthly meeting"),
             "cross-department": ("跨部门协调会", "cross-department meeting")}
# Kinds whose label is a person's name, and the field naming that person.
_ABOUT_PERSON = {"appraisal": "person", "incentive": "person", "career-plan": "person"}
# Kinds whose label is the customer's name (an opportunity adds its title).
_ABOUT_CUSTOMER = ("visit", "complaint", "quote", "contract", "opportunity")
# Kinds whose label is one text or period field of their own, in this order of preference.
_OWN_FIELDS = ("name", "topic", "course", "description", "title", "month", "period", "year", "version", "plan")


def _short(text: str) -> str:
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= LIMIT else one_line[:LIMIT - 1] + "…"


class Labeller:
    """Labels for the records of one repository (names looked up by id)."""

    def __init__(self, records: Mapping[str, Record]) -> None:
        self.records = records

    def _name(self, record_id: object) -> str | None:
        found = self.records.get(str(record_id))
        name = getattr(found, "name", None) if found is not None else None
        return str(name) if name else None

    def _detail(self, record: Record) -> Message | str | None:
        kind = record.kind
        if kind in _ABOUT_PERSON:
            person = getattr(record, _ABOUT_PERSON[kind])
            name = self._name(person) or str(person)
            period = getattr(record, "period", None)
            return f"{name} {period}" if period else name
        if kind in _ABOUT_CUSTOMER:
            customer = getattr(record, "customer", None)
            customer_name = self._name(customer) or (str(customer) if customer else None)
            title = getattr(record, "title", None) if kind == "opportunity" else None
            return " · ".join(part for part in (customer_name, title) if part) or None
        if kind == "meeting":
            zh, en = _MEETINGS.get(str(getattr(record, "type", "")), ("会议", "meeting"))
            day = getattr(record, "date", "")
            return Message(f"{zh} {day}", f"{en} {day}")
        if kind == "kpi-set":
            role = self.records.get(str(getattr(record, "role", "")))
            year = getattr(record, "year", "")
            if isinstance(role, Role):
                return Message(f"{role.name_zh} {year}", f"{role.name_en} {year}")
            return f"{getattr(record, 'role', '')} {year}"
        if kind == "budget-adjustment":
            category = str(getattr(record, "category", ""))
            zh, en = CATEGORY_NAMES.get(category, (category, category))
            return Message(zh, en)
        if kind == "waiver":
            return f"{getattr(record, 'rule', '')} · {getattr(record, 'record', '')}"
        for name in _OWN_FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                return str(value)
        return None

    def about(self, record: Record) -> str | None:
        """The person a record's label names (a person record itself; the person appraised,
        rewarded or career-planned), by id; None when the label names nobody."""
        if isinstance(record, Person):
            return record.id
        if record.kind in _ABOUT_PERSON:
            person = getattr(record, _ABOUT_PERSON[record.kind], None)
            return str(person) if person else None
        return None

    def label(self, record: Record) -> Message | None:
        """The record's label in both languages, or None when nothing readable is known."""
        if isinstance(record, Person):
            return Message(_short(record.name), _short(record.name))
        if isinstance(record, Role):
            return Message(_short(record.name_zh), _short(record.name_en))
        if record.kind == "customer":
            name = _short(getattr(record, "name", ""))
            return Message(name, name) if name else None
        detail = self._detail(record)
        if detail is None:
            return None
        zh, en = (detail.zh, detail.en) if isinstance(detail, Message) else (detail, detail)
        return Message(_short(f"{record.title_zh}：{zh}"), _short(f"{record.title_en}: {en}"))
