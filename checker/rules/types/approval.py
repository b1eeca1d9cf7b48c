"""approval: the record carries the approvals its clause requires, given in time.

An approval counts only when it is valid (``Context.valid_approvals``, the one
definition the conditions' ``approved_by`` and the waivers use too: the approver held
the required role on the approval date, is not the record's owner, and it is dated
by the evaluation date) and came on or before the gate: the first time the action it
gates happened (sending a quote, signing a contract, paying a claim, the start of a
plan year, a plan's first activity). That moment is the record's own ``gate`` date or
the date of another record that shows the action happened (a contract signed on the
quote, an activity of the plan), whichever is earliest. A status that says the action
happened (``happened``: a quote's status ``sent``) counts as the action even when its
date is empty. While the action has not happened, a missing approval is not yet a
finding; with a date ahead, it appears among the upcoming deadlines.

Parameters:

- ``gate``: path of the record's own date the approval must not come after.
- ``gated_by``: other records that show the action happened, each
  ``{kind: contract, link: quote, date: signed}``: records of ``kind`` whose ``link``
  names this record, and the path of the date on them.
- ``happened``: a condition on the record saying the action happened, date or not.
- ``strictly_before``: the approval must come before the gate date, not on it.
- ``required``: approvals needed, each ``{roles: [...], when: condition}``; any of
  ``roles`` satisfies it, ``when`` limits it to some records (e.g. large quotes).
- ``tiers``: instead of ``required``, approval levels by amount:
  ``{amount: path, levels: [{up_to: 5000, roles: [...]}, ..., {roles: [...]}]}``.
- ``not_by``: paths of other people who may not approve besides the owner (the
  person appraised, for instance).
- ``superior_of``: path of a person the approver must rank above: the approver's role
  is above, by the roles' ``reports_to``, every team role that person held on the
  approval date (an appraisal signed off by a superior, never a subordinate).
- ``any_time``: instead of a gate, the approval gates nothing but the record's own
  effect (a holiday calendar counts working days only once approved): it may come at
  any time up to the evaluation date and is never late, and while the record has no
  valid approval, that is a finding (an ongoing state, not a settled lateness).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from pydantic import model_validator

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records import KINDS, Record
from checker.records.ruleset import Condition, RuleSpec
from checker.records.types import Flag
from checker.rules.conditions import comparable, matches
from checker.rules.context import Context
from checker.rules.paths import value, values, yaml_path
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


class GateEvent(Params):
    kind: str
    link: str
    date: str


class ApprovalParams(Params):
    gate: str | None = None
    gated_by: tuple[GateEvent, ...] = ()
    happened: Condition | None = None
    strictly_before: Flag = False
    required: tuple[Requirement, ...] = ()
    tiers: Tiers | None = None
    not_by: tuple[str, ...] = ()
    superior_of: str | None = None
    any_time: Flag = False

    @model_validator(mode="after")
    def _one_source(self) -> ApprovalParams:
        if bool(self.required) == (self.tiers is not None):
            raise ValueError("give either 'required' or 'tiers'")
        gated = self.gate is not None or bool(self.gated_by) or self.happened is not None or self.strictly_before
        if self.any_time and gated:
            raise ValueError("'any_time' takes no 'gate', 'gated_by', 'happened' or 'strictly_before'")
        if not self.any_time and self.gate is None and not self.gated_by:
            raise ValueError("give 'gate', 'gated_by' or both (or 'any_time: true')")
        return self

    def excluded(self, record: Record) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Who may not approve ``record`` besides its owner (``not_by``), and whom its approver
        must rank above (``superior_of``): person ids read off the record."""
        barred = tuple(str(v) for path in self.not_by for v in values(record, path))
        above = tuple(str(v) for v in values(record, self.superior_of)) if self.superior_of else ()
        return barred, above


class Approval(RuleType[ApprovalParams]):
    name = "approval"
    params = ApprovalParams

    def describe(self, params: ApprovalParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["gate"] = (pick(lang, "审批不晚于 ", "Approved no later than "), Code(params.gate or ""),
                        pick(lang, " 的日期", ""))
        said["gated_by"] = (pick(lang, "也不晚于下列记录所示行动发生之日：", "Nor later than the action these records "
                                 "show: "), *(Code(f"{e.kind}.{e.date}") for e in params.gated_by))
        if params.happened is not None:
            said["happened"] = (pick(lang, "以下状态即表示行动已发生（即使未填日期）：", "This state means the action "
                                     "happened, even without its date: "), *condition(params.happened, lang, names))
        if params.superior_of:
            said["superior_of"] = (pick(lang, "审批人的岗位须高于 ", "The approver's role ranks above that of "),
                                   Code(params.superior_of), pick(lang, " 所指人员的岗位", ""))
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
        said["any_time"] = (pick(lang, "审批没有截止日期；取得有效审批之前，记录不产生任何效力",
                                 "The approval has no deadline; until the record has a valid one, it has no "
                                 "effect"),)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def _needed(self, params: ApprovalParams, entry: Entry, ctx: Context) -> list[tuple[str, ...]]:
        record = entry.record
        if params.tiers is None:
            return [r.roles for r in params.required if matches(r.when, record, ctx)]
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

    def _gate(self, params: ApprovalParams, entry: Entry, ctx: Context) -> tuple[date | None, Message]:
        """The first time the gated action happened (or is planned), and what it was."""
        own = as_date(value(entry.record, params.gate)) if params.gate else None
        found: list[tuple[date, Message]] = []
        if own is not None and params.gate:
            found.append((own, Message(params.gate, params.gate)))
        for event in params.gated_by:
            model = KINDS.get(event.kind)
            title = Message(model.title_zh, model.title_en.lower()) if model else Message(event.kind, event.kind)
            for other in ctx.referencing(event.kind, event.link).get(entry.record.id, []):
                day = as_date(value(other.record, event.date))
                if day is not None:
                    found.append((day, Message(f"{title.zh} {other.record.id} 的 {event.date}",
                                               f"{event.date} of {title.en} {other.record.id}")))
        if not found:
            return None, Message(params.gate or "", params.gate or "")
        return min(found, key=lambda item: item[0])

    def check(self, rule: RuleSpec, params: ApprovalParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            out.checked += 1
            gate, label = self._gate(params, entry, ctx)
            happened = gate is None and params.happened is not None and matches(params.happened, entry.record, ctx)
            for roles in self._needed(params, entry, ctx):
                problem = self._problem(entry, roles, gate, label, params, ctx)
                if params.any_time:  # no gate: only whether a valid approval is there today
                    if problem is not None:
                        out.violation(entry, problem[0], problem[1], roles=ctx.role_names(roles), gate="")
                    continue
                if problem is None and not happened:
                    continue
                status = params.happened.field if params.happened is not None else None
                path, detail = problem or (yaml_path(status or params.gate or "approvals"), Message("", ""))
                if happened:  # the status says it happened; its date is missing
                    undated = Message(f"记录状态表明已经发生，但 {params.gate} 没有填写，无法核对审批是否在此之前",
                                      f"the record's status says it happened, but {params.gate} is empty, so "
                                      f"the approval cannot be checked against it")
                    detail = undated if problem is None else Message(f"{detail.zh}；{undated.zh}",
                                                                      f"{detail.en}; {undated.en}")
                elif (gate is None or gate > ctx.as_of) and (path == ("approvals",) or path[-1] == "date"):
                    if gate is not None:
                        out.upcoming(entry, gate, detail, entry.record.id)
                    continue
                before = not happened and (gate is None or gate > ctx.as_of)  # not sent or signed yet
                out.violation(entry, path, detail, roles=ctx.role_names(roles),
                              gate=gate.isoformat() if gate else "", situation="unsent" if before else "late",
                              approved_late=not before and self._approved_since(entry, roles, params, ctx))

    @staticmethod
    def _approved_since(entry: Entry, roles: tuple[str, ...], params: ApprovalParams, ctx: Context) -> bool:
        """Whether a valid approval has been given by now, only too late: then the approval is not
        to be asked for again, the lateness is what remains."""
        return bool(ctx.valid_approvals(entry.record, roles, None, *params.excluded(entry.record)))

    def _problem(self, entry: Entry, roles: tuple[str, ...], gate: date | None, label: Message,
                 params: ApprovalParams, ctx: Context) -> tuple[tuple[str | int, ...], Message] | None:
        """None when a valid approval came in time; else where to point and what is wrong."""
        record = entry.record
        strictly = params.strictly_before
        barred, above = params.excluded(record)
        by = gate - timedelta(days=1) if gate is not None and strictly else gate
        if ctx.valid_approvals(record, roles, by, barred, above):
            return None
        wanted = ctx.role_names(roles)
        candidates = [(i, a) for i, a in enumerate(record.approvals) if a.role in roles]
        if not candidates:
            return ("approvals",), Message(f"没有{wanted.zh}的审批记录",
                                           f"there is no approval by the {wanted.en}")
        problems: list[tuple[tuple[str | int, ...], Message]] = []
        for index, approval in candidates:  # why none of them counts: the first reason
            where: tuple[str | int, ...] = ("approvals", index)
            why = ctx.approval_problem(record, approval, barred, above)
            if why is not None:
                problems.append(((*where, "person"), why))
            elif not ctx.happened(approval.date):
                problems.append(((*where, "date"), Message(
                    f"审批日期 {approval.date} 晚于检查日期 {ctx.as_of}，尚未发生",
                    f"the approval is dated {approval.date}, after {ctx.as_of}, the date checked")))
            else:
                problems.append(((*where, "date"), Message(
                    f"审批日期 {approval.date} 晚于{'或等于' if strictly else ''}应完成审批的日期 {gate}"
                    f"（{label.zh}）",
                    f"the approval dated {approval.date} came after {'or on ' if strictly else ''}"
                    f"{gate} ({label.en}), when it was due")))
        return problems[0]
