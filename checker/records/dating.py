"""The date that matters for a record: which rule-set version judges it.

A rule change must never rewrite the past, so a record is judged by the rule-set
version in force on its own date: a visit's day, a quote's sending, a contract's
signing, a period's first day. A kind names its fields in ``judged_by`` (the first one
with a value counts); without that, its first date field in declaration order is used.
People, roles and other timeless records have no such date: the version in force on
the evaluation date judges them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from checker.records import Record
from checker.records.introspect import _unwrap
from checker.records.types import Period


def _as_day(value: Any) -> dt.date | None:
    if isinstance(value, Period):
        return value.start
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


@cache
def date_fields(model: type[Record]) -> tuple[str, ...]:
    """The attribute names whose date decides which rule-set version judges ``model``."""
    if model.judged_by is not None:
        return model.judged_by
    for name, info in model.model_fields.items():
        core, _ = _unwrap(info.annotation)
        if core in (dt.date, dt.datetime, Period):
            return (name,)
    return ()


def judged_on(record: Record) -> dt.date | None:
    """The record's own date, or None for a timeless record."""
    for name in date_fields(type(record)):
        day = _as_day(getattr(record, name, None))
        if day is not None:
            return day
    return None
