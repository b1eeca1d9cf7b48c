"""Which approvals a record needs, by the rule set that judges it: the roles of each
``approval`` rule that applies to it (and the rule set's ``waivers_approved_by`` for a
waiver), who may not approve it (its owner and the people a rule's ``not_by`` names),
and whether a valid approval already satisfies each need.

``handbook approve``, ``handbook approvals pending`` and ``handbook codeowners`` read
the rule set through this module, so all three agree with ``handbook check``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from checker.loading.repository import Entry, Repository
from checker.records.dating import judged_on
from checker.records.ruleset import RuleSet, RuleSpec
from checker.rules.conditions import matches
from checker.rules.context import Context
from checker.rules.inforce import versions_in_force
from checker.rules.trust import Distrust, Key, stale
from checker.rules.types.approval import Approval as ApprovalRule
from checker.rules.types.approval import ApprovalParams

WAIVERS = "waivers"  # the pseudo rule id of a waiver's need


@dataclass(frozen=True)
class Need:
    """One approval a record needs: by one of ``roles``, before ``gate`` when it has one."""

    rule: str
    roles: tuple[str, ...]
    gate: date | None
    barred: tuple[str, ...] = ()  # who may not give it besides the owner (the person appraised...)
    above: tuple[str, ...] = ()  # people the approver must rank above


def judging(repository: Repository, entry: Entry, today: date) -> RuleSet:
    """The rule-set version that judges ``entry``: the one in force on its own date, or today."""
    return judging_among(versions_in_force(repository, today), entry, today)


def judging_among(versions: list[Entry], entry: Entry, today: date) -> RuleSet:
    """``judging`` with the versions in force already found (oldest first), for callers
    that ask for many records."""
    day = judged_on(entry.record)
    chosen = versions[-1]
    if day is not None and day <= today:
        chosen = next((v for v in reversed(versions) if v.record.effective <= day),  # type: ignore[attr-defined]
                      versions[0])
    assert isinstance(chosen.record, RuleSet)
    return chosen.record


_APPROVAL_RULES: dict[int, tuple[RuleSet, list[tuple[RuleSpec, ApprovalParams]]]] = {}  # id -> (rule set, its rules)


def approval_rules(ruleset: RuleSet) -> list[tuple[RuleSpec, ApprovalParams]]:
    """The rule set's approval rules with their parameters (a rule that does not validate is skipped:
    ``handbook check`` reports it). Asked for every record: the parameters are read once per rule set."""
    known = _APPROVAL_RULES.get(id(ruleset))
    if known is not None and known[0] is ruleset:
        return known[1]
    found = []
    for rule in ruleset.rules:
        if rule.type != ApprovalRule.name:
            continue
        try:
            found.append((rule, ApprovalParams.model_validate(rule.params)))
        except ValueError:
            continue
    _APPROVAL_RULES[id(ruleset)] = (ruleset, found)
    return found


def needs(entry: Entry, ruleset: RuleSet, ctx: Context) -> list[Need]:
    """Every approval ``entry`` needs under ``ruleset``."""
    record = entry.record
    if record.kind == "waiver":
        return [Need(WAIVERS, tuple(ruleset.waivers_approved_by), None)]
    found = []
    rule_type = ApprovalRule()
    for rule, params in approval_rules(ruleset):
        if record.kind not in rule.kinds or not matches(rule.when, record, ctx):
            continue
        gate, _ = rule_type._gate(params, entry, ctx)
        barred, above = params.excluded(record)
        for roles in rule_type._needed(params, entry, ctx):
            found.append(Need(rule.id, roles, gate, barred, above))
    return found


def roles_by_kind(ruleset: RuleSet) -> dict[str, set[str]]:
    """Every role that approves some record of each kind (whatever the record's values)."""
    found: dict[str, set[str]] = {"waiver": set(ruleset.waivers_approved_by)}
    for rule, params in approval_rules(ruleset):
        roles = {r for need in params.required for r in need.roles}
        if params.tiers is not None:
            roles |= {r for level in params.tiers.levels for r in level.roles}
        for kind in rule.kinds:
            found.setdefault(kind, set()).update(roles)
    return found


def context(repository: Repository, today: date,
            distrusted: Mapping[Key, Distrust] | None = None) -> Context:
    """The rules' context as of ``today``, with stale approvals (and ``distrusted`` ones) not counting."""
    first = versions_in_force(repository, today)[0].record
    assert isinstance(first, RuleSet)
    ctx = Context(as_of=today, effective=first.effective, entries=repository.entries)
    ctx.distrusted = {**stale(repository.entries, ctx.person_name), **(distrusted or {})}
    return ctx


def satisfied(ctx: Context, entry: Entry, need: Need) -> bool:
    """Whether a valid approval (by the one definition the rules use) already meets ``need``."""
    return bool(ctx.valid_approvals(entry.record, need.roles, None, need.barred, need.above))


def holders(ctx: Context, roles: Iterable[str], day: date) -> list[str]:
    """Person ids holding one of ``roles`` on ``day`` (found once per context, roles and day:
    it is asked for every record that needs an approval)."""
    known: dict[tuple[tuple[str, ...], date], list[str]] = ctx.__dict__.setdefault("_holders", {})
    key = (tuple(roles), day)
    if key not in known:
        wanted = set(key[0])
        known[key] = sorted(pid for pid, person in ctx.people.items() if person.roles_on(day) & wanted)
    return list(known[key])
