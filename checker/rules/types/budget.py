"""budget: spending stays within what was approved, at every moment, as of the evaluation date.

The limit is a money field of the record (``limit: budget``) or, with ``lines``, of each
line of it (``lines: lines``, ``limit: amount``, ``category: category``). Spending is the
sum of ``amount`` over records of ``spending.kind`` that name this record
(``spending.link``) or, for category budgets, that fall in its period and category,
counted from their ``spending.date`` and only when that date has come by the evaluation
date (spending dated later has not happened yet).

Adjustments (records of ``adjustments.kind`` naming the budget) add to the limit from
the day they are in force: the later of their ``effective`` date and their first valid
approval in the role ``adjustments.approved_by`` (never before; an adjustment approved
later does not cover an earlier overspend). The check runs through the year: whenever
spending to date exceeded the limit in force that day, it is a finding of the rule's
severity. Spending to date above ``warn_ratio`` of today's limit is a warning.

Money is never mixed: spending or an adjustment in another currency than the limit is
a finding on that record and is not counted. Spending in a category that has no budget
line is a finding too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.expenses import CATEGORY_NAMES
from checker.records.ruleset import RuleSpec
from checker.records.types import DEFAULT_CURRENCY, Money, Period
from checker.rules.context import Context
from checker.rules.facts import BudgetUsage
from checker.rules.paths import value, yaml_path
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
    effective: str = "effective"


class BudgetParams(Params):
    limit: str
    lines: str | None = None
    category: str | None = None
    period: str | None = None
    spending: Spending
    adjustments: Adjustments | None = None
    warn_ratio: Decimal = Decimal("0.9")


@dataclass(frozen=True)
class _Change:
    """Spending or an adjustment on one day."""

    day: date | None  # None: undated spending, counted from the start
    amount: Money
    entry: Entry
    spending: bool
    path: tuple[str, ...]  # where the amount is on its record


def _money(found: Any) -> Money:
    if isinstance(found, Money):
        return found
    return Money.of(Decimal(str(found)) if found is not None else Decimal(0))


def _line_name(key: Any) -> Message:
    """A budget line's category in words: "招待类", "category entertainment "."""
    if not key:
        return Message("", "")
    zh = CATEGORY_NAMES.get(str(key), (str(key), ""))[0]
    return Message(f"{zh}类", f"category {key} ")


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
            found = value(record, params.period) if params.period else None
            period = found if isinstance(found, Period) else None
            limits: dict[Any, tuple[Money, tuple[str | int, ...]]] = {}
            if params.lines is None:
                limits[None] = (_money(value(record, params.limit)), yaml_path(params.limit))
            else:
                for index, line in enumerate(value(record, params.lines) or ()):
                    key = value(line, params.category) if params.category else None
                    limits[key] = (_money(value(line, params.limit)),
                                   (*yaml_path(params.lines), index, *yaml_path(params.limit)))
            changes = self._changes(params, entry, period, ctx)
            for key, (limit, path) in limits.items():
                out.checked += 1
                line = [c for c in changes.get(key, []) if self._same_currency(c, limit, record.id, out)]
                self._line(params, entry, key, limit, path, period, line, ctx, out)
            currency = next(iter(limits.values()))[0].currency if limits else DEFAULT_CURRENCY
            for key in sorted(k for k in changes if k not in limits and k is not None):
                spent = [c.amount for c in changes[key] if c.spending and c.amount.currency == currency]
                if not spent:
                    continue
                amount = Money.total(spent, currency)
                during = Message(f"（{period}）", f" in {period}") if period else Message("", "")
                out.violation(entry, yaml_path(params.lines or params.limit), Message(
                    f"{_line_name(key).zh}有支出 {amount}{during.zh}，但预算中没有这一类",
                    f"{amount} was spent on {key}{during.en}, which has no budget line"),
                    spent=str(amount), limit="0")

    def _same_currency(self, change: _Change, limit: Money, budget: str, out: Outcome) -> bool:
        if change.amount.currency == limit.currency:
            return True
        what = Message("支出", "spending") if change.spending else Message("调整", "adjustment")
        out.violation(change.entry, change.path, Message(
            f"{change.entry.record.id} 的{what.zh}为 {change.amount}，而预算以 {limit.currency} 计，"
            f"不同币种不能相加，未计入",
            f"the {what.en} {change.entry.record.id} is {change.amount} but the budget is in "
            f"{limit.currency}; different currencies cannot be added, so it is not counted"),
            spent=str(change.amount), limit=limit.currency, record=budget)
        return False

    def _line(self, params: BudgetParams, entry: Entry, key: Any, limit: Money, path: tuple[str | int, ...],
              period: Period | None, changes: list[_Change], ctx: Context, out: Outcome) -> None:
        """Walk through the line's spending and adjustments day by day."""
        label = _line_name(key)
        zero = Money.of(0, limit.currency)
        spent, added, over_on = zero, zero, None
        monthly: dict[str, Money] = {}
        ordered = sorted(changes, key=lambda c: (c.day or date.min, not c.spending))
        for index, change in enumerate(ordered):
            if change.spending:
                spent = spent + change.amount
            else:
                added = added + change.amount
            if change.day is not None:
                monthly[f"{change.day:%Y-%m}"] = spent
            later_same_day = index + 1 < len(ordered) and ordered[index + 1].day == change.day
            if over_on is None and not later_same_day and spent > limit + added:
                over_on = (change.day, spent, limit + added)
        allowed = limit + added
        if over_on is not None:
            day, then_spent, then_allowed = over_on
            if spent > allowed or day is None:
                detail = Message(
                    f"{label.zh}已支出 {spent}，超出批准的 {allowed}",
                    f"{label.en}spending {spent} exceeds the approved {allowed}")
            else:
                detail = Message(
                    f"{label.zh}截至 {day} 已支出 {then_spent}，超出当时批准的 {then_allowed}；"
                    f"之后的预算调整不能追认此前的超支",
                    f"{label.en}spending reached {then_spent} by {day}, above the {then_allowed} approved "
                    f"then; a later budget adjustment does not cover an earlier overspend")
            out.violation(entry, path, detail, spent=str(then_spent), limit=str(then_allowed))
        elif allowed.amount > 0 and spent >= allowed * params.warn_ratio:
            ratio = spent.ratio(allowed)
            out.violation(entry, path, Message(
                f"{label.zh}已支出 {spent}，达到批准额 {allowed} 的 {ratio:.0%}",
                f"{label.en}spending {spent} has reached {ratio:.0%} of the approved {allowed}"),
                severity="warning", spent=str(spent), limit=str(allowed))
        out.fact(BudgetUsage(record=entry.record.id, key=None if key is None else str(key),
                             period=str(period) if period else None, approved=limit, adjusted=added,
                             spent=spent, monthly=self._months(period, monthly, zero, ctx),
                             warn_ratio=params.warn_ratio))

    @staticmethod
    def _months(period: Period | None, reached: dict[str, Money], zero: Money,
                ctx: Context) -> tuple[tuple[str, Money], ...]:
        """Cumulative spending at the end of each month of the period up to the evaluation date."""
        if period is None or period.start > ctx.as_of:
            return ()
        months, running = [], zero
        month = Period.of("month", period.start)
        while month.start <= min(period.end, ctx.as_of):
            running = reached.get(str(month), running)
            months.append((str(month), running))
            month = month.next()
        return tuple(months)

    def _changes(self, params: BudgetParams, entry: Entry, period: Period | None,
                 ctx: Context) -> dict[Any, list[_Change]]:
        """Spending and adjustments in force by the evaluation date, per line key."""
        found: dict[Any, list[_Change]] = defaultdict(list)
        spending = params.spending
        if spending.link:
            candidates = ctx.referencing(spending.kind, spending.link).get(entry.record.id, [])
        else:
            candidates = ctx.by_kind.get(spending.kind, [])
        for item in candidates:
            day = as_date(value(item.record, spending.date)) if spending.date else None
            if spending.date and not ctx.happened(day):
                continue  # not spent yet as of the evaluation date
            if period is not None and spending.date and not (day and period.start <= day <= period.end):
                continue
            key = value(item.record, spending.category) if spending.category else None
            found[key].append(_Change(day, _money(value(item.record, spending.amount)), item, True,
                                      yaml_path(spending.amount)))
        adjustments = params.adjustments
        if adjustments is None:
            return found
        for item in ctx.referencing(adjustments.kind, adjustments.link).get(entry.record.id, []):
            approved = ctx.approval_date(item.record, (adjustments.approved_by,))
            effective = as_date(value(item.record, adjustments.effective))
            if approved is None:
                continue
            day = max(approved, effective) if effective else approved
            if not ctx.happened(day):
                continue  # not in force yet as of the evaluation date
            key = value(item.record, adjustments.category) if adjustments.category else None
            found[key].append(_Change(day, _money(value(item.record, adjustments.amount)), item, False,
                                      yaml_path(adjustments.amount)))
        return found
