"""The loader's cache: parsed files keyed by their content, and (``checker.loading.store``)
the validated records of the working tree with the stat data that tells them unchanged.

A load of the working tree takes what it can from the store; the parse cache serves
the files read from git (``check --base``) that the store does not hold. Parsed files
are read from disk only when first asked for.

The cache can only speed a check up, never change its result:

- it lives outside the repository (``$HANDBOOK_CACHE_DIR``, else the user's cache
  folder), so a pull request cannot plant entries in it;
- its file name carries a fingerprint of the parsing code and the parsers' versions,
  so entries written by other code are never read;
- every entry is checked to have the shape a parse produces before it is used, and a
  cache that cannot be read or is malformed is ignored (with a warning) and rebuilt.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
from functools import cache
from pathlib import Path
from typing import Any

from checker.loading.store import Store, code_fingerprint, write_atomically

_PARSING_MODULES = ("yamltext.py", "yamlerror.py", "screen.py", "cache.py", "repository.py")
_MAX_CACHED_DEPTH = 64


def digest(data: bytes, kind: str = "") -> bytes:
    """Cache key of a file's bytes; ``kind`` (its suffix) separates files parsed differently."""
    return hashlib.blake2b(data, digest_size=16, person=kind.encode()[:16]).digest()


@cache
def fingerprint() -> str:
    """Changes whenever the parsing code, a parser or the Python version changes."""
    here = Path(__file__).parent
    return code_fingerprint(((name, here / name) for name in _PARSING_MODULES), ("PyYAML", "yaml-rs"))


def default_folder(root: Path) -> Path | None:
    """The cache folder for the repository at ``root``, outside it; None (no cache) when
    someone else could write into it: a kept output planted there would be replayed as the
    check's result, so a folder counts only when every part of it that exists is a real
    folder owned by this user (or root) and writable by nobody else, or sticky like /tmp."""
    base = Path(os.environ.get("HANDBOOK_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(
        Path.home() / ".cache"))
    repository = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    folder = base / "handbook" / repository
    return folder if all(_private(path) for path in (base, base / "handbook", folder)) else None


def _private(path: Path) -> bool:
    """Whether ``path`` is missing (it will be made by this user) or a folder only this user can change."""
    try:
        found = path.lstat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode) or found.st_uid not in (os.getuid(), 0):
        return False
    return not found.st_mode & 0o022 or bool(found.st_mode & stat.S_ISVTX)


def well_formed(value: Any) -> bool:
    """True when ``value`` is what a parse produces: text, None, lists and dicts of them
    with text keys, or a problem tuple (code, detail, line, column)."""
    if type(value) is tuple:
        return (len(value) == 4 and type(value[0]) is str and type(value[1]) is str
                and all(v is None or type(v) is int for v in value[2:]))
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_CACHED_DEPTH:
            return False
        kind = type(item)
        if kind is dict:
            for key, child in item.items():
                if type(key) is not str:
                    return False
                stack.append((child, depth + 1))
        elif kind is list:
            stack.extend((child, depth + 1) for child in item)
        elif item is not None and kind is not str:
            return False
    return True


class ParseCache:
    """Maps content digests to parsed YAML (plain dicts, lists and text) or problems;
    ``store`` keeps the working tree's validated records (None without a folder)."""

    def __init__(self, folder: Path | None) -> None:
        self._file = folder / f"parsed-{fingerprint()}.marshal" if folder else None
        self._entries: dict[bytes, Any] = {}
        self._used: set[bytes] = set()
        self._dirty = False
        self._opened = False
        self.warnings: list[str] = []
        self.store = Store(folder, self.warnings.append) if folder else None
        self.scan: Any = None  # the loader's look at the working tree beside the store (repository._scanned)
        self.walked: Any = None  # a walk of the records folder made before the load (checker.repeat), to be used again

    def _open(self) -> None:
        """Read the parsed files when first asked for one."""
        if self._opened:
            return
        self._opened = True
        if self._file is None:
            return
        try:
            raw = self._file.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._warn(f"cannot read the parse cache ({exc.strerror}); parsing every file")
            return
        try:
            loaded = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            loaded = None
        if type(loaded) is not dict or not all(type(k) is bytes for k in loaded):
            self._warn("the parse cache is damaged; parsing every file and writing it again")
            self._dirty = True
            return
        self._entries = loaded

    def _warn(self, text: str) -> None:
        self.warnings.append(f"{text}: {self._file}")

    def get(self, key: bytes) -> Any | None:
        self._open()
        if key not in self._entries:
            return None
        value = self._entries[key]
        if value is None or not well_formed(value):  # None is never cached: a file parses to {} at least
            del self._entries[key]
            if not self._dirty:
                self._warn("the parse cache holds malformed entries; they are parsed again")
            self._dirty = True
            return None
        self._used.add(key)
        return value

    def put(self, key: bytes, value: Any) -> None:
        if value is None:
            return
        self._open()
        self._entries[key] = value
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Write the entries used in this run (older ones are dropped) atomically; nothing
        when no parsed file was asked for."""
        if not self._file or not self._opened:
            return
        if not self._dirty and len(self._used) == len(self._entries):
            return
        kept = {key: self._entries[key] for key in sorted(self._used)}
        try:
            write_atomically(self._file, marshal.dumps(kept), ".parsed-")
        except (OSError, ValueError) as exc:
            self._warn(f"cannot write the parse cache ({exc})")
