"""Repository settings, read from ``[tool.handbook]`` in the repository's pyproject.toml."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeGuard

APPROVAL_LEVELS = ("text", "author", "signed")
CODEOWNERS = ".github/CODEOWNERS"  # written by `handbook codeowners`, compared by `handbook check`


DEFAULT_MAX_FILE_KIB = 1024
HARD_MAX_FILE_KIB = 64 * 1024  # no environment raises the limit past this
MAX_FILE_KIB_VARIABLE = "HANDBOOK_MAX_FILE_KIB"


class SettingsError(Exception):
    """The repository's configuration is unusable (exit code 2)."""


@dataclass(frozen=True)
class Settings:
    root: Path
    records: Path
    lang: str = "zh"
    as_of: date | None = None
    max_file_kib: int = DEFAULT_MAX_FILE_KIB
    approvals: str = "text"  # how approvals are verified: text, author or signed (see checker.approvals.gitcheck)
    approvals_baseline: str | None = None  # approvals added up to this commit are not verified again

    @classmethod
    def load(cls, root: Path) -> Settings:
        pyproject = root / "pyproject.toml"
        table: dict[str, object] = {}
        if pyproject.is_file():
            try:
                table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get(
                    "handbook", {})
            except tomllib.TOMLDecodeError as exc:
                raise SettingsError(f"{pyproject}: {exc}") from exc
        lang = str(table.get("lang", "zh"))
        if lang not in ("zh", "en"):
            raise SettingsError(f"{pyproject}: [tool.handbook] lang must be zh or en, not {lang!r}")
        as_of = table.get("as_of")
        try:
            frozen = date.fromisoformat(str(as_of)) if as_of else None
        except ValueError as exc:
            raise SettingsError(f"{pyproject}: [tool.handbook] as_of is not a date: {as_of!r}") from exc
        cap = machine_max_file_kib()
        limit = table.get("max_file_kib", cap)
        if type(limit) is not int or not 1 <= limit <= cap:
            raise SettingsError(f"{pyproject}: [tool.handbook] max_file_kib must be a whole number of KiB from 1 "
                                f"to {cap}, not {limit!r}: a repository may lower the limit, never raise it (it "
                                f"protects the machine that checks; the machine's owner may raise it with "
                                f"{MAX_FILE_KIB_VARIABLE})")
        records = root / str(table.get("records", "records"))
        if records.is_symlink() or not records.resolve().is_relative_to(root.resolve()):
            raise SettingsError(f"{pyproject}: [tool.handbook] records must be a folder inside the repository, "
                                f"not a symbolic link or a path outside it: {records}")
        approvals = table.get("approvals", "text")
        if approvals not in APPROVAL_LEVELS:
            raise SettingsError(f"{pyproject}: [tool.handbook] approvals must be one of "
                                f"{', '.join(APPROVAL_LEVELS)}, not {approvals!r}")
        baseline = table.get("approvals_baseline")
        if baseline is not None and not full_commit_id(baseline):
            raise SettingsError(f"{pyproject}: [tool.handbook] approvals_baseline must be a full commit id (40 or "
                                f"64 hexadecimal digits, as `git rev-parse HEAD` prints it), not {baseline!r}")
        return cls(root=root, records=records, lang=lang, as_of=frozen, max_file_kib=limit,
                   approvals=str(approvals), approvals_baseline=baseline)


def machine_max_file_kib() -> int:
    """The largest record file the checker reads, in KiB: the checker's default, or what
    the machine's environment sets (up to a hard cap); never the repository's to raise."""
    given = os.environ.get(MAX_FILE_KIB_VARIABLE)
    if given is None:
        return DEFAULT_MAX_FILE_KIB
    if not given.isdigit() or not 1 <= int(given) <= HARD_MAX_FILE_KIB:
        raise SettingsError(f"{MAX_FILE_KIB_VARIABLE} must be a whole number of KiB from 1 to {HARD_MAX_FILE_KIB}, "
                            f"not {given!r}")
    return int(given)


def full_commit_id(value: object) -> TypeGuard[str]:
    """A whole commit id (SHA-1 or SHA-256), never an abbreviation: git resolves a short one
    to a tag or branch of that name first, which anyone who can push a tag can choose."""
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", value) is not None


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding a pyproject.toml with [tool.handbook]."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.handbook]" in candidate.read_text(encoding="utf-8"):
            return folder
    return start
