"""Data of the status pages, computed from the report and the records."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from checker.findings import DueItem, Finding
from checker.records import Record
from checker.records.customers import Complaint, Customer, Visit
from checker.records.expenses import Budget, BudgetAdjustment, ExpenseClaim
from checker.records.general import Person
from checker.records.performance import Appraisal
from checker.records.ruleset import RuleSpec
from checker.records.sales import Contract, Opportunity, Quote
from checker.records.team import Meeting
from checker.records.training import TrainingPlan, TrainingSession
from checker.records.types import Period
from checker.rules.context import Context
from checker.rules.engine import Report

DEADLINE_TYPES = ("deadline", "cadence", "approval")


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


@dataclass
class BudgetRow:
    year: str
    category: str
    approved: Decimal
    adjusted: Decimal
    spent: Decimal

    @property
    def ratio(self) -> Decimal:
        total = self.approved + self.adjusted
        return self.spent / total if total else Decimal(0)


def _adjustment_approvers(report: Report) -> set[str]:
    """The roles whose approval makes a budget adjustment count, as the budget rules say."""
    return {str(rule.params["adjustments"]["approved_by"]) for rule in report.ruleset.rules
            if rule.type == "budget" and isinstance(rule.params.get("adjustments"), dict)}


def budgets(report: Report) -> tuple[list[BudgetRow], dict[str, list[Decimal]], list[str]]:
    """Rows per year and category, and cumulative monthly spending per category."""
    rows = []
    claims: list[ExpenseClaim] = records_of(report, ExpenseClaim)
    adjustments: list[BudgetAdjustment] = records_of(report, BudgetAdjustment)
    burn: dict[str, list[Decimal]] = {}
    months: list[str] = []
    ctx = Context(as_of=report.as_of, effective=report.ruleset.effective, entries=report.entries)
    approvers = _adjustment_approvers(report)
    for budget in sorted(records_of(report, Budget), key=lambda b: str(b.year)):
        year = budget.year
        in_year = [c for c in claims if year.start <= c.incurred <= year.end]
        for line in budget.lines:
            added = sum((a.amount.amount for a in adjustments if a.budget == budget.id
                         and a.category == line.category and ctx.approved(a, approvers)), Decimal(0))
            spent = sum((c.amount.amount for c in in_year if c.category == line.category), Decimal(0))
            rows.append(BudgetRow(str(year), line.category, line.amount.amount, added, spent))
        if year.start <= report.as_of <= year.end:
            months = [f"{m:02d}" for m in range(1, report.as_of.month + 1)]
            for line in budget.lines:
                running, series = Decimal(0), []
                for month in range(1, report.as_of.month + 1):
                    running += sum((c.amount.amount for c in in_year
                                    if c.category == line.category and c.incurred.month == month), Decimal(0))
                    series.append(running)
                burn[line.category] = series
    return rows, burn, months


def pipeline(report: Report) -> dict[str, Any]:
    opportunities: list[Opportunity] = records_of(report, Opportunity)
    quotes: list[Quote] = records_of(report, Quote)
    contracts: list[Contract] = records_of(report, Contract)
    stages = Counter(o.stage for o in opportunities)
    stage_value: dict[str, Decimal] = defaultdict(Decimal)
    for o in opportunities:
        if o.estimated_value:
            stage_value[o.stage] += o.estimated_value.amount
    quoted = {q.opportunity for q in quotes if q.opportunity}
    quote_ids = {q.id for q in quotes}
    contracted_quotes = {c.quote for c in contracts if c.signed}
    return {
        "stages": [(s, stages.get(s, 0), stage_value.get(s, Decimal(0)))
                   for s in ("lead", "qualified", "proposal", "won", "lost")],
        "quotes": sorted(quotes, key=lambda q: q.id),
        "contracts": sorted(contracts, key=lambda c: c.id),
        "opportunities": len(opportunities),
        "quoted": len(quoted),
        "quotes_total": len(quote_ids),
        "signed": len(contracted_quotes & quote_ids),
        "signed_amount": sum((c.amount.amount for c in contracts if c.signed), Decimal(0)),
        "quoted_amount": sum((q.total.amount for q in quotes if q.sent), Decimal(0)),
    }


def _interval(rules: tuple[RuleSpec, ...], klass: str) -> int | None:
    for rule in rules:
        when = rule.when
        if (rule.type == "cadence" and when is not None and when.field == "class"
                and when.equals == klass and "every" in rule.params and not rule.params.get("first_only")):
            return int(rule.params["every"].get("days", 0))
    return None


def customer_care(report: Report) -> dict[str, Any]:
    customers: list[Customer] = records_of(report, Customer)
    visits: list[Visit] = records_of(report, Visit)
    last: dict[str, date] = {}
    for visit in visits:
        if visit.date <= report.as_of and visit.date > last.get(visit.customer, date.min):
            last[visit.customer] = visit.date
    coverage = []
    for klass in ("key", "general", "potential"):
        members = [c for c in customers if c.class_ == klass]
        every = _interval(report.ruleset.rules, klass)
        within = [c for c in members if every is not None and c.id in last
                  and (report.as_of - last[c.id]).days <= every]
        coverage.append((klass, len(members), every, len(within)))
    limits = {}
    for rule in report.ruleset.rules:
        if rule.type == "deadline" and "complaint" in rule.kinds:
            limits[rule.params.get("end")] = rule.params.get("within", {})
    complaints = []
    for c in sorted(records_of(report, Complaint), key=lambda c: c.received):
        response = (c.first_response - c.received).total_seconds() / 3600 if c.first_response else None
        informed = (c.customer_informed - c.received.date()).days if c.customer_informed else None
        complaints.append((c, response, informed))
    return {"coverage": coverage, "complaints": complaints, "limits": limits,
            "names": {c.id: c.name for c in customers}, "visits": len(visits)}


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


def team_rhythm(report: Report) -> dict[str, Any]:
    meetings: list[Meeting] = records_of(report, Meeting)
    year = report.as_of.year
    weekly = Counter(Period.of("week", m.date).text for m in meetings if m.type == "weekly" and m.date.year == year)
    monthly = Counter(Period.of("month", m.date).text for m in meetings if m.type == "monthly" and m.date.year == year)
    cross = Counter(Period.of("quarter", m.date).text for m in meetings
                    if m.type == "cross-department" and m.date.year == year)
    weeks = []
    period = Period.of("week", date(year, 1, 4))
    while period.start <= report.as_of:
        weeks.append((period.text, weekly.get(period.text, 0)))
        period = period.next()
    months = [(f"{year}-{m:02d}", monthly.get(f"{year}-{m:02d}", 0)) for m in range(1, report.as_of.month + 1)]
    quarters = [f"{year}-Q{q}" for q in range(1, (report.as_of.month - 1) // 3 + 2)]
    appraisals: list[Appraisal] = records_of(report, Appraisal)
    done: dict[tuple[str, str], str] = {}
    for a in appraisals:
        done[(a.person, Period.of("quarter", a.period.start).text)] = a.grade
    people: list[Person] = sorted(records_of(report, Person), key=lambda p: p.id)
    team_roles = {e.record.id for e in report.entries if getattr(e.record, "team", False)}
    members = [p for p in people if any(a.role in team_roles for a in p.roles)]
    matrix = [(p, [done.get((p.id, q), "") for q in quarters]) for p in members]
    return {"weeks": weeks, "months": months, "cross": sorted(cross.items()), "quarters": quarters,
            "matrix": matrix}
