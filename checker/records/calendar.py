"""Chapter 1 (general): the year's public holidays as the team records them (节假日日历).

Working days come from the ``chinese-calendar`` package, which copies the State
Council's yearly notice; it catches up some time after the notice is out. Until then the
team records the year's schedule itself, copied from the notice: the days off of each
holiday (weekends inside them included) and the weekend days worked in lieu (调休上班).
A calendar counts working days only once the role the rule set names has approved it
(``checker.rules.holidays``); then it takes precedence over the package.

The model checks that the days fit together, each problem at its own line: every date
lies in the calendar's year, a holiday ends no earlier than it starts and overlaps no
other, a make-up working day is a Saturday or Sunday outside every holiday, listed once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import model_validator

from checker.findings import Message
from checker.records.base import Part, Problem, Record, RecordProblems
from checker.records.fields import field
from checker.records.types import WEEKDAYS, PeriodField


class Notice(Part):
    """The State Council's notice the calendar copies."""

    title: str = field("通知标题", "Title of the notice",
                       example="国务院办公厅关于2026年部分节假日安排的通知")
    published: dt.date = field("通知发布日期", "Date the notice was published", example="2025-11-04")
    number: str | None = field("文号（如有）", "Its reference number, if it has one", default=None)


class Holiday(Part):
    """One holiday of the notice: its days off, from the first to the last."""

    name: str = field("节日名称", "Name of the holiday", example="春节")
    start: dt.date = field("放假第一天", "First day off", alias="from", example="2026-02-15")
    end: dt.date = field("放假最后一天（含当天；只放一天时与 from 相同）",
                         "Last day off (inclusive; the same as from for a single day)", alias="to",
                         example="2026-02-23")

    def days(self) -> Iterator[dt.date]:
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)


def _weekday(day: dt.date) -> Message:
    return Message(*WEEKDAYS[day.weekday()])


class HolidayCalendar(Record):
    chapter = "1"
    folder = "calendars"
    id_example = "HC-2026"
    title_zh = "节假日日历"
    title_en = "Holiday calendar"
    # who approves a calendar is asked of the rule set in force today, as for a waiver: a calendar
    # is not an event of its year, and one recorded late must not wait for a rule set of that year
    judged_by = ()

    kind: Literal["holiday-calendar"]
    year: PeriodField = field("日历所属年份", "Year of the calendar", example="2026")
    source: Notice = field("所依据的国务院办公厅通知", "The State Council's notice it copies")
    holidays: tuple[Holiday, ...] = field(
        "放假安排：通知中每个节日放假的第一天和最后一天（放假期间的周末也算在内）",
        "Holidays: the first and last day off of each holiday of the notice (weekends inside them included)")
    workdays: tuple[dt.date, ...] = field(
        "调休上班日：通知中要求上班的周六、周日",
        "Make-up working days: the Saturdays and Sundays the notice makes working days", default=(),
        example=["2026-02-14", "2026-02-28"])

    def days_off(self) -> frozenset[dt.date]:
        """Every day of every holiday."""
        return frozenset(day for holiday in self.holidays for day in holiday.days())

    def days_worked(self) -> frozenset[dt.date]:
        """The weekend days worked in lieu."""
        return frozenset(self.workdays)

    @model_validator(mode="after")
    def _days_fit(self) -> HolidayCalendar:
        problems = list(_problems(self))
        if problems:
            raise RecordProblems(problems)
        return self


def _problems(calendar: HolidayCalendar) -> Iterator[Problem]:
    period = calendar.year
    if period.unit != "year":
        yield Problem(("year",), Message(f"year 应为一个年份（如 2027），实际是 {period}。",
                                         f"year must be a year (such as 2027), found {period}."),
                      Message("写成四位数的年份，例如 year: 2027。", "Write the year in four digits, e.g. year: 2027."))
        return
    year = period.start.year
    elsewhere = Message(f"节假日日历只记 {year} 年的日子：对照通知改正日期。通知中落在其他年份的放假日或上班日"
                        f"（如上一年年底的元旦假期），记入那一年的日历。",
                        f"A holiday calendar holds the days of its own year, {year}: correct the date as the notice "
                        "has it. A day of the notice in another year (a New Year holiday starting in late "
                        "December) goes in that year's calendar.")
    for index, holiday in enumerate(calendar.holidays):
        said = Message(f"第 {index + 1} 个假期（{holiday.name}）", f"Holiday {index + 1} ({holiday.name})")
        for name, day in (("from", holiday.start), ("to", holiday.end)):
            if day.year != year:
                yield Problem(("holidays", index, name),
                              Message(f"{said.zh}的 {name} 日期 {day} 不在 {year} 年内。",
                                      f"{said.en}: {name} {day} is not in {year}."), elsewhere)
        if holiday.end < holiday.start:
            yield Problem(("holidays", index, "to"),
                          Message(f"{said.zh}的最后一天 to {holiday.end} 早于第一天 from {holiday.start}。",
                                  f"{said.en}: its last day, to {holiday.end}, is before its first, "
                                  f"from {holiday.start}."),
                          Message("from 写放假的第一天，to 写最后一天（含当天）；只放一天时两者相同。",
                                  "Write the first day off in from and the last (inclusive) in to; for a single "
                                  "day, both are the same."))
    yield from _overlaps(calendar)
    seen: set[dt.date] = set()
    for index, day in enumerate(calendar.workdays):
        where = ("workdays", index)
        if day in seen:
            yield Problem(where, Message(f"调休上班日 {day} 写了两次。", f"Make-up working day {day} is listed twice."),
                          Message("删除重复的一项。", "Delete the repeated item."))
            continue
        seen.add(day)
        if day.year != year:
            yield Problem(where, Message(f"调休上班日 {day} 不在 {year} 年内。",
                                         f"Make-up working day {day} is not in {year}."), elsewhere)
        elif day.weekday() < 5:
            weekday = _weekday(day)
            yield Problem(where, Message(
                f"调休上班日 {day} 是{weekday.zh}：调休上班日是通知要求上班的周六或周日，周一至周五本来就是工作日。",
                f"Make-up working day {day} is a {weekday.en}: a make-up working day is a Saturday or Sunday the "
                "notice makes a working day; Monday to Friday are working days anyway."),
                Message("对照通知改正日期（通知写作“2月14日（周六）上班”），或删除这一项。",
                        "Correct the date as the notice has it (it says, e.g., “2月14日（周六）上班”: "
                        "Saturday 14 February is worked), or delete the item."))
        for number, holiday in enumerate(calendar.holidays, 1):
            if holiday.start <= day <= holiday.end:
                yield Problem(where, Message(
                    f"调休上班日 {day} 在第 {number} 个假期（{holiday.name}，{holiday.start} 至 {holiday.end}）之内："
                    "同一天不能既放假又上班。",
                    f"Make-up working day {day} lies inside holiday {number} ({holiday.name}, {holiday.start} to "
                    f"{holiday.end}): a day cannot be both off and worked."),
                    Message("对照通知改正调休上班日或该假期的日期。",
                            "Correct the make-up working day or the holiday's dates as the notice has them."))
                break


def _overlaps(calendar: HolidayCalendar) -> Iterator[Problem]:
    """Each holiday that shares a day with one listed before it, named with that one."""
    for index, holiday in enumerate(calendar.holidays):
        for number, other in enumerate(calendar.holidays[:index], 1):
            if other.start <= other.end and holiday.start <= holiday.end and (
                    holiday.start <= other.end and other.start <= holiday.end):
                yield Problem(("holidays", index, "from"), Message(
                    f"第 {index + 1} 个假期（{holiday.name}，{holiday.start} 至 {holiday.end}）与第 {number} 个假期"
                    f"（{other.name}，{other.start} 至 {other.end}）有重叠的日子。",
                    f"Holiday {index + 1} ({holiday.name}, {holiday.start} to {holiday.end}) shares days with "
                    f"holiday {number} ({other.name}, {other.start} to {other.end})."),
                    Message("每一天只属于一个假期：对照通知改正日期。两个节日连在一起放假时（如中秋节和国庆节），"
                            "按通知写成一个假期，或两个首尾相接、互不重叠的假期。",
                            "Each day belongs to one holiday: correct the dates as the notice has them. When two "
                            "festivals run together (Mid-autumn and National Day), write them as the notice does: "
                            "one holiday, or two that follow each other without sharing a day."))
                break
