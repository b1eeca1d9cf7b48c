"""Find and read record files without trusting the file system.

Every name under ``records/`` comes from a pull request, so only regular files inside
the folder are read. A symbolic link (to a file or a folder, inside or outside the
repository), a device, a FIFO or a socket is reported at its path and never followed
or opened for reading; a file larger than the limit is reported without being read.
Hidden files and files with other suffixes are listed too, so nothing under
``records/`` is skipped without a word.
"""

from __future__ import annotations

import contextlib
import operator
import os
import stat
import time
from collections.abc import Iterator
from typing import Literal, NamedTuple

SUFFIXES = (".yaml", ".yml", ".md")
DEFAULT_MAX_FILE_BYTES = 1024 * 1024

# Names git keeps for itself or editors leave behind: not records, not worth a word.
_QUIET_NAMES = frozenset((".gitkeep", ".gitignore", ".gitattributes", ".DS_Store"))

Skip = Literal["symlink", "special", "hidden", "suffix", "unreadable"]
_DIRECTORY_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(
    os, "O_CLOEXEC", 0)


class UnsafeFile(Exception):
    """A path that must not be read: ``reason`` is "symlink", "special" or "too-large"."""

    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size


Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode: what tells a file changed


def stat_of(info: os.stat_result) -> Stat:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


class Listed(NamedTuple):
    """One entry under the records folder: ``skip`` says why it is not read, if it is not;
    ``stat`` is the file's stat data when the listing was asked for it."""

    path: str
    rel: str
    skip: Skip | None = None
    stat: Stat | None = None


def display_name(name: str) -> str:
    """A file name as text that can be printed and written as UTF-8: bytes that are not
    UTF-8 (kept by the file system API as surrogates) are shown as ``\\xNN``."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def relative_prefix(path: str, base: str) -> str:
    """``path`` relative to ``base`` in POSIX form with a trailing slash, "" for ``base`` itself."""
    relative = os.path.relpath(path, base)
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


_Entry = tuple[str, str, str, Skip | None, Stat | None]  # folder, name, shown path, why not read, stat data


class Walk(NamedTuple):
    """One walk of a folder, depth first in sorted order, as plain tuples (cheap to make by
    the hundred thousand): each entry's folder, name, shown path relative to the folder,
    why it is not read (None for a record file) and stat data (a record file's, when asked
    for and to be had)."""

    folder: str
    with_stat: bool
    started_ns: int  # when the walk began: files changed from shortly before on are racy
    entries: list[_Entry]


class _Folder(NamedTuple):
    """A subfolder met in a listing, to be walked in its place."""

    path: str
    rel: str


def walk(folder: str, with_stat: bool = False) -> Walk:
    """Every entry under ``folder`` without following links: the one walk every listing
    of the records folder is made from."""
    started_ns = time.time_ns()
    entries: list[_Entry] = []
    # Depth first without recursion (a pull request may nest folders a thousand deep): the
    # folders being listed, each with what of it is still to be taken.
    stack: list[Iterator[_Entry | _Folder]] = [iter(_listing(folder, "", with_stat))]
    while stack:
        for item in stack[-1]:
            if isinstance(item, _Folder):  # its entries come before the rest of this folder's
                stack.append(iter(_listing(item.path, item.rel, with_stat)))
                break
            entries.append(item)
        else:
            stack.pop()
    return Walk(folder, with_stat, started_ns, entries)


def _listing(directory: str, rel_dir: str, with_stat: bool) -> list[_Entry | _Folder]:
    """One folder's entries in sorted order, its subfolders as ``_Folder``; the folder's
    descriptor is open only while it is listed and its files stat-ed."""
    found: list[_Entry | _Folder] = []
    try:  # listed through a descriptor, so that each stat looks up one name, not the whole path
        fd = os.open(directory, _DIRECTORY_FLAGS)
        try:
            with os.scandir(fd) as scan:
                entries = sorted(scan, key=_name)
            _look(entries, directory, rel_dir, found, with_stat)
        finally:
            os.close(fd)
    except OSError:
        found.append((os.path.dirname(directory), os.path.basename(directory), rel_dir or "./", "unreadable", None))
    return found


def _look(entries: list[os.DirEntry[str]], directory: str, rel_dir: str, found: list[_Entry | _Folder],
          with_stat: bool) -> None:
    for entry in entries:  # a regular file (the usual case) is asked about first
        name = entry.name
        rel = rel_dir + (name if name.isascii() else display_name(name))
        if entry.is_file(follow_symlinks=False):
            skip = None if name.endswith(SUFFIXES) and not name.startswith(".") else classify(name)
            if skip is None:
                info: Stat | None = None
                if with_stat:
                    with contextlib.suppress(OSError):  # gone since listed: reading it says so
                        info = stat_of(entry.stat(follow_symlinks=False))
                found.append((directory, name, rel, None, info))
            elif skip != "quiet":
                found.append((directory, name, rel, skip, None))
        elif entry.is_symlink():
            found.append((directory, name, rel, "symlink", None))
        elif entry.is_dir(follow_symlinks=False):
            if name.startswith("."):
                if name not in (".git",):
                    found.append((directory, name, rel + "/", "hidden", None))
                continue
            found.append(_Folder(f"{directory}{os.sep}{name}", rel + "/"))
        else:
            found.append((directory, name, rel, "special", None))


_name = operator.attrgetter("name")


def listed(walked: Walk) -> list[Listed]:
    """The walk's entries as ``Listed``, each with its full path."""
    make, sep = tuple.__new__, os.sep  # as Listed(...) makes it, without a call into Python for each
    return [make(Listed, (f"{directory}{sep}{name}" if name else directory, rel, skip, info))
            for directory, name, rel, skip, info in walked.entries]


def discover(folder: str, with_stat: bool = False) -> list[Listed]:
    """Every entry under ``folder``, depth first in sorted order, without following links;
    ``with_stat`` adds each record file's stat data (of the entry itself, never a link's target)."""
    return listed(walk(folder, with_stat))


def stat_listing(walked: Walk, prefix: str = "") -> tuple[list[tuple[str, Stat | None]], list[tuple[str, Skip]]]:
    """What a walk with stat data says, without ``Listed`` objects: each record file's
    ``prefix + rel`` with its stat data (None when it could not be had), and every other
    entry's with why it is not read. Enough to tell whether anything changed since a
    listing, at less cost."""
    records = [(prefix + rel, info) for _, _, rel, skip, info in walked.entries if skip is None]
    skipped = [(prefix + rel, skip) for _, _, rel, skip, _ in walked.entries if skip is not None]
    return records, skipped


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
    return read_with_stat(path, limit)[0]


def read_with_stat(path: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> tuple[bytes, Stat]:
    """``read``, with the stat data of the file read (taken before its bytes, so a change
    while reading shows as a changed file next time)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafeFile("symlink") from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile("special")
        if info.st_size > limit:
            raise UnsafeFile("too-large", info.st_size)
        data = os.read(fd, info.st_size + 1)  # one byte more tells whether it grew meanwhile
        if len(data) > info.st_size:
            parts = [data]
            while len(data) <= limit and (more := os.read(fd, min(limit + 1 - len(data), 1 << 16))):
                parts.append(more)
                data = b"".join(parts)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise UnsafeFile("too-large", len(data))
    return data, stat_of(info)

