"""Which approvals of a run do not count, for ``handbook check``: the stale ones (any
level) and, at the ``author`` and ``signed`` levels, those git does not show their
approver adding. See ``checker.approvals.gitcheck`` for what is verified and how."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checker.approvals.authority import from_base, removed_identities
from checker.approvals.gitcheck import (
    Cache,
    Level,
    Target,
    Verifier,
    VerifyError,
    level_of,
    people_of,
    run_git,
    stricter,
    targets,
)
from checker.findings import Finding
from checker.loading.cache import ParseCache, default_folder
from checker.loading.gitsource import GitTree, merge_base
from checker.loading.repository import Repository, load
from checker.records.general import Role
from checker.rules.trust import Distrust, Key
from checker.settings import Settings, full_commit_id


def roles_of(repository: Repository) -> dict[str, Role]:
    return {e.record.id: e.record for e in repository.entries if isinstance(e.record, Role)}


def person_namer(repository: Repository) -> Callable[[str], str]:
    """``李娜（p-li-na）`` for a person id, as the rules name people."""
    people = people_of(repository)

    def name(person: str) -> str:
        found = people.get(person)
        return f"{found.name}（{person}）" if found else person

    return name


def settings_at(root: Path, commit: str) -> tuple[Level, str | None]:
    """The approval level and baseline the repository's settings held at ``commit``."""
    try:
        text = run_git(root, "show", f"{commit}:./pyproject.toml").decode("utf-8")
    except (VerifyError, UnicodeDecodeError):
        return "text", None
    try:
        table = tomllib.loads(text).get("tool", {}).get("handbook", {})
    except tomllib.TOMLDecodeError:
        return "text", None
    where = f"pyproject.toml at {commit[:12]}"
    baseline = table.get("approvals_baseline")
    if baseline is not None and not full_commit_id(baseline):
        raise VerifyError(f"{where}: [tool.handbook] approvals_baseline must be a full commit id (40 or 64 "
                          f"hexadecimal digits), not {baseline!r}")
    return level_of(table.get("approvals", "text"), where), baseline


@dataclass(frozen=True)
class Verified:
    """What verifying a run's approvals found: the level it is judged at, the approvals that
    do not count, and findings of their own (a change deleting a registered identity)."""

    level: Level
    distrusted: dict[Key, Distrust]
    findings: list[Finding] = field(default_factory=list)


def unverified(settings: Settings, repository: Repository, base: str | None, parse_cache: ParseCache,
               max_file_bytes: int, use_cache: bool = True, only: Callable[[Target], bool] | None = None,
               revision: str | None = None, authority: Repository | None = None) -> Verified:
    """The level the run is judged at and the approvals git does not show their approver
    adding (of those ``only`` keeps, given it: git is asked about those alone); raise
    VerifyError (or GitError for the base) when they cannot be verified. ``revision``: the
    commit ``repository`` was read from, when not the working tree; ``authority``: whose
    people and keys count, when not ``repository``'s (nor the base's)."""
    level = level_of(settings.approvals, "pyproject.toml")
    baseline = settings.approvals_baseline
    base_repository = None
    if base is not None:
        commit = merge_base(settings.root, base)
        base_level, baseline = settings_at(settings.root, commit)
        level = stricter(level, base_level)  # a change cannot lower the level it is judged at
        if level != "text":
            folder = settings.records.relative_to(settings.root).as_posix()
            base_repository = load(settings.root, settings.records, parse_cache, max_file_bytes,
                                   tree=GitTree(settings.root, commit, folder))
    if level == "text":
        return Verified(level, {})
    people = people_of(base_repository or authority or repository)  # who may sign, and in which roles, is what
    cache = Cache(default_folder(settings.root) if use_cache else None)  # the base says
    verifier = Verifier(settings.root, level, people, cache, baseline, revision=revision)
    added = [t for t in targets(repository, base_repository) if only is None or only(t)]
    name = person_namer(repository)
    found = verifier.verify(added, name)
    if base_repository is None:
        return Verified(level, found)
    found.update(from_base(added, people, name, roles_of(base_repository), roles_of(repository)))
    return Verified(level, found, removed_identities(repository.entries, people))
