"""Which rule-set versions are in force on a date: the engine judges by them, and
``handbook approve``, ``approvals pending`` and ``codeowners`` read the approvals a
record needs from them (checker.rules.needs), as the team's holiday calendars do."""

from __future__ import annotations

from datetime import date

from checker.loading.repository import Entry, Repository
from checker.records.ruleset import RuleSet


class ConfigurationError(Exception):
    """Nothing can be checked: no rule set in force (exit code 2)."""


def versions(repository: Repository) -> list[Entry]:
    """Every rule-set version, oldest first."""
    found = [e for e in repository.entries if isinstance(e.record, RuleSet)]
    if not found:
        raise ConfigurationError("no rule set found under records/ (kind: rule-set)")
    return sorted(found, key=lambda e: (e.record.effective, e.record.version))  # type: ignore[attr-defined]


def versions_in_force(repository: Repository, as_of: date) -> list[Entry]:
    """The versions that took effect on or before ``as_of``, oldest first; the last is in
    force on ``as_of``. When two share an effective date, the later version wins."""
    in_force = [e for e in versions(repository) if e.record.effective <= as_of]  # type: ignore[attr-defined]
    if not in_force:
        upcoming = versions(repository)[0].record
        raise ConfigurationError(f"no rule set is in force on {as_of}: the first, "
                                 f"{upcoming.version}, takes effect on {upcoming.effective}")  # type: ignore[attr-defined]
    latest: dict[date, Entry] = {e.record.effective: e for e in in_force}  # type: ignore[attr-defined]
    return list(latest.values())


def ruleset_in_force(repository: Repository, as_of: date) -> Entry:
    return versions_in_force(repository, as_of)[-1]


def upcoming_version(repository: Repository, as_of: date) -> Entry | None:
    """The next version to take effect after ``as_of``, if one is written."""
    later = [e for e in versions(repository) if e.record.effective > as_of]  # type: ignore[attr-defined]
    return later[0] if later else None
