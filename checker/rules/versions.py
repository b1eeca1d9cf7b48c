"""Start the next rule-set version beside the current one.

A rule set in force is never edited: the next version is a new file with its own
version, effective date and approval, so verdicts on the months already lived stay as
they were. The new file is the current one's text with its id, version and effective
date replaced and its approvals removed (the new version needs its own), so comments
and layout are kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from checker.records.ruleset import RuleSet
from checker.writing import UnsafeWrite, write_inside

# where a top-level block ends: the next line at column 0 (a key or a comment) that is not
# an item of a sequence written flush with its key
_BLOCK_END = re.compile(r"^[^\s-]", re.MULTILINE)


class VersionError(Exception):
    """The next version cannot be started as asked."""


def next_version(version: str) -> str:
    """``2026.1`` -> ``2026.2``: the last number goes up by one."""
    found = re.search(r"(\d+)(?!.*\d)", version)
    if found is None:
        raise VersionError(f"cannot count on from version {version!r}: give --version")
    return version[:found.start()] + str(int(found.group()) + 1) + version[found.end():]


def first_of_next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _replace_key(text: str, key: str, value: str) -> str:
    changed, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise VersionError(f"the rule set has no top-level {key}: line to replace")
    return changed


def _drop_block(text: str, key: str) -> str:
    """Remove a top-level key and everything indented under it."""
    start = re.search(rf"^{key}:.*$", text, flags=re.MULTILINE)
    if start is None:
        return text
    following = _BLOCK_END.search(text, start.end() + 1)
    end = following.start() if following else len(text)
    return text[:start.start()] + text[end:]


def derive(text: str, record_id: str, version: str, effective: date, owner: str | None = None) -> str:
    """The next version's file text from the current one's (with ``owner``, the person who
    drafts it, in place of the current version's)."""
    text = _replace_key(text, "id", record_id)
    if owner is not None:
        text = _replace_key(text, "owner", owner)
    text = _replace_key(text, "version", f'"{version}"')
    text = _replace_key(text, "effective", effective.isoformat())
    return _drop_block(text, "approvals")


def start(current_file: Path, folder: Path, current_version: str, today: date, version: str | None = None,
          effective: date | None = None, root: Path | None = None, owner: str | None = None) -> tuple[Path, str, date]:
    """Write the next version's file into ``folder`` (inside the repository at ``root``, through
    real folders only); return its path, version and date."""
    version = version or next_version(current_version)
    effective = effective or first_of_next_month(today)
    if effective <= today:
        raise VersionError(f"the new version must take effect after today ({today}), not on {effective}")
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}", version):
        raise VersionError(f"a version is letters, digits, '.', '_' or '-', not {version!r}")
    target = folder / f"rules-{version}.yaml"
    if target.exists():
        raise VersionError(f"{target} already exists")
    text = derive(current_file.read_text(encoding="utf-8"), f"rules-{version}", version, effective, owner)
    try:
        write_inside(root or folder, target, text.encode("utf-8"), new=True)
    except (UnsafeWrite, FileExistsError) as exc:
        raise VersionError(f"{target}: {exc}") from exc
    return target, version, effective


@dataclass(frozen=True)
class RuleChange:
    """How one rule differs between two versions: added, removed, or changed fields."""

    rule: str
    change: Literal["added", "removed", "changed"]
    fields: tuple[tuple[str, str, str], ...] = ()  # (field, before, after), compactly written


def _compact(value: Any) -> str:
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """A nested mapping as dotted paths to its values (lists stay whole)."""
    if not isinstance(value, dict) or not value:
        return {prefix: value}
    flat: dict[str, Any] = {}
    for key, child in value.items():
        flat.update(_leaves(child, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def rule_changes(before: RuleSet, after: RuleSet) -> list[RuleChange]:
    """The rules ``after`` adds, removes or changes against ``before``, in ``after``'s order."""
    old = {rule.id: rule for rule in before.rules}
    new = {rule.id: rule for rule in after.rules}
    changes = []
    for rule_id, rule in new.items():
        if rule_id not in old:
            changes.append(RuleChange(rule_id, "added"))
            continue
        was, now = (_leaves({name: value for name, value in r.model_dump(by_alias=True, exclude_none=True).items()
                             if name in ("severity", "kinds", "when", "params")}) for r in (old[rule_id], rule))
        differing = tuple((name, _compact(was.get(name)), _compact(now.get(name)))
                          for name in sorted(was.keys() | now.keys()) if was.get(name) != now.get(name))
        if differing:
            changes.append(RuleChange(rule_id, "changed", differing))
    changes += [RuleChange(rule_id, "removed") for rule_id in old if rule_id not in new]
    return changes
