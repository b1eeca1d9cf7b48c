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
    assert finding.message.en == "EC: amount is 1,280.00 but the parts add up to 1,279.99"
    assert finding.path[-1] == "amount" and finding.line is not None


def test_no_parts(check_rule: Callable[..., Report]) -> None:
    [finding] = check_rule(SPEC, [claim("0.01")], "2026-03-10").findings
    assert "add up to 0.00" in finding.message.en
