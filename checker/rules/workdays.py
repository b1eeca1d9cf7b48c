"""Working days in mainland China (工作日): public holidays and make-up working days.

The calendar is data from the ``chinese-calendar`` package (the State Council's yearly
holiday schedule: which days are holidays, which weekend days are worked instead). It
covers the years its release knows; the schedule for a year is published late in the
year before, so the package needs a yearly update.

For a year outside the data, Monday to Friday are the working days (the fallback), and
the year is remembered: the engine reports a rule that relied on the fallback for a date
up to the evaluation year (see the guide's page on rules). Later years only shape
upcoming deadlines, which are estimates until their year's schedule is out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import chinese_calendar

_HOLIDAYS = cast(dict[date, object], chinese_calendar.holidays)
_WORKDAYS = cast(dict[date, object], chinese_calendar.workdays)
FIRST_YEAR = min(day.year for day in _HOLIDAYS)
LAST_YEAR = max(day.year for day in _HOLIDAYS)
_ONE = timedelta(days=1)


def known(year: int) -> bool:
    """Whether the holiday calendar has ``year``."""
    return FIRST_YEAR <= year <= LAST_YEAR


class Workdays:
    """Which days are working days; remembers the years it had to guess."""

    def __init__(self) -> None:
        self.guessed: set[int] = set()

    def working(self, day: date) -> bool:
        if not known(day.year):
            self.guessed.add(day.year)
            return day.weekday() < 5
        return day in _WORKDAYS or (day.weekday() < 5 and day not in _HOLIDAYS)

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
