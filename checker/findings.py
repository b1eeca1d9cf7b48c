"""A finding: what is wrong, where, which clause requires it, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Lang = Literal["zh", "en"]
Change = Literal["new", "existing"]
FailOn = Literal["new", "touched", "all"]  # which errors fail a check (Report.blocking)
FAIL_ON: tuple[FailOn, ...] = ("new", "touched", "all")
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Message:
    """A text in both languages of the handbook."""

    zh: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Handover:
    """Who a finding or due item passed from: a person who has left (holds no role any more
    after ``last_day``, their last day in a role), whose open work now goes to whoever holds,
    that day, the role that answers for it (``checker.people.owners``)."""

    person: str  # the leaver's person id
    name: str | None  # their name (public)
    last_day: str  # YYYY-MM-DD: the last day of their last role


@dataclass
class Finding:
    file: str
    rule: str
    severity: Severity
    message: Message
    fix: Message
    clause: str | None = None
    record: str | None = None
    line: int | None = None
    column: int | None = None
    path: FieldPath = field(default=())
    change: Change | None = None  # against a base revision (check --base): introduced or already there
    due: str | None = None  # the date (YYYY-MM-DD) it was due by, for a duty done late or not at all
    settled: bool = False  # a settled lateness (checker.rules.situations.settled): it can no longer change
    period: str | None = None  # the period a periodic duty concerns (2026-10, 2026-Q3)
    owner: str | None = None  # person id of who must act (checker.people.owners)
    owner_name: str | None = None  # that person's name (public)
    label: Message | None = None  # a readable name of the record beside its id: the customer, the plan
    handover: Handover | None = None  # the leaver it passed from, when its owner has left

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule)


@dataclass
class RuleResult:
    """How one rule fared: how many subjects it checked and how many findings it made."""

    rule: str
    checked: int = 0
    findings: int = 0
    waived: int = 0

    @property
    def passed(self) -> int:
        return max(self.checked - self.findings - self.waived, 0)


@dataclass(frozen=True)
class DueItem:
    """Something a rule expects by a date: used by the deadlines page."""

    rule: str
    clause: str
    file: str
    record: str
    what: Message
    due: str
    overdue: bool
    period: str | None = None  # the period a periodic duty concerns (2026-10, 2026-Q3)
    owner: str | None = None  # person id of who must act (checker.people.owners)
    owner_name: str | None = None  # that person's name (public)
    label: Message | None = None  # a readable name of the record beside its id
    handover: Handover | None = None  # the leaver it passed from, when its owner has left
