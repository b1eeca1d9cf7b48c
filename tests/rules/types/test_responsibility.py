"""responsibility: the person held the role on the date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.rules.engine import Report
from tests.conftest import rule

SPEC = rule("r", "responsibility", {"roles": ["marketing-supervisor", "marketing-manager"], "on": "prepared"},
            kinds=["monthly-plan"])


def plan(owner: str, prepared: str = "2026-02-25") -> dict[str, Any]:
    return {"kind": "monthly-plan", "id": "MP", "owner": owner, "month": "2026-03", "annual_plan": "AP",
            "prepared": prepared, "tasks": ["t"], "focus": ["f"], "actions": ["a"]}


def test_any_of_the_roles(check_rule: Callable[..., Report]) -> None:
    assert check_rule(SPEC, [plan("p-li-na")], "2026-03-10").findings == []
    assert check_rule(SPEC, [plan("p-wang-jun")], "2026-03-10").findings == []


def test_not_holding_the_role(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(SPEC, [plan("p-zhang-wei")], "2026-03-10").findings
    assert "张伟（p-zhang-wei） did not hold the role Marketing supervisor or Marketing manager on 2026-02-25" \
        in finding.message.en
    assert finding.path[-1] == "owner" and finding.line == 3


def test_role_held_only_later(check_rule: Callable[..., Report]) -> None:
    promoted = {"kind": "person", "id": "p-up", "owner": "p-wang-jun", "name": "升", "department": "营销部",
                "roles": [{"role": "salesperson", "start": "2024-01-01", "end": "2026-02-28"},
                          {"role": "marketing-supervisor", "start": "2026-03-01"}]}
    assert len(check_rule(SPEC, [promoted, plan("p-up")], "2026-03-10").findings) == 1
    assert check_rule(SPEC, [promoted, plan("p-up", "2026-03-01")], "2026-03-10").findings == []


def test_other_person_path(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "responsibility", {"roles": ["salesperson"], "on": "date", "person": "owner"}, kinds=["visit"])
    visit = {"kind": "visit", "id": "V", "owner": "p-liu-yang", "customer": "C", "date": "2026-03-01",
             "method": "visit", "summary": "s"}
    report = check_rule(spec, [visit], "2026-03-10")
    assert [f.record for f in report.findings] == ["V"]
    assert report.results["r"].checked == 1


def test_responsibility_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    assert described("responsibility", {"roles": ["marketing-manager"], "on": "prepared"}, "en") == {
        "roles": "Done by a marketing manager", "on": "As held on the day of prepared"}
    assert described("responsibility", {"roles": ["marketing-supervisor"], "on": "prepared", "person": "author"}) == {
        "roles": "由营销主管负责", "on": "以 prepared 当天的任职为准", "person": "负责人取 author"}


FOLLOW_UPS = rule("r", "responsibility", {"roles": ["salesperson"], "on": "date", "person": "by",
                                          "each": "follow_ups"}, kinds=["contract"])


def contract(*follow_ups: tuple[str, str]) -> dict[str, Any]:
    return {"kind": "contract", "id": "CT-1", "owner": "p-zhang-wei", "customer": "C-1", "quote": "QT-1",
            "amount": "1.00", "drafted": "2026-02-01", "signed": "2026-02-10",
            "follow_ups": [{"date": day, "by": person, "note": "n"} for person, day in follow_ups]}


def test_each_item_is_checked_and_the_finding_points_at_it(check_rule: Callable[..., Report]) -> None:
    report = check_rule(FOLLOW_UPS, [contract(("p-zhang-wei", "2026-03-01"), ("p-liu-yang", "2026-04-01"))],
                        "2026-06-30")
    [finding] = report.findings
    assert finding.path[-3:] == ("follow_ups", 1, "by")
    assert "刘洋（p-liu-yang） did not hold the role Salesperson on 2026-04-01" in finding.message.en
    assert report.results["r"].checked == 1


def test_no_items_nothing_to_check(check_rule: Callable[..., Report]) -> None:
    report = check_rule(FOLLOW_UPS, [contract()], "2026-06-30")
    assert report.findings == [] and report.results["r"].checked == 0
