"""The digest pins what a record means: reformatting and comments never change it, any
changed value does."""

from __future__ import annotations

import hashlib

import pytest

from checker.loading.yamltext import parse_text
from checker.records import Approval, Record
from checker.records.digest import canonical, current, digest
from checker.records.sales import Quote

QUOTE = """\
kind: quote
id: QT-2026-007
owner: p-zhang-wei
customer: C-1
lines:
- product: 激光位移传感器
  quantity: 24
  unit_price: 6800.00
total: 163200.00
sent: 2026-02-20
status: sent
"""

SAME_MEANING = {
    "comments and blank lines": "# 报价\n" + QUOTE.replace("customer: C-1", "customer: C-1   # 华新\n"),
    "flow style, quoting and key order": """\
{id: "QT-2026-007", kind: quote, customer: 'C-1', owner: p-zhang-wei, status: sent, sent: 2026-02-20,
 total: "163,200", lines: [{unit_price: 6800, quantity: 24.000, product: 激光位移传感器}]}
""",
    "indentation": QUOTE.replace("- product", "    - product").replace("  quantity", "      quantity")
    .replace("  unit_price", "      unit_price"),
    "a default written out": QUOTE + "discount_percent: 0\nopportunity:\n",
    "the currency written out": QUOTE.replace("total: 163200.00", "total: 163200.00 CNY"),
    "approvals": QUOTE + "approvals:\n- role: marketing-manager\n  person: p-wang-jun\n  date: 2026-02-19\n",
}

CHANGED = {
    "a quantity": QUOTE.replace("quantity: 24", "quantity: 25"),
    "the total": QUOTE.replace("total: 163200.00", "total: 163200.01"),
    "a discount": QUOTE + "discount_percent: 5\n",
    "the currency": QUOTE.replace("total: 163200.00", "total: 163200.00 USD"),
    "the id": QUOTE.replace("id: QT-2026-007", "id: QT-2026-008"),
    "an optional field added": QUOTE + "opportunity: OP-2026-001\n",
}


def quote(text: str) -> Record:
    return Quote.model_validate(parse_text(text))


def test_digest_is_sha256_of_the_canonical_json() -> None:
    record = quote(QUOTE)
    assert digest(record) == "sha256:" + hashlib.sha256(canonical(record)).hexdigest()
    assert canonical(record) == (
        '{"customer":"C-1","id":"QT-2026-007","kind":"quote","lines":[{"product":"激光位移传感器",'
        '"quantity":"24","unit_price":{"amount":"6800"}}],"total":{"amount":"163200"}}').encode()


@pytest.mark.parametrize("name", SAME_MEANING)
def test_the_same_meaning_written_differently_has_the_same_digest(name: str) -> None:
    assert digest(quote(SAME_MEANING[name])) == digest(quote(QUOTE))


@pytest.mark.parametrize("name", CHANGED)
def test_a_changed_value_changes_the_digest(name: str) -> None:
    assert digest(quote(CHANGED[name])) != digest(quote(QUOTE))


def test_current_tells_a_pinned_approval_from_a_stale_and_an_unpinned_one() -> None:
    record = quote(QUOTE)
    given = {"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-02-19"}
    assert current(Approval.model_validate({**given, "digest": digest(record)}), record) is True
    assert current(Approval.model_validate({**given, "digest": digest(quote(CHANGED["a quantity"]))}),
                   record) is False
    assert current(Approval.model_validate(given), record) is None


# What happens after the approval: the quote sent, its status moving on, the record handed over.
AFTER_APPROVAL = {
    "sent later": QUOTE.replace("sent: 2026-02-20", "sent: 2026-02-27"),
    "not sent yet": QUOTE.replace("sent: 2026-02-20\n", "").replace("status: sent", "status: draft"),
    "accepted": QUOTE.replace("status: sent", "status: accepted"),
    "handed over": QUOTE.replace("owner: p-zhang-wei", "owner: p-chen-jing"),
}


@pytest.mark.parametrize("name", AFTER_APPROVAL)
def test_what_happens_after_the_approval_is_not_pinned(name: str) -> None:
    assert digest(quote(AFTER_APPROVAL[name])) == digest(quote(QUOTE))


def test_the_fields_left_out_are_declared_on_the_models() -> None:
    from checker.records import KINDS
    from checker.records.digest import after_approval_fields

    assert after_approval_fields(KINDS["quote"]) == {"owner", "sent", "status"}
    assert after_approval_fields(KINDS["contract"]) == {"owner", "signed", "follow_ups"}
    assert after_approval_fields(KINDS["expense-claim"]) == {"owner", "paid"}
    assert after_approval_fields(KINDS["budget"]) == {"owner"}


def test_a_digest_taken_the_older_way_pins_the_record_until_it_changes() -> None:
    from checker.records.digest import pins

    record = quote(QUOTE)
    older = "sha256:" + hashlib.sha256(canonical(record, legacy=True)).hexdigest()
    assert older != digest(record)
    assert pins(older, record)
    assert not pins(older, quote(AFTER_APPROVAL["accepted"]))  # it pinned every field
    assert pins(digest(record), quote(AFTER_APPROVAL["accepted"]))
    assert not pins(None, record)
