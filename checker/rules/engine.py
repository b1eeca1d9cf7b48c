"""Evaluate the rule set in force against every record, as of a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from checker.findings import DueItem, FieldPath, Finding, Lang, Message, RuleResult, Severity
from checker.loading.repository import Entry, Repository
from checker.records import KINDS
from checker.records.ruleset import RuleSet, RuleSpec
from checker.records.waiver import Waiver
from checker.rules.conditions import matches
from checker.rules.context import Context
from checker.rules.types import RULE_TYPES
from checker.rules.types.base import Outcome, Violation


class ConfigurationError(Exception):
    """Nothing can be checked: no rule set in force (exit code 2)."""


@dataclass
class Report:
    as_of: date
    findings: list[Finding]
    results: dict[str, RuleResult]
    due: list[DueItem]
    ruleset: RuleSet
    ruleset_file: str
    files: int
    records: int
    waived: list[Finding] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    base: str | None = None  # the commit findings were compared with (check --base)
    fixed: list[Finding] = field(default_factory=list)  # on the base, gone from the working tree
    touched: frozenset[str] = frozenset()  # files the change adds, edits or removes

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def _in(values: dict[str, Any], lang: Lang) -> dict[str, str]:
    """Placeholder values in one language."""
    return {k: v(lang) if isinstance(v, Message) else str(v) for k, v in values.items()}


def ruleset_in_force(repository: Repository, as_of: date) -> Entry:
    candidates = [e for e in repository.entries if isinstance(e.record, RuleSet)]
    if not candidates:
        raise ConfigurationError("no rule set found under records/ (kind: rule-set)")
    in_force = [e for e in candidates if e.record.effective <= as_of]  # type: ignore[attr-defined]
    if not in_force:
        raise ConfigurationError(f"no rule set is in force on {as_of}")
    return max(in_force, key=lambda e: e.record.effective)  # type: ignore[attr-defined]


def _rule_problem(file: str, index: int, rule_id: str, zh: str, en: str,
                  path: FieldPath = ()) -> Finding:
    return Finding(file=file, rule="rule-set-invalid", severity="error",
                   message=Message(f"规则 {rule_id} 无法执行：{zh}", f"Rule {rule_id} cannot run: {en}"),
                   fix=Message("按规则类型的说明修改规则集中的这条规则。",
                               "Correct this rule in the rule set as its rule type documents."),
                   path=("rules", index, *path), record=rule_id)


class Engine:
    def __init__(self, repository: Repository, as_of: date) -> None:
        self.repository = repository
        self.as_of = as_of
        self.ruleset_entry = ruleset_in_force(repository, as_of)
        ruleset = self.ruleset_entry.record
        assert isinstance(ruleset, RuleSet)
        self.ruleset = ruleset
        self.ctx = Context(as_of=as_of, effective=ruleset.effective, entries=repository.entries)

    def run(self) -> Report:
        findings: list[Finding] = list(self.repository.findings)
        results: dict[str, RuleResult] = {}
        due: list[DueItem] = []
        waivers, waiver_findings = self._waivers()
        findings.extend(waiver_findings)
        waived: list[Finding] = []
        seen: set[str] = set()
        for index, rule in enumerate(self.ruleset.rules):
            if rule.id in seen:
                findings.append(_rule_problem(self.ruleset_entry.source.file, index, rule.id,
                                              "规则编号重复", "the rule id is used twice", ("id",)))
                continue
            seen.add(rule.id)
            outcome = self._evaluate(index, rule, findings)
            if outcome is None:
                continue
            result = results[rule.id] = RuleResult(rule.id, checked=outcome.checked)
            for violation in outcome.violations:
                finding = self._finding(index, rule, violation)
                subject = violation.subject or (violation.entry.record.id if violation.entry else "")
                if (rule.id, subject) in waivers:
                    result.waived += 1
                    waived.append(finding)
                else:
                    result.findings += 1
                    findings.append(finding)
            title = Message(rule.describe("zh"), rule.describe("en"))
            for item in outcome.due:
                due.append(DueItem(rule=rule.id, clause=rule.clause,
                                   file=item.entry.source.file if item.entry else self.ruleset_entry.source.file,
                                   record=item.subject,
                                   what=Message(f"{title.zh}：{item.detail.zh}", f"{title.en}: {item.detail.en}"),
                                   due=item.due.isoformat(), overdue=item.due < self.as_of))
        self.repository.locate([*findings, *waived])
        findings.sort(key=Finding.sort_key)
        return Report(as_of=self.as_of, findings=findings, results=results, due=due,
                      ruleset=self.ruleset, ruleset_file=self.ruleset_entry.source.file,
                      files=self.repository.files, records=len(self.repository.entries), waived=waived,
                      entries=self.repository.entries)

    def _evaluate(self, index: int, rule: RuleSpec, findings: list[Finding]) -> Outcome | None:
        file = self.ruleset_entry.source.file
        rule_type = RULE_TYPES.get(rule.type)
        if rule_type is None:
            findings.append(_rule_problem(file, index, rule.id, f"未知的规则类型 {rule.type}",
                                          f"unknown rule type {rule.type}", ("type",)))
            return None
        unknown = [k for k in rule.kinds if k not in KINDS]
        if unknown or (rule_type.needs_kinds and not rule.kinds):
            what = ", ".join(unknown) or "(none)"
            findings.append(_rule_problem(file, index, rule.id, f"记录类型无效：{what}",
                                          f"invalid record kinds: {what}", ("kinds",)))
            return None
        try:
            params = rule_type.params.model_validate(rule.params)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            loc = tuple(first["loc"])
            findings.append(_rule_problem(file, index, rule.id, f"参数 {'.'.join(map(str, loc))}：{first['msg']}",
                                          f"parameter {'.'.join(map(str, loc))}: {first['msg']}",
                                          ("params", *loc)))
            return None
        outcome = Outcome()
        try:  # a value in the rule data that cannot be compared shows up only here
            subjects = [e for kind in rule.kinds for e in self.ctx.by_kind.get(kind, [])
                        if matches(rule.when, e.record)]
            rule_type.check(rule, params, subjects, self.ctx, outcome)
        except (ValueError, TypeError, ArithmeticError) as exc:
            findings.append(_rule_problem(file, index, rule.id, str(exc), str(exc), ("params",)))
            return None
        return outcome

    def _finding(self, index: int, rule: RuleSpec, violation: Violation) -> Finding:
        entry = violation.entry
        record = entry.record.id if entry else (violation.subject or None)
        values: dict[str, Any] = {"record": record or "", "detail": violation.detail,
                                  **violation.values}
        message = Message(*(rule.say(rule.message, lang, _in(values, lang)) for lang in ("zh", "en")))
        fix = Message(*(rule.say(rule.fix, lang, _in(values, lang)) for lang in ("zh", "en")))
        if entry is None:
            file, path = self.ruleset_entry.source.file, (*self.ruleset_entry.path, "rules", index)
        else:
            file, path = entry.source.file, (*entry.path, *violation.path)
        return Finding(file=file, rule=rule.id, severity=violation.severity or rule.severity,
                       message=message, fix=fix, clause=rule.clause, record=record, path=path)

    def _waivers(self) -> tuple[set[tuple[str, str]], list[Finding]]:
        effective: set[tuple[str, str]] = set()
        findings = []
        approvers = set(self.ruleset.waivers_approved_by)
        by = self.ctx.role_names(self.ruleset.waivers_approved_by)
        for entry in self.ctx.by_kind.get("waiver", []):
            waiver = entry.record
            assert isinstance(waiver, Waiver)
            problem = self._waiver_problem(waiver, self.ctx.approved(waiver, approvers, self.as_of), by)
            if problem is None:
                effective.add((waiver.rule, waiver.record))
                continue
            severity, message, fix, path = problem
            findings.append(Finding(file=entry.source.file, rule="waiver-invalid", severity=severity,
                                    message=message, fix=fix, record=waiver.id, path=(*entry.path, *path)))
        return effective, findings

    def _waiver_problem(self, waiver: Waiver, approved: bool, by: Message,
                        ) -> tuple[Severity, Message, Message, FieldPath] | None:
        """Why a waiver has no effect, or None when it is in force."""
        if waiver.rule not in {rule.id for rule in self.ruleset.rules}:
            return ("error",
                    Message(f"豁免指向不存在的规则 {waiver.rule}", f"the waiver names an unknown rule {waiver.rule}"),
                    Message("改为规则目录中的规则编号。", "Use a rule id from the rule catalogue."), ("rule",))
        if not approved:
            return ("error",
                    Message(f"豁免 {waiver.id} 未经{by.zh}批准，不生效",
                            f"waiver {waiver.id} is not approved by {by.en}, so it has no effect"),
                    Message(f"请{by.zh}在 approvals 中批准（审批人不能是负责人本人）。",
                            f"Have {by.en} approve it under approvals (not the owner)."), ("approvals",))
        if waiver.expires < self.as_of:
            return ("warning",
                    Message(f"豁免 {waiver.id} 已于 {waiver.expires} 到期",
                            f"waiver {waiver.id} expired on {waiver.expires}"),
                    Message("删除该豁免，或经批准后延长到期日。",
                            "Delete the waiver, or extend it with a new approval."),
                    ("expires",))
        return None
