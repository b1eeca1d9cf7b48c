"""Field paths as rules write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from checker.records.customers import Customer
from checker.records.plans import MonthlyPlan
from checker.records.sales import Quote, SalesReport
from checker.rules.paths import parse, value, values, yaml_path

QUOTE = Quote.model_validate({
    "kind": "quote", "id": "QT-1", "owner": "p", "customer": "C-1",
    "lines": [{"product": "A", "quantity": "2", "unit_price": "10.00"},
              {"product": "B", "quantity": "1", "unit_price": "5.50"}],
    "total": "25.50", "status": "draft",
    "approvals": [{"role": "r1", "person": "p1", "date": "2026-03-01"},
                  {"role": "r2", "person": "p2", "date": "2026-03-02"}],
})


def test_parse() -> None:
    assert parse("a[].b") == (("a", True), ("b", False))
    assert parse("total") == (("total", False),)


def test_values_fan_out() -> None:
    assert values(QUOTE, "approvals[].date") == [date(2026, 3, 1), date(2026, 3, 2)]
    assert values(QUOTE, "lines[].unit_price.amount") == [Decimal("10.00"), Decimal("5.50")]
    assert values(QUOTE, "lines[].product") == ["A", "B"]


def test_value_and_empty() -> None:
    assert value(QUOTE, "total.amount") == Decimal("25.50")
    assert value(QUOTE, "sent") is None
    assert values(QUOTE, "sent") == []
    assert values(QUOTE, "nonexistent.path") == []
    assert value(QUOTE, "approvals[].role") == "r1"


def test_without_fan_out_a_list_is_one_value() -> None:
    assert values(QUOTE, "approvals") == [QUOTE.approvals]


def test_alias_and_derived_properties() -> None:
    customer = Customer.model_validate({"kind": "customer", "id": "C", "owner": "p", "name": "n",
                                        "class": "general", "since": "2026-01-01"})
    assert value(customer, "class") == "general"
    plan = MonthlyPlan.model_validate({"kind": "monthly-plan", "id": "M", "owner": "p", "month": "2026-03",
                                       "annual_plan": "A", "prepared": "2026-02-20", "tasks": [],
                                       "focus": [], "actions": []})
    assert value(plan, "period_start") == date(2026, 3, 1)
    report = SalesReport.model_validate({"kind": "sales-report", "id": "S", "owner": "p", "period": "2026-02",
                                         "submitted": "2026-03-05", "revenue": "1", "volume": "1",
                                         "profit": "1", "analysis": "a", "measures": []})
    assert value(report, "period.end") == date(2026, 2, 28)


def test_yaml_path() -> None:
    assert yaml_path("receipts[].amount") == ("receipts", "amount")
    assert yaml_path("total") == ("total",)


def test_fanned_model_path() -> None:
    from checker.rules.paths import fanned

    assert fanned(("approvals", "person")) == "approvals[].person[]"
    assert values(QUOTE, fanned(("approvals", "person"))) == ["p1", "p2"]
    assert values(QUOTE, fanned(("customer",))) == ["C-1"]
