"""A cache of parsed files keyed by their content, so a repeated check skips parsing."""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

_FORMAT = f"v2-py{sys.version_info[0]}{sys.version_info[1]}"


def digest(data: bytes, kind: str = "") -> bytes:
    """Cache key of a file's bytes; ``kind`` (its suffix) separates files parsed differently."""
    return hashlib.blake2b(data, digest_size=16, person=kind.encode()[:16]).digest()


class ParseCache:
    """Maps content digests to parsed YAML (plain dicts, lists and text)."""

    def __init__(self, folder: Path | None) -> None:
        self._file = folder / f"parsed-{_FORMAT}.marshal" if folder else None
        self._entries: dict[bytes, Any] = {}
        self._used: set[bytes] = set()
        self._dirty = False
        if self._file and self._file.is_file():
            try:
                loaded = marshal.loads(self._file.read_bytes())
                if isinstance(loaded, dict):
                    self._entries = loaded
            except (EOFError, ValueError, TypeError):
                self._entries = {}  # a damaged cache is rebuilt, never trusted

    def get(self, key: bytes) -> Any | None:
        if key in self._entries:
            self._used.add(key)
            return self._entries[key]
        return None

    def put(self, key: bytes, value: Any) -> None:
        self._entries[key] = value
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Write the entries used in this run (older ones are dropped) atomically."""
        if not self._file:
            return
        if not self._dirty and len(self._used) == len(self._entries):
            return
        kept = {key: self._entries[key] for key in self._used}
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self._file.parent, prefix=".parsed-")
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(kept))
            os.replace(temp, self._file)
        except OSError:
            pass  # the cache only speeds things up; a read-only checkout still checks
