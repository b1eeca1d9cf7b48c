"""total: an amount equals the sum of its parts (a claim and its receipts, a quote and its lines).

``total`` is the path of the amount, ``parts`` the path of the amounts that must add up
to it (e.g. ``receipts[].amount``). With ``discount`` (the path of a percentage), the
parts are added, the discount taken off and the result rounded to the cent
(half up) before comparing. Parts that are plain numbers (a quote line's quantity times
its unit price) are in the total's currency; parts in another currency are a finding,
never added.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.records.types import Money
from checker.rules.context import Context
from checker.rules.paths import located, value, values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType
from checker.rules.words import Code, Names, Words, pick

CENT = Decimal("0.01")


class TotalParams(Params):
    total: str
    parts: str
    discount: str | None = None


def _money(found: object, currency: str) -> Money:
    return found if isinstance(found, Money) else Money.of(Decimal(str(found)), currency)


class Total(RuleType[TotalParams]):
    name = "total"
    params = TotalParams

    def describe(self, params: TotalParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["total"] = (Code(params.total), pick(lang, " 须等于各项之和", " equals the sum of its parts"))
        said["parts"] = (pick(lang, "各项金额取 ", "The parts are "), Code(params.parts))
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: TotalParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            found = value(entry.record, params.total)
            if found is None:
                continue
            out.checked += 1
            total = _money(found, "CNY")
            parts = [_money(p, total.currency) for p in values(entry.record, params.parts)]
            foreign = sorted({p.currency for p in parts if p.currency != total.currency})
            if foreign:
                where = next(path for found, path in located(entry.record, params.parts)
                             if isinstance(found, Money) and found.currency != total.currency)
                out.violation(entry, where, Message(
                    f"{params.total} 以 {total.currency} 计，但 {params.parts} 中有 {'、'.join(foreign)} 金额，"
                    f"不同币种不能相加",
                    f"{params.total} is in {total.currency} but {params.parts} holds amounts in "
                    f"{', '.join(foreign)}; different currencies cannot be added"),
                    total=str(total), parts="")
                continue
            expected = Money.total(parts, total.currency)
            shown = Message(f"各项合计为 {expected}", f"the parts add up to {expected}")
            if params.discount is not None:
                percent = Decimal(str(value(entry.record, params.discount) or 0))
                if percent:
                    before = expected
                    expected = Money.of((before.amount * (100 - percent) / 100).quantize(CENT, ROUND_HALF_UP),
                                        total.currency)
                    shown = Message(f"各项合计 {before}，折扣 {percent}% 后应为 {expected}",
                                    f"the parts add up to {before}, which is {expected} after the {percent}% "
                                    f"discount")
            if not total.same_as(expected):
                out.violation(entry, yaml_path(params.total), Message(
                    f"{params.total} 为 {total}，但{shown.zh}", f"{params.total} is {total} but {shown.en}"),
                    total=str(total), parts=str(expected))
