"""What every rule type shares: its parameters model and the outcome it reports into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from checker.findings import FieldPath, Message, Severity
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context


class Params(BaseModel):
    """Base of each rule type's parameters; unknown parameters are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


@dataclass
class Violation:
    entry: Entry | None
    path: FieldPath
    detail: Message
    values: dict[str, Any]
    severity: Severity | None = None  # None: the rule's own severity
    subject: str | None = None  # record id a waiver may name, when there is no entry


@dataclass
class Due:
    entry: Entry | None
    due: date
    detail: Message
    subject: str


@dataclass
class Outcome:
    """Collects what a rule found: violations, subjects checked, and upcoming due dates."""

    violations: list[Violation] = field(default_factory=list)
    due: list[Due] = field(default_factory=list)
    checked: int = 0

    def violation(self, entry: Entry | None, path: FieldPath, detail: Message,
                  severity: Severity | None = None, subject: str | None = None,
                  **values: Any) -> None:
        self.violations.append(Violation(entry, path, detail, values, severity, subject))

    def upcoming(self, entry: Entry | None, due: date, detail: Message, subject: str) -> None:
        self.due.append(Due(entry, due, detail, subject))


P = TypeVar("P", bound=Params)


class RuleType(Generic[P]):
    """One kind of duty. Subclasses set ``name`` and ``params`` and implement ``check``.

    The class docstring of each subclass is its documentation in the handbook.
    """

    name: ClassVar[str]
    params: ClassVar[type[Params]]
    needs_kinds: ClassVar[bool] = True

    def check(self, rule: RuleSpec, params: P, subjects: Sequence[Entry], ctx: Context,
              out: Outcome) -> None:
        raise NotImplementedError


class Span(Params):
    """A length of time: ``{days: 7}`` or ``{hours: 24}`` (negative counts backwards)."""

    days: int = 0
    hours: int = 0

    def delta(self) -> timedelta:
        return timedelta(days=self.days, hours=self.hours)

    def describe(self) -> Message:
        if self.hours and not self.days:
            return Message(f"{self.hours} 小时", f"{self.hours} hours")
        return Message(f"{self.days} 天", f"{self.days} days")


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
