"""total: an amount equals the sum of its parts (a claim and its receipts).

``total`` is the path of the amount, ``parts`` the path of the amounts that must add up
to it (e.g. ``receipts[].amount``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from checker.findings import Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.records.types import Money
from checker.rules.context import Context
from checker.rules.paths import value, values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType


class TotalParams(Params):
    total: str
    parts: str


def _amount(found: object) -> Decimal:
    return found.amount if isinstance(found, Money) else Decimal(str(found))


class Total(RuleType[TotalParams]):
    name = "total"
    params = TotalParams

    def check(self, rule: RuleSpec, params: TotalParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            total = value(entry.record, params.total)
            if total is None:
                continue
            out.checked += 1
            parts = sum((_amount(p) for p in values(entry.record, params.parts)), Decimal(0))
            if parts != _amount(total):
                out.violation(entry, yaml_path(params.total), Message(
                    f"{params.total} 为 {_amount(total):,.2f}，但各项合计为 {parts:,.2f}",
                    f"{params.total} is {_amount(total):,.2f} but the parts add up to {parts:,.2f}"),
                    total=f"{_amount(total):,.2f}", parts=f"{parts:,.2f}")
