"""budget: warning at the ratio, error above, approved adjustments, lines and categories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from checker.records.types import Money
from checker.rules.engine import Report
from checker.rules.facts import BudgetUsage
from tests.conftest import rule

APPROVED = [{"role": "management", "person": "p-zhao-min", "date": "2025-12-20"}]
LINES = rule("r", "budget", {
    "lines": "lines", "limit": "amount", "category": "category", "period": "year",
    "spending": {"kind": "expense-claim", "amount": "amount", "category": "category", "date": "incurred"},
    "adjustments": {"kind": "budget-adjustment", "link": "budget", "amount": "amount", "category": "category",
                    "approved_by": "management"},
    "warn_ratio": "0.9"}, kinds=["budget"])


def budget(*lines: tuple[str, str]) -> dict[str, Any]:
    return {"kind": "budget", "id": "BG", "owner": "p-wang-jun", "year": "2026", "prepared": "2025-12-10",
            "lines": [{"category": c, "amount": a} for c, a in lines], "approvals": APPROVED}


def claim(n: int, amount: str, category: str = "travel", day: str = "2026-03-18") -> dict[str, Any]:
    return {"kind": "expense-claim", "id": f"EC-{n}", "owner": "p-zhang-wei", "category": category,
            "description": "d", "incurred": day, "amount": amount,
            "receipts": [{"number": str(n), "date": day, "issuer": "x", "amount": amount}],
            "submitted": "2026-03-20"}


def adjustment(amount: str, approvals: list[dict[str, str]], category: str = "travel",
               owner: str = "p-wang-jun") -> dict[str, Any]:
    return {"kind": "budget-adjustment", "id": f"BA-{amount}-{len(approvals)}-{owner}", "owner": owner,
            "budget": "BG", "category": category, "amount": amount, "reason": "r", "effective": "2026-04-01",
            "approvals": approvals}


def found(report: Report) -> list[tuple[str, str]]:
    return [(f.severity, f.message.en) for f in report.findings if f.rule == "r"]


@pytest.mark.parametrize(("spent", "expected"), [
    ("8999.99", []),
    ("9000.00", ["warning"]),
    ("10000.00", ["warning"]),
    ("10000.01", ["error"]),
])
def test_thresholds(check_rule: Callable[..., Report], spent: str, expected: list[str]) -> None:
    report = check_rule(LINES, [budget(("travel", "10000.00")), claim(1, spent)], "2026-12-31")
    assert [s for s, _ in found(report)] == expected


def test_messages_name_amounts_and_point_at_the_line(check_rule: Callable[..., Report]) -> None:
    report = check_rule(LINES, [budget(("office", "1.00"), ("travel", "10000.00")),
                                claim(1, "6000.00"), claim(2, "6000.50")], "2026-12-31")
    [finding] = report.findings
    assert "12,000.50 CNY exceeds the approved 10,000.00 CNY" in finding.message.en
    assert "category travel" in finding.message.en
    assert finding.path[-3:] == ("lines", 1, "amount")


def test_warning_shows_the_ratio(check_rule: Callable[..., Report]) -> None:
    report = check_rule(LINES, [budget(("travel", "10000.00")), claim(1, "9500.00")], "2026-12-31")
    assert "95%" in found(report)[0][1]


def test_approved_adjustment_raises_the_limit(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "12000.00", day="2026-04-10"),
               adjustment("5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-03-25"}])]
    assert found(check_rule(LINES, records, "2026-12-31")) == []


def test_adjustment_in_force_later_does_not_cover_an_earlier_overspend(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "12000.00", day="2026-03-18"),
               adjustment("5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-07-01"}])]
    [(severity, message)] = found(check_rule(LINES, records, "2026-12-31"))
    assert severity == "error"
    assert message == ("BG: category travel spending reached 12,000.00 CNY by 2026-03-18, above the 10,000.00 CNY "
                       "approved then; a later budget adjustment does not cover an earlier overspend")


def test_adjustment_counts_from_its_effective_date_not_its_approval(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "12000.00", day="2026-03-30"),
               adjustment("5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-03-25"}])]
    assert "by 2026-03-30" in found(check_rule(LINES, records, "2026-12-31"))[0][1]  # effective 2026-04-01


def test_spending_after_the_evaluation_date_is_not_counted(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "5000.00", day="2026-03-01"),
               claim(2, "7000.00", day="2026-07-01")]
    assert found(check_rule(LINES, records, "2026-06-30")) == []
    assert [s for s, _ in found(check_rule(LINES, records, "2026-07-01"))] == ["error"]


def test_adjustment_not_yet_in_force_on_the_evaluation_date_is_not_counted(
        check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "9800.00", day="2026-03-01"),
               adjustment("5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-03-25"}])]
    assert [s for s, _ in found(check_rule(LINES, records, "2026-03-31"))] == ["warning"]  # effective 04-01
    assert found(check_rule(LINES, records, "2026-04-01")) == []


def test_spending_in_another_currency_is_a_finding_and_not_added(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "9500.00 USD"), claim(2, "100.00")]
    report = check_rule(LINES, records, "2026-12-31")
    [finding] = [f for f in report.findings if f.rule == "r"]
    assert finding.record == "EC-1" and finding.path[-1] == "amount"
    assert finding.message.en.startswith("BG: the spending EC-1 is 9,500.00 USD but the budget is in CNY")
    [usage] = report.facts["r"]
    assert isinstance(usage, BudgetUsage) and usage.spent.same_as(Money.of("100.00"))


def test_usage_per_line_is_reported_for_the_pages(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00"), ("office", "500.00")), claim(1, "1000.00", day="2026-01-20"),
               claim(2, "2000.00", day="2026-03-05"),
               adjustment("5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-03-25"}])]
    facts = check_rule(LINES, records, "2026-04-15").facts["r"]
    travel, office = sorted((f for f in facts if isinstance(f, BudgetUsage)), key=lambda f: f.key != "travel")
    assert (travel.key, travel.period, str(travel.approved), str(travel.adjusted), str(travel.spent)) == (
        "travel", "2026", "10,000.00 CNY", "5,000.00 CNY", "3,000.00 CNY")
    assert [(month, str(amount)) for month, amount in travel.monthly] == [
        ("2026-01", "1,000.00 CNY"), ("2026-02", "1,000.00 CNY"), ("2026-03", "3,000.00 CNY"),
        ("2026-04", "3,000.00 CNY")]
    assert travel.state == "within" and office.state == "within" and str(office.spent) == "0.00 CNY"


@pytest.mark.parametrize("approvals", [
    [],
    [{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-03-25"}],
    [{"role": "management", "person": "p-li-na", "date": "2026-03-25"}],  # does not hold the role
])
def test_adjustment_without_valid_approval_does_not_count(check_rule: Callable[..., Report],
                                                          approvals: list[dict[str, str]]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "12000.00"), adjustment("5000.00", approvals)]
    assert [s for s, _ in found(check_rule(LINES, records, "2026-12-31"))] == ["error"]


def test_self_approved_adjustment_does_not_count(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "12000.00"),
               adjustment("5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-03-25"}],
                          owner="p-zhao-min")]
    assert [s for s, _ in found(check_rule(LINES, records, "2026-12-31"))] == ["error"]


def test_negative_adjustment_lowers_the_limit(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "6000.00"),
               adjustment("-5000.00", [{"role": "management", "person": "p-zhao-min", "date": "2026-03-25"}])]
    assert [s for s, _ in found(check_rule(LINES, records, "2026-12-31"))] == ["error"]


def test_category_without_a_line(check_rule: Callable[..., Report]) -> None:
    report = check_rule(LINES, [budget(("travel", "10000.00")), claim(1, "300.00", "entertainment")],
                        "2026-12-31")
    [(severity, message)] = found(report)
    assert severity == "error" and "entertainment" in message and "no budget line" in message


def test_spending_outside_the_period_does_not_count(check_rule: Callable[..., Report]) -> None:
    records = [budget(("travel", "10000.00")), claim(1, "9000.00", day="2025-12-31"),
               claim(2, "9000.00", day="2027-01-01")]
    assert found(check_rule(LINES, records, "2027-01-31")) == []


def test_exact_decimal_sums(check_rule: Callable[..., Report]) -> None:
    claims = [claim(i, "0.10") for i in range(3)]
    report = check_rule(LINES, [budget(("travel", "0.30")), *claims], "2026-12-31")
    assert [s for s, _ in found(report)] == ["warning"]  # exactly at the limit, not above it


def test_spending_against_a_zero_line(check_rule: Callable[..., Report]) -> None:
    report = check_rule(LINES, [budget(("entertainment", "0.00")), claim(1, "300.00", "entertainment")],
                        "2026-12-31")
    assert [s for s, _ in found(report)] == ["error"]


LINKED = rule("r", "budget", {"limit": "budget", "spending": {"kind": "promotion-activity", "link": "plan",
                                                              "amount": "cost"}}, kinds=["promotion-plan"])


def test_single_limit_with_linked_spending(check_rule: Callable[..., Report]) -> None:
    plan = {"kind": "promotion-plan", "id": "PP-1", "owner": "p-li-na", "period": "2026-Q2", "goals": ["g"],
            "channels": ["c"], "activities": ["a"], "budget": "1000.00", "prepared": "2026-03-20"}

    def activity(n: int, cost: str, plan_id: str = "PP-1") -> dict[str, Any]:
        return {"kind": "promotion-activity", "id": f"PA-{n}", "owner": "p-zhang-wei", "plan": plan_id,
                "name": "n", "type": "event", "start": "2026-04-15", "end": "2026-04-16", "cost": cost}

    assert found(check_rule(LINKED, [plan, activity(1, "500.00"), activity(2, "5000.00", "PP-9")],
                            "2026-06-30")) == []
    report = check_rule(LINKED, [plan, activity(1, "500.00"), activity(2, "500.01")], "2026-06-30")
    [finding] = report.findings
    assert finding.severity == "error" and finding.path[-1] == "budget"


def test_budget_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    said = described("budget", {"lines": "lines", "limit": "amount", "category": "category", "period": "year",
                                "spending": {"kind": "expense-claim", "amount": "amount", "category": "category",
                                             "date": "incurred"},
                                "adjustments": {"kind": "budget-adjustment", "link": "budget", "amount": "amount",
                                                "approved_by": "management"}, "warn_ratio": "0.9"})
    assert said == {"lines": "预算分行列在 lines", "limit": "每行的 amount 是上限",
                    "category": "按每行的 category 分类控制", "period": "只计 year 期间内的支出",
                    "spending": "支出：费用报销（expense-claim）的 amount，按 category 归类，按 incurred 计入期间",
                    "adjustments": "上限加上经公司管理层批准的预算调整（budget-adjustment）的 amount",
                    "warn_ratio": "支出达到上限的 90% 时预警"}
