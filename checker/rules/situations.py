"""Fixes that fit the situation: what the author can still do.

A rule's ``fix`` (in the rule set) says how to comply. Once the moment has passed, that
advice is wrong: "answer the complaint now" cannot make a late answer timely, and
"approve it on or before sent" invites a backdated approval. So each finding's
situation, reported by its rule type or read from the values it passes, chooses the fix:

- ``late``: what the rule asks about already happened, too late (or too early): record
  the facts truthfully and, when there was a good reason, ask for a waiver, with the
  command and file that start one;
- ``overdue``: it was due and has not happened: the rule's fix, and that doing it now
  records it late, so a waiver is the way to clear the finding;
- ``unsent``: an approval is missing or invalid on a record whose action (sending,
  signing) has not happened: keep it a draft until it is approved, then the rule's fix.

Rule types pass ``situation`` explicitly where the values do not tell (approvals); a
value ``actual`` (when it happened) means ``late``, a ``due`` date alone ``overdue``.

A ``late`` finding is *settled*: what the rule asks for has happened, the record shows
when, and every date that decides the finding lies in the past, so nothing done later
can change it. Its waiver needs no end date and keeps applying after one (see
``checker.records.waiver``). Every other finding is an ongoing state that can still be
put right, and its waiver ends on its ``expires`` day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from checker.findings import Message
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context
from checker.rules.words import lowered

_WAIVER_ID = re.compile(r"^WV-(\d{4})-(\d+)$")


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


def situation(rule: RuleSpec, values: Mapping[str, Any]) -> str | None:
    """The situation a finding is in (see the module docs), or None for the ordinary one."""
    explicit = values.get("situation")
    if isinstance(explicit, str):
        return explicit
    if rule.type in ("deadline", "cadence"):
        if values.get("actual"):
            return "late"
        if values.get("due"):
            return "overdue"
    return None


def settled(rule: RuleSpec, values: Mapping[str, Any]) -> bool:
    """Whether a finding of ``rule`` with ``values`` is a settled lateness (see the module
    docs): its waiver applies whatever its ``expires`` says. An action a status says
    happened, with its date still empty, is not: the record does not show when, and
    filling the date in can still change the finding."""
    if rule.type == "approval" and not values.get("gate"):
        return False
    return situation(rule, values) == "late"


def next_waiver_id(ctx: Context) -> str:
    """A waiver id nobody uses yet, in the sample's pattern: WV-<year>-<number>."""
    year = ctx.as_of.year
    taken = [int(m.group(2)) for e in ctx.by_kind.get("waiver", [])
             if (m := _WAIVER_ID.match(e.record.id)) and int(m.group(1)) == year]
    return f"WV-{year}-{max(taken, default=0) + 1:03d}"



def _waiver(rule: RuleSpec, record: str, ctx: Context, approvers: Message, settled: bool) -> Message:
    waiver = next_waiver_id(ctx)
    ends = (Message("这是已成定局的逾期，以后不会再变：expires 留空，豁免一直有效。",
                    "This lateness is settled and can never change: leave expires empty, and the waiver applies "
                    "for good.")
            if settled else
            Message("在 expires 写明豁免到哪一天为止：到期后问题重新报告。",
                    "Write in expires the last day it applies: after that day the finding is reported again."))
    return Message(
        f"如确有正当理由，申请豁免：运行 .venv/bin/handbook new waiver（它在 records/waivers/ 中取下一个空闲编号，"
        f"例如 {waiver}，并显示文件名），填写 rule: {rule.id}、record: {record} 和原因，请{approvers.zh}批准。"
        f"{ends.zh}",
        f"If there was a good reason, ask for a waiver: run .venv/bin/handbook new waiver (it takes the next "
        f"free id under records/waivers/, such as {waiver}, and prints the file's name), fill in rule: "
        f"{rule.id}, record: {record} and the reason, and have {lowered(approvers.en)} approve it. {ends.en}")


def fitting(rule: RuleSpec, fix: Message, values: Mapping[str, Any], record: str, ctx: Context,
            approvers: Message) -> Message:
    """The fix for a finding of ``rule`` in its situation; ``fix`` is the rule's own, filled in,
    and ``approvers`` the roles that approve waivers."""
    found = situation(rule, values)
    if found == "late" and rule.type == "approval":
        gate = str(rule.params.get("gate") or "")
        roles = values.get("roles")
        who = roles if isinstance(roles, Message) else Message("有权审批的人", "someone entitled to approve it")
        waiver = _waiver(rule, record, ctx, approvers, settled(rule, values))  # not when its date is empty
        if values.get("approved_late"):
            return Message(
                f"审批已经补做，但晚于 {gate} 所示的行动：这是已成定局的逾期，不要改动审批或 {gate} 的日期。"
                f"{waiver.zh}",
                f"The approval has been given since, but after the action ({gate}): the lateness is settled; "
                f"never change the approval's date or {gate}. {waiver.en}")
        return Message(
            f"{gate} 所示的行动已经发生，审批已无法补在它之前：请{who.zh}现在审核，按实际日期记入 approvals，"
            f"不要把审批日期写早。{waiver.zh}",
            f"The action ({gate}) has already happened, so the approval can no longer come before it: have the "
            f"{lowered(who.en)} review it now and record the approval with its real date under approvals; never "
            f"backdate it. {waiver.en}")
    if found == "late":
        waiver = _waiver(rule, record, ctx, approvers, settled=True)
        return Message(
            f"这件事已经发生，无法再改成符合期限：如实记录实际的日期和时间，不要为通过检查而改写日期。{waiver.zh}",
            f"This has already happened and cannot be made to meet the deadline: record the real dates and "
            f"times, and never change them to pass the check. {waiver.en}")
    if found == "overdue":
        waiver = _waiver(rule, record, ctx, approvers, settled=False)
        return Message(
            f"{fix.zh}期限已过：补做后按实际日期记录，逾期不会因补做而消失。{waiver.zh}",
            f"{fix.en} The deadline has passed: when it is done, record the real date; doing it now does not "
            f"make it on time. {waiver.en}")
    if found == "unsent":
        gate = str(rule.params.get("gate") or "")
        zh, en = _HOLD.get(gate, ("不要据此行动", "do not act on it yet"))
        return Message(f"在取得有效审批之前，记录保持草稿：{zh}。{fix.zh}",
                       f"Keep the record a draft until it is approved: {en}. {fix.en}")
    return fix


# What "keep it a draft" means for the action an approval gates.
_HOLD = {
    "sent": ("不要填写 sent，也不要发给客户", "leave sent empty and do not send it"),
    "signed": ("不要填写 signed，也不要签订", "leave signed empty and do not sign it"),
    "paid": ("不要填写 paid，也不要付款", "leave paid empty and do not pay it"),
}
