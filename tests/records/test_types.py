"""Value types: exact money, calendar periods, ids; and text fidelity through the models."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from checker.loading.repository import load
from checker.records import KINDS, MODELS, kind_of
from checker.records.customers import Customer
from checker.records.expenses import ExpenseClaim
from checker.records.general import Person, Role
from checker.records.types import Money, Period
from tests.conftest import rule_set, write_repo


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("12.50", Decimal("12.50"), "CNY"),
    ("0.10", Decimal("0.10"), "CNY"),
    ("12345678901234.56", Decimal("12345678901234.56"), "CNY"),
    ("1,250.00", Decimal("1250.00"), "CNY"),
    ("1250.00 USD", Decimal("1250.00"), "USD"),
    ("-50000.00", Decimal("-50000.00"), "CNY"),
    (" 7 ", Decimal("7"), "CNY"),
])
def test_money_from_text_is_exact(text: str, amount: Decimal, currency: str) -> None:
    money = Money.model_validate(text)
    assert money.amount == amount and str(money.amount) == str(amount)
    assert money.currency == currency


def test_money_sums_exactly() -> None:
    parts = [Money.model_validate(t).amount for t in ("0.10", "0.20")]
    assert sum(parts, Decimal(0)) == Money.model_validate("0.30").amount


@pytest.mark.parametrize("text", ["¥12", "12.5.0", "twelve", "12 yuan", "", "1e3"])
def test_money_rejects_other_text(text: str) -> None:
    with pytest.raises(ValidationError):
        Money.model_validate(text)


def test_money_str() -> None:
    assert str(Money.model_validate("1234567.5")) == "1,234,567.50 CNY"


@pytest.mark.parametrize(("text", "start", "end", "unit"), [
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
    ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quarter"),
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month"),
    ("2028-02", date(2028, 2, 1), date(2028, 2, 29), "month"),
    ("2026-W01", date(2025, 12, 29), date(2026, 1, 4), "week"),
    ("2026-W53", date(2026, 12, 28), date(2027, 1, 3), "week"),
])
def test_period_parse(text: str, start: date, end: date, unit: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.unit, str(period)) == (start, end, unit, text)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "2025-W53", "26", "2026/03", "2026-3"])
def test_period_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_period_of_and_next() -> None:
    assert str(Period.of("week", date(2026, 1, 1))) == "2026-W01"
    assert str(Period.of("month", date(2026, 12, 31)).next()) == "2027-01"
    assert str(Period.of("quarter", date(2026, 5, 5))) == "2026-Q2"
    assert str(Period.of("year", date(2026, 5, 5)).next()) == "2027"
    assert str(Period.parse("2026-W52").next()) == "2026-W53"
    with pytest.raises(ValueError):
        Period.of("decade", date(2026, 1, 1))


def test_kinds_registry() -> None:
    assert len(KINDS) == len(MODELS)
    assert KINDS["customer"] is Customer
    assert kind_of(ExpenseClaim) == "expense-claim"


def test_text_scalars_reach_the_models_as_written(tmp_path: Path) -> None:
    """no/on/off stay text, phones keep their zeros, 1:30 is not 90, money is exact."""
    root = write_repo(tmp_path, [], ruleset=rule_set([]))
    (root / "records" / "c.yaml").write_text(
        "kind: customer\nid: C-1\nowner: p-zhang-wei\nname: no\nclass: key\nsince: 2026-01-10\n"
        "industry: on\nregion: off\nstrategy: 1:30\n"
        "contacts:\n  - name: 王\n    phone: 0571-8888\n  - name: 李\n    phone: 05718888\n"
        "purchase_history:\n  - {date: 2025-09-12, product: A, amount: 12.50}\n"
        "  - {date: 2025-09-13, product: B, amount: 0.10}\n"
        "  - {date: 2025-09-14, product: C, amount: 12345678901234.56}\n", encoding="utf-8")
    repo = load(root, root / "records")
    assert repo.findings == []
    customer = {e.record.id: e.record for e in repo.entries}["C-1"]
    assert isinstance(customer, Customer)
    assert (customer.name, customer.industry, customer.region) == ("no", "on", "off")
    assert customer.strategy == "1:30"
    assert [c.phone for c in customer.contacts] == ["0571-8888", "05718888"]
    amounts = [p.amount.amount for p in customer.purchase_history]
    assert amounts == [Decimal("12.50"), Decimal("0.10"), Decimal("12345678901234.56")]
    assert all(isinstance(a, Decimal) for a in amounts)
    assert str(amounts[0]) == "12.50"


def test_role_team_flag_from_text() -> None:
    role = Role.model_validate({"kind": "role", "id": "r", "owner": "p", "name_zh": "x",
                                "name_en": "x", "team": "true", "responsibilities": []})
    assert role.team is True


def test_person_holds_a_role_on_a_date() -> None:
    person = Person.model_validate({
        "kind": "person", "id": "p", "owner": "p", "name": "x", "department": "d",
        "roles": [{"role": "salesperson", "start": "2025-01-01", "end": "2025-12-31"},
                  {"role": "marketing-supervisor", "start": "2026-01-01"}]})
    assert person.holds("salesperson", date(2025, 12, 31))
    assert not person.holds("salesperson", date(2026, 1, 1))
    assert person.roles_on(date(2026, 6, 1)) == {"marketing-supervisor"}
    assert person.roles_on(date(2024, 6, 1)) == set()


def test_numeric_id_and_period_from_text() -> None:
    customer = Customer.model_validate({"kind": "customer", "id": "2026", "owner": "p", "name": "n",
                                        "class": "key", "since": "2026-01-01"})
    assert customer.id == "2026"


def test_unknown_field_is_forbidden() -> None:
    with pytest.raises(ValidationError) as info:
        Customer.model_validate({"kind": "customer", "id": "C", "owner": "p", "name": "n",
                                 "class": "key", "since": "2026-01-01", "custmer": "x"})
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_display_names_cover_every_choice_of_their_field() -> None:
    """Each enumerated field has a Chinese and English name for every allowed value."""
    import typing

    from checker.records.customers import CLASS_NAMES, CustomerClass
    from checker.records.expenses import CATEGORY_NAMES, Category
    from checker.records.sales import STAGE_NAMES, Stage
    from checker.records.training import METHOD_NAMES, Method

    for names, choices in ((CLASS_NAMES, CustomerClass), (CATEGORY_NAMES, Category), (STAGE_NAMES, Stage),
                           (METHOD_NAMES, Method)):
        assert list(names) == list(typing.get_args(choices))
        assert all(zh and en for zh, en in names.values())
