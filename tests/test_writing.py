"""Writing inside the repository only through real folders, never through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.writing import UnsafeWrite, write_inside


def test_a_file_is_written_and_its_folders_made(tmp_path: Path) -> None:
    write_inside(tmp_path, tmp_path / "records" / "quotes" / "QT-1.yaml", b"kind: quote\n")
    assert (tmp_path / "records" / "quotes" / "QT-1.yaml").read_bytes() == b"kind: quote\n"


def test_a_folder_that_is_a_link_is_refused_and_nothing_written_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "repo" / "records").mkdir(parents=True)
    os.symlink(outside, tmp_path / "repo" / "records" / "customers")
    with pytest.raises(UnsafeWrite, match=r"^records/customers is a symbolic link or not a folder"):
        write_inside(tmp_path / "repo", tmp_path / "repo" / "records" / "customers" / "C-1.yaml", b"x")
    assert list(outside.iterdir()) == []


def test_a_file_that_is_a_link_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(b"kept")
    (tmp_path / "repo" / ".github").mkdir(parents=True)
    os.symlink(target, tmp_path / "repo" / ".github" / "CODEOWNERS")
    with pytest.raises(UnsafeWrite, match=r"^\.github/CODEOWNERS is a symbolic link"):
        write_inside(tmp_path / "repo", tmp_path / "repo" / ".github" / "CODEOWNERS", b"planted")
    assert target.read_bytes() == b"kept"


def test_a_new_file_never_replaces_one_that_exists(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_inside(tmp_path, tmp_path / "a.yaml", b"theirs", new=True)
    assert (tmp_path / "a.yaml").read_bytes() == b"mine"


def test_a_path_outside_the_repository_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeWrite, match="outside the repository"):
        write_inside(tmp_path / "repo", tmp_path / "other.yaml", b"x")
