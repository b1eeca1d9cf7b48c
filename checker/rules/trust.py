"""Approvals that do not count, and why: the one list the rules, waivers and budgets
consult (through the rules' context) and the findings that point at each of them.

An approval does not count when the record changed after it was given (its digest no
longer matches: ``approval-stale``) or, at the ``author`` and ``signed`` levels, when
git does not show its approver adding it (``approval-unverified``, see
``checker.approvals.gitcheck``). A rule that needs the approval says so in its own
finding, with its clause; an approval no rule reported on gets a finding of its own, so
each such approval is reported exactly once, at its entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from checker.findings import Finding, Message, Severity
from checker.loading.repository import Entry
from checker.records import Approval, Record
from checker.records.digest import digest, pins

STALE, UNVERIFIED = "approval-stale", "approval-unverified"

Key = tuple[str, Approval]  # (record id, the approval entry as written)


@dataclass(frozen=True)
class Distrust:
    """Why one approval does not count: ``detail`` fits after the record's name
    ("changed after 李娜 approved it on 2026-01-27: ask for approval again"). A ``warning``
    is only a notice: the approval still counts (one not committed yet, on the approver's
    own machine, before ``git commit`` runs the check)."""

    rule: str
    detail: Message
    fix: Message
    severity: Severity = "error"


def counting_against(distrusted: Mapping[Key, Distrust]) -> dict[Key, Distrust]:
    """The approvals that do not count (the notices left out)."""
    return {k: v for k, v in distrusted.items() if v.severity == "error"}


def key(record: Record, approval: Approval) -> Key:
    return (record.id, approval)


def stale(entries: Iterable[Entry], name: Callable[[str], str]) -> dict[Key, Distrust]:
    """Every approval whose digest no longer matches its record."""
    found: dict[Key, Distrust] = {}
    for entry in entries:
        record = entry.record
        pinned = [a for a in record.approvals if a.digest is not None]
        if not pinned:
            continue
        now = digest(record)
        for approval in pinned:
            if not pins(approval.digest, record, now):
                found[key(record, approval)] = changed_after(record, approval, name(approval.person))
    return found


def changed_after(record: Record, approval: Approval, who: str) -> Distrust:
    return Distrust(
        STALE,
        Message(f"在 {who} 于 {approval.date} 审批后被修改，审批已失效：请重新申请审批",
                f"changed after {who} approved it on {approval.date}: ask for approval again"),
        Message(f"请 {who} 审阅改动后的记录，再运行 handbook approve {record.id}（会替换这条失效的审批）；"
                "如果改动并非有意，撤销改动即可，审批随之恢复有效。",
                f"Ask {who} to review the changed record and run `handbook approve {record.id}`, which replaces "
                "this stale approval. If the change was not meant, undo it and the approval counts again."))


def _title(record: Record) -> Message:
    return Message(f"{type(record).title_zh} {record.id}", f"{type(record).title_en} {record.id}")


def unreported(entries: Iterable[Entry], distrusted: Mapping[Key, Distrust],
               reported: Iterable[Finding]) -> list[Finding]:
    """A finding at each approval that does not count and that no rule reported on."""
    if not distrusted:
        return []
    covered = {(f.file, f.path[:i]) for f in reported for i in range(len(f.path) + 1)}  # and what holds it
    findings = []
    for entry in entries:
        record = entry.record
        for index, approval in enumerate(record.approvals):
            reason = distrusted.get(key(record, approval))
            path = (*entry.path, "approvals", index)
            if reason is None or (entry.source.file, path) in covered:
                continue
            title = _title(record)
            findings.append(Finding(
                file=entry.source.file, rule=reason.rule, severity=reason.severity,
                message=Message(f"{title.zh}：{reason.detail.zh}。", f"{title.en}: {reason.detail.en}."),
                fix=reason.fix, record=record.id, path=path))
    return findings
