"""Models made without validating again behave as validated ones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from checker.construct import constructed
from checker.records.types import Money


def test_a_constructed_model_equals_the_validated_one_and_stays_frozen() -> None:
    made = constructed(Money, {"amount": Decimal("1250.00"), "currency": "CNY"}, frozenset(("amount", "currency")))
    assert made == Money.model_validate("1,250.00") == Money.of("1250.00")
    assert str(made) == "1,250.00 CNY" and made.model_fields_set == {"amount", "currency"}
    with pytest.raises(ValidationError):
        made.amount = Decimal(1)  # type: ignore[misc]


def test_computed_money_keeps_its_currency_and_adds_only_with_its_own() -> None:
    total = Money.total([Money.of(1, "USD"), Money.of("2.50", "USD")], "USD")
    assert (total.amount, total.currency) == (Decimal("3.50"), "USD")
    with pytest.raises(ValueError, match="different currencies"):
        Money.total([Money.of(1, "USD"), Money.of(1, "CNY")], "USD")
