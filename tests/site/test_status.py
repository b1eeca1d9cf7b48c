"""The status pages show what the rules established, never a judgment of their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.records.types import Money
from checker.rules.engine import Report
from checker.site import status
from tests.conftest import rule
from tests.site.conftest import BuiltSite

MONTHLY = rule("monthly", "cadence", {"groups": "team", "period": "month", "due": {"days": 5},
                                      "events": {"kind": "meeting", "date": "date"}})


def meeting(day: str) -> dict[str, Any]:
    return {"kind": "meeting", "id": f"M-{day}", "owner": "p-li-na", "type": "monthly", "date": day,
            "attendees": ["p-li-na"], "minutes": "m"}


def test_team_rhythm_shows_each_period_as_the_rule_judged_it(check_rule: Callable[..., Report]) -> None:
    report = check_rule(MONTHLY, [meeting("2026-01-20")], "2026-03-03")
    [duty] = status.team_rhythm(report)["team"]
    assert [(p.period, p.state) for p in duty.periods] == [
        ("2026-01", "done"), ("2026-02", "open"), ("2026-03", "open")]  # February is due on 5 March
    assert duty.count("overdue") == 0 and duty.count("open") == 2


def customer(customer_id: str, klass: str) -> dict[str, Any]:
    return {"kind": "customer", "id": customer_id, "owner": "p-zhang-wei", "name": customer_id, "class": klass,
            "since": "2026-01-10"}


def visit(visit_id: str, customer_id: str, day: str) -> dict[str, Any]:
    return {"kind": "visit", "id": visit_id, "owner": "p-zhang-wei", "customer": customer_id, "date": day,
            "method": "visit", "summary": "上门拜访"}


def test_visit_coverage_comes_from_the_rule_whatever_its_condition_says(check_rule: Callable[..., Report]) -> None:
    """A condition rewritten into an equivalent form (``in`` for ``equals``) keeps the row."""
    spec = rule("key-visits", "cadence", {"groups": "records", "start": "since", "every": {"days": 30},
                                          "events": {"kind": "visit", "link": "customer"}},
                kinds=["customer"], when={"any": [{"field": "class", "in": ["key"]}]})
    records = [customer("C-1", "key"), customer("C-2", "key"), customer("C-3", "general"),
               visit("V-1", "C-1", "2026-02-20")]
    coverage = status.customer_care(check_rule(spec, records, "2026-03-01"))["coverage"]
    assert coverage == [("key", 2, "30", 1), ("general", 1, "", 0), ("potential", 0, "", 0)]


def test_budget_rows_are_the_budget_rules_figures(check_rule: Callable[..., Report]) -> None:
    spec = rule("b", "budget", {"lines": "lines", "limit": "amount", "category": "category", "period": "year",
                                "spending": {"kind": "expense-claim", "amount": "amount", "category": "category",
                                             "date": "incurred"}}, kinds=["budget"])
    budget = {"kind": "budget", "id": "BG", "owner": "p-wang-jun", "year": "2026", "prepared": "2025-12-10",
              "lines": [{"category": "travel", "amount": "1000.00"}]}
    claim = {"kind": "expense-claim", "id": "EC-1", "owner": "p-zhang-wei", "category": "travel",
             "description": "d", "incurred": "2026-05-01", "amount": "950.00", "submitted": "2026-05-02",
             "receipts": [{"number": "1", "date": "2026-05-01", "issuer": "x", "amount": "950.00"}]}
    rows, burn, months = status.budgets(check_rule(spec, [budget, claim], "2026-04-30"))  # spent after the date
    [row] = rows
    assert (row.record, row.key, status.money(row.spent), row.state) == ("BG", "travel", "0.00", "within")
    assert months == ["01", "02", "03", "04"] and burn == {"travel": [0, 0, 0, 0]}


def test_money_cells_never_add_currencies() -> None:
    assert status.totals([Money.of("1.50"), Money.of("2.00", "USD"), Money.of("3.00")]) == "4.50; 2.00 USD"
    assert status.money(Money.of("1234.5")) == "1,234.50"


def test_the_team_page_never_calls_a_period_not_yet_due_missing(built_site: BuiltSite) -> None:
    page = (built_site.root / "docs" / "status" / "team.en.md").read_text(encoding="utf-8")
    november = next(line for line in page.splitlines() if line.startswith("| 2026-11 |"))
    assert "missing" not in november and "due 2026-" in november


def test_the_customers_page_shows_the_intervals_in_force(built_site: BuiltSite) -> None:
    page = Path(built_site.root / "docs" / "status" / "customers.en.md").read_text(encoding="utf-8")
    assert "| Key | 8 | 30 | 8 | 100% |" in page and "| Potential | 13 | 14 |" in page
