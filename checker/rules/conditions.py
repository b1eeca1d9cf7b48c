"""Evaluate the structured conditions of the rule data (never ``eval``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from checker.records import Record
from checker.records.ruleset import Condition
from checker.records.types import Money, Period, flag, team_time
from checker.rules.context import Context
from checker.rules.paths import values


def comparable(found: Any, wanted: Any) -> tuple[Any, Any]:
    """Bring a record value and a rule parameter to one type for comparison."""
    if isinstance(found, Money):
        return found, Money.parse(wanted)  # a threshold without a currency is in CNY
    if isinstance(found, Period):
        found = str(found)
    if isinstance(found, bool) or isinstance(wanted, bool):
        return found, flag(wanted)
    if isinstance(found, (Decimal, int, float)):
        try:
            return Decimal(str(found)), Decimal(str(wanted))
        except InvalidOperation:
            return str(found), str(wanted)
    if isinstance(found, datetime):
        return team_time(found), team_time(datetime.fromisoformat(str(wanted)))
    if isinstance(found, date):
        return found, date.fromisoformat(str(wanted))
    return found, wanted if isinstance(wanted, str) else str(wanted)


def same(left: Any, right: Any) -> bool:
    """Equality of two comparable values (money by amount and currency, whatever its field type)."""
    if isinstance(left, Money) and isinstance(right, Money):
        return left.same_as(right)
    return bool(left == right)


def _compare(found: Any, op: str, wanted: Any) -> bool:
    left, right = comparable(found, wanted)
    if op == "equals":
        return same(left, right)
    if op == "not_equals":
        return not same(left, right)
    if op == "gt":
        return bool(left > right)
    if op == "ge":
        return bool(left >= right)
    if op == "lt":
        return bool(left < right)
    return bool(left <= right)


def _filled(found: Any) -> bool:
    """A value that is there: not empty text and not an empty list."""
    return not (isinstance(found, (str, tuple, list)) and not found)


def matches(condition: Condition | None, record: Record, ctx: Context, on: date | None = None) -> bool:
    """Whether ``record`` satisfies ``condition`` (no condition always matches).

    ``approved_by`` asks the one definition of a valid approval (``Context.valid_approvals``):
    given in that role by someone holding it that day, not the owner, dated by the
    evaluation date — and, with ``on``, by that date (the day of the event it gates)."""
    if condition is None:
        return True
    if condition.all_ is not None:
        return all(matches(c, record, ctx, on) for c in condition.all_)
    if condition.any_ is not None:
        return any(matches(c, record, ctx, on) for c in condition.any_)
    if condition.not_ is not None:
        return not matches(condition.not_, record, ctx, on)
    if condition.approved_by is not None:
        return ctx.approved(record, (condition.approved_by,), on)
    assert condition.field is not None  # guaranteed by Condition's validator
    found = [f for f in values(record, condition.field) if _filled(f)]
    if condition.exists is not None:
        return bool(found) == condition.exists
    if condition.in_ is not None:
        return any(same(*comparable(f, w)) for f in found for w in condition.in_)
    for op in ("equals", "not_equals", "gt", "ge", "lt", "le"):
        wanted = getattr(condition, op)
        if wanted is not None:
            return any(_compare(f, op, wanted) for f in found)
    return False
