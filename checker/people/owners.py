"""Who must act on each finding and each due item, and a readable label for its record.

- A finding or due item about a record is its owner's (``owner`` of the record).
- A team duty that no record stands for (the weekly meeting of a week, the monthly sales
  report of a month, a career plan for everyone), and any finding of a rule a role's
  ``duties`` list (a role's KPI set for the year: the finding points at the role, the duty
  is the marketing manager's), is for whoever holds the role that answers for it: the
  role whose ``duties`` list the rule, else the role whose ``clauses`` name the rule's
  clause (team roles first). When several people hold that role, the first by person id.
  Who held a role is judged on the due date for what is still ahead and on the
  evaluation date for what is overdue (the person who must act now). When nobody holds
  it, the duty has no owner (the pages and the digest say so).
- Anything else about a file that holds one record (a rule set that cannot run, a waiver
  that does not count) is that record's owner's.
- Nothing is addressed to a leaver: someone who holds no role from the day after the end
  of their last one (every role they held has ended). What they own is, from then on,
  handed over to whoever holds, that day, the role that answered for it: their last role
  (the one ending last; a team role first, then by role id), else, when that role has no
  holder, the role it reports to (``reports_to``, further up while nobody holds one). A
  team duty whose role has no holder goes up the same way (from a leaver when the role's
  last holder has left). The finding or due item names the leaver it passed from
  (``handover``); the day judged is the same as for a team duty.

What cannot be placed (a file that does not load) has no owner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import cached_property

from checker.findings import DueItem, Finding, Handover, Lang, Message
from checker.loading.repository import Entry
from checker.people.labels import Labeller
from checker.records import Record
from checker.records.general import Person, Role, RoleAssignment
from checker.records.ruleset import RuleSet, RuleSpec
from checker.rules.context import Context
from checker.rules.engine import Report


def last_role(person: Person, roles: Mapping[str, Role], day: date) -> RoleAssignment | None:
    """The last role of ``person`` when they have left by ``day`` (they held a role and every
    one they held ended before ``day``): the one ending last, a team role before another
    ending the same day, then by role id. None while they hold one, or will."""
    if not person.roles or any(a.end is None or a.end >= day for a in person.roles):
        return None

    def team(held: RoleAssignment) -> bool:
        found = roles.get(held.role)
        return found is not None and found.team

    return min(person.roles, key=lambda a: (-(a.end or day).toordinal(), not team(a), a.role))


def handover_of(person: Person, roles: Mapping[str, Role], day: date) -> Handover | None:
    """What a finding or due item of ``person`` says it passed from, when they have left by ``day``."""
    last = last_role(person, roles, day)
    if last is None or last.end is None:
        return None
    return Handover(person.id, person.name, last.end.isoformat())


class Owners:
    """Finds who must act, given the records and every rule-set version's rules."""

    def __init__(self, ctx: Context, rules: Mapping[str, RuleSpec]) -> None:
        self.ctx = ctx
        self.rules = rules
        self.labeller = Labeller(_Records(ctx.by_id))
        self._holding: dict[tuple[str, date], list[str]] = {}

    @cached_property
    def _by_file(self) -> dict[str, list[Entry]]:
        """Every file's records: asked for only when a finding's record is not the one
        its id names (an id used twice) or it names none."""
        by_file: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.ctx.entries:
            by_file[entry.source.file].append(entry)
        return by_file

    @cached_property
    def _listed_duties(self) -> frozenset[str]:
        """The rules some role's ``duties`` name."""
        return frozenset(duty for role in self.ctx.roles.values() for duty in role.duties)

    def roles_for(self, rule_id: str) -> list[Role]:
        """The roles that answer for a team duty: named by ``duties``, else by the clause."""
        roles = sorted(self.ctx.roles.values(), key=lambda r: (not r.team, r.id))
        named = [r for r in roles if rule_id in r.duties]
        if named:
            return named
        spec = self.rules.get(rule_id)
        return [r for r in roles if spec is not None and spec.clause in r.clauses]

    def holders(self, role: str, day: date) -> list[str]:
        """Who holds ``role`` on ``day``, by person id."""
        key = (role, day)
        if key not in self._holding:
            self._holding[key] = sorted(p.id for p in self.ctx.people.values() if p.holds(role, day))
        return self._holding[key]

    def answering(self, role: str, day: date) -> str | None:
        """Who answers for ``role`` on ``day``: its first holder, else, while nobody holds it,
        the first holder of the role it reports to, and so on up."""
        for candidate in (role, *self.ctx.superiors(role)):
            found = self.holders(candidate, day)
            if found:
                return found[0]
        return None

    def holder(self, rule_id: str, day: date) -> str | None:
        """The person who answers for the team duty ``rule_id`` on ``day`` (see ``team_duty``)."""
        return self.team_duty(rule_id, day)[0]

    def team_duty(self, rule_id: str, day: date) -> tuple[str | None, Handover | None]:
        """Who must act on the team duty ``rule_id`` due ``day``: who holds a role answering for
        it on ``day``, else today; while nobody does, who holds the role it reports to (on
        ``day``, else today), with the role's last holder named when they have left."""
        roles = self.roles_for(rule_id)
        whens = tuple(dict.fromkeys((day, self.ctx.as_of)))
        for when in whens:
            for role in roles:
                if self.holders(role.id, when):
                    return self.holders(role.id, when)[0], None
        for when in whens:
            for role in roles:
                found = self.answering(role.id, when)
                if found is not None:
                    return found, self._left(role.id, when)
        return None, self._left(roles[0].id, self.ctx.as_of) if roles else None

    def _left(self, role: str, day: date) -> Handover | None:
        """The last person to hold ``role`` before ``day``, when they have left by then."""
        ended = [(a.end, p) for p in self.ctx.people.values() for a in p.roles
                 if a.role == role and a.end is not None and a.end < day]
        if not ended:
            return None
        last = max(ended, key=lambda found: (found[0], found[1].id))[1]
        return handover_of(last, self.ctx.roles, day)

    def owner_on(self, owner: str | None, day: date) -> tuple[str | None, Handover | None]:
        """Who must act, on ``day`` (else today), on what ``owner`` owns: the owner, or, once they
        have left, whoever answers for their last role (``answering``), with where it came from."""
        person = self.ctx.people.get(owner) if owner else None
        if person is None:
            return owner, None
        handover: Handover | None = None
        for when in dict.fromkeys((day, self.ctx.as_of)):
            last = last_role(person, self.ctx.roles, when)
            if last is None:
                return owner, None  # still in a role that day
            handover = handover_of(person, self.ctx.roles, when)
            found = self.answering(last.role, when)
            if found is not None:
                return found, handover
        return None, handover

    def _record(self, file: str, record: str | None) -> Entry | None:
        if not record:
            return None
        found = self.ctx.by_id.get(record)
        if found is not None and found.source.file == file:
            return found
        return next((e for e in reversed(self._by_file.get(file, ())) if e.record.id == record), None)

    def _who(self, file: str, record: str | None, rule: str,
             day: date) -> tuple[str | None, Handover | None, Record | None]:
        """Who must act, the leaver it passed from (if so) and the record it is about."""
        entry = self._record(file, record)
        if rule in self._listed_duties:
            return (*self.team_duty(rule, day), entry.record if entry is not None else None)
        if entry is None and rule in self.rules:  # a team duty: whoever answers for the role, else nobody
            return (*self.team_duty(rule, day), None)
        if entry is None:
            in_file = self._by_file.get(file, ())
            entry = in_file[0] if len(in_file) == 1 else None
        if entry is None:
            return None, None, None
        return (*self.owner_on(entry.record.owner, day), entry.record)

    def name(self, person: str | None) -> str | None:
        found = self.ctx.people.get(person) if person else None
        return found.name if found is not None else None

    def label(self, record: Record | None) -> Message | None:
        return self.labeller.label(record) if record is not None else None

    def fill(self, finding: Finding) -> None:
        """Set a finding's owner, owner's name, label and the leaver it passed from."""
        owner, handover, record = self._who(finding.file, finding.record, finding.rule, self.ctx.as_of)
        finding.owner, finding.owner_name, finding.label = owner, self.name(owner), self.label(record)
        finding.handover = handover

    def filled(self, item: DueItem) -> DueItem:
        """A due item with its owner, owner's name, label and the leaver it passed from."""
        owner, handover, record = self._who(item.file, item.record, item.rule, date.fromisoformat(item.due))
        return replace(item, owner=owner, owner_name=self.name(owner), label=self.label(record), handover=handover)


class _Records(Mapping[str, Record]):
    """The records by id, read off the entries by id without copying them."""

    def __init__(self, by_id: Mapping[str, Entry]) -> None:
        self._by_id = by_id

    def __getitem__(self, record_id: str) -> Record:
        return self._by_id[record_id].record

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


def rules_of(versions: Iterable[Record]) -> dict[str, RuleSpec]:
    """Every rule by id over the rule-set versions given oldest first (the latest wording wins)."""
    return {rule.id: rule for version in versions if isinstance(version, RuleSet) for rule in version.rules}


def with_owners(report: Report) -> Report:
    """``report`` with who must act (and a label) on every finding, waived finding and due
    item: the rules decide what is wrong, this who acts on it."""
    ctx = Context(as_of=report.as_of, effective=report.ruleset.effective, entries=report.entries)
    assign_owners(report.findings, report.waived, report.due, ctx, report.versions)
    return report


def assign_owners(findings: Iterable[Finding], waived: Iterable[Finding], due: list[DueItem], ctx: Context,
                  versions: Sequence[Record]) -> None:
    """Fill in who must act (and a label) on every finding, waived finding and due item."""
    owners = Owners(ctx, rules_of(versions))
    for finding in (*findings, *waived):
        owners.fill(finding)
    due[:] = [owners.filled(item) for item in due]


def handover_words(handover: Handover, lang: Lang) -> str:
    """"交接自李娜（p-li-na，最后任职日 2026-11-30）" / "handed over from 李娜 (p-li-na, last day 2026-11-30)"."""
    if lang == "zh":
        return f"交接自{handover.name or handover.person}（{handover.person}，最后任职日 {handover.last_day}）"
    return f"handed over from {handover.name or handover.person} ({handover.person}, last day {handover.last_day})"


def owner_words(owner: str | None, name: str | None, lang: Lang, handover: Handover | None = None) -> str:
    """"李娜（p-li-na）" / "李娜 (p-li-na)", or "not assigned" when nobody could be placed; with
    the leaver it passed from: "王军（p-wang-jun），交接自李娜（p-li-na，最后任职日 2026-11-30）"."""
    if owner is None:
        if handover is not None:
            who = handover.name or handover.person
            return (f"未指定（{who}（{handover.person}）已离任，最后任职日 {handover.last_day}，无人接任）"
                    if lang == "zh" else f"not assigned ({who} ({handover.person}) has left, last day "
                    f"{handover.last_day}, and nobody took over)")
        return "未指定" if lang == "zh" else "not assigned"
    words = owner if name is None else f"{name}（{owner}）" if lang == "zh" else f"{name} ({owner})"
    if handover is None:
        return words
    return f"{words}{'，' if lang == 'zh' else ', '}{handover_words(handover, lang)}"


def owner_line(owner: str | None, name: str | None, label: Message | None, record: str | None, lang: Lang,
               handover: Handover | None = None) -> str:
    """One line saying who must act and on what: "负责人：李娜（p-li-na）· C-0027 杭州某某有限公司"."""
    who = owner_words(owner, name, lang, handover)
    head = f"负责人：{who}" if lang == "zh" else f"Owner: {who}"
    about = " ".join(part for part in (record, label(lang) if label else None) if part)
    return f"{head} · {about}" if about else head
