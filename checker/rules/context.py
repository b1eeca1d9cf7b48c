"""What rules may ask about the repository: records by kind and id, who held which
role on a date, which records point at which."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from checker.findings import Message
from checker.loading.repository import Entry
from checker.records import Approval, Record
from checker.records.general import Person, Role
from checker.rules.paths import values
from checker.rules.trust import Distrust
from checker.rules.workdays import Workdays


@dataclass
class Context:
    as_of: date
    effective: date
    entries: list[Entry]
    _referencing: dict[tuple[str, str], dict[str, list[Entry]]] = field(default_factory=dict)
    # approvals that do not count, and why: stale ones, and those git does not show their
    # approver adding (checker.rules.trust)
    distrusted: dict[tuple[str, Approval], Distrust] = field(default_factory=dict)
    invalid: dict[str, str] = field(default_factory=dict)  # id -> kind of records that failed validation
    # mainland China's working days; the engine makes them from the team's holiday calendars that
    # count (checker.rules.holidays), decided before any rule runs; by default, the package's alone
    workdays: Workdays = field(default_factory=Workdays)

    @cached_property
    def by_kind(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            grouped[entry.record.kind].append(entry)
        return grouped

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {entry.record.id: entry for entry in self.entries}

    def kind_of(self, record_id: str) -> str | None:
        """The kind of the record with this id, also when it failed validation (it exists,
        and is reported once, where it is), or None when there is no such record."""
        found = self.by_id.get(record_id)
        return found.record.kind if found else self.invalid.get(record_id)

    @cached_property
    def people(self) -> dict[str, Person]:
        return {e.record.id: e.record for e in self.by_kind.get("person", [])
                if isinstance(e.record, Person)}

    @cached_property
    def roles(self) -> dict[str, Role]:
        return {e.record.id: e.record for e in self.by_kind.get("role", [])
                if isinstance(e.record, Role)}

    @cached_property
    def team_roles(self) -> list[Role]:
        return [role for role in self.roles.values() if role.team]

    @cached_property
    def team_role_ids(self) -> frozenset[str]:
        return frozenset(role.id for role in self.team_roles)

    def holds(self, person: str, role: str, day: date) -> bool:
        found = self.people.get(person)
        return found is not None and found.holds(role, day)

    def happened(self, day: date | None) -> bool:
        """Whether something dated ``day`` has happened as of the evaluation date: the one
        definition of "as of" (what is dated later is not counted yet)."""
        return day is not None and day <= self.as_of

    def approval_problem(self, record: Record, approval: Approval, barred: Iterable[str] = (),
                         above: Iterable[str] = ()) -> Message | None:
        """Why ``approval`` does not count for ``record``, or None when it is valid: given by
        someone in the people register who held its role on its date, who is neither the
        record's owner nor one of ``barred`` (the person appraised, for instance) and, with
        ``above``, who held a role above every team role those people held that day."""
        person = self.people.get(approval.person)
        if person is None:
            return Message(f"审批人 {approval.person} 不在人员名册中",
                           f"approver {approval.person} is not in the people register")
        # the name is looked up only for a message: this is asked of every approval of every record
        if approval.person == record.owner:
            who = self.person_name(approval.person)
            return Message(f"审批人 {who} 是记录负责人本人，不能自己审批自己",
                           f"the approver {who} owns the record and cannot approve it")
        if approval.person in set(barred):
            who = self.person_name(approval.person)
            return Message(f"审批人 {who} 是本记录涉及的当事人，不能审批",
                           f"the approver {who} is the subject of the record and cannot approve it")
        if not person.holds(approval.role, approval.date):
            who, role = self.person_name(approval.person), self.role_name(approval.role)
            return Message(f"{who} 在 {approval.date} 并未担任{role.zh}",
                           f"{who} did not hold the role {role.en} on {approval.date}")
        for superior in above:
            if not self.senior(approval.role, superior, approval.date):
                who, role, other = (self.person_name(approval.person), self.role_name(approval.role),
                                    self.person_name(superior))
                return Message(f"{who} 以{role.zh}身份审批，但{role.zh}并不高于 {other} 当时的岗位",
                               f"{who} approved as {role.en}, which is not above the role {other} held then")
        distrust = self.distrusted.get((record.id, approval)) if self.distrusted else None
        return distrust.detail if distrust is not None else None

    def valid_approvals(self, record: Record, roles: Iterable[str], by: date | None = None,
                        barred: Iterable[str] = (), above: Iterable[str] = ()) -> list[Approval]:
        """The approvals of ``record`` that count, in one of ``roles``, dated on or before
        ``by`` (by default the evaluation date) — the one definition of a valid approval,
        used by the approval rules, conditions (``approved_by``), waivers and budgets."""
        wanted, limit = set(roles), self.as_of if by is None else min(by, self.as_of)
        return [a for a in record.approvals if a.role in wanted and a.date <= limit
                and self.approval_problem(record, a, barred, above) is None]

    def approved(self, record: Record, roles: Iterable[str], by: date | None = None) -> bool:
        """Whether ``record`` carries a valid approval in one of ``roles`` (see ``valid_approvals``)."""
        return bool(self.valid_approvals(record, roles, by))

    def approval_date(self, record: Record, roles: Iterable[str], by: date | None = None) -> date | None:
        """The date of the first valid approval in one of ``roles``, or None."""
        found = self.valid_approvals(record, roles, by)
        return min(a.date for a in found) if found else None

    def superiors(self, role: str) -> list[str]:
        """The roles ``role`` reports to, directly or further up (``reports_to`` of the roles)."""
        chain: list[str] = []
        current = self.roles.get(role)
        while current is not None and current.reports_to and current.reports_to not in chain:
            chain.append(current.reports_to)
            current = self.roles.get(current.reports_to)
        return chain

    def senior(self, role: str, person: str, day: date) -> bool:
        """Whether ``role`` is above every team role ``person`` held on ``day``."""
        found = self.people.get(person)
        team = self.team_role_ids
        held = [r for r in (found.roles_on(day) if found else set()) if r in team]
        return all(role in self.superiors(r) for r in held)

    def member_throughout(self, person: Person, start: date, end: date) -> bool:
        """Whether ``person`` held some team role on every day of ``start``..``end``
        (possibly several in turn, as when promoted mid-quarter)."""
        team = self.team_role_ids
        covered_to = start - timedelta(days=1)
        for held in sorted((a for a in person.roles if a.role in team), key=lambda a: a.start):
            if held.start > covered_to + timedelta(days=1):
                break
            covered_to = date.max if held.end is None else max(covered_to, held.end)
            if covered_to >= end:
                return True
        return False

    def role_name(self, role: str) -> Message:
        found = self.roles.get(role)
        return Message(found.name_zh, found.name_en) if found else Message(role, role)

    def role_names(self, roles: Iterable[str]) -> Message:
        """"A or B" in both languages, for messages naming the roles that may act."""
        names = [self.role_name(role) for role in roles]
        return Message("或".join(n.zh for n in names), " or ".join(n.en for n in names))

    def person_name(self, person: str) -> str:
        found = self.people.get(person)
        return f"{found.name}（{person}）" if found else person

    def referencing(self, kind: str, link: str) -> dict[str, list[Entry]]:
        """Records of ``kind`` grouped by the id their ``link`` field names."""
        key = (kind, link)
        if key not in self._referencing:
            grouped: dict[str, list[Entry]] = defaultdict(list)
            for entry in self.by_kind.get(kind, []):
                for target in values(entry.record, link):
                    grouped[str(target)].append(entry)
            self._referencing[key] = grouped
        return self._referencing[key]
