"""Who must act on each finding and each due item, and a readable label for its record.

- A finding or due item about a record is its owner's (``owner`` of the record).
- A team duty that no record stands for (the weekly meeting of a week, the monthly sales
  report of a month, a career plan for everyone) is for whoever holds the role that
  answers for it: the role whose ``duties`` list the rule, else the role whose
  ``clauses`` name the rule's clause (team roles first). When several people hold that
  role, the first by person id. Who held a role is judged on the due date for what is
  still ahead and on the evaluation date for what is overdue (the person who must act now).
  When nobody holds it, the duty has no owner (the pages and the digest say so).
- Anything else about a file that holds one record (a rule set that cannot run, a waiver
  that does not count) is that record's owner's.

What cannot be placed (a file that does not load) has no owner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import cached_property
from typing import Any

from checker.findings import DueItem, Finding, Lang, Message
from checker.loading.repository import Entry
from checker.people.labels import Labeller
from checker.records import Record
from checker.records.general import Role
from checker.records.ruleset import RuleSet, RuleSpec
from checker.rules.context import Context


def due_date(values: Mapping[str, Any]) -> str | None:
    """The date (YYYY-MM-DD) a violation was due by, from its ``due`` or ``gate`` value."""
    for key in ("due", "gate"):
        value = values.get(key)
        if isinstance(value, str) and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                continue
    return None


class Owners:
    """Finds who must act, given the records and every rule-set version's rules."""

    def __init__(self, ctx: Context, rules: Mapping[str, RuleSpec]) -> None:
        self.ctx = ctx
        self.rules = rules
        self.labeller = Labeller(_Records(ctx.by_id))

    @cached_property
    def _by_file(self) -> dict[str, list[Entry]]:
        """Every file's records: asked for only when a finding's record is not the one
        its id names (an id used twice) or it names none."""
        by_file: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.ctx.entries:
            by_file[entry.source.file].append(entry)
        return by_file

    def roles_for(self, rule_id: str) -> list[Role]:
        """The roles that answer for a team duty: named by ``duties``, else by the clause."""
        roles = sorted(self.ctx.roles.values(), key=lambda r: (not r.team, r.id))
        named = [r for r in roles if rule_id in r.duties]
        if named:
            return named
        spec = self.rules.get(rule_id)
        return [r for r in roles if spec is not None and spec.clause in r.clauses]

    def holder(self, rule_id: str, day: date) -> str | None:
        """The person who holds a role answering for ``rule_id`` on ``day`` (else today)."""
        for when in (day, self.ctx.as_of):
            for role in self.roles_for(rule_id):
                holders = sorted(p.id for p in self.ctx.people.values() if p.holds(role.id, when))
                if holders:
                    return holders[0]
        return None

    def _record(self, file: str, record: str | None) -> Entry | None:
        if not record:
            return None
        found = self.ctx.by_id.get(record)
        if found is not None and found.source.file == file:
            return found
        return next((e for e in reversed(self._by_file.get(file, ())) if e.record.id == record), None)

    def _who(self, file: str, record: str | None, rule: str, day: date) -> tuple[str | None, Record | None]:
        entry = self._record(file, record)
        if entry is not None:
            return entry.record.owner, entry.record
        if rule in self.rules:  # a team duty: whoever holds the role, else nobody
            return self.holder(rule, day), None
        in_file = self._by_file.get(file, ())
        return (in_file[0].record.owner, in_file[0].record) if len(in_file) == 1 else (None, None)

    def name(self, person: str | None) -> str | None:
        found = self.ctx.people.get(person) if person else None
        return found.name if found is not None else None

    def label(self, record: Record | None) -> Message | None:
        return self.labeller.label(record) if record is not None else None

    def fill(self, finding: Finding) -> None:
        """Set a finding's owner, owner's name and label."""
        owner, record = self._who(finding.file, finding.record, finding.rule, self.ctx.as_of)
        finding.owner, finding.owner_name, finding.label = owner, self.name(owner), self.label(record)

    def filled(self, item: DueItem) -> DueItem:
        """A due item with its owner, owner's name and label."""
        owner, record = self._who(item.file, item.record, item.rule, date.fromisoformat(item.due))
        return replace(item, owner=owner, owner_name=self.name(owner), label=self.label(record))


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


def assign_owners(findings: Iterable[Finding], waived: Iterable[Finding], due: list[DueItem], ctx: Context,
                  versions: Sequence[Record]) -> None:
    """Fill in who must act (and a label) on every finding, waived finding and due item."""
    owners = Owners(ctx, rules_of(versions))
    for finding in (*findings, *waived):
        owners.fill(finding)
    due[:] = [owners.filled(item) for item in due]


def owner_words(owner: str | None, name: str | None, lang: Lang) -> str:
    """"李娜（p-li-na）" / "李娜 (p-li-na)", or "not assigned" when nobody could be placed."""
    if owner is None:
        return "未指定" if lang == "zh" else "not assigned"
    if name is None:
        return owner
    return f"{name}（{owner}）" if lang == "zh" else f"{name} ({owner})"


def owner_line(owner: str | None, name: str | None, label: Message | None, record: str | None, lang: Lang) -> str:
    """One line saying who must act and on what: "负责人：李娜（p-li-na）· C-0027 杭州某某有限公司"."""
    head = f"负责人：{owner_words(owner, name, lang)}" if lang == "zh" else f"Owner: {owner_words(owner, name, lang)}"
    about = " ".join(part for part in (record, label(lang) if label else None) if part)
    return f"{head} · {about}" if about else head
