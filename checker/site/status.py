"""Data of the status pages: what the rules established (``Report.facts``), grouped for
display, and the records themselves. Nothing here judges a record: each page shows the
verdicts and figures of the rules, so the pages and the check never disagree."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from checker.findings import DueItem, Finding
from checker.records import Record
from checker.records.customers import Complaint, Customer, Visit
from checker.records.general import Person
from checker.records.ruleset import RuleSpec
from checker.records.sales import Contract, Opportunity, Quote
from checker.records.training import TrainingPlan, TrainingSession
from checker.records.types import DEFAULT_CURRENCY, Money, Period
from checker.rules.engine import Report
from checker.rules.facts import BudgetUsage, Elapsed, Interval, PeriodStatus
from checker.rules.types import DEADLINE_TYPES


def records_of(report: Report, model: type[Record]) -> list[Any]:
    return [e.record for e in report.entries if isinstance(e.record, model)]


def chapter_of(finding: Finding) -> str:
    return finding.clause.split(".", 1)[0] if finding.clause else "-"


@dataclass
class Counts:
    errors: int
    warnings: int
    waived: int
    rules_total: int
    rules_clean: int
    by_chapter: list[tuple[str, int, int]]


def counts(report: Report) -> Counts:
    by_chapter: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in report.findings:
        by_chapter[chapter_of(finding)][finding.severity] += 1
    rows = [(chapter, c["error"], c["warning"]) for chapter, c in sorted(by_chapter.items())]
    clean = sum(1 for r in report.results.values() if r.findings == 0)
    return Counts(report.count("error"), report.count("warning"), len(report.waived),
                  len(report.results), clean, rows)


def rule_types(report: Report) -> dict[str, str]:
    return {r.id: r.type for r in report.ruleset.rules}


def overdue(report: Report) -> list[Finding]:
    types = rule_types(report)
    return [f for f in report.findings if types.get(f.rule) in DEADLINE_TYPES]


def upcoming(report: Report, days: int = 30) -> list[DueItem]:
    horizon = report.as_of + timedelta(days=days)
    return sorted((d for d in report.due if report.as_of <= date.fromisoformat(d.due) <= horizon),
                  key=lambda d: (d.due, d.record))


def money(value: Money | Decimal | str) -> str:
    """An amount for a table cell: ``1,250.00``, with its currency when it is not CNY
    (text is an amount already written out, such as a sum per currency)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Money):
        return f"{value.amount:,.2f}" + ("" if value.currency == DEFAULT_CURRENCY else f" {value.currency}")
    return f"{Decimal(value):,.2f}"


def budgets(report: Report) -> tuple[list[BudgetUsage], dict[str, list[Decimal]], list[str]]:
    """What the budget rules established: usage per budget and line (as the check judged
    it, as of its date), and the cumulative monthly spending of the lines whose period
    holds the evaluation date, per category."""
    rows = [fact for _, facts in report.facts_of("budget") for fact in facts if isinstance(fact, BudgetUsage)]
    rows.sort(key=lambda row: (row.period or "", row.record, row.key or ""))
    burn: dict[str, list[Decimal]] = {}
    months: list[str] = []
    for row in rows:
        if row.key is None or not row.monthly or not row.period:
            continue
        period = Period.parse(row.period)
        if period.start <= report.as_of <= period.end:
            burn[row.key] = [spent.amount for _, spent in row.monthly]
            months = [month[-2:] for month, _ in row.monthly]
    return rows, burn, months


def pipeline(report: Report) -> dict[str, Any]:
    opportunities: list[Opportunity] = records_of(report, Opportunity)
    quotes: list[Quote] = records_of(report, Quote)
    contracts: list[Contract] = records_of(report, Contract)
    stages = Counter(o.stage for o in opportunities)
    stage_value: dict[str, list[Money]] = defaultdict(list)
    for o in opportunities:
        if o.estimated_value:
            stage_value[o.stage].append(o.estimated_value)
    quoted = {q.opportunity for q in quotes if q.opportunity}
    quote_ids = {q.id for q in quotes}
    contracted_quotes = {c.quote for c in contracts if c.signed}
    return {
        "stages": [(s, stages.get(s, 0), totals(stage_value.get(s, [])))
                   for s in ("lead", "qualified", "proposal", "won", "lost")],
        "quotes": sorted(quotes, key=lambda q: q.id),
        "contracts": sorted(contracts, key=lambda c: c.id),
        "opportunities": len(opportunities),
        "quoted": len(quoted),
        "quotes_total": len(quote_ids),
        "signed": len(contracted_quotes & quote_ids),
        "signed_amount": totals([c.amount for c in contracts if c.signed]),
        "quoted_amount": totals([q.total for q in quotes if q.sent]),
    }


def totals(amounts: list[Money]) -> str:
    """The sum of ``amounts`` per currency (never added across currencies), for a cell."""
    by_currency: dict[str, list[Money]] = defaultdict(list)
    for amount in amounts:
        by_currency[amount.currency].append(amount)
    if not by_currency:
        return money(Money.of(0))
    return "; ".join(money(Money.total(found, currency)) for currency, found in sorted(
        by_currency.items(), key=lambda item: (item[0] != DEFAULT_CURRENCY, item[0])))


def customer_care(report: Report) -> dict[str, Any]:
    """Visit coverage per customer class from the intervals the cadence rules hold each
    customer to, and each complaint's handling times from the complaint deadlines."""
    customers: list[Customer] = records_of(report, Customer)
    intervals: dict[str, list[Interval]] = defaultdict(list)
    for _, facts in report.facts_of("cadence"):
        for fact in facts:
            if isinstance(fact, Interval):
                intervals[fact.group].append(fact)
    coverage = []
    for klass in ("key", "general", "potential"):
        members = [c for c in customers if c.class_ == klass]
        every = sorted({f.every for c in members for f in intervals.get(c.id, [])})
        within = [c for c in members if intervals.get(c.id) and not any(f.overdue for f in intervals[c.id])]
        coverage.append((klass, len(members), " / ".join(map(str, every)), len(within)))
    columns = [(rule, {f.record: f for f in facts if isinstance(f, Elapsed)})
               for rule, facts in report.facts_of("deadline") if "complaint" in rule.kinds]
    complaints = [(c, [found.get(c.id) for _, found in columns])
                  for c in sorted(records_of(report, Complaint), key=lambda c: c.received)]
    return {"coverage": coverage, "complaints": complaints, "columns": [rule for rule, _ in columns],
            "names": {c.id: c.name for c in customers}, "visits": len(records_of(report, Visit))}


def elapsed(fact: Elapsed | None, lang: str) -> str:
    """How long a deadline took (or "not yet"), in the unit of its limit."""
    if fact is None:
        return "—"
    if fact.end is None:
        return "未完成" if lang == "zh" else "not yet"
    if fact.in_hours:
        return f"{fact.hours:.1f} {'小时' if lang == 'zh' else 'h'}"
    return f"{fact.days} {'天' if lang == 'zh' else 'd'}"


@dataclass
class Duty:
    """One cadence rule's periods, as the rule judged them."""

    rule: RuleSpec
    periods: list[PeriodStatus]

    def count(self, *states: str) -> int:
        return sum(1 for p in self.periods if p.state in states)


def team_rhythm(report: Report) -> dict[str, Any]:
    """The team's recurring duties period by period (done, late, overdue, or still open
    and not yet due) and each member's periodic duties, as the cadence rules judged them."""
    people = {p.id: p for p in records_of(report, Person)}
    records = {e.record.id: e.record for e in report.entries}
    team: list[Duty] = []
    members: list[tuple[RuleSpec, list[str], list[tuple[Person, list[tuple[PeriodStatus | None, str]]]]]] = []
    for rule, facts in report.facts_of("cadence"):
        periods = [f for f in facts if isinstance(f, PeriodStatus)]
        if not periods:
            continue
        if all(f.group == "" for f in periods):
            team.append(Duty(rule, periods))
            continue
        by_person: dict[str, dict[str, PeriodStatus]] = defaultdict(dict)
        for fact in periods:
            if fact.group in people:
                by_person[fact.group][fact.period] = fact
        if not by_person:
            continue
        columns = sorted({f.period for f in periods if f.group in people})
        rows = []
        for person_id in sorted(by_person):
            cells: list[tuple[PeriodStatus | None, str]] = []
            for column in columns:
                found = by_person[person_id].get(column)
                grades = [str(getattr(records.get(e), "grade", "")) for e in found.events] if found else []
                cells.append((found, "/".join(g for g in grades if g)))
            rows.append((people[person_id], cells))
        members.append((rule, columns, rows))
    return {"team": team, "members": members}


def training(report: Report) -> dict[str, Any]:
    year = report.as_of.year
    plans: list[TrainingPlan] = [p for p in records_of(report, TrainingPlan) if p.year.start.year == year]
    sessions: list[TrainingSession] = sorted(
        (s for s in records_of(report, TrainingSession) if s.date.year == year), key=lambda s: s.date)
    courses = sorted(((course, plan) for plan in plans for course in plan.courses), key=lambda cp: cp[0].date)
    by_month: dict[int, list[Any]] = defaultdict(list)
    for course, plan in courses:
        by_month[course.date.month].append(("course", course, plan))
    for session in sessions:
        by_month[session.date.month].append(("session", session, None))
    return {"year": year, "courses": courses, "sessions": sessions, "by_month": dict(sorted(by_month.items()))}


