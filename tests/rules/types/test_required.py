"""required: fields, each item's fields, included values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.rules.engine import Report
from tests.conftest import rule


def kpi(indicators: list[dict[str, str]]) -> dict[str, Any]:
    return {"kind": "kpi-set", "id": "K", "owner": "p-wang-jun", "role": "salesperson", "year": "2026",
            "indicators": indicators}


def found(report: Report) -> list[str]:
    return [f.message.en for f in report.findings if f.rule == "r"]


def test_fields(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "required", {"fields": ["strategy", "service_plan", "needs"]}, kinds=["customer"])
    customer = {"kind": "customer", "id": "C", "owner": "p-zhang-wei", "name": "n", "class": "key",
                "since": "2026-01-01", "strategy": "s", "needs": []}
    report = check_rule(spec, [customer], "2026-03-01")
    assert found(report) == ["C: service_plan is empty", "C: needs is empty"]
    full = dict(customer, service_plan="p", needs=["n"])
    assert found(check_rule(spec, [full], "2026-03-01")) == []


def test_field_placeholder(check_rule: Callable[..., Report]) -> None:
    spec = dict(rule("r", "required", {"fields": ["strategy"]}, kinds=["customer"]),
                fix={"zh": "补全 {field}。", "en": "Fill in {field}."})
    customer = {"kind": "customer", "id": "C", "owner": "p-zhang-wei", "name": "n", "class": "key",
                "since": "2026-01-01"}
    assert check_rule(spec, [customer], "2026-03-01").findings[0].fix.en == "Fill in strategy."


def test_each(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "required", {"each": {"path": "indicators", "fields": ["target", "unit"]}}, kinds=["kpi-set"])
    report = check_rule(spec, [kpi([{"name": "a", "type": "performance", "target": "1", "unit": "u"},
                                    {"name": "b", "type": "attitude", "target": "1"}])], "2026-03-01")
    [finding] = report.findings
    assert finding.message.en == "K: item 2 of indicators has no unit"
    assert finding.path[-3:] == ("indicators", 1, "unit")
    assert finding.line is not None


def test_includes(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "required", {"includes": {"path": "indicators[].type",
                                               "values": ["performance", "attitude", "teamwork"]}},
                kinds=["kpi-set"])
    three = [{"name": t, "type": t} for t in ("performance", "attitude", "teamwork")]
    assert found(check_rule(spec, [kpi(three)], "2026-03-01")) == []
    [message] = found(check_rule(spec, [kpi(three[:1])], "2026-03-01"))
    assert message == "K: indicators[].type lacks: attitude, teamwork"


def test_required_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    assert described("required", {"fields": ["courses"], "each": {"path": "courses", "fields": ["date", "method"]},
                                  "includes": {"path": "indicators[].type", "values": ["performance", "attitude"]}},
                     "en") == {"fields": "Filled in: courses", "each": "courses: every item has date and method",
                               "includes": "indicators[].type includes performance and attitude"}
