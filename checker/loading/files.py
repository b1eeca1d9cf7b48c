"""Find and read record files without trusting the file system.

Every name under ``records/`` comes from a pull request, so only regular files inside
the folder are read. A symbolic link (to a file or a folder, inside or outside the
repository), a device, a FIFO or a socket is reported at its path and never followed
or opened for reading; a file larger than the limit is reported without being read.
Hidden files and files with other suffixes are listed too, so nothing under
``records/`` is skipped without a word.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import Literal

SUFFIXES = (".yaml", ".yml", ".md")
DEFAULT_MAX_FILE_BYTES = 1024 * 1024

# Names git keeps for itself or editors leave behind: not records, not worth a word.
_QUIET_NAMES = frozenset((".gitkeep", ".gitignore", ".gitattributes", ".DS_Store"))

Skip = Literal["symlink", "special", "hidden", "suffix", "unreadable"]
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(
    os, "O_CLOEXEC", 0)


class UnsafeFile(Exception):
    """A path that must not be read: ``reason`` is "symlink", "special" or "too-large"."""

    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size


@dataclass(frozen=True)
class Listed:
    """One entry under the records folder: ``skip`` says why it is not read, if it is not."""

    path: str
    rel: str
    skip: Skip | None = None


def display_name(name: str) -> str:
    """A file name as text that can be printed and written as UTF-8: bytes that are not
    UTF-8 (kept by the file system API as surrogates) are shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def discover(folder: str) -> list[Listed]:
    """Every entry under ``folder``, depth first in sorted order, without following links."""
    found: list[Listed] = []
    _walk(folder, "", found)
    return found


def _walk(directory: str, prefix: str, found: list[Listed]) -> None:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        found.append(Listed(directory, prefix or "./", "unreadable"))
        return
    for entry in entries:
        rel = prefix + display_name(entry.name)
        if entry.is_symlink():
            found.append(Listed(entry.path, rel, "symlink"))
        elif entry.is_dir(follow_symlinks=False):
            if entry.name.startswith("."):
                if entry.name not in (".git",):
                    found.append(Listed(entry.path, rel + "/", "hidden"))
                continue
            _walk(entry.path, rel + "/", found)
        elif not entry.is_file(follow_symlinks=False):
            found.append(Listed(entry.path, rel, "special"))
        else:
            skip = classify(entry.name)
            if skip != "quiet":
                found.append(Listed(entry.path, rel, skip))


def classify(name: str) -> Literal["hidden", "suffix", "quiet"] | None:
    """Why a regular file called ``name`` is not read as a record (None: it is a record
    file; "quiet": a file git or an editor keeps, not worth a word)."""
    if name.startswith("."):
        return "quiet" if name in _QUIET_NAMES else "hidden"
    return None if name.endswith(SUFFIXES) else "suffix"


def order(rel: str) -> list[str]:
    """Sort key that lists a tree depth first, names sorted within each folder."""
    return rel.rstrip("/").split("/")


def read(path: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raise UnsafeFile for a link,
    a special file or a larger file, OSError when it cannot be opened."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafeFile("symlink") from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile("special")
        if info.st_size > limit:
            raise UnsafeFile("too-large", info.st_size)
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise UnsafeFile("too-large", len(data))
    return data
