"""total: an amount equals the exact sum of its parts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from checker.rules.engine import Report
from tests.conftest import rule

SPEC = rule("r", "total", {"total": "amount", "parts": "receipts[].amount"}, kinds=["expense-claim"])


def claim(amount: str, *parts: str) -> dict[str, Any]:
    return {"kind": "expense-claim", "id": "EC", "owner": "p-zhang-wei", "category": "travel", "description": "d",
            "incurred": "2026-03-01", "amount": amount, "submitted": "2026-03-02",
            "receipts": [{"number": str(i), "date": "2026-03-01", "issuer": "x", "amount": p}
                         for i, p in enumerate(parts)]}


@pytest.mark.parametrize(("amount", "parts"), [
    ("1280.00", ("1000.00", "280.00")),
    ("0.30", ("0.10", "0.20")),
    ("999999999999.99", ("999999999999.00", "0.99")),  # the largest amount allowed
    ("1,000.00", ("999.99", "0.01")),
    ("100", ("100.00",)),
])
def test_adds_up(check_rule: Callable[..., Report], amount: str, parts: tuple[str, ...]) -> None:
    report = check_rule(SPEC, [claim(amount, *parts)], "2026-03-10")
    assert report.findings == [] and report.results["r"].checked == 1


def test_does_not_add_up(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(SPEC, [claim("1280.00", "1000.00", "279.99")], "2026-03-10").findings
    assert finding.message.en == "EC: amount is 1,280.00 CNY but the parts add up to 1,279.99 CNY"
    assert finding.path[-1] == "amount" and finding.line is not None


def test_no_parts(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(SPEC, [claim("0.01")], "2026-03-10").findings
    assert "add up to 0.00" in finding.message.en


def test_parts_in_another_currency_are_not_added(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(SPEC, [claim("1280.00", "1000.00", "280.00 USD")], "2026-03-10").findings
    assert "holds amounts in USD" in finding.message.en and finding.path[-3:] == ("receipts", 1, "amount")


QUOTE = rule("q", "total", {"total": "total", "parts": "lines[].amount", "discount": "discount_percent"},
             kinds=["quote"])


def quote(total: str, discount: str, *lines: tuple[str, str]) -> dict[str, Any]:
    return {"kind": "quote", "id": "QT", "owner": "p-zhang-wei", "customer": "C-1", "status": "draft",
            "lines": [{"product": "p", "quantity": q, "unit_price": u} for q, u in lines],
            "discount_percent": discount, "total": total}


@pytest.mark.parametrize(("total", "discount"), [
    ("2500.00", "0"),
    ("2375.00", "5"),
    ("1666.75", "33.33"),  # 1666.675 rounded half up to the cent
])
def test_quote_total_is_the_lines_after_discount(check_rule: Callable[..., Report], total: str,
                                                 discount: str) -> None:
    records = [quote(total, discount, ("2", "1000.00"), ("1", "500.00"))]
    assert check_rule(QUOTE, records, "2026-03-10").findings == []


def test_quote_total_far_below_its_lines(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(QUOTE, [quote("175750.00", "0", ("100", "13000.00"))], "2026-03-10").findings
    assert finding.message.en == "QT: total is 175,750.00 CNY but the parts add up to 1,300,000.00 CNY"
    assert finding.path[-1] == "total"


def test_quote_discount_is_taken_off_before_comparing(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(QUOTE, [quote("2500.00", "5", ("2", "1000.00"), ("1", "500.00"))], "2026-03-10").findings
    assert "which is 2,375.00 CNY after the 5% discount" in finding.message.en


def test_total_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    assert described("total", {"total": "amount", "parts": "receipts[].amount"}) == {
        "total": "amount 须等于各项之和", "parts": "各项金额取 receipts[].amount"}
