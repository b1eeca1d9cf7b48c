"""Evaluate the rule sets against every record, as of a date.

Several rule-set versions may live side by side, each with its own ``effective`` date
and approval. Each version in force at some time up to the evaluation date judges what
falls in its own window (from its effective date to the next version's): a record by
its own date (``checker.records.dating``), a recurring duty by its period or due date.
So a rule change applies from its date and never rewrites the past. What has no date
(a customer's strategy, a broken link) is judged by the version in force today.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from checker.findings import DueItem, FailOn, FieldPath, Finding, Lang, Message, RuleResult, Severity
from checker.loading.repository import Entry, Repository
from checker.records import KINDS, Record
from checker.records.dating import judged_on
from checker.records.ruleset import RuleSet, RuleSpec, TextError
from checker.records.types import CurrencyMismatch, Period
from checker.records.waiver import Waiver
from checker.rules import holidays, situations
from checker.rules.conditions import compiled
from checker.rules.context import Context
from checker.rules.explain import annotate, notes
from checker.rules.facts import Fact
from checker.rules.inforce import upcoming_version, versions_in_force
from checker.rules.trust import Distrust, Key, counting_against, stale, unreported
from checker.rules.types import RULE_TYPES
from checker.rules.types.base import Due, Outcome, Violation


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
    base: str | None = None  # what findings were compared with: a commit (check --base) or the version in force
    preview: str | None = None  # the upcoming version put in force to preview it (check --rules-preview)
    upcoming: RuleSet | None = None  # the next version to take effect, if one is written
    fixed: list[Finding] = field(default_factory=list)  # on the base, gone from the working tree
    touched: frozenset[str] = frozenset()  # files the change adds, edits or removes
    facts: dict[str, list[Fact]] = field(default_factory=dict)  # per rule, what its pages show
    fail_on: FailOn | None = None  # which errors fail the check, when a check decides an exit code
    # approvals that do not count although they pin their record (git does not show their approver
    # adding them, as after a squash merge): the agendas ask for them again, as `approvals pending` does
    distrusted: dict[Key, Distrust] = field(default_factory=dict)
    versions: list[Record] = field(default_factory=list)  # the rule-set versions in force, oldest first

    def blocking(self, fail_on: FailOn | None = None) -> list[Finding]:
        """The errors that fail the check: with a base, those the change introduces (``new``),
        those and every error in a file it touches (``touched``), or every error (``all``);
        without one, every error. By default, as the check's own ``fail_on`` says."""
        chosen = fail_on or self.fail_on or "all"
        errors = [f for f in self.findings if f.severity == "error"]
        if self.base is None or chosen == "all":
            return errors
        if chosen == "new":
            return [f for f in errors if f.change == "new"]
        return [f for f in errors if f.change == "new" or f.file in self.touched]

    def facts_of(self, rule_type: str) -> list[tuple[RuleSpec, list[Fact]]]:
        """Each rule of ``rule_type`` in the catalogue, with the facts it reported."""
        return [(rule, self.facts.get(rule.id, [])) for rule in self.ruleset.rules if rule.type == rule_type]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def _in(values: dict[str, Any], lang: Lang) -> dict[str, str]:
    """Placeholder values in one language."""
    return {k: v(lang) if isinstance(v, Message) else str(v) for k, v in values.items()}


@dataclass(frozen=True)
class Window:
    """The days a version judges: from its effective date (the first version also takes
    everything before) up to the next version's effective date."""

    start: date | None
    end: date | None

    def holds(self, day: date | None, current: bool) -> bool:
        if day is None:
            return current  # what has no date is judged by the version in force today
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


def anchor(violation: Violation | Due) -> date | None:
    """The date that decides which version judges a violation or due item: the period
    it concerns, else its due date, else its record's own date."""
    if isinstance(violation, Due):
        return violation.due
    period, due = violation.values.get("period"), violation.values.get("due")
    if isinstance(period, str):
        try:
            return Period.parse(period).start
        except ValueError:
            pass
    if isinstance(due, str):
        try:
            return date.fromisoformat(due[:10])
        except ValueError:
            pass
    return judged_on(violation.entry.record) if violation.entry else None


def _text(value: Any) -> str | None:
    return str(value) if value is not None and value != "" else None


def _source_problems(file: str, index: int, rule: RuleSpec) -> list[Finding]:
    """A parameter without a source, a source for no parameter, an adopted rule that is not
    drafted: each a finding at its line; the rule itself still runs."""
    def problem(zh: str, en: str, path: FieldPath) -> Finding:
        return Finding(file=file, rule="rule-set-invalid", severity="error",
                       message=Message(f"规则 {rule.id}：{zh}", f"Rule {rule.id}: {en}"),
                       fix=Message("在 sources 中为每个参数注明来源：制度原文（policy，逐字引用）"
                                   "或团队设定（team，写明理由）。",
                                   "Under sources, give each parameter its source: the policy's words (policy, "
                                   "quoted exactly) or a team setting (team, with the reason)."),
                       path=("rules", index, *path), record=rule.id)

    found = [problem(f"参数 {name} 没有注明来源", f"parameter {name} does not say where it comes from",
                     (name,) if name == "when" else ("params", name)) for name in rule.unsourced()]
    found += [problem(f"sources 中的 {name} 不是这条规则的参数", f"the source {name} names no parameter of the rule",
                      ("sources", name)) for name in rule.stray_sources()]
    if rule.adopted and not rule.drafted:
        found.append(problem("adopted 只用于草拟条款的规则（drafted: true）",
                             "adopted applies only to a rule of a drafted clause (drafted: true)", ("adopted",)))
    return found


_TEXTS = {"title": Message("检查内容", "title"), "message": Message("提示", "message"),
          "fix": Message("修正方法", "fix")}


def _text_problems(file: str, index: int, rule: RuleSpec) -> list[Finding]:
    """A title, message or fix whose placeholders are not valid, each a finding at its line;
    the rule still runs, and such a text shows as written (``checker.records.ruleset.fill``)."""
    found = []
    for (name, lang), problem, fix in rule.text_problems():
        said = _TEXTS[name]
        zh, en = ("中文", "Chinese") if lang == "zh" else ("英文", "English")
        found.append(Finding(
            file=file, rule="rule-set-invalid", severity="error",
            message=Message(f"规则 {rule.id} 的 {name}.{lang}（{zh}{said.zh}）中，{problem.zh}",
                            f"Rule {rule.id}: in {name}.{lang} (the {en} {said.en}), {problem.en}"),
            fix=fix, path=("rules", index, name, lang), record=rule.id))
    return found


def _calendar_problem(file: str, index: int, rule_ids: list[str], years: list[int], fix: Message) -> Finding:
    """Working-day rules that had to count Monday to Friday: neither an approved holiday
    calendar of the team nor the chinese-calendar package has a year. One warning for them
    all, at the first of them in the version in force; ``fix`` says how to record the year."""
    shown = "、".join(map(str, years))
    rules_zh, rules_en = "、".join(rule_ids), ", ".join(rule_ids)
    return Finding(file=file, rule="holiday-calendar", severity="warning",
                   message=Message(f"规则 {rules_zh} 按工作日计算，但 {shown} 年既没有经批准的节假日日历，"
                                   "chinese-calendar 软件包也没有这一年的数据，这些年份暂按周一至周五为工作日计算",
                                   f"Rule{'s' * (len(rule_ids) > 1)} {rules_en} count{'s' * (len(rule_ids) == 1)} "
                                   "working days, but neither an approved holiday calendar nor the chinese-calendar "
                                   f"package has {', '.join(map(str, years))}; those years count Monday to Friday "
                                   "as working days"),
                   fix=fix, path=("rules", index, "params", "day_count"), record=rule_ids[0])


_BAD_VALUE = (ValueError, TypeError, ArithmeticError)  # a value that cannot be compared or computed


def _said(problem: Exception, lang: Lang) -> str:
    """What went wrong in ``lang``: a problem may carry both texts (``zh``, ``en``)."""
    return str(getattr(problem, lang, None) or problem)


def _rule_problem(file: str, index: int, rule_id: str, zh: str, en: str,
                  path: FieldPath = ()) -> Finding:
    return Finding(file=file, rule="rule-set-invalid", severity="error",
                   message=Message(f"规则 {rule_id} 无法执行：{zh}", f"Rule {rule_id} cannot run: {en}"),
                   fix=Message("按规则类型的说明修改规则集中的这条规则。",
                               "Correct this rule in the rule set as its rule type documents."),
                   path=("rules", index, *path), record=rule_id)


@dataclass(eq=False)
class _Waiver:
    """An approved waiver of a known rule, and what it did in one run."""

    entry: Entry
    waiver: Waiver
    settled: int = 0  # settled findings it waived, whatever its expires says
    current: int = 0  # ongoing findings it waived before its expires
    refused: int = 0  # ongoing findings it could not waive: past its expires, or none written


def _waiver_finding(entry: Entry, severity: Severity, message: Message, fix: Message, path: FieldPath) -> Finding:
    waiver = entry.record
    return Finding(file=entry.source.file, rule="waiver-invalid", severity=severity, message=message, fix=fix,
                   record=waiver.id, path=(*entry.path, *path))


class Engine:
    def __init__(self, repository: Repository, as_of: date,
                 distrusted: Mapping[Key, Distrust] | None = None, verified: Sequence[Finding] = ()) -> None:
        """``distrusted``: approvals that do not count besides the stale ones (at the author
        and signed levels, those git does not show their approver adding; see
        checker.approvals); ``verified``: the findings that
        verification made of its own, reported with the rules' (owners and lines filled in)."""
        self.verified = list(verified)
        self._guessed: list[tuple[Entry, int, str, list[int]]] = []  # rules that counted without holiday data
        self.repository = repository
        self.as_of = as_of
        self.versions = versions_in_force(repository, as_of)
        # the date each version's duties accrue from
        self.effective: list[date] = [e.record.effective for e in self.versions]  # type: ignore[attr-defined]
        self.ruleset_entry = self.versions[-1]
        ruleset = self.ruleset_entry.record
        assert isinstance(ruleset, RuleSet)
        self.ruleset = ruleset
        first = self.versions[0].record
        assert isinstance(first, RuleSet)
        self.ctx = Context(as_of=as_of, effective=first.effective, entries=repository.entries,
                           invalid={key: kind for key, (kind, _) in repository.invalid.items()})
        self._distrusted = dict(distrusted or {})
        self.approval_notes = {**stale(repository.entries, self.ctx.person_name), **self._distrusted}
        self.ctx.distrusted = counting_against(self.approval_notes)
        # which holiday calendars count rests on approvals alone, so it is decided before any
        # rule asks for a working day, and the working days are made from it
        self.calendars = holidays.decide(self.ctx, self.versions)
        self.ctx.workdays = self.calendars.workdays()
        self._notes: dict[int, tuple[Message, Message]] = {}  # per rule: drafted label, team settings

    def _windows(self) -> list[tuple[Entry, date, Window]]:
        starts: list[date | None] = [None, *self.effective[1:]]
        ends: list[date | None] = [*starts[1:], None]
        return [(entry, effective, Window(start, end)) for entry, effective, start, end
                in zip(self.versions, self.effective, starts, ends, strict=True)]

    def run(self) -> Report:
        findings: list[Finding] = list(self.repository.findings)
        results: dict[str, RuleResult] = {}
        due: list[DueItem] = []
        waivers, waiver_findings = self._waivers()
        findings.extend(waiver_findings)
        waived: list[Finding] = []
        facts: dict[str, list[Fact]] = {}
        for entry, effective, window in self._windows():
            current = entry is self.ruleset_entry
            version = entry.record
            assert isinstance(version, RuleSet)
            self.ctx.effective = effective  # duties under a version accrue from its own date
            seen: set[str] = set()
            for index, rule in enumerate(version.rules):
                if rule.id in seen:
                    findings.append(_rule_problem(entry.source.file, index, rule.id,
                                                  "规则编号重复", "the rule id is used twice", ("id",)))
                    continue
                seen.add(rule.id)
                unchecked: list[tuple[Finding, date | None]] = []
                outcome = self._evaluate(entry, index, rule, findings, unchecked)
                if outcome is None:
                    continue
                result = results.setdefault(rule.id, RuleResult(rule.id))
                if current:
                    result.checked = outcome.checked
                    facts[rule.id] = outcome.facts
                for problem, day in unchecked:  # each record a rule could not check, by its own date
                    if window.holds(day, current):
                        result.findings += 1
                        findings.append(problem)
                for violation in outcome.violations:
                    if not window.holds(anchor(violation), current):
                        continue
                    finding = self._finding(entry, index, rule, violation)
                    subject = violation.subject or (violation.entry.record.id if violation.entry else "")
                    if self._waive(waivers.get((rule.id, subject), ()), finding.settled):
                        result.waived += 1
                        waived.append(finding)
                    else:
                        result.findings += 1
                        findings.append(finding)
                title = Message(rule.describe("zh"), rule.describe("en"))
                for item in outcome.due:
                    if not window.holds(anchor(item), current):
                        continue
                    due.append(DueItem(rule=rule.id, clause=rule.clause,
                                       file=item.entry.source.file if item.entry else
                                       self.repository.prefix + item.file if item.file else entry.source.file,
                                       record=item.subject,
                                       what=Message(f"{title.zh}：{item.detail.zh}", f"{title.en}: {item.detail.en}"),
                                       due=item.due.isoformat(), overdue=item.due < self.as_of,
                                       period=item.period))
        findings.extend(self._unused(waivers))
        due.extend(self._expiring(waivers))
        findings.extend(unreported(self.repository.entries, self.approval_notes, [*findings, *waived]))
        findings.extend(self.verified)
        findings.extend(self.calendars.findings)
        if self._guessed:  # one warning, however many rules and versions counted without holiday data
            last = max(self._guessed, key=lambda g: self.versions.index(g[0]))[0]
            first = min((g for g in self._guessed if g[0] is last), key=lambda g: g[1])
            rule_ids = list(dict.fromkeys(g[2] for g in self._guessed))
            years = sorted({year for g in self._guessed for year in g[3]})
            fix = holidays.fallback_fix(years, self.calendars, self.ctx, self.repository.prefix)
            findings.append(_calendar_problem(last.source.file, first[1], rule_ids, years, fix))
        self.repository.locate([*findings, *waived])
        upcoming = upcoming_version(self.repository, self.as_of)
        findings.sort(key=Finding.sort_key)
        return Report(as_of=self.as_of, findings=findings, results=results, due=due,
                      ruleset=self.ruleset, ruleset_file=self.ruleset_entry.source.file,
                      files=self.repository.files, records=len(self.repository.entries), waived=waived,
                      entries=self.repository.entries, facts=facts,
                      upcoming=upcoming.record if upcoming and isinstance(upcoming.record, RuleSet) else None,
                      distrusted=counting_against(self._distrusted), versions=[e.record for e in self.versions])

    def _evaluate(self, version: Entry, index: int, rule: RuleSpec, findings: list[Finding],
                  unchecked: list[tuple[Finding, date | None]] | None = None) -> Outcome | None:
        """Run one rule. A value that cannot be compared (a currency mismatch, a date where
        a number is expected) in one record makes one finding on that record, in
        ``unchecked`` with the record's own date, and the other records are judged as usual; only when the rule can
        check no record at all (and not because of the records' own currencies) is the
        rule itself at fault."""
        file = version.source.file
        findings.extend(_source_problems(file, index, rule))  # the rule still runs
        findings.extend(_text_problems(file, index, rule))
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
            cause = (first.get("ctx") or {}).get("error")  # a problem that says itself in both languages
            zh, en = (cause.zh, cause.en) if isinstance(cause, TextError) else (first["msg"], first["msg"])
            findings.append(_rule_problem(file, index, rule.id, f"参数 {'.'.join(map(str, loc))}：{zh}",
                                          f"parameter {'.'.join(map(str, loc))}: {en}", ("params", *loc)))
            return None
        outcome = Outcome()
        self.ctx.workdays.guessed.clear()
        failed: list[tuple[Entry, Exception]] = []
        subjects: list[Entry] = []
        for kind in rule.kinds:
            if rule.when is None:  # every record of the kind, taken without looking at each
                subjects.extend(self.ctx.by_kind.get(kind, ()))
                continue
            applies = compiled(rule.when)
            for e in self.ctx.by_kind.get(kind, []):
                try:
                    if applies(e.record, self.ctx, None):
                        subjects.append(e)
                except _BAD_VALUE as exc:
                    failed.append((e, exc))
        judged = len(subjects)
        try:
            rule_type.check(rule, params, subjects, self.ctx, outcome)
        except _BAD_VALUE as exc:
            if not subjects:  # a team-wide duty: the rule's own data is at fault
                findings.append(_rule_problem(file, index, rule.id, _said(exc, "zh"), _said(exc, "en"), ("params",)))
                return None
            outcome, judged = Outcome(), 0
            for subject in subjects:  # find the records at fault, judge the others
                alone = Outcome()
                try:
                    rule_type.check(rule, params, [subject], self.ctx, alone)
                except _BAD_VALUE as single:
                    failed.append((subject, single))
                    continue
                judged += 1
                outcome.checked += alone.checked
                outcome.violations += alone.violations
                outcome.due += alone.due
                outcome.facts += alone.facts
        if failed and not judged and not all(isinstance(p, CurrencyMismatch) for _, p in failed):
            # it could check no record at all, and not for a record's own reason: the rule is at fault
            culprit = failed[0][1]
            findings.append(_rule_problem(file, index, rule.id, _said(culprit, "zh"), _said(culprit, "en"),
                                          ("params",)))
            return None
        for subject, problem in failed:
            outcome.checked += 1
            if unchecked is not None:
                unchecked.append((Finding(
                    file=subject.source.file, rule=rule.id, severity=rule.severity_in_force(), clause=rule.clause,
                    record=subject.record.id, path=subject.path,
                    message=Message(f"规则 {rule.id} 无法检查记录 {subject.record.id}：{_said(problem, 'zh')}",
                                    f"Rule {rule.id} cannot check record {subject.record.id}: "
                                    f"{_said(problem, 'en')}"),
                    fix=Message("改正该记录中的这个值，使规则能够检查它；其他记录照常检查。",
                                "Correct this value in the record so the rule can check it; other records "
                                "are checked as usual.")), judged_on(subject.record)))
        years = self.ctx.workdays.take_guessed(self.as_of.year)
        if years:
            self._guessed.append((version, index, rule.id, years))
        return outcome

    def _finding(self, version: Entry, index: int, rule: RuleSpec, violation: Violation) -> Finding:
        entry = violation.entry
        record = entry.record.id if entry else (violation.subject or None)
        values: dict[str, Any] = {"record": record or "", "detail": violation.detail,
                                  **violation.values}
        message = Message(*(rule.say(rule.message, lang, _in(values, lang)) for lang in ("zh", "en")))
        fix = Message(*(rule.say(rule.fix, lang, _in(values, lang)) for lang in ("zh", "en")))
        fix = situations.fitting(rule, fix, violation.values, record or "", self.ctx,
                                 self.ctx.role_names(self.ruleset.waivers_approved_by))
        if id(rule) not in self._notes:
            self._notes[id(rule)] = notes(rule, self.ctx.roles)
        message = annotate(message, self._notes[id(rule)])
        expected = violation.values.get("expected_file")
        path: FieldPath
        if entry is None and isinstance(expected, str):  # a missing record: where it belongs
            file, path = self.repository.prefix + expected, ()
        elif entry is None:
            file, path = version.source.file, (*version.path, "rules", index)
        else:
            file, path = entry.source.file, (*entry.path, *violation.path)
        return Finding(file=file, rule=rule.id, severity=rule.severity_in_force(violation.severity),
                       message=message, fix=fix, clause=rule.clause, record=record, path=path,
                       due=situations.due_date(violation.values), period=_text(violation.values.get("period")),
                       settled=situations.settled(rule, violation.values))

    def _waivers(self) -> tuple[dict[tuple[str, str], list[_Waiver]], list[Finding]]:
        """The waivers that can apply (a known rule, approved), by rule and record; findings
        about the others. Whether one applies to a finding is decided finding by finding
        (``_waive``): its end date counts only for an ongoing state."""
        found: dict[tuple[str, str], list[_Waiver]] = {}
        findings = []
        approvers = set(self.ruleset.waivers_approved_by)
        by = self.ctx.role_names(self.ruleset.waivers_approved_by)
        for entry in self.ctx.by_kind.get("waiver", []):
            waiver = entry.record
            assert isinstance(waiver, Waiver)
            problem = self._waiver_problem(waiver, self.ctx.approved(waiver, approvers, self.as_of), by)
            if problem is None:
                found.setdefault((waiver.rule, waiver.record), []).append(_Waiver(entry, waiver))
                continue
            severity, message, fix, path = problem
            findings.append(_waiver_finding(entry, severity, message, fix, path))
        return found, findings

    def _waiver_problem(self, waiver: Waiver, approved: bool, by: Message,
                        ) -> tuple[Severity, Message, Message, FieldPath] | None:
        """Why a waiver can apply to nothing at all, or None when it can apply."""
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
        return None

    def _waive(self, candidates: list[_Waiver] | tuple[()], settled: bool) -> bool:
        """Whether one of the waivers of a finding's rule and record applies to it: any, to a
        settled lateness (it can never change, so its waiver never ends); to an ongoing state
        only one whose ``expires`` has not passed. Each notes what it did, for ``_unused``."""
        if not candidates:
            return False
        if settled:
            for waiver in candidates:
                waiver.settled += 1
            return True
        current = [w for w in candidates if w.waiver.expires is not None and self.as_of <= w.waiver.expires]
        for waiver in current:
            waiver.current += 1
        if current:
            return True
        for waiver in candidates:
            waiver.refused += 1
        return False

    def _expiring(self, waivers: dict[tuple[str, str], list[_Waiver]]) -> list[DueItem]:
        """A due item on each waiver's last day while it holds back an ongoing finding: the day
        after, the finding is reported again, so its owner sees that day coming."""
        clauses = {rule.id: rule.clause for rule in self.ruleset.rules}
        items = []
        for one in (w for found in waivers.values() for w in found if w.current):
            waiver = one.waiver
            assert waiver.expires is not None  # only a waiver with an end date waives an ongoing state
            items.append(DueItem(
                rule="waiver-expires", clause=clauses.get(waiver.rule, ""), file=one.entry.source.file,
                record=waiver.id, due=waiver.expires.isoformat(), overdue=False,
                what=Message(f"豁免 {waiver.id} 于 {waiver.expires} 到期：此后规则 {waiver.rule} 对 {waiver.record} "
                             "的问题重新报告，请在此之前改正，或经批准延长",
                             f"waiver {waiver.id} expires on {waiver.expires}: from the next day rule {waiver.rule} "
                             f"reports {waiver.record} again; put it right before then, or have the extension "
                             "approved")))
        return items

    def _unused(self, waivers: dict[tuple[str, str], list[_Waiver]]) -> list[Finding]:
        """Findings about approved waivers that did not do what they were written for: one
        without an end date that met only ongoing states, one past its end date on an ongoing
        state (the finding is back: say why) or waiving nothing any more."""
        by = self.ctx.role_names(self.ruleset.waivers_approved_by)
        findings = []
        for one in (w for found in waivers.values() for w in found):
            waiver = one.waiver
            ongoing = Message(f"规则 {waiver.rule} 对记录 {waiver.record} 的问题是仍在持续的状态，不是已成定局的逾期",
                              f"a finding of rule {waiver.rule} on record {waiver.record} is an ongoing state, "
                              "not a settled lateness")
            if waiver.expires is None and one.refused and not one.settled:
                findings.append(_waiver_finding(
                    one.entry, "error",
                    Message(f"豁免 {waiver.id} 没有到期日，而{ongoing.zh}，所以不豁免它",
                            f"waiver {waiver.id} has no expiry date, but {ongoing.en}, so it is not waived"),
                    Message(f"在 expires 写明豁免到哪一天为止，并请{by.zh}重新批准（改动后原审批失效）。"
                            "只有已成定局的逾期（事情已经做了，记录显示做晚了）才不需要到期日。",
                            f"Write in expires the last day the waiver applies and have {by.en} approve it again "
                            "(the change makes the earlier approval stale). Only a settled lateness (it has been "
                            "done, and the record shows it was done late) needs no expiry date."),
                    ("expires",)))
            elif waiver.expires is not None and waiver.expires < self.as_of and one.refused:
                findings.append(_waiver_finding(
                    one.entry, "warning",
                    Message(f"豁免 {waiver.id} 已于 {waiver.expires} 到期：{ongoing.zh}，所以重新报告",
                            f"waiver {waiver.id} expired on {waiver.expires}: {ongoing.en}, so it is reported "
                            "again"),
                    Message(f"按该问题的修正方法改正记录；仍需豁免时，延长 expires 并请{by.zh}重新批准。"
                            "已成定局的逾期不受到期日影响，继续豁免。",
                            "Put the record right as that finding's fix says; if it still needs the waiver, extend "
                            f"expires and have {by.en} approve it again. A settled lateness stays waived whatever "
                            "the expiry date."),
                    ("expires",)))
            elif waiver.expires is not None and waiver.expires < self.as_of and not one.settled:
                findings.append(_waiver_finding(  # it waives nothing any more
                    one.entry, "warning",
                    Message(f"豁免 {waiver.id} 已于 {waiver.expires} 到期",
                            f"waiver {waiver.id} expired on {waiver.expires}"),
                    Message("删除该豁免，或经批准后延长到期日。",
                            "Delete the waiver, or extend it with a new approval."),
                    ("expires",)))
        return findings
