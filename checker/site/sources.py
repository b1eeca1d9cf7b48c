"""The hand-written sources of the site must be plain files of this repository.

MkDocs follows symbolic links, so a link under ``docs/`` or ``overrides/`` would
publish whatever it points at (``/etc/passwd``, a private file elsewhere on the CI
machine). The site is built only when neither folder holds a link or special file.
"""

from __future__ import annotations

from pathlib import Path

from checker.loading.files import discover

SOURCE_FOLDERS = ("docs", "overrides")


def unsafe_paths(root: Path) -> list[str]:
    """Links and special files under the site's source folders, relative to ``root``."""
    found = []
    for name in SOURCE_FOLDERS:
        folder = root / name
        if folder.is_symlink():
            found.append(name)
        elif folder.is_dir():
            found.extend(f"{name}/{item.rel}" for item in discover(str(folder))
                         if item.skip in ("symlink", "special", "unreadable"))
    return found
