"""Working days in mainland China (工作日): public holidays and make-up working days.

The calendar of a year is, first, the team's own record of it: a holiday-calendar record
that counts (approved as the rule set asks, see ``checker.rules.holidays``). Else it is
the data of the ``chinese-calendar`` package (the State Council's yearly holiday
schedule: which days are holidays, which weekend days are worked instead). The package
covers the years its release knows; the schedule for a year is published late in the
year before, so the package needs a yearly update, and the team can record the year
itself until the update is out.

For a year in neither, Monday to Friday are the working days (the fallback), and the
year is remembered: the engine reports a rule that relied on the fallback for a date
up to the evaluation year (see the guide's page on rules). Later years only shape
upcoming deadlines, which are estimates until their year's schedule is out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

import chinese_calendar

_HOLIDAYS = cast(dict[date, object], chinese_calendar.holidays)
_WORKDAYS = cast(dict[date, object], chinese_calendar.workdays)
FIRST_YEAR = min(day.year for day in _HOLIDAYS)
LAST_YEAR = max(day.year for day in _HOLIDAYS)
_ONE = timedelta(days=1)


def known(year: int) -> bool:
    """Whether the chinese-calendar package has ``year``."""
    return FIRST_YEAR <= year <= LAST_YEAR


def package_working(day: date) -> bool | None:
    """Whether ``day`` is a working day by the chinese-calendar package; None when it does not have the year."""
    if not known(day.year):
        return None
    return day in _WORKDAYS or (day.weekday() < 5 and day not in _HOLIDAYS)


def days_of(year: int) -> Iterator[date]:
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += _ONE


@dataclass(frozen=True)
class TeamYear:
    """One year's working days as a holiday calendar of the team says: the days of its
    holidays are off, its make-up working days are worked, the others are Monday to Friday."""

    record: str  # the holiday-calendar record's id
    year: int
    off: frozenset[date]
    worked: frozenset[date]

    def working(self, day: date) -> bool:
        return day in self.worked or (day.weekday() < 5 and day not in self.off)

    def differences(self) -> list[date]:
        """The days of the year the chinese-calendar package counts otherwise (none when it
        does not have the year)."""
        if not known(self.year):
            return []
        return [day for day in days_of(self.year) if self.working(day) != package_working(day)]


class Workdays:
    """Which days are working days: by the team's calendar of the year (``team``, the ones
    that count), else by the package, else Monday to Friday; remembers the years it had to guess."""

    def __init__(self, team: Mapping[int, TeamYear] | None = None) -> None:
        self.guessed: set[int] = set()
        self.team: dict[int, TeamYear] = dict(team or {})

    def working(self, day: date) -> bool:
        own = self.team.get(day.year)
        if own is not None:
            return own.working(day)
        found = package_working(day)
        if found is None:
            self.guessed.add(day.year)
            return day.weekday() < 5
        return found

    def shift(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (before it when negative); ``day`` itself
        is not counted, so a duty that starts on a holiday has its first working day as day 1."""
        step = _ONE if count >= 0 else -_ONE
        left = abs(count)
        while left:
            day += step
            if self.working(day):
                left -= 1
        return day

    def any_working(self, start: date, end: date) -> bool:
        """Whether ``start``..``end`` (inclusive) holds a working day."""
        day = start
        while day <= end:
            if self.working(day):
                return True
            day += _ONE
        return False

    def take_guessed(self, up_to: int) -> list[int]:
        """The guessed years up to ``up_to``, sorted; forgets every guessed year."""
        found = sorted(year for year in self.guessed if year <= up_to)
        self.guessed.clear()
        return found
