"""cadence: calendar periods, rolling intervals, first_only, members, in-record events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from checker.rules.engine import Report
from checker.rules.facts import Interval, PeriodStatus
from tests.conftest import rule


def meeting(day: str, kind: str = "weekly") -> dict[str, Any]:
    return {"kind": "meeting", "id": f"M-{day}-{kind}", "owner": "p-li-na", "type": kind, "date": day,
            "attendees": ["p-li-na"], "minutes": "m"}


def team(period: str, **params: Any) -> dict[str, Any]:
    return rule("r", "cadence", {"groups": "team", "period": period,
                                 "events": {"kind": "meeting", "date": "date",
                                            "when": {"field": "type", "equals": "weekly"}}, **params})


def late(report: Report) -> list[str]:
    return sorted(f.record or "" for f in report.findings if f.rule == "r")


def test_weekly_periods(check_rule: Callable[..., Report]) -> None:
    meetings = [meeting("2026-01-02"), meeting("2026-01-16"), meeting("2026-01-23", "monthly")]
    report = check_rule(team("week"), meetings, "2026-01-27")
    assert late(report) == ["2026-W02", "2026-W04"]
    assert [d.record for d in report.due] == ["2026-W05"]
    finding = report.findings[0]
    assert finding.file == "records/meetings/MT-2026-W02.yaml"  # where the missing record belongs
    assert "2026-01-05" in finding.message.en and "2026-01-11" in finding.message.en


def test_obligations_start_at_the_effective_date(check_rule: Callable[..., Report]) -> None:
    report = check_rule(team("month"), [], "2026-05-10", effective="2026-03-15")
    assert late(report) == ["2026-03", "2026-04"]


def test_due_days_after_the_period(check_rule: Callable[..., Report]) -> None:
    spec = team("month", due={"days": 10})
    assert late(check_rule(spec, [], "2026-02-10")) == []
    assert late(check_rule(spec, [], "2026-02-11")) == ["2026-01"]


def test_due_from_start(check_rule: Callable[..., Report]) -> None:
    spec = team("quarter", due_from="start")
    assert late(check_rule(spec, [], "2026-04-02")) == ["2026-Q1", "2026-Q2"]


def test_year_period(check_rule: Callable[..., Report]) -> None:
    assert late(check_rule(team("year"), [meeting("2026-06-01")], "2027-02-01")) == []
    assert late(check_rule(team("year"), [], "2027-02-01")) == ["2026"]


def customer(since: str, cls: str = "key", cid: str = "C-1") -> dict[str, Any]:
    return {"kind": "customer", "id": cid, "owner": "p-zhang-wei", "name": "n", "class": cls, "since": since}


def visit(day: str, cid: str = "C-1") -> dict[str, Any]:
    return {"kind": "visit", "id": f"V-{cid}-{day}", "owner": "p-zhang-wei", "customer": cid, "date": day,
            "method": "phone", "summary": "s"}


ROLLING = rule("r", "cadence", {"groups": "records", "start": "since", "every": {"days": 30},
                                "events": {"kind": "visit", "link": "customer"}}, kinds=["customer"])


def test_rolling_gap_and_overdue(check_rule: Callable[..., Report]) -> None:
    records = [customer("2026-01-01"), visit("2026-01-20"), visit("2026-03-01")]
    report = check_rule(ROLLING, records, "2026-03-20")
    [finding] = report.findings
    assert finding.record == "C-1" and "40 days passed between 2026-01-20 and 2026-03-01" in finding.message.en
    assert [d.due for d in report.due] == ["2026-03-31"]


def test_rolling_exactly_every_days_is_fine(check_rule: Callable[..., Report]) -> None:
    records = [customer("2026-01-01"), visit("2026-01-31"), visit("2026-03-02")]
    assert late(check_rule(ROLLING, records, "2026-03-20")) == []


def test_rolling_nothing_since(check_rule: Callable[..., Report]) -> None:
    report = check_rule(ROLLING, [customer("2026-01-01"), visit("2026-01-20")], "2026-03-20")
    [finding] = report.findings
    assert "nothing since 2026-01-20" in finding.message.en and "2026-02-19" in finding.message.en


def test_rolling_visit_before_start_counts_as_last(check_rule: Callable[..., Report]) -> None:
    # a customer entered before the rule set: the clock starts at the effective date, and
    # a visit shortly before it counts as the last one
    records = [customer("2025-06-01"), visit("2025-12-20")]
    report = check_rule(ROLLING, records, "2026-01-25")
    [finding] = report.findings
    assert "2026-01-19" in finding.message.en


def test_first_within(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "cadence", {"groups": "records", "start": "since", "every": {"days": 14},
                                 "first_within": {"days": 7}, "events": {"kind": "visit", "link": "customer"}},
                kinds=["customer"])
    assert late(check_rule(spec, [customer("2026-03-01"), visit("2026-03-08")], "2026-03-15")) == []
    assert late(check_rule(spec, [customer("2026-03-01"), visit("2026-03-09")], "2026-03-15")) == ["C-1"]


FIRST_ONLY = rule("r", "cadence", {"groups": "records", "start": "since", "first_only": True,
                                   "every": {"days": 7}, "events": {"kind": "visit", "link": "customer"}},
                  kinds=["customer"])


def test_first_only(check_rule: Callable[..., Report]) -> None:
    ok = [customer("2026-03-01"), visit("2026-03-06"), visit("2026-06-01")]
    assert late(check_rule(FIRST_ONLY, ok, "2026-07-01")) == []  # later gaps do not matter
    report = check_rule(FIRST_ONLY, [customer("2026-03-01"), visit("2026-03-10")], "2026-07-01")
    assert "first follow-up on 2026-03-10 came after 2026-03-08" in report.findings[0].message.en
    never = check_rule(FIRST_ONLY, [customer("2026-03-01")], "2026-07-01")
    assert "never followed up" in never.findings[0].message.en
    upcoming = check_rule(FIRST_ONLY, [customer("2026-03-01")], "2026-03-05")
    assert late(upcoming) == [] and [d.due for d in upcoming.due] == ["2026-03-08"]


def test_first_only_skips_groups_started_before_the_rules(check_rule: Callable[..., Report]) -> None:
    assert late(check_rule(FIRST_ONLY, [customer("2025-12-01")], "2026-07-01")) == []


def test_groups_are_separate(check_rule: Callable[..., Report]) -> None:
    records = [customer("2026-03-01", cid="C-1"), customer("2026-03-01", cid="C-2"), visit("2026-03-20", "C-2")]
    assert late(check_rule(ROLLING, records, "2026-04-10")) == ["C-1"]


def contract(**extra: Any) -> dict[str, Any]:
    return {"kind": "contract", "id": "CT-1", "owner": "p-zhang-wei", "customer": "C-1", "quote": "QT-1",
            "amount": "1.00", "drafted": "2026-02-01", **extra}


IN_RECORD = rule("r", "cadence", {"groups": "records", "start": "signed", "end": "ends", "every": {"days": 30},
                                  "events": {"in_record": "follow_ups[].date"}}, kinds=["contract"])


def follow(day: str) -> dict[str, str]:
    return {"date": day, "by": "p-zhang-wei", "note": "n"}


def test_in_record_events_and_end(check_rule: Callable[..., Report]) -> None:
    ok = contract(signed="2026-03-01", ends="2026-12-31", follow_ups=[follow("2026-03-30"), follow("2026-04-25")])
    assert late(check_rule(IN_RECORD, [ok], "2026-05-20")) == []
    report = check_rule(IN_RECORD, [contract(signed="2026-03-01", ends="2026-12-31")], "2026-05-20")
    [finding] = report.findings
    assert finding.path[-2:] == ("follow_ups", "date")
    assert late(check_rule(IN_RECORD, [contract()], "2026-05-20")) == []  # not signed: no duty


def test_no_duty_after_the_end(check_rule: Callable[..., Report]) -> None:
    ended = contract(signed="2026-03-01", ends="2026-04-15", follow_ups=[follow("2026-03-25")])
    assert late(check_rule(IN_RECORD, [ended], "2026-09-01")) == []
    lapsed = contract(signed="2026-03-01", ends="2026-06-30", follow_ups=[follow("2026-03-25")])
    assert late(check_rule(IN_RECORD, [lapsed], "2026-09-01")) == ["CT-1"]


def appraisal(person: str, period: str) -> dict[str, Any]:
    return {"kind": "appraisal", "id": f"AR-{person}-{period}", "owner": "p-wang-jun", "person": person,
            "period": period, "kpi_set": "K", "appraised": "2026-04-05", "score": "80", "grade": "B"}


MEMBERS = rule("r", "cadence", {"groups": "members", "period": "quarter", "due": {"days": 15},
                                "events": {"kind": "appraisal", "link": "person", "date": "period"}})


def test_members(check_rule: Callable[..., Report]) -> None:
    everyone = [appraisal(p, "2026-Q1") for p in ("p-wang-jun", "p-li-na", "p-zhang-wei", "p-chen-jing")]
    assert late(check_rule(MEMBERS, everyone, "2026-04-30")) == []
    report = check_rule(MEMBERS, everyone[:2], "2026-04-30")
    assert late(report) == ["p-chen-jing", "p-zhang-wei"]
    assert all(f.file == "records/world.yaml" for f in report.findings)


def test_members_who_join_or_leave(check_rule: Callable[..., Report]) -> None:
    everyone = [appraisal(p, q) for p in ("p-wang-jun", "p-li-na", "p-zhang-wei", "p-chen-jing")
                for q in ("2026-Q1", "2026-Q2")]
    joined = {"kind": "person", "id": "p-new", "owner": "p-li-na", "name": "新", "department": "营销部",
              "roles": [{"role": "salesperson", "start": "2026-02-15"}]}
    left = {"kind": "person", "id": "p-left", "owner": "p-li-na", "name": "走", "department": "营销部",
            "roles": [{"role": "salesperson", "start": "2020-01-01", "end": "2026-05-31"}]}
    report = check_rule(MEMBERS, [*everyone, joined, left], "2026-07-20")
    # p-new owes Q2 only (not the quarter they joined in); p-left owes Q1 only
    assert late(report) == ["p-left", "p-new"]
    periods = {f.record: f.message.en for f in report.findings}
    assert "2026-Q2" in periods["p-new"] and "2026-Q1" in periods["p-left"]


def test_people_outside_the_team_owe_nothing(check_rule: Callable[..., Report]) -> None:
    everyone = [appraisal(p, "2026-Q1") for p in ("p-wang-jun", "p-li-na", "p-zhang-wei", "p-chen-jing")]
    report = check_rule(MEMBERS, everyone, "2026-04-30")
    assert "p-zhao-min" not in late(report) and "p-liu-yang" not in late(report)
    assert report.results["r"].checked == 4


def test_with_working_days_a_week_that_is_all_holiday_needs_no_event(check_rule: Callable[..., Report]) -> None:
    # 2026-W08 (16 to 22 February) is all Spring Festival holiday
    weeks = [meeting(day) for day in ("2026-02-02", "2026-02-09", "2026-02-23")]
    assert late(check_rule(team("week", day_count="working"), weeks, "2026-03-02", effective="2026-02-02")) == []
    assert late(check_rule(team("week"), weeks, "2026-03-02", effective="2026-02-02")) == ["2026-W08"]


def test_with_working_days_the_due_date_skips_holidays(check_rule: Callable[..., Report]) -> None:
    quarterly = team("quarter", due={"days": 15}, day_count="working")
    report = check_rule(quarterly, [], "2026-04-22")  # 15 working days after 31 March: Qingming not counted
    assert late(report) == [] and report.due[0].due == "2026-04-22"
    assert late(check_rule(quarterly, [], "2026-04-23")) == ["2026-Q1"]


def test_rolling_intervals_in_working_days(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "cadence", {"groups": "records", "start": "since", "every": {"days": 5},
                                 "events": {"kind": "visit", "link": "customer"}, "day_count": "working"},
                kinds=["customer"])
    # 5 working days after Wednesday 30 September 2026: 8, 9, 10 (Saturday, worked), 12 and 13 October
    records = [customer("2026-09-29"), visit("2026-09-30"), visit("2026-10-13")]
    assert late(check_rule(spec, records, "2026-10-14")) == []
    [finding] = check_rule(spec, [customer("2026-09-29"), visit("2026-09-30"), visit("2026-10-14")],
                           "2026-10-15").findings
    assert "more than 5 working days" in finding.message.en


def test_first_within_in_working_days(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "cadence", {"groups": "records", "start": "since", "first_only": True,
                                 "first_within": {"days": 1}, "every": {"days": 1},
                                 "events": {"kind": "visit", "link": "customer"}, "day_count": "working"},
                kinds=["customer"])
    assert late(check_rule(spec, [customer("2026-09-30"), visit("2026-10-08")], "2026-10-20")) == []
    assert late(check_rule(spec, [customer("2026-09-30"), visit("2026-10-09")], "2026-10-20")) == ["C-1"]


def test_cadence_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    said = described("cadence", {"groups": "records", "start": "since", "first_within": {"days": 7},
                                 "every": {"days": 14}, "day_count": "calendar",
                                 "events": {"kind": "visit", "link": "customer"}})
    assert said == {"groups": "对每条适用的记录分别检查", "start": "从每条记录的 since 起算",
                    "first_within": "首次不晚于起算后 7 个自然日", "every": "两次之间不超过 14 个自然日",
                    "events": "事件：客户拜访（visit），其 customer 指向被检查的记录，日期取 date",
                    "day_count": "天数按自然日计算：周末和法定节假日照常计入"}
    periods = described("cadence", {"groups": "team", "period": "quarter", "due": {"days": 15},
                                    "events": {"in_record": "follow_ups[].date"}}, "en")
    assert periods == {"groups": "Checked for the whole team", "period": "At least once a quarter",
                       "due": "Due within 15 calendar days of the period's end",
                       "events": "Events: the dates follow_ups[].date in the record itself"}


def test_events_dated_after_the_evaluation_date_have_not_happened(check_rule: Callable[..., Report]) -> None:
    meetings = [meeting("2026-01-02"), meeting("2026-01-09"), meeting("2026-01-16")]
    report = check_rule(team("week"), meetings, "2026-01-13")  # the meeting of the 16th is ahead
    assert late(report) == [] and [d.record for d in report.due] == ["2026-W03"]
    assert late(check_rule(team("week"), meetings, "2026-01-19")) == []


YEARLY = rule("r", "cadence", {"groups": "team", "period": "year", "due_from": "start", "due": {"days": -1},
                               "events": {"kind": "annual-plan", "date": "year"}})


def plan(year: str) -> dict[str, Any]:
    return {"kind": "annual-plan", "id": f"AP-{year}", "owner": "p-wang-jun", "year": year,
            "prepared": f"{int(year) - 1}-12-10", "goals": [{"text": "g"}], "strategies": ["s"],
            "activities": [{"name": "a", "start": f"{year}-03-01"}]}


def test_a_duty_due_before_its_period_looks_one_period_ahead(check_rule: Callable[..., Report]) -> None:
    report = check_rule(YEARLY, [plan("2026")], "2026-11-20")
    assert late(report) == [] and [(d.record, d.due) for d in report.due] == [("2027", "2026-12-31")]
    assert report.due[0].file == "records/plans/annual/AP-2027.yaml"  # where the plan due belongs
    assert late(check_rule(YEARLY, [plan("2026")], "2027-01-01")) == ["2027"]
    done = check_rule(YEARLY, [plan("2026"), plan("2027")], "2026-11-20")
    assert late(done) == [] and done.due == []


def test_a_missing_team_record_points_where_it_belongs(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(YEARLY, [], "2026-03-01").findings
    assert (finding.file, finding.line, finding.path) == ("records/plans/annual/AP-2026.yaml", None, ())
    spec = team("month")
    spec["params"]["events"]["file"] = "meetings/{year}/MT-{year}-M{number:02d}.md"
    [january] = check_rule(spec, [], "2026-02-02").findings
    assert january.file == "records/meetings/2026/MT-2026-M01.md"


def test_each_period_is_reported_as_done_late_overdue_open_or_ahead(check_rule: Callable[..., Report]) -> None:
    spec = team("month", due={"days": 5})
    meetings = [meeting("2026-01-20"), meeting("2026-04-02")]  # January; nothing in February or March
    facts = check_rule(spec, meetings, "2026-04-03").facts["r"]
    assert [(f.period, f.state, f.events) for f in facts if isinstance(f, PeriodStatus)] == [
        ("2026-01", "done", ("M-2026-01-20-weekly",)), ("2026-02", "overdue", ()), ("2026-03", "open", ()),
        ("2026-04", "ahead", ("M-2026-04-02-weekly",))]


def test_rolling_intervals_report_the_interval_in_force(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "cadence", {"groups": "records", "start": "since", "every": {"days": 30},
                                 "events": {"kind": "visit", "link": "customer"}}, kinds=["customer"])
    customer = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
                "since": "2026-01-10"}
    visit = {"kind": "visit", "id": "V-1", "owner": "p-zhang-wei", "customer": "C-1", "date": "2026-02-01",
             "method": "visit", "summary": "上门拜访"}
    [interval] = check_rule(spec, [customer, visit], "2026-03-05").facts["r"]
    assert interval == Interval(group="C-1", every=30, last=date(2026, 2, 1), due=date(2026, 3, 3), overdue=True)
