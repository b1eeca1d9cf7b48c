"""Approving a pull request's record without running the pull request's code.

The approver stays on their own checkout of the main branch, whose checker they trust,
and names the pull request's branch: the record is read from git's objects of that
branch, the approval is added by the checker running here, and the result is written as
one new commit on top of the branch, made with git's plumbing (a blob, a tree built in a
temporary index, ``commit-tree``, signed when the approver signs). Nothing of the branch
is checked out, imported or run. The branch moves only if it still points where it did
when the record was read, so two approvals at the same moment cannot lose one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.loading.gitsource import GitError, git_output

BranchError = GitError  # the branch cannot be read or moved as asked


def branch_commit(root: Path, branch: str) -> str:
    """The commit local branch ``branch`` points at; BranchError when there is no such branch
    or it is checked out in a working tree (moving it would leave that tree behind)."""
    if branch.startswith("-") or not branch:
        raise BranchError(f"not a branch name: {branch!r}")
    ref = f"refs/heads/{branch}"
    try:
        commit = git_output(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except BranchError as exc:
        raise BranchError(f"no local branch {branch!r}: fetch it first (git fetch origin {branch}:{branch})") from exc
    worktrees = git_output(root, "worktree", "list", "--porcelain").decode("utf-8", "replace").splitlines()
    if f"branch {ref}" in worktrees:
        raise BranchError(f"branch {branch!r} is checked out in a working tree: approve it from your main "
                          "branch, with the pull request's branch not checked out")
    return commit.decode().strip()


def read_file(root: Path, commit: str, file: str) -> bytes:
    """The bytes of ``file`` (relative to the repository root) at ``commit``."""
    return git_output(root, "cat-file", "blob", f"{commit}:./{file}")


def make_commit(root: Path, parent: str, file: str, data: bytes, message: str, sign: bool) -> str:
    """A commit on ``parent`` that changes ``file`` to ``data`` and nothing else (no branch moves)."""
    mode = git_output(root, "ls-tree", parent, "--", file).split(b" ", 1)[0].decode() or "100644"
    blob = git_output(root, "hash-object", "-w", "--stdin", stdin=data).decode().strip()
    with tempfile.TemporaryDirectory(prefix="handbook-approve-") as folder:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(folder) / "index")}
        git_output(root, "read-tree", parent, env=env)
        git_output(root, "update-index", "--cacheinfo", f"{mode},{blob},{file}", env=env)
        tree = git_output(root, "write-tree", env=env).decode().strip()
    signing = ["-S"] if sign else []
    return git_output(root, "commit-tree", tree, "-p", parent, *signing, "-m", message).decode().strip()


def move_branch(root: Path, branch: str, commit: str, parent: str) -> None:
    """Move ``branch`` to ``commit`` only if it still points at ``parent``."""
    try:
        git_output(root, "update-ref", "-m", "handbook approve", f"refs/heads/{branch}", commit, parent)
    except BranchError as exc:
        raise BranchError(f"branch {branch!r} moved while the approval was being made (someone else approved or "
                          "pushed at the same moment): nothing was changed; run the command again") from exc
