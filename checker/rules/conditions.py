"""Evaluate the structured conditions of the rule data (never ``eval``).

A condition is turned once into a test (a closure) and kept for as long as the
condition lives: the rule pass asks the same few conditions of every record, so field
paths, operators and parameter values are worked out once, not once a record.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from checker.records import Record
from checker.records.ruleset import Condition
from checker.records.types import Money, Period, flag, team_time
from checker.rules.context import Context
from checker.rules.paths import reader

Test = Callable[[Record, Context, "date | None"], bool]
Convert = Callable[[Any], Any]


def _as_is(found: Any) -> Any:
    return found


def _decimal(found: Any) -> Decimal:
    return Decimal(str(found))


def _converter(kind: type, wanted: Any) -> tuple[Convert, Any]:
    """How to bring a record value of type ``kind`` and the rule parameter ``wanted`` to
    one type: the conversion of the value, and the parameter converted."""
    if issubclass(kind, Money):
        return _as_is, Money.parse(wanted)  # a threshold without a currency is in CNY
    if issubclass(kind, Period):
        if isinstance(wanted, bool):
            return str, flag(wanted)
        return str, wanted if isinstance(wanted, str) else str(wanted)
    if issubclass(kind, bool) or isinstance(wanted, bool):
        return _as_is, flag(wanted)
    if issubclass(kind, (Decimal, int, float)):
        try:
            return _decimal, Decimal(str(wanted))
        except InvalidOperation:
            return str, str(wanted)
    if issubclass(kind, datetime):
        return team_time, team_time(datetime.fromisoformat(str(wanted)))
    if issubclass(kind, date):
        return _as_is, date.fromisoformat(str(wanted))
    return _as_is, wanted if isinstance(wanted, str) else str(wanted)


def comparable(found: Any, wanted: Any) -> tuple[Any, Any]:
    """Bring a record value and a rule parameter to one type for comparison."""
    convert, right = _converter(type(found), wanted)
    return convert(found), right


def same(left: Any, right: Any) -> bool:
    """Equality of two comparable values (money by amount and currency, whatever its field type)."""
    if isinstance(left, Money) and isinstance(right, Money):
        return left.same_as(right)
    return bool(left == right)


def _differ(left: Any, right: Any) -> bool:
    return not same(left, right)


_OPERATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "equals": same, "not_equals": _differ, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt,
    "le": operator.le}


def _filled(found: Any) -> bool:
    """A value that is there: not empty text and not an empty list."""
    return not (isinstance(found, (str, tuple, list)) and not found)


class _Against:
    """One rule parameter, converted once for each type of record value it meets."""

    def __init__(self, wanted: Any) -> None:
        self.wanted = wanted
        self._by_type: dict[type, tuple[Convert, Any]] = {}

    def pair(self, found: Any) -> tuple[Any, Any]:
        kind = type(found)
        known = self._by_type.get(kind)
        if known is None:  # a parameter that cannot be converted raises here, every time
            known = self._by_type[kind] = _converter(kind, self.wanted)
        return known[0](found), known[1]


def _compile(condition: Condition) -> Test:
    if condition.all_ is not None:
        parts = [compiled(c) for c in condition.all_]
        return lambda record, ctx, on: all(part(record, ctx, on) for part in parts)
    if condition.any_ is not None:
        parts = [compiled(c) for c in condition.any_]
        return lambda record, ctx, on: any(part(record, ctx, on) for part in parts)
    if condition.not_ is not None:
        inner = compiled(condition.not_)
        return lambda record, ctx, on: not inner(record, ctx, on)
    if condition.approved_by is not None:
        roles = (condition.approved_by,)
        return lambda record, ctx, on: ctx.approved(record, roles, on)
    assert condition.field is not None  # guaranteed by Condition's validator
    read = reader(condition.field)
    if condition.exists is not None:
        exists = condition.exists
        return lambda record, ctx, on: any(_filled(f) for f in read(record)) == exists
    if condition.in_ is not None:
        choices = [_Against(w) for w in condition.in_]
        return lambda record, ctx, on: any(
            same(*choice.pair(f)) for f in read(record) if _filled(f) for choice in choices)
    for name, operation in _OPERATIONS.items():
        wanted = getattr(condition, name)
        if wanted is not None:
            against = _Against(wanted)
            return lambda record, ctx, on: any(
                bool(operation(*against.pair(f))) for f in read(record) if _filled(f))
    return lambda record, ctx, on: False


_COMPILED: dict[int, tuple[Condition, Test]] = {}  # id -> (the condition, kept alive so its id stays its own; test)


def compiled(condition: Condition) -> Test:
    """The test ``condition`` stands for, made once."""
    known = _COMPILED.get(id(condition))
    if known is None or known[0] is not condition:
        known = _COMPILED[id(condition)] = (condition, _compile(condition))
    return known[1]


def matches(condition: Condition | None, record: Record, ctx: Context, on: date | None = None) -> bool:
    """Whether ``record`` satisfies ``condition`` (no condition always matches).

    ``approved_by`` asks the one definition of a valid approval (``Context.valid_approvals``):
    given in that role by someone holding it that day, not the owner, dated by the
    evaluation date — and, with ``on``, by that date (the day of the event it gates)."""
    if condition is None:
        return True
    return compiled(condition)(record, ctx, on)
