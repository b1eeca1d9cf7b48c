"""Record files of one git revision, read straight from git's objects.

``handbook check --base REF`` evaluates the base revision beside the working tree
without a second checkout: the listing comes from ``git ls-tree`` and the contents from
one ``git cat-file --batch`` process. Files whose blob is the working tree's own are not read at
all: their validated records are taken over (see ``load``'s ``reuse``). The same rules
as for files on disk apply: a
symbolic link or a submodule is listed as not read, and so are hidden files and files
with other suffixes; a blob over the size limit is never read.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from checker.loading.files import Listed, UnsafeFile, classify, display_name, order

_REGULAR = ("100644", "100755")
_TIMEOUT = 600


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision, git missing."""


def git_output(root: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    """What one git command in ``root`` prints; GitError with git's own words when it fails."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                              timeout=_TIMEOUT, check=False, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git {args[0]} failed: {exc}") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def resolve(root: Path, revision: str) -> str:
    """The commit ``revision`` names; raise GitError when it names none."""
    if revision.startswith("-"):
        raise GitError(f"not a revision: {revision!r}")
    return git_output(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                f"{revision}^{{commit}}").decode().strip()


def merge_base(root: Path, revision: str) -> str:
    """Where the working tree's branch left ``revision`` (``git merge-base REV HEAD``), so
    that changes made on the base branch since are not counted as this change's; the
    revision itself when there is no common history."""
    commit = resolve(root, revision)
    try:
        return git_output(root, "merge-base", commit, "HEAD").decode().strip() or commit
    except GitError:
        return commit


def object_ids(root: Path, commit: str, *paths: str) -> list[str] | None:
    """git's ids for ``paths`` (relative to ``root``) at ``commit``: a folder's names
    everything a load of that revision's records reads. None when one is not there."""
    try:
        found = git_output(root, "rev-parse", *(f"{commit}:./{path.strip('/')}" for path in paths))  # commit: an id
    except GitError:
        return None
    ids = found.decode().split()
    return ids if len(ids) == len(paths) else None


class GitTree:
    """The files under ``folder`` (relative to the repository root) at ``commit``."""

    def __init__(self, root: Path, commit: str, folder: str) -> None:
        self.root = root
        self.commit = commit
        self.folder = folder.strip("/")
        self._sizes: dict[str, int] = {}
        self._batch: subprocess.Popen[bytes] | None = None

    def listing(self) -> list[Listed]:
        """Every entry under the folder, as ``files.discover`` lists a folder on disk."""
        # without --full-tree, paths and the pathspec are relative to root even when root
        # is a folder inside the git repository
        out = git_output(self.root, "ls-tree", "-r", "-z", "-l", self.commit, "--", self.folder + "/")
        found: list[Listed] = []
        hidden_folders: set[str] = set()
        for line in out.split(b"\0"):
            if not line:
                continue
            meta, _, raw_path = line.partition(b"\t")
            mode, _kind, sha, size = meta.split()
            path = display_name(os.fsdecode(raw_path))
            rel = path[len(self.folder) + 1:]
            *folders, name = rel.split("/")
            dotted = next((i for i, part in enumerate(folders) if part.startswith(".")), None)
            if dotted is not None:
                folder = "/".join(folders[:dotted + 1]) + "/"
                if folder not in hidden_folders and folders[dotted] != ".git":
                    hidden_folders.add(folder)
                    found.append(Listed(folder, folder, "hidden"))
                continue
            if mode.decode() not in _REGULAR:
                found.append(Listed(sha.decode(), rel, "symlink" if mode == b"120000" else "special"))
                continue
            skip = classify(name)
            if skip != "quiet":
                found.append(Listed(sha.decode(), rel, skip))
                self._sizes[sha.decode()] = int(size)
        found.sort(key=lambda item: order(item.rel))
        return found

    def read(self, listed: Listed, limit: int) -> bytes:
        """The blob's bytes, read through one ``git cat-file --batch`` process kept open
        for the whole listing; UnsafeFile when it is larger than ``limit``."""
        size = self._sizes.get(listed.path, 0)
        if size > limit:
            raise UnsafeFile("too-large", size)
        if self._batch is None:
            try:
                self._batch = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],
                                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                               stderr=subprocess.DEVNULL)
            except OSError as exc:
                raise GitError(f"git cat-file failed: {exc}") from exc
        assert self._batch.stdin is not None and self._batch.stdout is not None
        self._batch.stdin.write(listed.path.encode() + b"\n")
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            raise GitError(f"git cat-file cannot read blob {listed.path}")
        data = self._batch.stdout.read(int(header[2]) + 1)[:-1]  # the content, then a newline
        return data

    def close(self) -> None:
        if self._batch is not None:
            assert self._batch.stdin is not None
            self._batch.stdin.close()
            self._batch.wait(timeout=_TIMEOUT)
            self._batch = None


def blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def changed_paths(root: Path, commit: str, folder: str) -> set[str]:
    """Paths under ``folder`` that differ between ``commit`` and the working tree: edited,
    added (tracked or not, unless ignored) or removed; relative to ``root`` like ``folder``."""
    pathspec = folder.strip("/") + "/"
    names = git_output(root, "diff", "--name-only", "--relative", "-z", "--no-renames", commit, "--", pathspec)
    names += b"\0" + git_output(root, "ls-files", "-z", "--others", "--exclude-standard", "--", pathspec)
    return {display_name(os.fsdecode(name)) for name in names.split(b"\0") if name}
