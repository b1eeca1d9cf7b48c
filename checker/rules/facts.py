"""What rule types establish while they check, for the pages that show it.

The status pages never recompute what a rule decides: each rule type reports here the
facts behind its verdicts (usage per budget line, the interval in force per customer,
each period done / due / overdue, each deadline against its limit), the report carries
them per rule (``Report.facts``), and the pages only render them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from checker.findings import Message
from checker.records.types import Money


@dataclass(frozen=True)
class BudgetUsage:
    """One budget (or one line of it) as of the evaluation date."""

    record: str  # the budget or plan
    key: str | None  # the line's category, None for a single limit
    period: str | None  # the budget's period (``2026``) when it has one
    approved: Money  # as written on the record
    adjusted: Money  # approved adjustments in force by the evaluation date
    spent: Money  # spending dated on or before the evaluation date
    monthly: tuple[tuple[str, Money], ...]  # cumulative spending at the end of each month so far
    warn_ratio: Decimal

    @property
    def allowed(self) -> Money:
        return self.approved + self.adjusted

    @property
    def ratio(self) -> Decimal:
        return self.spent.ratio(self.allowed)

    @property
    def state(self) -> Literal["over", "near", "within"]:
        if self.spent > self.allowed:
            return "over"
        return "near" if self.allowed.amount > 0 and self.ratio >= self.warn_ratio else "within"


@dataclass(frozen=True)
class Interval:
    """A rolling duty for one group (a customer, a contract): the interval in force,
    the last event by the evaluation date and when the next one is due."""

    group: str
    every: int  # days
    last: date | None
    due: date
    overdue: bool


PeriodState = Literal["done", "late", "overdue", "open", "ahead"]


@dataclass(frozen=True)
class PeriodStatus:
    """One period of a calendar duty for one group ("" for the whole team): done (in
    time), late (done after its due date), overdue (not done, due date passed), open
    (not done, not yet due) or ahead (done before it is due)."""

    group: str
    period: str
    due: date
    state: PeriodState
    events: tuple[str, ...]  # ids of the records that cover it

    @property
    def missing(self) -> bool:
        return self.state == "overdue"


@dataclass(frozen=True)
class Elapsed:
    """One deadline on one record: when the clock started, when it was met (if yet),
    the due moment and the limit in words."""

    record: str
    start: datetime
    end: datetime | None
    due: datetime
    limit: Message
    late: bool  # met after the due moment, or not met and the due moment has passed
    in_hours: bool = False  # the limit is in hours (else days)

    @property
    def hours(self) -> Decimal | None:
        if self.end is None:
            return None
        return Decimal((self.end - self.start).total_seconds()) / 3600

    @property
    def days(self) -> int | None:
        return None if self.end is None else (self.end.date() - self.start.date()).days


Fact = BudgetUsage | Interval | PeriodStatus | Elapsed
