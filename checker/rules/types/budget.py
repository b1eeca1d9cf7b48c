"""budget: spending stays within what was approved.

The limit is a money field of the record (``limit: budget``) or, with ``lines``, of each
line of it (``lines: lines``, ``limit: amount``, ``category: category``). Spending is the
sum of ``amount`` over records of ``spending.kind`` that name this record
(``spending.link``) or, for category budgets, that fall in its period and category.
Approved adjustments (records of ``adjustments.kind`` approved in the role
``adjustments.approved_by``) add to the limit. Spending above ``warn_ratio`` of the
limit is a warning; above the limit it is a finding of the rule's severity. Spending
in a category that has no budget line is a finding too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.records.types import Money, Period
from checker.rules.context import Context
from checker.rules.paths import value
from checker.rules.types.base import Outcome, Params, RuleType, as_date
from checker.rules.words import Code, Names, Words, of, pick


class Spending(Params):
    kind: str
    amount: str
    link: str | None = None
    category: str | None = None
    date: str | None = None


class Adjustments(Params):
    kind: str
    link: str
    amount: str
    approved_by: str
    category: str | None = None


class BudgetParams(Params):
    limit: str
    lines: str | None = None
    category: str | None = None
    period: str | None = None
    spending: Spending
    adjustments: Adjustments | None = None
    warn_ratio: Decimal = Decimal("0.9")


def _amount(found: Any) -> Decimal:
    if isinstance(found, Money):
        return found.amount
    return Decimal(str(found)) if found is not None else Decimal(0)


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


class Budget(RuleType[BudgetParams]):
    name = "budget"
    params = BudgetParams

    def describe(self, params: BudgetParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        if params.lines:
            said["lines"] = (pick(lang, "预算分行列在 ", "Budget lines are listed in "), Code(params.lines))
            said["limit"] = (pick(lang, "每行的 ", "Each line's "), Code(params.limit),
                             pick(lang, " 是上限", " is the limit"))
        else:
            said["limit"] = (Code(params.limit), pick(lang, " 是上限", " is the limit"))
        if params.category:
            said["category"] = (pick(lang, "按每行的 ", "One limit per "), Code(params.category),
                                pick(lang, " 分类控制", " of a line"))
        if params.period:
            said["period"] = (pick(lang, "只计 ", "Only spending in the "), Code(params.period),
                              pick(lang, " 期间内的支出", " period counts"))
        spending = params.spending
        found: list[str | Code] = [pick(lang, "支出：", "Spending: "), *of(spending.amount, spending.kind, lang, names)]
        if spending.link:
            found += [pick(lang, "（其 ", " (whose "), Code(spending.link),
                      pick(lang, " 指向本记录）", " names the record)")]
        if spending.category:
            found += [pick(lang, "，按 ", ", by "), Code(spending.category), pick(lang, " 归类", "")]
        if spending.date:
            found += [pick(lang, "，按 ", ", dated by "), Code(spending.date), pick(lang, " 计入期间", "")]
        said["spending"] = tuple(found)
        if params.adjustments is not None:
            adjust = params.adjustments
            said["adjustments"] = (
                pick(lang, f"上限加上经{names.role(adjust.approved_by, lang)}批准的", "The limit grows by the "),
                *of(adjust.amount, adjust.kind, lang, names),
                pick(lang, "", f" approved by {names.role(adjust.approved_by, lang)}"))
        said["warn_ratio"] = (pick(lang, f"支出达到上限的 {params.warn_ratio:.0%} 时预警",
                                   f"A warning at {params.warn_ratio:.0%} of the limit"),)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: BudgetParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            record = entry.record
            spent = self._spent(params, entry, ctx)
            added = self._adjusted(params, entry, ctx)
            period = value(record, params.period) if params.period else None
            limits: dict[Any, tuple[Any, tuple[str | int, ...]]]
            if params.lines is None:
                limits = {None: (value(record, params.limit), (yaml_key(params.limit),))}
            else:
                limits = {}
                for index, line in enumerate(value(record, params.lines) or ()):
                    key = value(line, params.category) if params.category else None
                    limits[key] = (value(line, params.limit), (params.lines, index, yaml_key(params.limit)))
            for key, (limit, path) in limits.items():
                out.checked += 1
                currency = limit.currency if isinstance(limit, Money) else "CNY"
                allowed = _amount(limit) + added.get(key, Decimal(0))
                used = spent.get(key, Decimal(0))
                label = Message(f"{key} 类" if key else "", f"category {key} " if key else "")
                if used > allowed:
                    out.violation(entry, path, Message(
                        f"{label.zh}已支出 {_money(used, currency)}，超出批准的 {_money(allowed, currency)}",
                        f"{label.en}spending {_money(used, currency)} exceeds the approved "
                        f"{_money(allowed, currency)}"),
                        spent=_money(used, currency), limit=_money(allowed, currency))
                elif allowed > 0 and used >= allowed * params.warn_ratio:
                    out.violation(entry, path, Message(
                        f"{label.zh}已支出 {_money(used, currency)}，达到批准额 {_money(allowed, currency)} 的 "
                        f"{used / allowed:.0%}",
                        f"{label.en}spending {_money(used, currency)} has reached {used / allowed:.0%} of the "
                        f"approved {_money(allowed, currency)}"),
                        severity="warning", spent=_money(used, currency), limit=_money(allowed, currency))
            for key in sorted(k for k in spent if k not in limits and k is not None):
                amount = _money(spent[key], "CNY")
                during = Message(f"（{period}）", f" in {period}") if period else Message("", "")
                out.violation(entry, (params.lines or yaml_key(params.limit),), Message(
                    f"{key} 类有支出 {amount}{during.zh}，但预算中没有这一类",
                    f"{amount} was spent on {key}{during.en}, which has no budget line"), spent=amount, limit="0")

    def _spent(self, params: BudgetParams, entry: Entry, ctx: Context) -> dict[Any, Decimal]:
        spending = params.spending
        if spending.link:
            candidates = ctx.referencing(spending.kind, spending.link).get(entry.record.id, [])
        else:
            candidates = ctx.by_kind.get(spending.kind, [])
        period = value(entry.record, params.period) if params.period else None
        totals: dict[Any, Decimal] = defaultdict(Decimal)
        for item in candidates:
            if isinstance(period, Period) and spending.date:
                day = as_date(value(item.record, spending.date))
                if day is None or not period.start <= day <= period.end:
                    continue
            key = value(item.record, spending.category) if spending.category else None
            totals[key] += _amount(value(item.record, spending.amount))
        return totals

    def _adjusted(self, params: BudgetParams, entry: Entry, ctx: Context) -> dict[Any, Decimal]:
        totals: dict[Any, Decimal] = defaultdict(Decimal)
        adjustments = params.adjustments
        if adjustments is None:
            return totals
        for item in ctx.referencing(adjustments.kind, adjustments.link).get(entry.record.id, []):
            if ctx.approved(item.record, (adjustments.approved_by,)):
                key = value(item.record, adjustments.category) if adjustments.category else None
                totals[key] += _amount(value(item.record, adjustments.amount))
        return totals


def yaml_key(path: str) -> str:
    return path.split(".")[0].removesuffix("[]")
