"""approval: the record carries the approvals its clause requires, given in time.

An approval counts only when the approver held the required role on the approval
date, is not the record's owner, and approved on or before the gate date (the action
the approval gates: sending a quote, signing a contract, paying a claim, the start
of a plan year). While the gate date is empty or still ahead, a missing approval is
not yet a finding; it appears among the upcoming deadlines.

Parameters:

- ``gate``: path of the date the approval must not come after.
- ``strictly_before``: the approval must come before the gate date, not on it.
- ``required``: approvals needed, each ``{roles: [...], when: condition}``; any of
  ``roles`` satisfies it, ``when`` limits it to some records (e.g. large quotes).
- ``tiers``: instead of ``required``, approval levels by amount:
  ``{amount: path, levels: [{up_to: 5000, roles: [...]}, ..., {roles: [...]}]}``.
- ``not_by``: paths of other people who may not approve besides the owner (the
  person appraised, for instance).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from pydantic import model_validator

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.ruleset import Condition, RuleSpec
from checker.rules.conditions import comparable, matches
from checker.rules.context import Context
from checker.rules.paths import value, values
from checker.rules.types.base import Outcome, Params, RuleType, as_date
from checker.rules.words import Code, Names, Words, condition, fields, pick


class Requirement(Params):
    roles: tuple[str, ...]
    when: Condition | None = None


class Level(Params):
    up_to: Decimal | None = None
    roles: tuple[str, ...]


class Tiers(Params):
    amount: str
    levels: tuple[Level, ...]


class ApprovalParams(Params):
    gate: str
    strictly_before: bool = False
    required: tuple[Requirement, ...] = ()
    tiers: Tiers | None = None
    not_by: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_source(self) -> ApprovalParams:
        if bool(self.required) == (self.tiers is not None):
            raise ValueError("give either 'required' or 'tiers'")
        return self


class Approval(RuleType[ApprovalParams]):
    name = "approval"
    params = ApprovalParams

    def describe(self, params: ApprovalParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["gate"] = (pick(lang, "审批不晚于 ", "Approved no later than "), Code(params.gate),
                        pick(lang, " 的日期", ""))
        said["strictly_before"] = (pick(lang, "须早于该日期，当天审批不算", "Strictly before that day, not on it")
                                   if params.strictly_before else
                                   pick(lang, "该日期当天审批也算", "On that day counts too"),)
        required: list[str | Code] = []
        for index, need in enumerate(params.required):
            if index:
                required.append(pick(lang, "；", "; "))
            required.append(pick(lang, f"须经{names.roles(need.roles, lang)}批准",
                                 f"Approval by {names.roles(need.roles, lang)}"))
            if need.when is not None:
                required += [pick(lang, "（当 ", " when "), *condition(need.when, lang, names),
                             pick(lang, " 时）", "")]
        said["required"] = tuple(required)
        if params.tiers is not None:
            tiers: list[str | Code] = [pick(lang, "按 ", "By "), Code(params.tiers.amount),
                                       pick(lang, " 分级审批：", " in tiers: ")]
            for index, level in enumerate(params.tiers.levels):
                if index:
                    tiers.append(pick(lang, "；", "; "))
                who = names.roles(level.roles, lang)
                if level.up_to is None:
                    tiers.append(pick(lang, f"更高金额由{who}批准", f"above that, {who}"))
                else:
                    tiers.append(pick(lang, f"不超过 {level.up_to:,} 由{who}批准",
                                      f"up to {level.up_to:,}, {who}"))
            said["tiers"] = tuple(tiers)
        said["not_by"] = (*fields(params.not_by, lang), pick(lang, " 所指的人员不得审批（记录负责人本人也不得）",
                                                             ": those people may not approve (nor may the owner)"))
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def _needed(self, params: ApprovalParams, entry: Entry) -> list[tuple[str, ...]]:
        record = entry.record
        if params.tiers is None:
            return [r.roles for r in params.required if matches(r.when, record)]
        amount = value(record, params.tiers.amount)
        if amount is None:
            return []
        for level in params.tiers.levels:
            if level.up_to is None:
                return [level.roles]
            found, limit = comparable(amount, level.up_to)
            if found <= limit:
                return [level.roles]
        return []

    def check(self, rule: RuleSpec, params: ApprovalParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            out.checked += 1
            gate = as_date(value(entry.record, params.gate))
            for roles in self._needed(params, entry):
                problem = self._problem(entry, roles, gate, params, ctx)
                if problem is None:
                    continue
                path, detail = problem
                if (gate is None or gate > ctx.as_of) and path == ("approvals",):
                    if gate is not None:
                        out.upcoming(entry, gate, detail, entry.record.id)
                    continue
                out.violation(entry, path, detail, roles=ctx.role_names(roles),
                              gate=gate.isoformat() if gate else "")

    def _problem(self, entry: Entry, roles: tuple[str, ...], gate: date | None,
                 params: ApprovalParams, ctx: Context) -> tuple[tuple[str | int, ...], Message] | None:
        """None when a valid approval exists; else where to point and what is wrong."""
        record = entry.record
        strictly = params.strictly_before
        barred = {str(v) for path in params.not_by for v in values(record, path)}
        wanted = ctx.role_names(roles)
        candidates = [(i, a) for i, a in enumerate(record.approvals) if a.role in roles]
        if not candidates:
            return ("approvals",), Message(f"没有{wanted.zh}的审批记录",
                                           f"there is no approval by the {wanted.en}")
        problems: list[tuple[tuple[str | int, ...], Message]] = []
        for index, approval in candidates:
            where: tuple[str | int, ...] = ("approvals", index)
            who = ctx.person_name(approval.person)
            if approval.person not in ctx.people:
                problems.append(((*where, "person"), Message(
                    f"审批人 {approval.person} 不在人员名册中",
                    f"approver {approval.person} is not in the people register")))
            elif approval.person == record.owner:
                problems.append(((*where, "person"), Message(
                    f"审批人 {who} 是记录负责人本人，不能自己审批自己",
                    f"the approver {who} owns the record and cannot approve it")))
            elif approval.person in barred:
                problems.append(((*where, "person"), Message(
                    f"审批人 {who} 是本记录涉及的当事人，不能审批",
                    f"the approver {who} is the subject of the record and cannot approve it")))
            elif not ctx.holds(approval.person, approval.role, approval.date):
                role = ctx.role_name(approval.role)
                problems.append(((*where, "person"), Message(
                    f"{who} 在 {approval.date} 并未担任{role.zh}",
                    f"{who} did not hold the role {role.en} on {approval.date}")))
            elif gate is not None and (approval.date > gate or (strictly and approval.date == gate)):
                problems.append(((*where, "date"), Message(
                    f"审批日期 {approval.date} 晚于{'或等于' if strictly else ''}应完成审批的日期 {gate}",
                    f"the approval dated {approval.date} came after {'or on ' if strictly else ''}"
                    f"{gate}, when it was due")))
            else:
                return None
        return problems[0]
