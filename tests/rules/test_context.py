"""The one definition of a valid approval, of "as of", the reporting line, and records known to exist."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from checker.loading.repository import Entry, Source
from checker.records import KINDS
from checker.rules.context import Context
from tests.conftest import world


def context(as_of: str = "2026-06-30", invalid: dict[str, str] | None = None) -> Context:
    entries = [Entry(KINDS[item["kind"]].model_validate(item), Source("world.yaml", "world.yaml"), ())
               for item in world()]
    return Context(as_of=date.fromisoformat(as_of), effective=date(2026, 1, 1), entries=entries,
                   invalid=invalid or {})


def quote(*approvals: tuple[str, str, str], owner: str = "p-zhang-wei") -> Any:
    return KINDS["quote"].model_validate({
        "kind": "quote", "id": "QT-1", "owner": owner, "customer": "C-1", "status": "sent", "total": "1.00",
        "lines": [{"product": "A", "quantity": "1", "unit_price": "1.00"}],
        "approvals": [{"role": role, "person": person, "date": day} for role, person, day in approvals]})


@pytest.mark.parametrize(("approval", "owner", "valid"), [
    (("marketing-manager", "p-wang-jun", "2026-03-28"), "p-zhang-wei", True),
    (("marketing-manager", "p-wang-jun", "2026-03-28"), "p-wang-jun", False),  # the owner himself
    (("marketing-manager", "p-li-na", "2026-03-28"), "p-zhang-wei", False),  # not her role
    (("marketing-manager", "p-nobody", "2026-03-28"), "p-zhang-wei", False),  # not in the register
    (("marketing-manager", "p-wang-jun", "2019-12-31"), "p-zhang-wei", False),  # before he held the role
    (("marketing-manager", "p-wang-jun", "2026-07-01"), "p-zhang-wei", False),  # after the evaluation date
])
def test_valid_approvals(approval: tuple[str, str, str], owner: str, valid: bool) -> None:
    assert context().approved(quote(approval, owner=owner), ["marketing-manager"]) is valid


def test_approval_by_a_date_and_its_first_date() -> None:
    ctx = context()
    record = quote(("marketing-manager", "p-wang-jun", "2026-03-28"), ("marketing-manager", "p-wang-jun", "2026-02-01"))
    assert ctx.approval_date(record, ["marketing-manager"]) == date(2026, 2, 1)
    assert not ctx.approved(record, ["marketing-manager"], date(2026, 1, 31))
    assert ctx.approval_date(record, ["management"]) is None


def test_reporting_line_and_seniority() -> None:
    ctx = context()
    assert ctx.superiors("salesperson") == ["marketing-supervisor", "marketing-manager", "management"]
    assert ctx.senior("marketing-manager", "p-zhang-wei", date(2026, 3, 1))
    assert not ctx.senior("marketing-supervisor", "p-wang-jun", date(2026, 3, 1))
    assert not ctx.senior("salesperson", "p-chen-jing", date(2026, 3, 1))  # a peer is not above


def test_as_of_is_on_or_before_the_evaluation_date() -> None:
    ctx = context("2026-06-30")
    assert ctx.happened(date(2026, 6, 30)) and not ctx.happened(date(2026, 7, 1)) and not ctx.happened(None)


def test_a_record_that_failed_validation_still_has_its_kind() -> None:
    ctx = context(invalid={"C-9": "customer"})
    assert ctx.kind_of("C-9") == "customer" and ctx.kind_of("p-li-na") == "person" and ctx.kind_of("X") is None
