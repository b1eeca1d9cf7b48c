"""Findings relative to a base revision: introduced by the change, already there, fixed.

A pull request is judged by what it changes. Findings of the base and of the working
tree are matched by what they are about (the rule, the record or subject such as a
period, and the field), never by line numbers, so editing a file above a finding does
not make the finding new. A finding that appears more often than on the base counts as
new that many times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from pathlib import Path

from checker.findings import FailOn, Finding, Message
from checker.loading.cache import ParseCache
from checker.loading.gitsource import GitTree, changed_paths, merge_base
from checker.loading.repository import Repository, load
from checker.records.ruleset import RuleSet
from checker.rules.engine import ConfigurationError, Engine, Report


def identity(finding: Finding) -> Hashable:
    """What a finding is about, stable across edits that move lines or files."""
    if finding.record is None:  # a file-level finding (syntax, unreadable...): the file is the subject
        return (finding.rule, "file", finding.file, finding.path)
    path = finding.path[1:] if finding.path and isinstance(finding.path[0], int) else finding.path
    return (finding.rule, "record", finding.record, path)


def compare(head: Report, base: Report, commit: str, touched: Iterable[str]) -> None:
    """Mark each of ``head``'s findings new or existing against ``base``; list the fixed ones."""
    on_base = Counter(identity(f) for f in base.findings)
    for finding in head.findings:
        key = identity(finding)
        if on_base[key] > 0:
            on_base[key] -= 1
            finding.change = "existing"
        else:
            finding.change = "new"
    on_head = Counter(identity(f) for f in head.findings)
    fixed = []
    for finding in base.findings:
        key = identity(finding)
        if on_head[key] > 0:
            on_head[key] -= 1
        else:
            fixed.append(finding)
    head.base = commit
    head.fixed = fixed
    head.touched = frozenset(touched)
    head.findings.sort(key=lambda f: (f.change != "new", f.sort_key()))


def blocking(report: Report, fail_on: FailOn) -> list[Finding]:
    """The errors that fail the check: introduced ones (``new``), those and every error in
    a file the change touches (``touched``), or every error (``all``)."""
    errors = [f for f in report.findings if f.severity == "error"]
    if report.base is None or fail_on == "all":
        return errors
    if fail_on == "new":
        return [f for f in errors if f.change == "new"]
    return [f for f in errors if f.change == "new" or f.file in report.touched]


def against_base(head: Report, root: Path, records: Path, revision: str, cache: ParseCache | None,
                 max_file_bytes: int, working_tree: Repository | None = None) -> list[str]:
    """Evaluate the records at ``revision`` (from where the working tree's branch left
    it) as of the head's date, and compare; return notices for the user. Raise GitError
    when the revision cannot be read."""
    commit = merge_base(root, revision)
    folder = records.relative_to(root).as_posix()
    base_repository = load(root, records, cache, max_file_bytes, tree=GitTree(root, commit, folder),
                           reuse=working_tree)
    touched = changed_paths(root, commit, folder)
    head.findings.extend(edited_versions(base_repository, head))
    try:
        base = Engine(base_repository, head.as_of).run()
    except ConfigurationError as exc:  # e.g. the base has no rule set yet: everything is new
        compare(head, _empty(head), commit, touched)
        return [f"the base {commit[:12]} cannot be evaluated ({exc}); every finding counts as new"]
    compare(head, base, commit, touched)
    return []


def edited_versions(base: Repository, head: Report) -> list[Finding]:
    """A rule-set version already in force whose rules (what decides verdicts: type,
    severity, kinds, condition, parameters), dates or version the change edits: that would
    re-judge the time already lived under it. Changes go into a new version; texts may be
    reworded in place."""
    before = {e.record.id: e.record for e in base.entries if isinstance(e.record, RuleSet)}
    found = []
    for entry in head.entries:
        version, old = entry.record, before.get(entry.record.id)
        if not isinstance(version, RuleSet) or old is None or old.effective > head.as_of:
            continue
        if _content(old) != _content(version):
            path = (*entry.path, "rules")
            line, column = entry.source.locate(path) or (None, None)
            found.append(Finding(
                file=entry.source.file, rule="rule-set-edited", severity="error", record=version.id,
                path=path, line=line, column=column, clause="1.3.2",
                message=Message(f"规则集 {old.version} 自 {old.effective} 起已生效，不能再修改其规则、版本或生效日期："
                                "这会改写已经过去的时间的结论。",
                                f"Rule set {old.version} has been in force since {old.effective}; its rules, version "
                                "and effective date can no longer change: that would rewrite the verdicts on the "
                                "time already lived."),
                fix=Message("撤销对该文件的修改，改用 handbook rules new-version 写一个将来生效的新版本，"
                            "并经公司管理层批准。",
                            "Undo the edit to this file and write a new version that takes effect later with "
                            "handbook rules new-version, approved by company management.")))
    return found


# What decides verdicts; a rule's texts and the sources that document its parameters may
# still be worded better in a version in force.
_VERDICT_FIELDS = {"id", "type", "severity", "kinds", "when", "params", "drafted", "adopted"}


def _content(version: RuleSet) -> dict[str, object]:
    return version.model_dump(mode="json", include={"version": True, "effective": True, "waivers_approved_by": True,
                                                    "rules": {"__all__": _VERDICT_FIELDS}})


def _empty(head: Report) -> Report:
    return Report(as_of=head.as_of, findings=[], results={}, due=[], ruleset=head.ruleset,
                  ruleset_file=head.ruleset_file, files=0, records=0)
