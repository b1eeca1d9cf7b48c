"""Each person's agenda: what they must act on, from the report.

- **overdue**: findings of the deadline kinds (a deadline, a recurring duty, an approval
  that had to come first) they own that someone can still act on. A settled lateness
  (the finding's ``settled``, as the rules decide it for waivers: done, only late) is no
  item: nobody can act on it any more, so it leaves the agenda, the calendars and the
  chat digest, and stays a finding of ``handbook check`` and on the site. An approval the
  gated action went ahead without is settled too, but while no valid approval has been
  given at all it stays: the approver can still give it (late), as its fix says;
- **soon**: due items they own, due from today to ``within`` days ahead;
- **approvals**: records waiting for their approval, as ``handbook approvals pending``
  lists them (an approval rule asks for a role they hold today, the record is not theirs
  and no valid approval meets the need yet, or their own approval went stale), whenever
  due: an approver can act now;
- **problems**: every other finding on what they own (content missing, a budget warning).

The same items make the terminal's ``handbook todo``, the person's page, their calendar
and the chat digest. Who owns each comes from the report (``checker.people.owners``): a
leaver owns nothing, their items sit on the agendas of those they were handed over to,
and a leaver's agenda says when they left and who took their items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from typing import Literal

from checker.findings import DueItem, Finding, Handover, Message
from checker.loading.repository import Entry, Repository
from checker.people.owners import Owners, last_role, rules_of
from checker.records.digest import digest, pins
from checker.rules.context import Context
from checker.rules.engine import Report
from checker.rules.inforce import ConfigurationError, versions_in_force
from checker.rules.needs import context as approval_context
from checker.rules.needs import holders, judging_among, needs, satisfied
from checker.rules.trust import Distrust
from checker.rules.types import DEADLINE_TYPES

Section = Literal["overdue", "soon", "approval", "problem"]
SECTIONS: tuple[Section, ...] = ("overdue", "soon", "approval", "problem")


@dataclass(frozen=True)
class Item:
    """One thing a person must do."""

    section: Section
    rule: str
    clause: str | None
    record: str | None  # the record's id, or the subject of a team duty (a period)
    label: Message | None
    what: Message
    fix: Message | None
    due: date | None
    file: str
    line: int | None
    owner: str | None
    owner_name: str | None
    period: str | None = None
    severity: str | None = None
    roles: Message | None = None  # for an approval: the role(s) it is asked of
    handover: Handover | None = None  # the leaver it passed from, when its owner has left

    @property
    def key(self) -> str:
        """What the item is about, stable while the duty stands (never a date or a position):
        the rule, the record or subject, and the period when the subject has several."""
        parts = [self.rule, self.record or self.file]
        if self.period and self.period != self.record:
            parts.append(self.period)
        return "/".join(parts)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _from_finding(finding: Finding, section: Section) -> Item:
    return Item(section=section, rule=finding.rule, clause=finding.clause, record=finding.record,
                label=finding.label, what=finding.message, fix=finding.fix, due=_day(finding.due),
                file=finding.file, line=finding.line, owner=finding.owner, owner_name=finding.owner_name,
                period=finding.period, severity=finding.severity, handover=finding.handover)


def _from_due(item: DueItem) -> Item:
    return Item(section="soon", rule=item.rule, clause=item.clause, record=item.record, label=item.label,
                what=item.what, fix=None, due=_day(item.due), file=item.file, line=None, owner=item.owner,
                owner_name=item.owner_name, period=item.period, handover=item.handover)


def context(report: Report) -> Context:
    return Context(as_of=report.as_of, effective=report.ruleset.effective, entries=report.entries)


def _rule_types(report: Report) -> dict[str, str]:
    return {rule.id: rule.type for rule in report.ruleset.rules}


def overdue_and_problems(report: Report) -> Iterator[Item]:
    """Every finding someone can still act on as an agenda item: overdue when of a deadline
    kind and past the date it was due by, else a problem (an approval missing on a draft is
    due by nothing yet: keep it a draft). A settled one is no item, unless it is an approval
    still to be given."""
    types = _rule_types(report)
    to_give = _still_to_approve(report, [f for f in report.findings
                                         if f.settled and types.get(f.rule) == "approval"])
    for finding in report.findings:
        if finding.settled and (finding.rule, finding.record) not in to_give:
            continue
        overdue = types.get(finding.rule) in DEADLINE_TYPES and finding.due is not None
        yield _from_finding(finding, "overdue" if overdue else "problem")


def _still_to_approve(report: Report, findings: list[Finding]) -> set[tuple[str, str | None]]:
    """Of the approval ``findings`` given, by rule and record, those whose approval is still to
    be given: no valid approval meets the rule's need yet, whatever its date (as ``handbook
    approvals pending`` judges it). Once one is given, only late, nothing is left to do."""
    asked = {(f.rule, f.record) for f in findings}
    if not asked:
        return set()
    repository = Repository(entries=report.entries, findings=[], files=0, sources={})
    try:
        ctx = approval_context(repository, report.as_of, report.distrusted)
        versions = versions_in_force(repository, report.as_of)
    except ConfigurationError:
        return asked
    by_id = {e.record.id: e for e in report.entries}
    found: set[tuple[str, str | None]] = set()
    for rule, record in asked:
        entry = by_id.get(record or "")
        if entry is None or any(need.rule == rule and not satisfied(ctx, entry, need)
                                for need in needs(entry, judging_among(versions, entry, report.as_of), ctx)):
            found.add((rule, record))
    return found


def upcoming(report: Report, within: int | None) -> Iterator[Item]:
    """Due items from today to ``within`` days ahead (every one ahead with None)."""
    horizon = report.as_of + timedelta(days=within) if within is not None else date.max
    for item in report.due:
        day = date.fromisoformat(item.due)
        if report.as_of <= day <= horizon:
            yield _from_due(item)


def _approval_item(entry: Entry, roles: tuple[str, ...], gate: date | None, stale_since: date | None,
                   ctx: Context, owners: Owners, broken: Distrust | None = None) -> Item:
    record = entry.record
    asked = ctx.role_names(roles)
    if broken is not None and stale_since is not None:
        what = Message(f"你在 {stale_since} 的审批未通过核实（{broken.detail.zh}），请以{asked.zh}身份重新审批",
                       f"your approval of {stale_since} does not verify ({broken.detail.en}): approve it again "
                       f"as {asked.en}")
    elif stale_since is not None:
        what = Message(f"你在 {stale_since} 的审批已失效（记录之后有改动），请以{asked.zh}身份重新审批",
                       f"your approval of {stale_since} went stale (the record changed since): approve it again "
                       f"as {asked.en}")
    else:
        what = Message(f"等待你以{asked.zh}身份审批", f"waiting for your approval as {asked.en}")
    fix = Message(f"审阅记录后运行 handbook approve {record.id}", f"Review the record, then run "
                  f"`handbook approve {record.id}`")
    owner, handover = owners.owner_on(record.owner, ctx.as_of)  # whose record it is now
    return Item(section="approval", rule="approval", clause=None, record=record.id, label=owners.label(record),
                what=what, fix=fix, due=gate, file=entry.source.file, line=None, owner=owner,
                owner_name=owners.name(owner), roles=asked, handover=handover)


_WAITING: dict[int, tuple[Report, dict[str, list[Item]]]] = {}  # the last report's, by its id


def approvals_waiting(report: Report) -> dict[str, list[Item]]:
    """What waits for each person's approval, by person id: exactly what ``handbook approvals
    pending`` lists for them (``checker.approvals.commands.pending``: records needing an
    approval in a role they hold today that no valid approval satisfies yet and that they
    may give, and their own approvals a later change made stale), found in one pass over
    the records for everyone at once, and once per report (the site asks twice)."""
    known = _WAITING.get(id(report))
    if known is None or known[0] is not report:
        _WAITING.clear()
        known = _WAITING[id(report)] = (report, _approvals_waiting(report))
    return {person: list(items) for person, items in known[1].items()}


def _approvals_waiting(report: Report) -> dict[str, list[Item]]:
    repository = Repository(entries=report.entries, findings=[], files=0, sources={})
    today = report.as_of
    try:
        ctx = approval_context(repository, today, report.distrusted)
        versions = versions_in_force(repository, today)
    except ConfigurationError:
        return {}
    owners = Owners(ctx, rules_of(e.record for e in versions))
    held = {pid: person.roles_on(today) for pid, person in ctx.people.items()}
    found: dict[str, list[Item]] = defaultdict(list)
    for entry in report.entries:
        record = entry.record
        wanted = needs(entry, judging_among(versions, entry, today), ctx)
        if not wanted:
            continue
        now: str | None = None  # the record's digest, worked out only when an approval carries one
        met: dict[int, bool] = {}  # whether each need is satisfied: the same whoever is asked
        candidates = {pid for need in wanted for pid in holders(ctx, need.roles, today)}
        candidates |= {a.person for a in record.approvals if a.person in held}
        for person in sorted(candidates - {record.owner}):
            mine = [a for a in record.approvals if a.person == person]
            broken = next((report.distrusted[(record.id, a)] for a in mine if (record.id, a) in report.distrusted),
                          None)  # their own approval that git does not show them adding: to give again
            if broken is None and any(a.digest is None for a in mine):  # given (one without a digest cannot be
                continue                                                # told stale)
            if mine and broken is None:
                now = digest(record) if now is None else now
                if any(pins(a.digest, record, now) for a in mine):
                    continue
            stale_since = mine[0].date if mine else None
            for index, need in enumerate(wanted):
                if person in need.barred or not set(need.roles) & held[person]:
                    continue
                if stale_since is None:
                    if index not in met:
                        met[index] = satisfied(ctx, entry, need)
                    if met[index]:
                        continue
                roles = tuple(r for r in need.roles if r in held[person])
                found[person].append(_approval_item(entry, roles, need.gate, stale_since, ctx, owners, broken))
                break
    return found


@dataclass(frozen=True)
class Handed:
    """Items a person owned that were handed over to another (``person`` None: to nobody)."""

    person: str | None
    name: str | None
    count: int


@dataclass
class Agenda:
    """What one person (or, with ``person`` None, nobody in particular) must do."""

    person: str | None
    name: str | None
    as_of: date
    within: int | None
    overdue: list[Item] = field(default_factory=list)
    soon: list[Item] = field(default_factory=list)
    approvals: list[Item] = field(default_factory=list)
    problems: list[Item] = field(default_factory=list)
    left: date | None = None  # when the person has left: the last day of their last role
    last_role: Message | None = None  # that role's name
    handed_to: list[Handed] = field(default_factory=list)  # who took over what they owned (whenever due)

    def section(self, name: Section) -> list[Item]:
        return {"overdue": self.overdue, "soon": self.soon, "approval": self.approvals,
                "problem": self.problems}[name]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.soon or self.approvals or self.problems)

    def count(self) -> int:
        return len(self.overdue) + len(self.soon) + len(self.approvals) + len(self.problems)


def _sorted(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.due or date.max, i.record or "", i.rule, i.period or ""))


def agendas(report: Report, within: int | None = 7, ctx: Context | None = None) -> dict[str | None, Agenda]:
    """Every person's agenda (people with nothing to do included), and under None what
    nobody could be placed for."""
    ctx = ctx or context(report)
    result: dict[str | None, Agenda] = {
        pid: Agenda(pid, person.name, report.as_of, within) for pid, person in sorted(ctx.people.items())}

    def agenda_of(person: str | None) -> Agenda:
        if person not in result:
            found = ctx.people.get(person) if person else None
            result[person] = Agenda(person, found.name if found else None, report.as_of, within)
        return result[person]

    collected: dict[str | None, dict[Section, list[Item]]] = defaultdict(lambda: defaultdict(list))
    handed: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))  # every one, whenever due
    horizon = report.as_of + timedelta(days=within) if within is not None else date.max
    for item in [*overdue_and_problems(report), *upcoming(report, None)]:
        if item.handover is not None:
            handed[item.handover.person][item.owner] += 1
        if item.section != "soon" or (item.due is not None and item.due <= horizon):
            collected[item.owner][item.section].append(item)
    for person, waiting in approvals_waiting(report).items():  # whenever due: an approver can act now
        collected[person]["approval"].extend(waiting)
    for owner, sections in collected.items():
        agenda = agenda_of(owner)
        for name in SECTIONS:
            agenda.section(name).extend(_sorted(sections.get(name, [])))
    for pid, agenda in result.items():
        found = ctx.people.get(pid) if pid else None
        last = last_role(found, ctx.roles, report.as_of) if found is not None else None
        if last is not None:
            agenda.left, agenda.last_role = last.end, ctx.role_name(last.role)
        agenda.handed_to = [Handed(to, result[to].name if to in result else None, count)
                            for to, count in sorted(handed.get(pid or "", {}).items(),
                                                    key=lambda found: (found[0] is None, found[0] or ""))]
    return result


def agenda(report: Report, person: str, within: int | None = 7) -> Agenda:
    """One person's agenda."""
    everyone = agendas(report, within)
    found = everyone.get(person)
    return found if found is not None else Agenda(person, None, report.as_of, within)


def by_date(items: Iterable[Item]) -> list[tuple[date | None, list[Item]]]:
    """Items grouped by their due date, earliest first; items without a date last."""
    ordered = _sorted(items)
    return [(day, list(group)) for day, group in groupby(ordered, key=lambda i: i.due)]
