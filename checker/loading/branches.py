"""Record ids taken on the branches git knows, read from git's objects only.

``handbook new`` gives a new record the next free id. Looking at the working tree alone,
two people starting a quote on two branches both take QT-2026-021 and meet in an
add/add conflict when the second branch is merged. So the ids taken are also those on
every branch git knows: the local branches (``refs/heads``) and the remote-tracking
ones (``refs/remotes``: a colleague's pushed branch, as of the last ``git fetch``).

It is cheap and runs nothing from those branches: ``git for-each-ref`` names the
branches, one ``git cat-file --batch-check`` finds each branch's tree of the kind's
folder, and ``git ls-tree`` lists each distinct tree once (most branches share it); no
file is checked out or read. Outside a git repository, or without git, the answer is
None and the working tree alone counts.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from checker.loading.files import SUFFIXES
from checker.loading.gitsource import GitError, git_output


def branch_name(ref: str) -> str:
    """A branch as people write it: ``main``, ``origin/li-na-quotes``."""
    for prefix in ("refs/heads/", "refs/remotes/"):
        if ref.startswith(prefix):
            return ref[len(prefix):]
    return ref


def branch_refs(root: Path) -> list[tuple[str, str]]:
    """Every local and remote-tracking branch git knows, as (ref, commit), ``origin/HEAD``
    left out (it only repeats a branch); GitError when git cannot answer."""
    refs = git_output(root, "for-each-ref", "--format=%(objectname) %(objecttype) %(refname)",
                      "refs/heads", "refs/remotes").decode("utf-8", "surrogateescape").splitlines()
    found = []
    for line in refs:
        commit, kind, ref = line.split(" ", 2)
        if kind == "commit" and not ref.endswith("/HEAD"):
            found.append((ref, commit))
    return found


def taken_on_branches(root: Path, folder: Path) -> dict[str, list[str]] | None:
    """The ids of the record files under ``folder`` (any depth, by file name) on each branch
    git knows, each with the branches that hold it (sorted); None when ``root`` is not in a
    git repository or git cannot answer."""
    try:
        prefix = git_output(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()
    except GitError:
        return None
    inside = os.path.relpath(folder.resolve(), root.resolve())
    if inside.startswith(".."):
        return None
    path = str(PurePosixPath(prefix or ".", *Path(inside).parts)).removeprefix("./")
    try:
        refs = branch_refs(root)
    except GitError:
        return None
    branches: dict[str, list[str]] = {}  # commit -> its branches
    for ref, commit in refs:
        branches.setdefault(commit, []).append(branch_name(ref))
    if not branches:
        return {}
    commits = list(branches)
    try:
        answers = git_output(root, "cat-file", "--batch-check",
                             stdin="".join(f"{c}:{path}\n" for c in commits).encode("utf-8", "surrogateescape"))
    except GitError:
        return None
    trees: dict[str, list[str]] = {}  # tree of the folder -> the branches that have it
    for commit, answer in zip(commits, answers.decode("utf-8", "surrogateescape").splitlines(), strict=False):
        tree, _, rest = answer.partition(" ")
        if rest.startswith("tree "):
            trees.setdefault(tree, []).extend(branches[commit])
    found: dict[str, set[str]] = {}
    for tree, names in trees.items():
        try:
            listing = git_output(root, "ls-tree", "-r", "--full-tree", "--name-only", "-z", tree)
        except GitError:
            continue
        for name in listing.decode("utf-8", "surrogateescape").split("\0"):
            file = PurePosixPath(name)
            if name and file.suffix in SUFFIXES:
                found.setdefault(file.stem, set()).update(names)
    return {record_id: sorted(names) for record_id, names in sorted(found.items())}
