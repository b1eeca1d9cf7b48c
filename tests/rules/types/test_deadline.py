"""deadline: days and hours, negative spans, direction after, missing ends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from checker.rules.engine import Report
from checker.rules.facts import Elapsed
from tests.conftest import rule


def complaint(**extra: Any) -> dict[str, Any]:
    return {"kind": "complaint", "id": "CP-1", "owner": "p-zhang-wei", "customer": "C-1",
            "received": "2026-04-08T09:30", "channel": "电话", "description": "延迟", **extra}


HOURS = rule("r", "deadline", {"start": "received", "end": "first_response", "within": {"hours": 24}},
             kinds=["complaint"])


def found(report: Report) -> list[str]:
    return [f.message.en for f in report.findings if f.rule == "r"]


def test_hours_to_the_minute(check_rule: Callable[..., Report]) -> None:
    assert found(check_rule(HOURS, [complaint(first_response="2026-04-09T09:30")], "2026-05-01")) == []
    [message] = found(check_rule(HOURS, [complaint(first_response="2026-04-09T09:31")], "2026-05-01"))
    assert "2026-04-09 09:31" in message and "2026-04-09 09:30" in message


def test_missing_end_is_upcoming_until_due(check_rule: Callable[..., Report]) -> None:
    report = check_rule(HOURS, [complaint()], "2026-04-08")
    assert found(report) == []
    assert [(d.record, d.due) for d in report.due] == [("CP-1", "2026-04-09")]


def test_missing_end_is_overdue_after_due(check_rule: Callable[..., Report]) -> None:
    report = check_rule(HOURS, [complaint()], "2026-04-10")
    [message] = found(report)
    assert "still not recorded" in message
    assert report.findings[0].path[-1] == "first_response"


def plan(prepared: str, year: str = "2026") -> dict[str, Any]:
    return {"kind": "annual-plan", "id": "AP", "owner": "p-wang-jun", "year": year, "prepared": prepared,
            "goals": [{"text": "g"}], "strategies": ["s"], "activities": [{"name": "a", "start": "2026-03-01"}]}


NEGATIVE = rule("r", "deadline", {"start": "period_start", "end": "prepared", "within": {"days": -1}},
                kinds=["annual-plan"])


def test_negative_within(check_rule: Callable[..., Report]) -> None:
    assert found(check_rule(NEGATIVE, [plan("2025-12-31")], "2026-03-01")) == []
    [message] = found(check_rule(NEGATIVE, [plan("2026-01-01")], "2026-03-01"))
    assert "2026-01-01" in message and "2025-12-31" in message


def incentive(decided: str, coaching: list[str]) -> dict[str, Any]:
    return {"kind": "incentive", "id": "IN-1", "owner": "p-li-na", "person": "p-zhang-wei",
            "type": "penalty", "measure": "demotion", "appraisal": "AR-1", "decided": decided,
            "coaching": [{"date": d, "by": "p-li-na", "note": "n"} for d in coaching]}


AFTER = rule("r", "deadline", {"start": "coaching[].date", "end": "decided", "direction": "after"},
             kinds=["incentive"])


def test_direction_after(check_rule: Callable[..., Report]) -> None:
    assert found(check_rule(AFTER, [incentive("2026-05-10", ["2026-05-01"])], "2026-06-01")) == []
    [message] = found(check_rule(AFTER, [incentive("2026-04-30", ["2026-05-01"])], "2026-06-01"))
    assert "before 2026-05-01" in message


def test_pick_earliest_and_latest(check_rule: Callable[..., Report]) -> None:
    sessions = ["2026-05-01", "2026-05-20"]
    assert found(check_rule(AFTER, [incentive("2026-05-10", sessions)], "2026-06-01")) == []
    latest = dict(AFTER, params={**AFTER["params"], "pick": "latest"})
    assert len(found(check_rule(latest, [incentive("2026-05-10", sessions)], "2026-06-01"))) == 1


def test_direction_after_without_start_is_not_checked(check_rule: Callable[..., Report]) -> None:
    report = check_rule(AFTER, [incentive("2026-05-10", [])], "2026-06-01")
    assert found(report) == [] and report.results["r"].checked == 0


def test_days_within(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "deadline", {"start": "discovered", "end": "entered", "within": {"days": 3}},
                kinds=["opportunity"])

    def opp(entered: str) -> dict[str, Any]:
        return {"kind": "opportunity", "id": "OP", "owner": "p-zhang-wei", "customer": "C-1", "title": "t",
                "discovered": "2026-03-10", "entered": entered, "stage": "lead"}

    assert found(check_rule(spec, [opp("2026-03-13")], "2026-04-01")) == []
    assert len(found(check_rule(spec, [opp("2026-03-14")], "2026-04-01"))) == 1


WORKING = rule("r", "deadline", {"start": "received", "end": "first_response", "within": {"days": 3},
                                 "day_count": "working"}, kinds=["complaint"])


def test_working_days_skip_the_national_day_holiday_and_keep_the_time(check_rule: Callable[..., Report]) -> None:
    # received 30 September: 8 and 9 October, then Saturday the 10th, worked in lieu
    on_time = complaint(received="2026-09-30T09:30", first_response="2026-10-10T09:30")
    assert found(check_rule(WORKING, [on_time], "2026-11-01")) == []
    late = complaint(received="2026-09-30T09:30", first_response="2026-10-10T09:31")
    [message] = found(check_rule(WORKING, [late], "2026-11-01"))
    assert "after the deadline 2026-10-10" in message


def test_calendar_days_count_the_holiday(check_rule: Callable[..., Report]) -> None:
    calendar = rule("r", "deadline", {"start": "received", "end": "first_response", "within": {"days": 3}},
                    kinds=["complaint"])
    late = complaint(received="2026-09-30T09:30", first_response="2026-10-10T09:30")
    [message] = found(check_rule(calendar, [late], "2026-11-01"))
    assert "after the deadline 2026-10-03" in message


def test_a_span_without_a_day_count_is_in_calendar_days_in_words() -> None:
    from tests.rules.types.describing import described

    assert described("deadline", {"start": "received", "end": "first_response", "within": {"days": 3}}) == {
        "start": "从 received 起算", "end": "first_response 不晚于起算后 3 个自然日内",
        "within": "期限：起算后 3 个自然日内"}


def test_deadline_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    said = described("deadline", {"start": "period_start", "end": "prepared", "within": {"days": -1},
                                  "day_count": "working", "pick": "latest", "direction": "after"}, "en")
    assert said == {"start": "Counted from period_start", "within": "Time allowed: 1 working day before the start",
                    "end": "prepared is no earlier than 1 working day before the start",
                    "direction": "The time allowed is an earliest time: after the start",
                    "pick": "Where a field holds several dates, the latest counts",
                    "day_count": said["day_count"]}
    assert said["day_count"].startswith("Days are working days")
    assert described("deadline", {"start": "period_start", "end": "prepared"}, "en")["end"] == (
        "prepared is no later than the start day")


def test_an_end_dated_after_the_evaluation_date_has_not_happened(check_rule: Callable[..., Report]) -> None:
    report = check_rule(HOURS, [complaint(first_response="2026-04-11T09:30")], "2026-04-10")
    [message] = found(report)
    assert "it was due by 2026-04-09 09:30 and is still not recorded" in message


def test_each_record_reports_how_long_it_took_against_its_limit(check_rule: Callable[..., Report]) -> None:
    report = check_rule(HOURS, [complaint(first_response="2026-04-08T11:00")], "2026-05-01")
    [fact] = report.facts["r"]
    assert isinstance(fact, Elapsed) and fact.record == "CP-1" and fact.in_hours
    assert (fact.hours, fact.due, fact.late, fact.limit.en) == (
        Decimal("1.5"), datetime(2026, 4, 9, 9, 30), False, "24 hours")
    [open_one] = check_rule(HOURS, [complaint()], "2026-05-01").facts["r"]
    assert isinstance(open_one, Elapsed) and open_one.end is None and open_one.hours is None and open_one.late
