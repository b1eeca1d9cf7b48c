"""Findings relative to a base revision: introduced by the change, already there, fixed.

A pull request is judged by what it changes. Findings of the base and of the working
tree are matched by what they are about (the rule, the record or subject such as a
period, and the field), never by line numbers, so editing a file above a finding does
not make the finding new. A finding that appears more often than on the base counts as
new that many times.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checker.approvals.codeowners import RULE as CODEOWNERS_RULE
from checker.findings import Finding, Message
from checker.loading.cache import ParseCache
from checker.loading.gitsource import GitTree, changed_paths, merge_base, object_ids
from checker.loading.repository import Repository, load
from checker.people.owners import with_owners
from checker.records import KINDS
from checker.records.ruleset import RuleSet
from checker.rules.engine import Engine, Report
from checker.rules.inforce import ConfigurationError, upcoming_version
from checker.rules.trust import Distrust, Key
from checker.settings import CODEOWNERS


def identity(finding: Finding) -> Hashable:
    """What a finding is about, stable across edits that move lines or files."""
    if finding.record is None:  # a file-level finding (syntax, unreadable...): the file is the subject
        return (finding.rule, "file", finding.file, finding.path)
    path = finding.path[1:] if finding.path and isinstance(finding.path[0], int) else finding.path
    return (finding.rule, "record", finding.record, path)


def compare(head: Report, base: list[Finding], commit: str, touched: Iterable[str]) -> None:
    """Mark each of ``head``'s findings new or existing against the ``base`` findings; list the fixed ones."""
    on_base = Counter(identity(f) for f in base)
    for finding in head.findings:
        key = identity(finding)
        if on_base[key] > 0:
            on_base[key] -= 1
            finding.change = "existing"
        else:
            finding.change = "new"
    on_head = Counter(identity(f) for f in head.findings)
    fixed = []
    for finding in base:
        key = identity(finding)
        if on_head[key] > 0:
            on_head[key] -= 1
        else:
            fixed.append(finding)
    head.base = commit
    head.fixed = fixed
    head.touched = frozenset(touched)
    head.findings.sort(key=lambda f: (f.change != "new", f.sort_key()))


@dataclass
class Evaluated:
    """What a comparison needs of the base revision: its findings (None when it cannot be
    evaluated, ``problem`` says why) and its rule-set versions by id."""

    findings: list[Finding] | None
    problem: str
    versions: dict[str, RuleSet]


@dataclass
class Base:
    """The revision a check compares with: where the working tree's branch left it, the
    key its evaluation is kept under (None: not kept) and that evaluation, when kept."""

    commit: str
    key: tuple[str, ...] | None = None
    kept: Evaluated | None = None


def base_of(root: Path, records: Path, revision: str, when: date, settings: str, cache: ParseCache | None) -> Base:
    """The base of a comparison as of ``when`` under ``settings`` (their repr), with its
    evaluation when ``cache`` keeps one for the same records tree. Raise GitError when
    the revision cannot be read."""
    commit = merge_base(root, revision)
    store = cache.store if cache is not None else None
    tree = object_ids(root, commit, records.relative_to(root).as_posix()) if store is not None else None
    if store is None or tree is None:
        return Base(commit)
    key = (*tree, when.isoformat(), settings)
    kept = store.base(key, _evaluated_ok)
    return Base(commit, key, kept)


def against_base(head: Report, root: Path, records: Path, base: Base, cache: ParseCache | None,
                 max_file_bytes: int, working_tree: Repository | None = None) -> list[str]:
    """Compare with the records at ``base`` evaluated as of the head's date (kept, or
    evaluated now and kept); return notices for the user. Raise GitError when the
    revision cannot be read."""
    folder = records.relative_to(root).as_posix()
    evaluated = base.kept
    if evaluated is None:
        base_repository = load(root, records, cache, max_file_bytes, tree=GitTree(root, base.commit, folder),
                               reuse=working_tree)
        evaluated = _evaluate(base_repository, head.as_of)
        if base.key is not None and cache is not None and cache.store is not None:
            cache.store.save_base(base.key, evaluated)
    touched = changed_paths(root, base.commit, folder)
    head.findings.extend(edited_versions(evaluated.versions, head))
    if evaluated.findings is None:  # e.g. the base has no rule set yet: everything is new
        compare(head, [], base.commit, touched)
        return [f"the base {base.commit[:12]} cannot be evaluated ({evaluated.problem}); every finding counts as new"]
    compare(head, evaluated.findings, base.commit, touched)
    _derived_files_by_the_calendar(head, root, records, base.commit)
    return []


def _derived_files_by_the_calendar(head: Report, root: Path, records: Path, commit: str) -> None:
    """A derived file out of date (CODEOWNERS, written from the people, roles and rule set)
    is the change's own finding only when the change touches the file or what it is
    written from; otherwise the calendar made it stale (a role ended today) and it is
    already there for every pull request: reported, never failing an unrelated change."""
    stale = [f for f in head.findings if f.rule == CODEOWNERS_RULE and f.change == "new"]
    if not stale:
        return
    folder = records.relative_to(root).as_posix().strip("/")
    sources = tuple(f"{folder}/{KINDS[kind].folder}/" for kind in ("person", "role", "rule-set"))
    touched = head.touched | changed_paths(root, commit, CODEOWNERS.rsplit("/", 1)[0])
    if CODEOWNERS in touched or any(path.startswith(sources) for path in touched):
        return
    for finding in stale:
        finding.change = "existing"


def _evaluate(base: Repository, as_of: date) -> Evaluated:
    versions = {e.record.id: e.record for e in base.entries if isinstance(e.record, RuleSet)}
    try:
        return Evaluated(with_owners(Engine(base, as_of).run()).findings, "", versions)
    except ConfigurationError as exc:
        return Evaluated(None, str(exc), versions)


def _evaluated_ok(value: Any) -> bool:
    """Whether a kept evaluation has the shape ``_evaluate`` gives."""
    if type(value) is not Evaluated or type(value.problem) is not str or type(value.versions) is not dict:
        return False
    if value.findings is not None and (type(value.findings) is not list
                                       or not all(type(f) is Finding for f in value.findings)):
        return False
    return all(type(k) is str and type(v) is RuleSet for k, v in value.versions.items())


def previewed(repository: Repository, today: date, distrusted: Mapping[Key, Distrust]) -> Report | None:
    """What the next rule-set version will change on its first day (``check --rules-preview``):
    the check as of that day with the version in force then, against the check as of the
    same day without it, both on the records as they are today. So the findings it says
    would be added are those that appear on that day unless the records change. None when
    no version takes effect after ``today``."""
    upcoming = upcoming_version(repository, today)
    if upcoming is None:
        return None
    assert isinstance(upcoming.record, RuleSet)
    day = upcoming.record.effective
    without = dataclasses.replace(repository, entries=[e for e in repository.entries if e is not upcoming])
    current = with_owners(Engine(without, day, distrusted=distrusted).run())
    proposed = with_owners(Engine(repository, day, distrusted=distrusted).run())
    compare(proposed, current.findings, current.ruleset.version, ())
    proposed.preview = f"{upcoming.record.version} ({day})"
    return proposed


def edited_versions(before: dict[str, RuleSet], head: Report) -> list[Finding]:
    """A rule-set version already in force (``before``: the base's versions by id) whose
    rules (what decides verdicts: type, severity, kinds, condition, parameters), dates or
    version the change edits: that would re-judge the time already lived under it. Changes
    go into a new version; texts may be reworded in place."""
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
