"""A revision's records read from git objects: listed and loaded as the same files on disk."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checker.loading.files import discover
from checker.loading.gitsource import GitError, GitTree, blob_id, changed_paths, object_ids, resolve
from checker.loading.repository import Repository, load
from tests.conftest import dump, rule_set, write_repo

CUSTOMER = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
            "since": "2026-01-10"}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo", [CUSTOMER], ruleset=rule_set([]))
    records = root / "records"
    (records / "a-b.yaml").write_text(dump(dict(CUSTOMER, id="C-2")), "utf-8")
    (records / "a").mkdir()
    (records / "a" / "x.yaml").write_text(dump(dict(CUSTOMER, id="C-3")), "utf-8")
    (records / "notes.txt").write_text("not a record\n", "utf-8")
    (records / ".hidden.yaml").write_text("kind: customer\n", "utf-8")
    (records / "link.yaml").symlink_to("/etc/passwd")
    (records / "bad.yaml").write_text("kind: [\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    return root


def _outcome(repository: Repository) -> tuple[list[str], list[tuple[str, str, int | None]]]:
    repository.locate(repository.findings)
    return ([e.record.id for e in repository.entries],
            sorted((f.file, f.rule, f.line) for f in repository.findings))


def test_listing_matches_the_folder_on_disk(committed: Path) -> None:
    tree = GitTree(committed, resolve(committed, "HEAD"), "records")
    assert [(i.rel, i.skip) for i in tree.listing()] == [(i.rel, i.skip) for i in discover(str(committed / "records"))]


def test_loading_the_revision_equals_loading_the_same_files(committed: Path) -> None:
    from_disk = load(committed, committed / "records")
    from_git = load(committed, committed / "records", tree=GitTree(committed, resolve(committed, "HEAD"), "records"))
    assert _outcome(from_git) == _outcome(from_disk)


def test_files_unchanged_since_the_revision_are_taken_over_not_read(committed: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (committed / "records" / "a-b.yaml").write_text(dump(dict(CUSTOMER, id="C-2", name="改名")), "utf-8")
    working = load(committed, committed / "records", blob_ids=True)
    read: list[str] = []
    real_read = GitTree.read

    def counting_read(self: GitTree, listed: object, limit: int) -> bytes:
        read.append(listed.rel)  # type: ignore[attr-defined]
        return real_read(self, listed, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(GitTree, "read", counting_read)
    commit = resolve(committed, "HEAD")
    reused = load(committed, committed / "records", tree=GitTree(committed, commit, "records"), reuse=working)
    assert read == ["a-b.yaml"]
    monkeypatch.setattr(GitTree, "read", real_read)
    fresh = load(committed, committed / "records", tree=GitTree(committed, commit, "records"))
    assert _outcome(reused) == _outcome(fresh)


def test_blob_id_is_gits() -> None:
    assert blob_id(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"


def test_changed_paths_include_edits_additions_and_removals(committed: Path) -> None:
    records = committed / "records"
    (records / "a-b.yaml").write_text("kind: customer\n", "utf-8")
    (records / "new.yaml").write_text("kind: customer\n", "utf-8")
    (records / "a" / "x.yaml").unlink()
    assert changed_paths(committed, resolve(committed, "HEAD"), "records") == {
        "records/a-b.yaml", "records/new.yaml", "records/a/x.yaml"}


def test_unknown_revision_is_a_git_error(committed: Path) -> None:
    with pytest.raises(GitError):
        resolve(committed, "no-such-ref")
    with pytest.raises(GitError):
        resolve(committed, "--output=/tmp/x")


def test_a_taken_over_file_that_fails_validation_still_registers_its_id(committed: Path) -> None:
    (committed / "records" / "bad-customer.yaml").write_text(dump(dict(CUSTOMER, id="C-9", colour="red")), "utf-8")
    git(committed, "add", ".")
    git(committed, "commit", "-q", "-m", "an invalid customer")
    working = load(committed, committed / "records", blob_ids=True)
    assert working.invalid["C-9"] == ("customer", "records/bad-customer.yaml")
    base = load(committed, committed / "records", tree=GitTree(committed, resolve(committed, "HEAD"), "records"),
                reuse=working)
    assert base.invalid["C-9"] == ("customer", "records/bad-customer.yaml")


def test_object_ids_are_relative_to_the_root_even_inside_the_repository(committed: Path) -> None:
    head = git(committed, "rev-parse", "HEAD").strip()
    assert object_ids(committed, head, "records", "pyproject.toml") == [
        git(committed, "rev-parse", "HEAD:records").strip(), git(committed, "rev-parse", "HEAD:pyproject.toml").strip()]
    assert object_ids(committed / "records", head, "a") == [git(committed, "rev-parse", "HEAD:records/a").strip()]
    assert object_ids(committed, head, "records", "no-such-file") is None
