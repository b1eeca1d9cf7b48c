"""Ids taken on the branches git knows: local and remote-tracking, read from git's trees,
nothing checked out; without git, no answer (the working tree alone counts)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from checker.loading.branches import branch_name, taken_on_branches


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
                          capture_output=True, text=True, check=True).stdout


def add(root: Path, relative: str, text: str = "kind: quote\n") -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def company(tmp_path: Path) -> Path:
    """main with QT-2026-001; li-na's branch adds QT-2026-002 and a visit in a month folder;
    a colleague's branch, pushed to origin and fetched, adds QT-2026-003."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    add(origin, "records/quotes/QT-2026-001.yaml")
    add(origin, "records/visits/2026-03/V-2026-0001.yaml", "kind: visit\n")
    commit(origin, "start")
    git(origin, "switch", "-q", "-c", "zhang-wei/quote")
    add(origin, "records/quotes/QT-2026-003.yaml")
    commit(origin, "QT-2026-003")
    git(origin, "switch", "-q", "main")
    root = tmp_path / "mine"
    subprocess.run(["git", "clone", "-q", str(origin), str(root)], check=True, capture_output=True)
    git(root, "switch", "-q", "-c", "li-na/quote")
    add(root, "records/quotes/QT-2026-002.yaml")
    add(root, "records/quotes/notes.txt", "not a record\n")
    add(root, "records/visits/2026-04/V-2026-0002.yml", "kind: visit\n")
    commit(root, "QT-2026-002")
    git(root, "switch", "-q", "main")
    return root


def test_every_local_and_remote_tracking_branch_counts(tmp_path: Path) -> None:
    root = company(tmp_path)
    assert taken_on_branches(root, root / "records" / "quotes") == {
        "QT-2026-001": ["li-na/quote", "main", "origin/main", "origin/zhang-wei/quote"],
        "QT-2026-002": ["li-na/quote"],
        "QT-2026-003": ["origin/zhang-wei/quote"]}  # origin/HEAD only repeats origin/main


def test_files_in_period_subfolders_count_by_their_name(tmp_path: Path) -> None:
    root = company(tmp_path)
    assert taken_on_branches(root, root / "records" / "visits") == {
        "V-2026-0001": ["li-na/quote", "main", "origin/main", "origin/zhang-wei/quote"],
        "V-2026-0002": ["li-na/quote"]}


def test_a_folder_no_branch_has_yet_is_empty(tmp_path: Path) -> None:
    root = company(tmp_path)
    assert taken_on_branches(root, root / "records" / "waivers") == {}


def test_nothing_is_checked_out_or_changed(tmp_path: Path) -> None:
    root = company(tmp_path)
    add(root, "records/quotes/QT-2026-004.yaml")  # the author's work in progress, not committed
    before = (git(root, "rev-parse", "HEAD"), git(root, "status", "--porcelain", "--untracked-files=all"))
    taken_on_branches(root, root / "records" / "quotes")
    assert (git(root, "rev-parse", "HEAD"), git(root, "status", "--porcelain", "--untracked-files=all")) == before
    assert not (root / "records" / "quotes" / "QT-2026-002.yaml").exists()  # li-na's file stays on her branch


def test_a_handbook_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "top"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    add(top, "handbook/records/quotes/QT-2026-001.yaml")
    add(top, "records/quotes/QT-2026-009.yaml")  # another folder of the same name, not the handbook's
    commit(top, "start")
    root = top / "handbook"
    assert taken_on_branches(root, root / "records" / "quotes") == {"QT-2026-001": ["main"]}


def test_without_a_commit_no_branch_holds_anything(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    assert taken_on_branches(tmp_path, tmp_path / "records" / "quotes") == {}


def test_outside_a_git_repository_there_is_no_answer(tmp_path: Path) -> None:
    (tmp_path / "records" / "quotes").mkdir(parents=True)
    (tmp_path / ".git").write_text("gitdir: /nowhere\n", encoding="utf-8")  # not a repository git accepts
    assert taken_on_branches(tmp_path, tmp_path / "records" / "quotes") is None


def test_branch_names_as_people_write_them() -> None:
    assert [branch_name(r) for r in ("refs/heads/main", "refs/remotes/origin/li-na/quote", "refs/tags/v1")] == [
        "main", "origin/li-na/quote", "refs/tags/v1"]
