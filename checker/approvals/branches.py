"""The branches where records may wait for an approval: pull requests not merged yet.

``handbook approvals pending`` looks at every local and remote-tracking branch whose tip
is not already in the history of the branch checked out, reading its records from git's
objects (nothing of a branch is checked out or run), so an approver sees what waits for
them on the team's open pull requests as well as on their own branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.loading.branches import branch_refs
from checker.loading.gitsource import GitError, git_output


@dataclass(frozen=True)
class Branch:
    """An open branch: ``name`` as git shows it (``origin/qt-021``), ``local`` the local
    branch ``handbook approve --branch`` takes (``qt-021``), and its tip."""

    name: str
    local: str
    commit: str
    remote: str = ""  # the remote a remote-tracking branch comes from ("" for a local one)


def _merged(root: Path, commit: str, head: str) -> bool:
    try:
        git_output(root, "merge-base", "--is-ancestor", commit, head)
    except GitError:
        return False
    return True


def open_branches(root: Path) -> list[Branch]:
    """The branches not merged into HEAD, the one checked out left out; a remote-tracking
    branch at the same commit as the local branch of its name is listed once, as the local one."""
    try:
        head = git_output(root, "rev-parse", "--verify", "--quiet", "HEAD").decode().strip()
        refs = branch_refs(root)
    except GitError:
        return []  # not a repository, or no commit yet
    try:
        current = git_output(root, "symbolic-ref", "-q", "HEAD").decode().strip()
    except GitError:
        current = ""  # a detached HEAD
    found: dict[tuple[str, str], Branch] = {}
    for ref, commit in refs:
        if ref == current or commit == head or _merged(root, commit, head):
            continue
        if ref.startswith("refs/heads/"):
            local = ref.removeprefix("refs/heads/")
            found[(local, commit)] = Branch(local, local, commit)
        else:
            remote, _, local = ref.removeprefix("refs/remotes/").partition("/")
            found.setdefault((local, commit), Branch(f"{remote}/{local}", local, commit, remote))
    return sorted(found.values(), key=lambda b: b.name)
