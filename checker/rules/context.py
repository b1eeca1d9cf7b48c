"""What rules may ask about the repository: records by kind and id, who held which
role on a date, which records point at which."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from checker.approvals.trust import Distrust
from checker.findings import Message
from checker.loading.repository import Entry
from checker.records import Approval, Record
from checker.records.general import Person, Role
from checker.rules.paths import values
from checker.rules.workdays import Workdays


@dataclass
class Context:
    as_of: date
    effective: date
    entries: list[Entry]
    _referencing: dict[tuple[str, str], dict[str, list[Entry]]] = field(default_factory=dict)
    workdays: Workdays = field(default_factory=Workdays)  # mainland China's working days
    # approvals that do not count, and why: stale ones, and those git does not show their
    # approver adding (checker.approvals.trust)
    distrusted: dict[tuple[str, Approval], Distrust] = field(default_factory=dict)

    @cached_property
    def by_kind(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            grouped[entry.record.kind].append(entry)
        return grouped

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {entry.record.id: entry for entry in self.entries}

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

    def holds(self, person: str, role: str, day: date) -> bool:
        found = self.people.get(person)
        return found is not None and found.holds(role, day)

    def approved(self, record: Record, roles: Iterable[str], by: date | None = None) -> bool:
        """Whether ``record`` carries a valid approval in one of ``roles`` (dated on or
        before ``by`` when given): by someone holding that role that day, not its owner."""
        wanted = set(roles)
        return any(a.role in wanted and a.person != record.owner and (by is None or a.date <= by)
                   and self.holds(a.person, a.role, a.date) and (record.id, a) not in self.distrusted
                   for a in record.approvals)

    def member_throughout(self, person: Person, start: date, end: date) -> bool:
        """Whether ``person`` held some team role on every day of ``start``..``end``
        (possibly several in turn, as when promoted mid-quarter)."""
        team = {role.id for role in self.team_roles}
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
