"""Value types: exact money and numbers in their ranges, calendar periods, ids; and text
fidelity through the models."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from checker.loading.repository import load
from checker.records import KINDS, MODELS, kind_of
from checker.records.customers import Customer
from checker.records.expenses import ExpenseClaim
from checker.records.general import Person, Role
from checker.records.types import (
    Amount,
    CurrencyMismatch,
    Flag,
    Hours,
    Money,
    Percent,
    Period,
    Quantity,
    Score,
    SignedAmount,
    TeamTime,
)
from tests.conftest import rule, rule_set, run, write_repo


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("12.50", Decimal("12.50"), "CNY"),
    ("0.10", Decimal("0.10"), "CNY"),
    ("999999999999.99", Decimal("999999999999.99"), "CNY"),
    ("1,250.00", Decimal("1250.00"), "CNY"),
    ("1,234,567.5", Decimal("1234567.5"), "CNY"),
    ("1250.00 USD", Decimal("1250.00"), "USD"),
    ("-50000.00", Decimal("-50000.00"), "CNY"),
    (" 7 ", Decimal("7"), "CNY"),
])
def test_money_from_text_is_exact(text: str, amount: Decimal, currency: str) -> None:
    money = SignedAmount.model_validate(text)
    assert money.amount == amount and str(money.amount) == str(amount)
    assert money.currency == currency


def test_money_sums_exactly() -> None:
    parts = [Money.model_validate(t).amount for t in ("0.10", "0.20")]
    assert sum(parts, Decimal(0)) == Money.model_validate("0.30").amount


@pytest.mark.parametrize("text", ["¥12", "12.5.0", "twelve", "12 yuan", "", "1e3", "12,50", "1,2,3", "1250 usd"])
def test_money_rejects_other_text(text: str) -> None:
    with pytest.raises(ValidationError):
        Money.model_validate(text)


def test_money_str() -> None:
    assert str(Money.model_validate("1234567.5")) == "1,234,567.50 CNY"


def test_money_adds_and_compares_within_one_currency() -> None:
    claim, limit = Amount.model_validate("1280.00"), Money.parse("5000")
    assert (claim + claim).same_as(Money.of("2560.00")) and claim < limit and limit >= claim
    assert Money.total([claim, Money.of("0.01")]).same_as(Money.of("1280.01"))
    assert Money.total([], "USD").same_as(Money.of(0, "USD"))
    assert Money.of("50").ratio(Money.of("200")) == Decimal("0.25")


@pytest.mark.parametrize("operation", [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a < b, lambda a, b: a >= b, lambda a, b: a.ratio(b)])
def test_money_in_two_currencies_is_never_added_or_compared(operation: Any) -> None:
    with pytest.raises(CurrencyMismatch, match="different currencies") as raised:
        operation(Money.parse("100 USD"), Money.parse("100"))
    assert "币种不同" in raised.value.zh


def test_money_equality_needs_the_same_currency() -> None:
    assert not Money.parse("100 USD").same_as(Money.parse("100"))
    assert Amount.model_validate("100").same_as(Money.parse("100.00"))


@pytest.mark.parametrize(("written", "team"), [
    ("2026-04-08T09:30", datetime(2026, 4, 8, 9, 30)),  # no offset: already China time
    ("2026-04-08T09:30+08:00", datetime(2026, 4, 8, 9, 30)),
    ("2026-04-08T01:30Z", datetime(2026, 4, 8, 9, 30)),
    ("2026-04-07T20:30-05:00", datetime(2026, 4, 8, 9, 30)),
    ("2026-04-08T18:30+00:00", datetime(2026, 4, 9, 2, 30)),  # the next day in China
])
def test_times_are_read_on_the_teams_clock(written: str, team: datetime) -> None:
    moment = TypeAdapter(TeamTime).validate_python(written)
    assert moment == team and moment.tzinfo is None


def _error(annotation: Any, value: Any) -> tuple[str, dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(annotation).validate_python(value)
    [error] = info.value.errors()
    return error["type"], dict(error.get("ctx") or {})


TRILLION = Decimal(10) ** 12


@pytest.mark.parametrize(("annotation", "value", "kind", "ctx"), [
    (Amount, "-0.01", "greater_than_equal", {"ge": Decimal(0)}),
    (Amount, "-50000.00 USD", "greater_than_equal", {"ge": Decimal(0)}),
    (Amount, "NaN", "decimal_parsing", {}),
    (Amount, "Infinity", "decimal_parsing", {}),
    (Amount, "-Infinity", "decimal_parsing", {}),
    (Amount, "1e400", "decimal_parsing", {}),
    (Amount, "1000000000000", "less_than", {"lt": TRILLION}),
    (Amount, "9" * 5000, "less_than", {"lt": TRILLION}),
    (Amount, "12.345", "decimal_max_places", {"decimal_places": 2}),
    (Amount, "0." + "0" * 4999 + "1", "decimal_max_places", {"decimal_places": 2}),
    (Amount, Decimal("NaN"), "finite_number", {}),
    (Amount, Decimal("Infinity"), "finite_number", {}),
    (Amount, {"amount": "12", "currency": "yuan"}, "string_pattern_mismatch", {"pattern": "^[A-Z]{3}$"}),
    (SignedAmount, "-1000000000000", "greater_than", {"gt": -TRILLION}),
    (SignedAmount, "NaN", "decimal_parsing", {}),
    (Quantity, "-1", "greater_than_equal", {"ge": Decimal(0)}),
    (Quantity, "1e400", "decimal_parsing", {}),
    (Quantity, "NaN", "decimal_parsing", {}),
    (Quantity, "Infinity", "decimal_parsing", {}),
    (Quantity, "1" * 5000, "less_than", {"lt": Decimal(10) ** 9}),
    (Quantity, "0.0001", "decimal_max_places", {"decimal_places": 3}),
    (Quantity, "1,000", "decimal_parsing", {}),
    (Quantity, Decimal("-Infinity"), "finite_number", {}),
    (Percent, "100.01", "less_than_equal", {"le": Decimal(100)}),
    (Percent, "-5", "greater_than_equal", {"ge": Decimal(0)}),
    (Percent, "5%", "decimal_parsing", {}),
    (Score, "101", "less_than_equal", {"le": Decimal(100)}),
    (Score, "-1", "greater_than_equal", {"ge": Decimal(0)}),
    (Hours, "0", "greater_than", {"gt": Decimal(0)}),
    (Hours, "-6", "greater_than", {"gt": Decimal(0)}),
    (Hours, "1000.5", "less_than_equal", {"le": Decimal(1000)}),
])
def test_hostile_numbers_are_rejected_with_the_exact_error(annotation: Any, value: Any, kind: str,
                                                           ctx: dict[str, Any]) -> None:
    assert _error(annotation, value) == (kind, ctx)


@pytest.mark.parametrize(("annotation", "text", "expected"), [
    (Amount, "0", Decimal("0")),
    (Amount, "999999999999.99", Decimal("999999999999.99")),
    (SignedAmount, "-50000.00", Decimal("-50000.00")),
    (SignedAmount, "-999999999999.99", Decimal("-999999999999.99")),
    (Quantity, "0", Decimal("0")),
    (Quantity, "2.5", Decimal("2.5")),
    (Quantity, " 12 ", Decimal("12")),
    (Quantity, "+12", Decimal("12")),
    (Percent, "100", Decimal("100")),
    (Percent, "12.50", Decimal("12.50")),
    (Score, "0", Decimal("0")),
    (Hours, "0.25", Decimal("0.25")),
    (Hours, "1000", Decimal("1000")),
])
def test_numbers_at_the_edges_of_their_range_are_accepted(annotation: Any, text: str,
                                                          expected: Decimal) -> None:
    found = TypeAdapter(annotation).validate_python(text)
    number = found.amount if isinstance(found, Money) else found
    assert number == expected and str(number) == str(expected)


@pytest.mark.parametrize("annotation", [Amount, SignedAmount, Quantity, Percent])
@pytest.mark.parametrize("text", ["-0", "-0.00", "+0"])
def test_negative_zero_is_plain_zero(annotation: Any, text: str) -> None:
    found = TypeAdapter(annotation).validate_python(text)
    number = found.amount if isinstance(found, Money) else found
    assert number == 0 and not number.is_signed()
    if isinstance(found, Money):
        assert str(found) == "0.00 CNY"


def _numbers_in(schema: Any, defs: dict[str, Any], path: tuple[str, ...] = (),
                seen: frozenset[str] = frozenset()) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every numeric form in a JSON schema, with the property path that leads to it."""
    if isinstance(schema, list):
        return [found for item in schema for found in _numbers_in(item, defs, path, seen)]
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _numbers_in(defs[name], defs, path, seen | {name})
    found = [(path, schema)] if schema.get("type") in ("number", "integer") else []
    for key, value in schema.items():
        if key == "properties":
            found += [f for name, sub in value.items() for f in _numbers_in(sub, defs, (*path, name), seen)]
        elif key in ("anyOf", "items", "prefixItems", "additionalProperties"):
            found += _numbers_in(value, defs, path, seen)
    return found


def test_every_number_in_every_record_kind_has_a_range_in_its_schema() -> None:
    negative = set()
    for model in MODELS:
        schema = model.model_json_schema()
        numbers = _numbers_in(schema, schema.get("$defs", {}))
        for path, number in numbers:
            where = f"{kind_of(model)}.{'.'.join(path)}"
            assert {"minimum", "exclusiveMinimum"} & set(number), where
            assert {"maximum", "exclusiveMaximum"} & set(number), where
            if number.get("minimum", number.get("exclusiveMinimum", 0)) < 0:
                negative.add(where)
        assert "Money" not in schema.get("$defs", {}), f"{kind_of(model)}: use Amount or SignedAmount"
    # only a reduction of a budget and a loss may be negative (money as one value, then as its fields)
    assert negative == {"budget-adjustment.amount", "budget-adjustment.amount.amount",
                        "sales-report.profit", "sales-report.profit.amount"}


def test_json_schema_shows_how_money_and_percentages_are_written() -> None:
    from checker.records.sales import Quote

    schema = Quote.model_json_schema()
    discount = schema["properties"]["discount_percent"]["anyOf"]
    assert {"type": "number", "minimum": 0.0, "maximum": 100.0} in discount
    assert {"type": "string", "pattern": r"^\+?[0-9]+(\.[0-9]{1,2})?$"} in discount
    money = schema["$defs"]["Amount"]["anyOf"]
    assert money[0] == {"type": "string",
                        "pattern": r"^\+?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]{1,2})?( [A-Z]{3})?$"}
    assert money[1] == {"type": "number", "minimum": 0.0, "exclusiveMaximum": 1e12}


BUDGET = """\
kind: budget
id: BG-2026
owner: p-li-na
year: 2026
prepared: 2025-12-12
lines:
  - category: entertainment
    amount: 100000.00
"""

CLAIM = """\
kind: expense-claim
id: {id}
owner: p-zhang-wei
category: entertainment
description: 客户招待
incurred: 2026-05-10
amount: {amount}
receipts:
  - number: "0001"
    date: 2026-05-10
    issuer: 杭州某酒店
    amount: {amount}
submitted: 2026-05-11
"""


def test_a_negative_expense_claim_is_a_schema_error_and_cannot_hide_a_budget_overrun(tmp_path: Path) -> None:
    spending = {"kind": "expense-claim", "amount": "amount", "category": "category", "date": "incurred"}
    budget_rule = rule("budget-kept", "budget", {"lines": "lines", "limit": "amount", "category": "category",
                                                 "period": "year", "spending": spending, "warn_ratio": "0.9"},
                       kinds=["budget"], clause="9.3")
    root = write_repo(tmp_path, [], ruleset=rule_set([budget_rule]))
    files = {"budget.yaml": BUDGET,
             "EC-1.yaml": CLAIM.format(id="EC-1", amount="70000.00"),
             "EC-2.yaml": CLAIM.format(id="EC-2", amount="50000.00"),
             "EC-3.yaml": CLAIM.format(id="EC-3", amount="-40000.00")}  # would bring 120,000 down to 80%
    for name, text in files.items():
        (root / "records" / name).write_text(text, encoding="utf-8")

    report = run(root, "2026-11-20")

    found = [(f.file, f.line, f.column, f.rule, f.severity, f.message.en) for f in report.findings]
    assert found == [
        ("records/EC-3.yaml", 7, 1, "record-schema", "error", "amount cannot be negative, found '-40000.00'."),
        ("records/EC-3.yaml", 12, 5, "record-schema", "error",
         "amount in item 1 of receipts cannot be negative, found '-40000.00'."),
        ("records/budget.yaml", 8, 5, "budget-kept", "error",
         "BG-2026: category entertainment spending 120,000.00 CNY exceeds the approved 100,000.00 CNY"),
    ]
    assert report.findings[0].message.zh == "amount 不能为负数，实际是 '-40000.00'。"


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
        "  - {date: 2025-09-14, product: C, amount: 999999999999.99}\n", encoding="utf-8")
    repo = load(root, root / "records")
    assert repo.findings == []
    customer = {e.record.id: e.record for e in repo.entries}["C-1"]
    assert isinstance(customer, Customer)
    assert (customer.name, customer.industry, customer.region) == ("no", "on", "off")
    assert customer.strategy == "1:30"
    assert [c.phone for c in customer.contacts] == ["0571-8888", "05718888"]
    amounts = [p.amount.amount for p in customer.purchase_history]
    assert amounts == [Decimal("12.50"), Decimal("0.10"), Decimal("999999999999.99")]
    assert all(isinstance(a, Decimal) for a in amounts)
    assert str(amounts[0]) == "12.50"


@pytest.mark.parametrize(("written", "read"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_a_flag_reads_true_and_false(written: str, read: bool) -> None:
    assert TypeAdapter(Flag).validate_python(written) is read


@pytest.mark.parametrize("written", ["on", "off", "yes", "no", "y", "n", "1", "0", ""])
def test_a_flag_refuses_yaml_1_1_words(written: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Flag).validate_python(written)
    assert raised.value.errors()[0]["type"] == "bool_parsing"


def test_team_on_is_a_finding_that_says_which_words_are_accepted(tmp_path: Path) -> None:
    role = {"kind": "role", "id": "r", "owner": "p-zhao-min", "name_zh": "x", "name_en": "x", "team": "on",
            "responsibilities": []}
    report = run(write_repo(tmp_path, [role], ruleset=rule_set([])), "2026-03-01")
    [finding] = [f for f in report.findings if f.record == "r"]
    assert finding.rule == "record-schema" and "must be true or false, found 'on'" in finding.message.en
    assert "yes, no, on, off, 1 and 0 are not accepted" in finding.fix.en


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
