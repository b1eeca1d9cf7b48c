"""What every rule type shares: its parameters model and the outcome it reports into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel, ConfigDict

from checker.findings import FieldPath, Lang, Message, Severity
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context
from checker.rules.facts import Fact
from checker.rules.words import Code, DayCount, Names, Words, compact, span
from checker.rules.workdays import Workdays


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
    period: str | None = None  # the period a periodic duty concerns, when the subject has several
    file: str | None = None  # without an entry: where the record due belongs, under the records folder


@dataclass
class Outcome:
    """Collects what a rule found: violations, subjects checked, and upcoming due dates."""

    violations: list[Violation] = field(default_factory=list)
    due: list[Due] = field(default_factory=list)
    checked: int = 0
    facts: list[Fact] = field(default_factory=list)  # what the pages show (checker.rules.facts)

    def violation(self, entry: Entry | None, path: FieldPath, detail: Message,
                  severity: Severity | None = None, subject: str | None = None,
                  **values: Any) -> None:
        self.violations.append(Violation(entry, path, detail, values, severity, subject))

    def upcoming(self, entry: Entry | None, due: date, detail: Message, subject: str,
                 period: str | None = None, file: str | None = None) -> None:
        self.due.append(Due(entry, due, detail, subject, period, file))

    def fact(self, fact: Fact) -> None:
        self.facts.append(fact)


P = TypeVar("P", bound=Params)
M = TypeVar("M", bound=date)  # a date or a datetime


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

    def describe(self, params: P, lang: Lang, names: Names) -> dict[str, Words]:
        """Each parameter the rule sets, in plain words, for the rule boxes, the catalogue and
        messages. A rule type words its own parameters; by default one shows as written."""
        return {name: (Code(compact(value)),) for name, value in params.model_dump(
            by_alias=True, exclude_unset=True).items()}


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

    def after(self, start: M, workdays: Workdays | None = None) -> M:
        """``start`` moved by this span; with ``workdays``, ``days`` are working days (the
        time of day is kept, ``hours`` are clock hours)."""
        if workdays is None or not self.days:
            return start + self.delta()
        if isinstance(start, datetime):
            moved: date = datetime.combine(workdays.shift(start.date(), self.days), start.timetz())
        else:
            moved = workdays.shift(start, self.days)
        return cast(M, moved + timedelta(hours=self.hours))

    def words(self, day_count: DayCount, lang: Lang) -> str:
        """"30 个自然日" / "3 working days" / "24 小时"."""
        return span(self.days, self.hours, day_count, lang)


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
