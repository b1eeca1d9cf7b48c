"""unique: a value on one record only, or records sharing it agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.rules.engine import Report
from tests.conftest import rule

RECEIPTS = rule("r", "unique", {"key": "receipts[].number", "what": {"zh": "票据号码", "en": "receipt number"}},
                kinds=["expense-claim"])
ONE_WAY = rule("r", "unique", {"key": "appraisal", "agree": "type", "what": {"zh": "考核", "en": "appraisal"}},
               kinds=["incentive"])


def claim(claim_id: str, day: str, *numbers: str) -> dict[str, Any]:
    return {"kind": "expense-claim", "id": claim_id, "owner": "p-zhang-wei", "category": "travel",
            "description": "d", "incurred": day, "amount": f"{len(numbers)}.00", "submitted": day,
            "receipts": [{"number": n, "date": day, "issuer": "x", "amount": "1.00"} for n in numbers]}


def incentive(incentive_id: str, kind: str, appraisal: str, day: str) -> dict[str, Any]:
    measure = "bonus" if kind == "reward" else "warning"
    return {"kind": "incentive", "id": incentive_id, "owner": "p-li-na", "person": "p-zhang-wei", "type": kind,
            "measure": measure, "appraisal": appraisal, "decided": day}


def found(report: Report) -> list[tuple[str | None, str]]:
    return [(f.record, f.message.en) for f in report.findings if f.rule == "r"]


def test_distinct_values_pass(check_rule: Callable[..., Report]) -> None:
    report = check_rule(RECEIPTS, [claim("EC-1", "2026-03-01", "1", "2"), claim("EC-2", "2026-03-02", "3")],
                        "2026-06-30")
    assert found(report) == [] and report.results["r"].checked == 2


def test_the_later_claim_is_the_duplicate_and_names_the_first(check_rule: Callable[..., Report]) -> None:
    report = check_rule(RECEIPTS, [claim("EC-2", "2026-04-01", "0441"), claim("EC-1", "2026-03-01", "0441 ")],
                        "2026-06-30")
    [(record, message)] = found(report)
    assert record == "EC-2" and message == "EC-2: receipt number 0441 is already used on EC-1 (records/r001-EC-1.yaml)"
    [finding] = report.findings
    assert finding.path[-3:] == ("receipts", 0, "number")


def test_twice_on_one_record(check_rule: Callable[..., Report]) -> None:
    assert found(check_rule(RECEIPTS, [claim("EC-1", "2026-03-01", "7", "7")], "2026-06-30")) == [
        ("EC-1", "EC-1: receipt number 7 is already used on this record")]


def test_sharing_a_value_agreeing_passes_disagreeing_fails(check_rule: Callable[..., Report]) -> None:
    rewards = [incentive("IN-1", "reward", "AR-1", "2026-04-01"), incentive("IN-2", "reward", "AR-1", "2026-04-02")]
    assert found(check_rule(ONE_WAY, rewards, "2026-06-30")) == []
    mixed = [incentive("IN-1", "reward", "AR-1", "2026-04-01"), incentive("IN-2", "penalty", "AR-1", "2026-04-02")]
    assert found(check_rule(ONE_WAY, mixed, "2026-06-30")) == [
        ("IN-2", "IN-2: it shares the appraisal AR-1 with IN-1, but its type is penalty and that of IN-1 is reward")]
