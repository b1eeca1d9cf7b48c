"""Structured conditions of the rule data."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from checker.loading.repository import Entry, Source
from checker.records import KINDS
from checker.records.customers import Complaint
from checker.records.general import Role
from checker.records.ruleset import Condition
from checker.records.sales import Opportunity, Quote
from checker.records.types import Money, Period
from checker.rules.conditions import comparable, matches
from checker.rules.context import Context
from tests.conftest import world

QUOTE = Quote.model_validate({
    "kind": "quote", "id": "QT-1", "owner": "p-zhang-wei", "customer": "C-1",
    "lines": [{"product": "A", "quantity": "2", "unit_price": "250000.00"}],
    "discount_percent": "5", "total": "500000.00", "status": "sent", "sent": "2026-03-30",
    "approvals": [{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-03-28"}],
})


def cond(data: dict[str, Any]) -> Condition:
    return Condition.model_validate(data)


def context(as_of: str = "2026-06-30") -> Context:
    """The shared world's roles and people, as of a date."""
    entries = [Entry(KINDS[item["kind"]].model_validate(item), Source("world.yaml", "world.yaml"), ())
               for item in world()]
    return Context(as_of=date.fromisoformat(as_of), effective=date(2026, 1, 1), entries=entries)


CTX = context()


@pytest.mark.parametrize(("data", "expected"), [
    ({"field": "status", "equals": "sent"}, True),
    ({"field": "status", "equals": "draft"}, False),
    ({"field": "status", "not_equals": "draft"}, True),
    ({"field": "status", "in": ["draft", "sent"]}, True),
    ({"field": "status", "in": ["draft"]}, False),
    ({"field": "total", "gt": "500000"}, False),
    ({"field": "total", "ge": "500000"}, True),
    ({"field": "total", "gt": 499999.99}, True),
    ({"field": "total", "lt": "500000.01"}, True),
    ({"field": "total", "le": "499999.99"}, False),
    ({"field": "total.amount", "equals": "500000"}, True),
    ({"field": "discount_percent", "ge": "5"}, True),
    ({"field": "sent", "lt": "2026-04-01"}, True),
    ({"field": "sent", "gt": "2026-03-30"}, False),
    ({"field": "sent", "exists": True}, True),
    ({"field": "opportunity", "exists": False}, True),
    ({"field": "opportunity", "exists": "true"}, False),
    ({"field": "lines[].product", "equals": "A"}, True),
    ({"field": "lines[].quantity", "gt": "1"}, True),
    ({"approved_by": "marketing-manager"}, True),
    ({"approved_by": "management"}, False),
    ({"all": [{"field": "status", "equals": "sent"}, {"approved_by": "management"}]}, False),
    ({"any": [{"field": "status", "equals": "draft"}, {"approved_by": "marketing-manager"}]}, True),
    ({"not": {"field": "status", "equals": "sent"}}, False),
])
def test_matches(data: dict[str, Any], expected: bool) -> None:
    assert matches(cond(data), QUOTE, CTX) is expected


def test_no_condition_always_matches() -> None:
    assert matches(None, QUOTE, CTX)


def test_alias_field_and_boolean() -> None:
    role = Role.model_validate({"kind": "role", "id": "r", "owner": "p", "name_zh": "x",
                                "name_en": "x", "team": "true", "responsibilities": ["a"]})
    assert matches(cond({"field": "team", "equals": "true"}), role, CTX)
    assert not matches(cond({"field": "team", "equals": False}), role, CTX)


def test_datetime_field() -> None:
    complaint = Complaint.model_validate({
        "kind": "complaint", "id": "CP", "owner": "p", "customer": "C", "channel": "x",
        "received": "2026-04-08T09:30", "description": "d"})
    assert matches(cond({"field": "received", "ge": "2026-04-08T09:00"}), complaint, CTX)
    assert not matches(cond({"field": "received", "lt": "2026-04-08T09:30"}), complaint, CTX)


@pytest.mark.parametrize("data", [
    {"field": "status"},                                  # no operator
    {"equals": "x"},                                      # operator without field
    {"field": "status", "equals": "a", "in": ["a"]},      # two operators
    {"all": [], "any": []},
    {"field": "status", "like": "x"},                     # unknown operator
])
def test_invalid_conditions(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        cond(data)


def test_comparable() -> None:
    found, wanted = comparable(Money.model_validate("12.50"), "12.5")
    assert found.same_as(Money.of("12.50")) and wanted.same_as(Money.of("12.5"))
    assert comparable(Money.model_validate("12.50 USD"), "12.5 USD")[1].currency == "USD"
    assert comparable(Period.parse("2026-03"), "2026-03") == ("2026-03", "2026-03")
    assert comparable(date(2026, 1, 2), "2026-01-02") == (date(2026, 1, 2), date(2026, 1, 2))
    assert comparable(datetime(2026, 1, 2, 3, 4), "2026-01-02T03:04")[1] == datetime(2026, 1, 2, 3, 4)
    assert comparable(True, "TRUE") == (True, True)
    assert comparable("x", 5) == ("x", "5")
    assert comparable(Decimal("1"), "abc") == ("1", "abc")


def quote(**changes: Any) -> Quote:
    return Quote.model_validate({**QUOTE.model_dump(by_alias=True), **changes})


@pytest.mark.parametrize(("approvals", "expected"), [
    ([{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-03-28"}], True),
    ([{"role": "marketing-manager", "person": "p-li-na", "date": "2026-03-28"}], False),  # not her role
    ([{"role": "marketing-manager", "person": "p-nobody", "date": "2026-03-28"}], False),  # not in the register
    ([{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-07-01"}], False),  # after the as-of date
])
def test_approved_by_counts_only_valid_approvals(approvals: list[dict[str, str]], expected: bool) -> None:
    assert matches(cond({"approved_by": "marketing-manager"}), quote(approvals=approvals), CTX) is expected


def test_approved_by_never_counts_a_self_approval() -> None:
    own = quote(owner="p-wang-jun")
    assert not matches(cond({"approved_by": "marketing-manager"}), own, CTX)


def test_approved_by_on_a_date_counts_approvals_up_to_that_date() -> None:
    condition = cond({"approved_by": "marketing-manager"})  # QUOTE was approved on 2026-03-28
    assert matches(condition, QUOTE, CTX, date(2026, 3, 28))
    assert not matches(condition, QUOTE, CTX, date(2026, 3, 27))


@pytest.mark.parametrize(("data", "expected"), [
    ({"field": "approvals", "exists": True}, True),
    ({"field": "action_plan", "exists": True}, False),
    ({"field": "action_plan", "exists": False}, True),
    ({"field": "evaluation", "exists": False}, True),
])
def test_exists_on_lists_and_empty_text(data: dict[str, Any], expected: bool) -> None:
    opportunity = Opportunity.model_validate({
        "kind": "opportunity", "id": "OP", "owner": "p-zhang-wei", "customer": "C-1", "title": "t",
        "discovered": "2026-03-12", "entered": "2026-03-13", "stage": "lead", "evaluation": "",
        "action_plan": [], "approvals": [{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-03-13"}]})
    assert matches(cond(data), opportunity, CTX) is expected


def test_money_threshold_in_another_currency_cannot_be_compared() -> None:
    with pytest.raises(ValueError, match="different currencies"):
        matches(cond({"field": "total", "gt": "500000"}), quote(total="600000.00 USD"), CTX)


def test_one_condition_converts_its_parameter_for_each_type_of_value_it_meets() -> None:
    """The same compiled condition meets money on a quote and a plain number on a line:
    each is compared with the parameter converted for its own type."""
    over = cond({"field": "total", "ge": "500000"})
    cheaper = QUOTE.model_copy(update={"total": Money.of("499999.99")})
    assert [matches(over, q, CTX) for q in (QUOTE, cheaper, QUOTE)] == [True, False, True]
    quantity = cond({"field": "lines[].quantity", "ge": "2"})
    assert matches(quantity, QUOTE, CTX) is True


def test_a_parameter_that_cannot_be_compared_fails_every_time_it_is_asked() -> None:
    """A date parameter against money cannot be converted: the rule pass must hear so for
    every record, not only the first (nothing half-converted is kept)."""
    bad = cond({"field": "total", "gt": "2026-01-01"})
    for _ in range(2):
        with pytest.raises(ValueError):
            matches(bad, QUOTE, CTX)
