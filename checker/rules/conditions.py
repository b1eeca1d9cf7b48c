"""Evaluate the structured conditions of the rule data (never ``eval``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from checker.records import Record
from checker.records.ruleset import Condition
from checker.records.types import Money, Period
from checker.rules.paths import values


def comparable(found: Any, wanted: Any) -> tuple[Any, Any]:
    """Bring a record value and a rule parameter to one type for comparison."""
    if isinstance(found, Money):
        return found, Money.parse(wanted)  # a threshold without a currency is in CNY
    if isinstance(found, Period):
        found = str(found)
    if isinstance(found, bool) or isinstance(wanted, bool):
        return found, wanted if isinstance(wanted, bool) else str(wanted).lower() == "true"
    if isinstance(found, (Decimal, int, float)):
        try:
            return Decimal(str(found)), Decimal(str(wanted))
        except InvalidOperation:
            return str(found), str(wanted)
    if isinstance(found, datetime):
        return found, datetime.fromisoformat(str(wanted))
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


def matches(condition: Condition | None, record: Record) -> bool:
    """Whether ``record`` satisfies ``condition`` (no condition always matches)."""
    if condition is None:
        return True
    if condition.all_ is not None:
        return all(matches(c, record) for c in condition.all_)
    if condition.any_ is not None:
        return any(matches(c, record) for c in condition.any_)
    if condition.not_ is not None:
        return not matches(condition.not_, record)
    if condition.approved_by is not None:
        return any(a.role == condition.approved_by for a in record.approvals)
    assert condition.field is not None  # guaranteed by Condition's validator
    found = values(record, condition.field)
    if condition.exists is not None:
        return bool(found) == condition.exists
    if condition.in_ is not None:
        return any(same(*comparable(f, w)) for f in found for w in condition.in_)
    for op in ("equals", "not_equals", "gt", "ge", "lt", "le"):
        wanted = getattr(condition, op)
        if wanted is not None:
            return any(_compare(f, op, wanted) for f in found)
    return False
