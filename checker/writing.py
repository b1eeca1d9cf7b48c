"""Writing into the repository without trusting its folders: every name in it may come
from a pull request, so a folder on the way may be a symbolic link committed to point
outside. The checker's commands that write files (new, approve, codeowners, schema, rules
new-version) write through ``write_inside`` only."""

from __future__ import annotations

import os
from pathlib import Path


class UnsafeWrite(Exception):
    """A file the checker was asked to write lies behind a symbolic link or outside the repository."""


def write_inside(root: Path, target: Path, data: bytes, *, new: bool = False) -> None:
    """Write ``data`` to ``target``, a path inside ``root``, creating its folders: every
    folder on the way must be a real folder (never a symbolic link someone committed to
    point elsewhere) and the file itself is never a link. ``new``: the file must not exist.
    UnsafeWrite (naming the path, relative to ``root``) otherwise; FileExistsError for ``new``."""
    try:
        parts = target.relative_to(root).parts
    except ValueError as exc:
        raise UnsafeWrite(f"{target} is outside the repository") from exc
    here = root
    for part in parts[:-1]:
        here = here / part
        if here.is_symlink() or (here.exists() and not here.is_dir()):
            raise UnsafeWrite(f"{here.relative_to(root).as_posix()} is a symbolic link or not a folder: the checker "
                              "writes only into real folders inside the repository; remove it and run the command "
                              "again")
        if not here.exists():
            here.mkdir()
    if target.is_symlink():
        raise UnsafeWrite(f"{target.relative_to(root).as_posix()} is a symbolic link: the checker never writes "
                          "through one; remove it and run the command again")
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_EXCL if new else os.O_TRUNC
    descriptor = os.open(target, flags, 0o644)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
