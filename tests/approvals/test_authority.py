"""Authority from the base: people, roles and the reporting lines a change cannot use at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.approvals.authority import from_base, moved_roles
from checker.approvals.gitcheck import Target
from checker.approvals.verify import roles_of
from checker.records.general import Person
from tests.conftest import load_repo, world, write_repo

APPROVED = {"kind": "customer", "id": "C-1", "owner": "p-li-na", "name": "华新", "class": "key",
            "since": "2026-01-10", "approvals": [{"role": "salesperson", "person": "p-zhang-wei",
                                                  "date": "2026-04-12"}]}


def roles(**reports_to: str | None) -> dict[str, Any]:
    """The shared world's roles, with ``reports_to`` changed as given."""
    found = {}
    for record in world():
        if record["kind"] == "role":
            changed = dict(record)
            if record["id"] in reports_to:
                changed["reports_to"] = reports_to[record["id"]]
            found[record["id"]] = changed
    return found


def role_models(tmp_path: Path, **reports_to: str | None) -> dict[str, Any]:
    records = [r for r in world() if r["kind"] != "role"] + list(roles(**reports_to).values())
    return roles_of(load_repo(write_repo(tmp_path, records, with_world=False)))


def test_the_same_lines_move_no_role(tmp_path: Path) -> None:
    assert moved_roles(role_models(tmp_path / "a"), role_models(tmp_path / "b")) == frozenset()


def test_a_redrawn_line_moves_the_role_and_every_role_above_it_before_and_after(tmp_path: Path) -> None:
    base = role_models(tmp_path / "a")
    change = role_models(tmp_path / "b", **{"marketing-supervisor": "salesperson"})
    assert moved_roles(base, change) == {"marketing-supervisor", "marketing-manager", "management", "salesperson"}


def test_a_team_flag_turned_moves_the_role(tmp_path: Path) -> None:
    base = role_models(tmp_path / "a")
    records = [r for r in world() if r["kind"] != "role"] + [
        dict(r, team=False) if r["id"] == "salesperson" else r for r in roles().values()]
    change = roles_of(load_repo(write_repo(tmp_path / "b", records, with_world=False)))
    assert "salesperson" in moved_roles(base, change) and "legal" not in moved_roles(base, change)


def test_an_approval_added_in_a_role_the_change_moves_does_not_count(tmp_path: Path) -> None:
    """The attack: a salesperson's role placed above the supervisor's, and the salesperson
    approving what needs someone above the supervisor in the same change."""
    base = role_models(tmp_path / "a")
    change = role_models(tmp_path / "b", **{"marketing-supervisor": "salesperson", "salesperson": "marketing-manager"})
    people = {r["id"]: Person.model_validate(r) for r in world() if r["kind"] == "person"}
    entry = next(e for e in load_repo(write_repo(tmp_path / "c", [APPROVED])).entries if e.record.id == "C-1")
    target = Target(entry, 0, entry.record.approvals[0])
    [(_, distrust)] = from_base([target], people, str, base, change).items()
    assert distrust.detail.en == ("the approval by p-zhang-wei dated 2026-04-12 does not count: this change moves "
                                  "salesperson in the reporting lines (reports_to, team); new lines count once they "
                                  "are merged")
    assert from_base([target], people, str, base, base) == {}  # the same lines: the base's authority holds
