"""approval: valid approvals in time; self-approval, wrong role holder, lateness, tiers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.rules.engine import Report
from tests.conftest import rule, rule_set, run

QUOTE_RULE = rule("ok", "approval", {"gate": "sent", "required": [{"roles": ["marketing-manager"]}]},
                  kinds=["quote"])


def quote(approvals: list[dict[str, str]], sent: str | None = "2026-03-30", owner: str = "p-zhang-wei",
          total: str = "1000.00", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": "quote", "id": "QT-1", "owner": owner, "customer": "C-1",
                            "lines": [{"product": "A", "quantity": "1", "unit_price": total}],
                            "total": total, "status": "sent", "approvals": approvals, **extra}
    if sent:
        data["sent"] = sent
    return data


def by(person: str, day: str, role: str = "marketing-manager") -> dict[str, str]:
    return {"role": role, "person": person, "date": day}


def messages(report: Report) -> list[str]:
    return [f.message.en for f in report.findings if f.rule == "ok"]


def test_valid_approval(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([by("p-wang-jun", "2026-03-28")])], "2026-06-30")
    assert messages(report) == []
    assert report.results["ok"].checked == 1 and report.results["ok"].passed == 1


def test_self_approval(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([by("p-wang-jun", "2026-03-28")], owner="p-wang-jun")],
                        "2026-06-30")
    [finding] = report.findings
    assert "owns the record" in finding.message.en
    assert finding.path[-1] == "person"


def test_approver_did_not_hold_the_role_on_that_date(check_rule: Callable[..., Report]) -> None:
    newcomer = {"kind": "person", "id": "p-new", "owner": "p-zhao-min", "name": "新", "department": "营销部",
                "roles": [{"role": "marketing-manager", "start": "2026-04-01"}]}
    report = check_rule(QUOTE_RULE, [newcomer, quote([by("p-new", "2026-03-28")])], "2026-06-30")
    [message] = messages(report)
    assert "did not hold the role Marketing manager on 2026-03-28" in message


def test_approver_who_left_the_role(check_rule: Callable[..., Report]) -> None:
    former = {"kind": "person", "id": "p-old", "owner": "p-zhao-min", "name": "旧", "department": "营销部",
              "roles": [{"role": "marketing-manager", "start": "2020-01-01", "end": "2026-03-27"}]}
    report = check_rule(QUOTE_RULE, [former, quote([by("p-old", "2026-03-28")])], "2026-06-30")
    assert len(messages(report)) == 1


def test_approver_not_in_the_register(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([by("p-ghost", "2026-03-28")])], "2026-06-30")
    assert "not in the people register" in messages(report)[0]


def test_late_approval_points_at_its_date(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([by("p-wang-jun", "2026-03-31")])], "2026-06-30")
    [finding] = report.findings
    assert "came after 2026-03-30" in finding.message.en
    assert finding.path[-3:] == ("approvals", 0, "date")


def test_one_valid_approval_among_invalid_ones_is_enough(check_rule: Callable[..., Report]) -> None:
    approvals = [by("p-li-na", "2026-03-20"), by("p-wang-jun", "2026-03-28")]
    assert messages(check_rule(QUOTE_RULE, [quote(approvals)], "2026-06-30")) == []


def test_other_roles_do_not_count(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([by("p-zhao-min", "2026-03-28", "management")])], "2026-06-30")
    assert "no approval by the Marketing manager" in messages(report)[0]


def test_strictly_before(check_rule: Callable[..., Report]) -> None:
    spec = rule("ok", "approval", {"gate": "sent", "strictly_before": True,
                                   "required": [{"roles": ["marketing-manager"]}]}, kinds=["quote"])
    assert len(messages(check_rule(spec, [quote([by("p-wang-jun", "2026-03-30")])], "2026-06-30"))) == 1
    assert messages(check_rule(spec, [quote([by("p-wang-jun", "2026-03-29")])], "2026-06-30")) == []


def test_gate_in_the_future_is_upcoming_not_a_finding(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([], sent="2026-07-15")], "2026-06-30")
    assert messages(report) == []
    [due] = report.due
    assert (due.record, due.due, due.overdue) == ("QT-1", "2026-07-15", False)


def test_gate_today_counts(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([], sent="2026-06-30")], "2026-06-30")
    assert len(messages(report)) == 1


def test_empty_gate_is_neither_finding_nor_due(check_rule: Callable[..., Report]) -> None:
    report = check_rule(QUOTE_RULE, [quote([], sent=None)], "2026-06-30")
    assert messages(report) == [] and report.due == []


def test_requirement_with_when(check_rule: Callable[..., Report]) -> None:
    spec = rule("ok", "approval", {"gate": "sent", "required": [
        {"roles": ["marketing-manager"]},
        {"roles": ["management"], "when": {"field": "total", "gt": 500000}}]}, kinds=["quote"])
    small = quote([by("p-wang-jun", "2026-03-28")])
    assert messages(check_rule(spec, [small], "2026-06-30")) == []
    large = quote([by("p-wang-jun", "2026-03-28")], total="500000.01")
    assert len(messages(check_rule(spec, [large], "2026-06-30"))) == 1
    both = quote([by("p-wang-jun", "2026-03-28"), by("p-zhao-min", "2026-03-29", "management")],
                 total="900000.00")
    assert messages(check_rule(spec, [both], "2026-06-30")) == []


TIERS = rule("ok", "approval", {"gate": "paid", "tiers": {"amount": "amount", "levels": [
    {"up_to": 5000, "roles": ["marketing-supervisor", "marketing-manager"]},
    {"up_to": "50000", "roles": ["marketing-manager"]},
    {"roles": ["management"]}]}}, kinds=["expense-claim"])


def claim(amount: str, approvals: list[dict[str, str]]) -> dict[str, Any]:
    return {"kind": "expense-claim", "id": "EC-1", "owner": "p-zhang-wei", "category": "travel",
            "description": "差旅", "incurred": "2026-03-18", "amount": amount,
            "receipts": [{"number": "1", "date": "2026-03-18", "issuer": "x", "amount": amount}],
            "submitted": "2026-03-20", "paid": "2026-03-27", "approvals": approvals}


@pytest.mark.parametrize(("amount", "approver", "role", "ok"), [
    ("5000.00", "p-li-na", "marketing-supervisor", True),
    ("5000.01", "p-li-na", "marketing-supervisor", False),
    ("5000.01", "p-wang-jun", "marketing-manager", True),
    ("50000.00", "p-wang-jun", "marketing-manager", True),
    ("50000.01", "p-wang-jun", "marketing-manager", False),
    ("50000.01", "p-zhao-min", "management", True),
    ("999999999999.99", "p-zhao-min", "management", True),  # the largest amount allowed
])
def test_tiers(check_rule: Callable[..., Report], amount: str, approver: str, role: str, ok: bool) -> None:
    report = check_rule(TIERS, [claim(amount, [by(approver, "2026-03-25", role)])], "2026-06-30")
    assert (messages(report) == []) is ok
    if not ok:
        assert report.findings[0].record == "EC-1"


def test_roles_placeholder_names_the_tier(check_rule: Callable[..., Report]) -> None:
    spec = dict(TIERS, message={"zh": "{roles}", "en": "{roles}"})
    report = check_rule(spec, [claim("60000.00", [])], "2026-06-30")
    assert report.findings[0].message.en == "Company management"
    assert report.findings[0].message.zh == "公司管理层"


def test_not_by_bars_the_subject_of_the_record(check_rule: Callable[..., Report]) -> None:
    spec = rule("ok", "approval", {"gate": "appraised", "not_by": ["person"],
                                   "required": [{"roles": ["marketing-supervisor"]}]}, kinds=["appraisal"])

    def appraisal(person: str) -> dict[str, Any]:
        return {"kind": "appraisal", "id": "AR-1", "owner": "p-wang-jun", "person": person, "period": "2026-Q1",
                "kpi_set": "K", "appraised": "2026-04-08", "score": "80", "grade": "B",
                "approvals": [by("p-li-na", "2026-04-08", "marketing-supervisor")]}

    assert messages(check_rule(spec, [appraisal("p-zhang-wei")], "2026-05-01")) == []
    [message] = messages(check_rule(spec, [appraisal("p-li-na")], "2026-05-01"))
    assert "subject of the record" in message


def test_approval_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    large = {"gate": "sent", "strictly_before": True, "not_by": ["person"],
             "required": [{"roles": ["management"], "when": {"field": "total", "gt": "500000"}}]}
    assert described("approval", large, "en") == {
        "gate": "Approved no later than sent", "strictly_before": "Strictly before that day, not on it",
        "not_by": "person: those people may not approve (nor may the owner)",
        "required": "Approval by company management when total is above 500,000"}
    tiers = {"gate": "paid", "tiers": {"amount": "amount", "levels": [
        {"up_to": "5000", "roles": ["marketing-supervisor", "marketing-manager"]}, {"roles": ["management"]}]}}
    assert described("approval", tiers)["tiers"] == (
        "按 amount 分级审批：不超过 5,000 由营销主管或营销经理批准；更高金额由公司管理层批准")


GATED = rule("ok", "approval", {
    "gate": "sent", "gated_by": [{"kind": "contract", "link": "quote", "date": "signed"}],
    "happened": {"field": "status", "in": ["sent", "accepted"]},
    "required": [{"roles": ["marketing-manager"]}]}, kinds=["quote"])


def contract(signed: str) -> dict[str, Any]:
    return {"kind": "contract", "id": "CT-1", "owner": "p-zhang-wei", "customer": "C-1", "quote": "QT-1",
            "amount": "1000.00", "drafted": "2026-03-01", "signed": signed}


def test_gate_is_the_earliest_event_recorded_elsewhere(check_rule: Callable[..., Report]) -> None:
    records = [quote([by("p-wang-jun", "2026-03-28")], sent="2026-03-30"), contract("2026-03-20")]
    [message] = messages(check_rule(GATED, records, "2026-06-30"))
    assert "the approval dated 2026-03-28 came after 2026-03-20 (signed of contract CT-1)" in message


def test_event_recorded_elsewhere_before_the_own_date_still_gates(check_rule: Callable[..., Report]) -> None:
    records = [quote([], sent=None, status="draft"), contract("2026-03-20")]
    assert messages(check_rule(GATED, records, "2026-06-30")) == [
        "QT-1: there is no approval by the Marketing manager"]


def test_a_status_that_says_it_happened_counts_as_the_event(check_rule: Callable[..., Report]) -> None:
    [message] = messages(check_rule(GATED, [quote([], sent=None)], "2026-06-30"))
    assert message.startswith("QT-1: there is no approval by the Marketing manager; the record's status says it "
                              "happened, but sent is empty")


def test_an_approved_record_whose_status_says_it_happened_still_needs_the_date(
        check_rule: Callable[..., Report]) -> None:
    report = check_rule(GATED, [quote([by("p-wang-jun", "2026-03-28")], sent=None)], "2026-06-30")
    [finding] = [f for f in report.findings if f.rule == "ok"]
    assert finding.path[-1] == "status" and "sent is empty" in finding.message.en


def test_approval_dated_after_the_evaluation_date_does_not_count(check_rule: Callable[..., Report]) -> None:
    records = [quote([by("p-wang-jun", "2026-04-02")], sent="2026-03-30")]
    [message] = messages(check_rule(QUOTE_RULE, records, "2026-04-01"))
    assert "dated 2026-04-02, after 2026-04-01, the date checked" in message


SIGN_OFF = rule("ok", "approval", {"gate": "appraised", "not_by": ["person"], "superior_of": "person",
                                   "required": [{"roles": ["marketing-manager", "marketing-supervisor",
                                                           "management"]}]}, kinds=["appraisal"])


def appraisal(person: str, approvals: list[dict[str, str]]) -> dict[str, Any]:
    return {"kind": "appraisal", "id": "AR-1", "owner": "p-chen-jing", "person": person, "period": "2026-Q1",
            "kpi_set": "K", "appraised": "2026-04-08", "score": "80", "grade": "B", "approvals": approvals}


@pytest.mark.parametrize(("person", "approver", "role", "valid"), [
    ("p-zhang-wei", "p-li-na", "marketing-supervisor", True),  # the salesperson's supervisor
    ("p-zhang-wei", "p-wang-jun", "marketing-manager", True),  # two levels up
    ("p-wang-jun", "p-zhao-min", "management", True),  # the manager's own appraisal, by management
    ("p-wang-jun", "p-li-na", "marketing-supervisor", False),  # by her subordinate
    ("p-chen-jing", "p-zhang-wei", "salesperson", False),  # a peer, in a role not asked for
])
def test_sign_off_by_a_superior_only(check_rule: Callable[..., Report], person: str, approver: str, role: str,
                                     valid: bool) -> None:
    report = check_rule(SIGN_OFF, [appraisal(person, [by(approver, "2026-04-08", role)])], "2026-06-30")
    assert (messages(report) == []) is valid


def test_a_subordinates_sign_off_says_why_it_does_not_count(check_rule: Callable[..., Report]) -> None:
    report = check_rule(SIGN_OFF, [appraisal("p-wang-jun", [by("p-li-na", "2026-04-08", "marketing-supervisor")])],
                        "2026-06-30")
    assert messages(report) == ["AR-1: 李娜（p-li-na） approved as Marketing supervisor, which is not above the role "
                                "王军（p-wang-jun） held then"]


ANY_TIME = rule("ok", "approval", {"any_time": True, "required": [{"roles": ["marketing-manager"]}]},
                kinds=["quote"])


def test_an_approval_any_time_is_never_late(check_rule: Callable[..., Report]) -> None:
    report = check_rule(ANY_TIME, [quote([by("p-wang-jun", "2026-06-01")], sent="2026-03-30")], "2026-06-30")
    assert messages(report) == [] and report.due == []


def test_without_an_approval_any_time_the_record_is_a_finding_at_once_and_not_settled(
        check_rule: Callable[..., Report]) -> None:
    report = check_rule(ANY_TIME, [quote([], sent=None)], "2026-06-30")
    [finding] = report.findings
    assert (finding.message.en, finding.path[-1], finding.settled) == (
        "QT-1: there is no approval by the Marketing manager", "approvals", False)
    assert finding.fix.en == "Fix it"  # the rule's own fix: nothing to hold back, nothing to waive for good
    assert report.due == []


def test_an_approval_any_time_counts_only_from_its_date_and_only_when_valid(
        check_rule: Callable[..., Report]) -> None:
    [later] = check_rule(ANY_TIME, [quote([by("p-wang-jun", "2026-07-01")])], "2026-06-30").findings
    assert later.path[-3:] == ("approvals", 0, "date") and "after 2026-06-30" in later.message.en
    [own] = check_rule(ANY_TIME, [quote([by("p-wang-jun", "2026-06-01")], owner="p-wang-jun")],
                       "2026-06-30").findings
    assert own.path[-3:] == ("approvals", 0, "person") and "owns the record" in own.message.en


def test_any_time_takes_no_gate(make_repo: Callable[..., Path]) -> None:
    spec = rule("ok", "approval", {"any_time": True, "gate": "sent", "required": [{"roles": ["management"]}]},
                kinds=["quote"])
    [problem] = [f for f in run(make_repo([quote([])], ruleset=rule_set([spec])), "2026-06-30").findings
                 if f.rule == "rule-set-invalid"]
    assert "'any_time' takes no 'gate'" in problem.message.en


def test_any_time_in_words() -> None:
    from tests.rules.types.describing import described

    assert described("approval", {"any_time": True, "required": [{"roles": ["management"]}]}, "en") == {
        "any_time": "The approval has no deadline; until the record has a valid one, it has no effect",
        "required": "Approval by company management"}
