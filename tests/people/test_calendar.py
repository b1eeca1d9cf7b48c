"""Deadline calendars: one event per duty, with an id that survives date changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from icalendar import Calendar

from checker.people.agenda import agenda
from checker.people.calendar import _fold, _text, calendar, stamp_of, uid
from checker.rules.engine import Report


@dataclass(frozen=True)
class Event:
    start: date
    end: date
    summary: str
    description: str
    stamp: datetime


def events(ics: bytes) -> dict[str, Event]:
    parsed = Calendar.from_ical(ics)
    return {str(e["UID"]): Event(e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"]), str(e["DESCRIPTION"]),
                                 e.decoded("DTSTAMP")) for e in parsed.walk("VEVENT")}


def person_calendar(report: Report, person: str, lang: str = "zh") -> bytes:
    found = agenda(report, person, within=None)
    titles = {r.id: r.describe(lang) for r in report.ruleset.rules}
    return calendar("日历", [*found.overdue, *found.soon, *found.approvals], titles, lang,  # type: ignore[arg-type]
                    stamp_of(report.as_of))


def test_every_dated_item_is_an_all_day_event_on_its_due_date(report: Report) -> None:
    found = events(person_calendar(report, "p-zhang"))
    assert found["due/key-customers-visited/C-1@handbook"].start == date(2026, 12, 1)
    assert found["due/key-customers-visited/C-1@handbook"].end == date(2026, 12, 2)
    assert set(found) == {"due/key-customers-visited/C-1@handbook", "due/key-customers-visited/C-2@handbook",
                          "due/quote-approved-by-manager/QT-1@handbook", "due/quote-approved-by-manager/QT-2@handbook"}


def test_an_overdue_event_is_marked_so(report: Report) -> None:
    found = events(person_calendar(report, "p-zhang", "en"))
    assert found["due/quote-approved-by-manager/QT-2@handbook"].summary.startswith("[Overdue] QT-2 Quote: ")


def test_an_approvers_calendar_has_the_records_waiting_for_them(report: Report) -> None:
    found = events(person_calendar(report, "p-wang"))
    assert {"approve/approval/QT-1@handbook", "approve/approval/QT-2@handbook"} <= set(found)
    assert found["approve/approval/QT-1@handbook"].summary.startswith("【待你审批】QT-1 销售报价：杭州华新机电有限公司")
    assert "负责人：张伟（p-zhang）" in found["approve/approval/QT-1@handbook"].description


def test_a_periodic_team_duty_gets_one_event_per_period(report: Report) -> None:
    found = events(person_calendar(report, "p-li"))
    assert {"due/weekly-meeting/2026-W44@handbook", "due/weekly-meeting/2026-W48@handbook"} <= set(found)


def test_when_a_due_date_moves_the_event_keeps_its_id(report_on: Callable[[date], Report]) -> None:
    before = events(person_calendar(report_on(date(2026, 11, 27)), "p-zhang"))
    after = events(person_calendar(report_on(date(2026, 12, 3)), "p-zhang"))  # C-1's visit now overdue
    key = "due/key-customers-visited/C-1@handbook"
    assert before[key].summary != after[key].summary and after[key].summary.startswith("【逾期】")


def test_the_same_records_give_the_same_file(report: Report) -> None:
    assert person_calendar(report, "p-zhang") == person_calendar(report, "p-zhang")
    assert next(iter(events(person_calendar(report, "p-zhang")).values())).stamp.date() == date(2026, 11, 27)


def test_uids_are_ascii_whatever_the_record_id(report: Report) -> None:
    item = agenda(report, "p-zhang", within=7).soon[0]
    odd = type(item)(**{**item.__dict__, "record": "客户 1"})
    assert uid(odd) == "due/key-customers-visited/%E5%AE%A2%E6%88%B7%201@handbook"


@pytest.mark.parametrize("text", ["a,b;c\\d", "第一行\r\nBEGIN:VEVENT\rUID:x\nEND:VCALENDAR", "长" * 200, "\\" * 90,
                                  "é" * 100 + "\\n,;" * 30])
def test_text_is_one_folded_value_that_reads_back_as_written(text: str) -> None:
    folded = _fold("DESCRIPTION:" + _text(text))
    lines = folded.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:-1])  # continuations only: no line of its own
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n" + folded + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == text.replace("\r\n", "\n").replace("\r", "\n")


def test_work_done_late_has_no_event_work_still_undone_keeps_its_own(late: Report) -> None:
    found = events(person_calendar(late, "p-zhang", "en"))
    assert "due/complaint-answered/CP-2@handbook" in found and "due/complaint-answered/CP-1@handbook" not in found
    assert "due/quote-approved-by-manager/QT-3@handbook" not in found
    assert "due/new-customers-followed-up/C-3@handbook" not in found


def test_an_event_handed_over_moves_to_the_successors_calendar_and_says_from_whom(left: Report) -> None:
    assert events(person_calendar(left, "p-zhang")) == {}
    found = events(person_calendar(left, "p-sun", "en"))
    event = found["due/key-customers-visited/C-2@handbook"]  # the same id it had on 张伟's calendar
    assert "Owner: 孙丽 (p-sun), handed over from 张伟 (p-zhang, last day 2026-11-30)" in event.description
