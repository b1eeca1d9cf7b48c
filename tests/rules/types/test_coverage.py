"""coverage: team roles and members, by the repository or by each record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.rules.engine import Report
from tests.conftest import rule

KPI = rule("r", "coverage", {"subjects": "team-roles", "by": {"kind": "kpi-set", "field": "role",
                                                            "current": "year"}})


def kpi(role: str, year: str = "2026") -> dict[str, Any]:
    return {"kind": "kpi-set", "id": f"K-{role}-{year}", "owner": "p-wang-jun", "role": role, "year": year,
            "indicators": [{"name": "n", "type": "performance"}]}


def found(report: Report) -> list[str]:
    return sorted(f.record or "" for f in report.findings if f.rule == "r")


def test_repository_scope(check_rule: Callable[..., Report]) -> None:
    all_roles = [kpi("marketing-manager"), kpi("marketing-supervisor"), kpi("salesperson")]
    report = check_rule(KPI, all_roles, "2026-03-01")
    assert found(report) == [] and report.results["r"].checked == 3
    report = check_rule(KPI, all_roles[:2], "2026-03-01")
    assert found(report) == ["salesperson"]
    [finding] = report.findings
    assert "Salesperson (salesperson) has no kpi-set record" in finding.message.en
    assert finding.file == "records/world.yaml"  # points at the role


def test_current_period(check_rule: Callable[..., Report]) -> None:
    sets = [kpi("marketing-manager", "2025"), kpi("marketing-supervisor", "2026"), kpi("salesperson", "2027")]
    assert found(check_rule(KPI, sets, "2026-03-01")) == ["marketing-manager", "salesperson"]


def test_next_periods_records_are_announced_as_due_on_the_current_periods_last_day(
        check_rule: Callable[..., Report]) -> None:
    sets = [kpi(role) for role in ("marketing-manager", "marketing-supervisor", "salesperson")]
    report = check_rule(KPI, [*sets, kpi("salesperson", "2027")], "2026-12-20")
    assert found(report) == []
    assert [(d.record, d.due, d.what.en) for d in report.due] == [
        ("marketing-manager", "2026-12-31",
         "Title r: Marketing manager (marketing-manager): the kpi-set record for 2027, due by 2026-12-31"),
        ("marketing-supervisor", "2026-12-31",
         "Title r: Marketing supervisor (marketing-supervisor): the kpi-set record for 2027, due by 2026-12-31")]
    on_new_years_day = check_rule(KPI, [*sets, kpi("salesperson", "2027")], "2027-01-01")
    assert found(on_new_years_day) == ["marketing-manager", "marketing-supervisor"]


def test_without_current_any_record_covers(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "coverage", {"subjects": "team-roles", "by": {"kind": "kpi-set", "field": "role"}})
    sets = [kpi("marketing-manager", "2020"), kpi("marketing-supervisor"), kpi("salesperson")]
    assert found(check_rule(spec, sets, "2026-03-01")) == []


def test_members(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "coverage", {"subjects": "members", "by": {"kind": "career-plan", "field": "person"}})
    plan = {"kind": "career-plan", "id": "CA-1", "owner": "p-wang-jun", "person": "p-zhang-wei",
            "path": ["a"], "promotion_criteria": ["b"], "reviewed": "2026-01-01"}
    left = {"kind": "person", "id": "p-left", "owner": "p-li-na", "name": "走", "department": "营销部",
            "roles": [{"role": "salesperson", "start": "2020-01-01", "end": "2026-01-31"}]}
    assert found(check_rule(spec, [plan, left], "2026-03-01")) == ["p-chen-jing", "p-li-na", "p-wang-jun"]


def plan(*roles: list[str]) -> dict[str, Any]:
    return {"kind": "training-plan", "id": "TP", "owner": "p-wang-jun", "year": "2026", "prepared": "2025-12-01",
            "courses": [{"title": f"c{i}", "date": "2026-03-01", "hours": "2", "method": "online", "roles": r}
                        for i, r in enumerate(roles)]}


RECORD = rule("r", "coverage", {"subjects": "team-roles", "scope": "record",
                                "by": {"kind": "training-plan", "field": "courses[].roles[]"}},
              kinds=["training-plan"])


def test_record_scope(check_rule: Callable[..., Report]) -> None:
    assert found(check_rule(RECORD, [plan(["salesperson"], ["marketing-manager", "marketing-supervisor"])],
                            "2026-03-01")) == []
    report = check_rule(RECORD, [plan(["salesperson", "legal"])], "2026-03-01")
    [finding] = report.findings
    assert finding.record == "TP"
    assert "not covered: Marketing manager, Marketing supervisor" in finding.message.en
    assert "营销经理、营销主管" in finding.message.zh
    assert finding.path[-2:] == ("courses", "roles")


def test_coverage_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    assert described("coverage", {"subjects": "team-roles", "scope": "record",
                                  "by": {"kind": "kpi-set", "field": "role", "current": "year"}}, "en") == {
        "subjects": "Every team role", "scope": "Each record by itself covers them all",
        "by": "Covered by the role of KPI set (kpi-set) (only those whose year holds the evaluation date)"}
