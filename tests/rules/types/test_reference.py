"""reference: dangling links, wrong kinds, wrong state, required fields, every declared link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.rules.engine import Report
from tests.conftest import dump, rule, rule_set, run

ON_QUOTE = rule("r", "reference", {"field": "quote", "target_kind": "quote", "required": True,
                                   "target_when": {"approved_by": "marketing-manager"},
                                   "target_state": {"zh": "经批准", "en": "approved"}}, kinds=["contract"])


def contract(quote: str) -> dict[str, Any]:
    return {"kind": "contract", "id": "CT-1", "owner": "p-zhang-wei", "customer": "C-1", "quote": quote,
            "amount": "1.00", "drafted": "2026-02-01"}


def quote(approved: bool) -> dict[str, Any]:
    return {"kind": "quote", "id": "QT-1", "owner": "p-zhang-wei", "customer": "C-1",
            "lines": [{"product": "A", "quantity": "1", "unit_price": "1.00"}], "total": "1.00",
            "status": "sent", "approvals": [{"role": "marketing-manager", "person": "p-wang-jun",
                                             "date": "2026-01-20"}] if approved else []}


def found(report: Report) -> list[str]:
    return [f.message.en for f in report.findings if f.rule == "r"]


def test_resolves(check_rule: Callable[..., Report]) -> None:
    assert found(check_rule(ON_QUOTE, [quote(True), contract("QT-1")], "2026-03-01")) == []


def test_dangling(check_rule: Callable[..., Report]) -> None:
    report = check_rule(ON_QUOTE, [contract("QT-404")], "2026-03-01")
    [message] = found(report)
    assert "QT-404 does not exist as a quote record" in message
    assert report.findings[0].path[-1] == "quote" and report.findings[0].line == 5


def test_wrong_kind(check_rule: Callable[..., Report]) -> None:
    [message] = found(check_rule(ON_QUOTE, [contract("p-wang-jun")], "2026-03-01"))
    assert "p-wang-jun does not exist as a quote record" in message


def test_wrong_state(check_rule: Callable[..., Report]) -> None:
    [message] = found(check_rule(ON_QUOTE, [quote(False), contract("QT-1")], "2026-03-01"))
    assert message == "CT-1: QT-1 is not approved"


def test_required_empty_field(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "reference", {"field": "opportunity", "required": True}, kinds=["quote"])
    [message] = found(check_rule(spec, [quote(True)], "2026-03-01"))
    assert "opportunity is empty" in message
    optional = rule("r", "reference", {"field": "opportunity"}, kinds=["quote"])
    assert found(check_rule(optional, [quote(True)], "2026-03-01")) == []


def test_every_declared_link(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "reference", {}, kinds=["quote", "contract", "person"])
    bad_quote = dict(quote(True), customer="C-404", approvals=[
        {"role": "marketing-manager", "person": "p-ghost", "date": "2026-01-20"},
        {"role": "no-role", "person": "p-wang-jun", "date": "2026-01-20"}])
    customer = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "n", "class": "key",
                "since": "2026-01-01"}
    good = dict(contract("QT-1"), follow_ups=[{"date": "2026-03-01", "by": "p-zhang-wei", "note": "n"}])
    report = check_rule(spec, [customer, bad_quote, good], "2026-03-01")
    paths = sorted(tuple(str(p) for p in f.path[-3:]) for f in report.findings if f.rule == "r")
    assert paths == [("approvals", "0", "person"), ("approvals", "1", "role"), ("customer",)]
    assert all(f.record == "QT-1" for f in report.findings)
    bad_follow = dict(contract("QT-1"), follow_ups=[{"date": "2026-03-01", "by": "p-ghost", "note": "n"}])
    report = check_rule(spec, [customer, quote(True), bad_follow], "2026-03-01")
    assert found(report) == ["CT-1: follow_ups.by names p-ghost, which is not a person record"]


def test_broken_link_in_a_list_points_at_its_item(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "reference", {}, kinds=["quote"])
    record = dict(quote(True), approvals=[
        {"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-01-20"},
        {"role": "management", "person": "p-ghost", "date": "2026-01-21"}])
    customer = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "n", "class": "key",
                "since": "2026-01-01"}
    [finding] = check_rule(spec, [customer, record], "2026-03-01").findings
    assert finding.record == "QT-1" and "p-ghost" in finding.message.en
    text = dump(record).splitlines()
    line = next(i for i, t in enumerate(text, 1) if "p-ghost" in t)
    assert finding.line == line


def test_every_declared_link_in_a_list_field(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "reference", {}, kinds=["meeting"])
    meeting = {"kind": "meeting", "id": "M-1", "owner": "p-li-na", "type": "weekly", "date": "2026-01-05",
               "attendees": ["p-li-na", "p-zhang-wei"], "minutes": "m"}
    assert found(check_rule(spec, [meeting], "2026-03-01")) == []


def test_broken_link_in_a_list_field_is_found(check_rule: Callable[..., Report]) -> None:
    spec = rule("r", "reference", {}, kinds=["meeting"])
    meeting = {"kind": "meeting", "id": "M-1", "owner": "p-li-na", "type": "weekly", "date": "2026-01-05",
               "attendees": ["p-li-na", "p-ghost"], "minutes": "m"}
    [message] = found(check_rule(spec, [meeting], "2026-03-01"))
    assert "p-ghost" in message


def test_reference_parameters_in_words() -> None:
    from tests.rules.types.describing import described

    said = described("reference", {"field": "quote", "target_kind": "quote", "required": True,
                                   "target_when": {"approved_by": "marketing-manager"},
                                   "target_state": {"zh": "经营销经理批准", "en": "approved by a marketing manager"}})
    assert said == {"field": "quote 须指向存在的记录", "target_kind": "被引用的须是销售报价（quote）",
                    "required": "必须填写", "target_when": "被引用的记录须满足：已经营销经理批准",
                    "target_state": "提示中对该状态的说法：经营销经理批准"}
    assert described("reference", {}) == {}


SIGNED_ON_QUOTE = rule("r", "reference", {"field": "quote", "target_kind": "quote",
                                          "target_when": {"approved_by": "marketing-manager"},
                                          "target_state": {"zh": "经批准", "en": "approved"},
                                          "state_by": "signed"}, kinds=["contract"])


def test_target_must_be_in_its_state_on_the_records_date(check_rule: Callable[..., Report]) -> None:
    signed_before = dict(contract("QT-1"), signed="2026-01-15")  # the quote was approved on 2026-01-20
    assert found(check_rule(SIGNED_ON_QUOTE, [signed_before, quote(True)], "2026-06-30")) == [
        "CT-1: QT-1 was not yet approved on 2026-01-15 (signed); it was only later"]
    signed_after = dict(contract("QT-1"), signed="2026-01-20")
    assert found(check_rule(SIGNED_ON_QUOTE, [signed_after, quote(True)], "2026-06-30")) == []


def test_a_link_to_an_invalid_record_is_not_also_missing(make_repo: Callable[..., Path]) -> None:
    broken = dict(quote(True), colour="red")  # one unknown field: the quote fails validation
    customer = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
                "since": "2026-01-10"}
    links = rule("links", "reference", kinds=["contract"])  # every declared link
    root = make_repo([contract("QT-1"), broken, customer], ruleset=rule_set([ON_QUOTE, links]))
    report = run(root, "2026-06-30")
    assert [(f.rule, f.record) for f in report.findings] == [("record-schema", "QT-1")]
