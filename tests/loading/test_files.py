"""Listing and reading record files: only regular files inside records/ are read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.loading.files import Listed, UnsafeFile, discover, display_name, read, stat_listing, walk


def _rels(folder: Path) -> list[tuple[str, str | None]]:
    return [(item.rel, item.skip) for item in discover(str(folder))]


def test_discover_lists_records_and_says_why_others_are_not_read(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub").mkdir()
    for name in ("a.yaml", "b.yml", "c.md", "d.txt", ".e.yaml", ".hidden/f.yaml", "sub/g.yaml", ".gitkeep",
                 "H.YAML"):
        (tmp_path / name).write_text("x: y\n", encoding="utf-8")
    assert _rels(tmp_path) == [(".e.yaml", "hidden"), (".hidden/", "hidden"), ("H.YAML", "suffix"),
                               ("a.yaml", None), ("b.yml", None), ("c.md", None), ("d.txt", "suffix"),
                               ("sub/g.yaml", None)]


def test_symlinks_are_listed_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("kind: customer\n", encoding="utf-8")
    records = tmp_path / "records"
    records.mkdir()
    (records / "passwd.yaml").symlink_to("/etc/passwd")
    (records / "linked").symlink_to(outside, target_is_directory=True)
    (records / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    assert _rels(records) == [("dangling.yaml", "symlink"), ("linked", "symlink"), ("passwd.yaml", "symlink")]


def test_fifo_is_a_special_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    assert _rels(tmp_path) == [("pipe.yaml", "special")]
    with pytest.raises(UnsafeFile) as raised:  # opened without blocking, then refused
        read(str(tmp_path / "pipe.yaml"))
    assert raised.value.reason == "special"


def test_read_refuses_a_symlink_even_when_named_directly(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    with pytest.raises(UnsafeFile) as raised:
        read(str(tmp_path / "zero.yaml"))
    assert raised.value.reason == "symlink"


def test_read_refuses_a_device(tmp_path: Path) -> None:
    with pytest.raises(UnsafeFile) as raised:
        read("/dev/zero")
    assert raised.value.reason == "special"


def test_read_refuses_a_file_over_the_limit_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 101)
    with pytest.raises(UnsafeFile) as raised:
        read(str(big), limit=100)
    assert (raised.value.reason, raised.value.size) == ("too-large", 101)
    assert read(str(big), limit=101) == b"a" * 101


def test_display_name_shows_bytes_that_are_not_utf8() -> None:
    name = os.fsdecode(b"q\xff.yaml")
    assert display_name(name) == "q\\xff.yaml"
    assert display_name("报价.yaml") == "报价.yaml"


def test_listed_defaults_to_readable() -> None:
    assert Listed("/x/a.yaml", "a.yaml").skip is None


def _every_kind_of_entry(folder: Path) -> None:
    """Record files at three depths, and one of each entry that is not read."""
    for name in ("a.yaml", "b.yml", "c.md", "d.txt", ".e.yaml", ".gitkeep", "H.YAML", "sub/g.yaml",
                 "sub/deeper/h.md", ".hidden/f.yaml", ".git/config", "报价.yaml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x: y\n", encoding="utf-8")
    (folder / os.fsdecode(b"q\xff.yaml")).write_text("x: y\n", encoding="utf-8")
    (folder / "sub" / "passwd.yaml").symlink_to("/etc/passwd")
    (folder / "linked").symlink_to(folder / "sub", target_is_directory=True)
    os.mkfifo(folder / "sub" / "pipe.yaml")


def test_stat_listing_says_what_discover_says(tmp_path: Path) -> None:
    _every_kind_of_entry(tmp_path)
    records, skipped = stat_listing(walk(str(tmp_path), with_stat=True), "records/")
    listed = discover(str(tmp_path), with_stat=True)
    assert sorted(records) == sorted(("records/" + item.rel, item.stat) for item in listed if item.skip is None)
    assert sorted(skipped) == sorted(("records/" + item.rel, item.skip) for item in listed if item.skip)
    assert len(records) == 7 and all(stat is not None for _, stat in records)
    assert sorted(skipped) == [("records/.e.yaml", "hidden"), ("records/.hidden/", "hidden"),
                               ("records/H.YAML", "suffix"), ("records/d.txt", "suffix"),
                               ("records/linked", "symlink"), ("records/sub/passwd.yaml", "symlink"),
                               ("records/sub/pipe.yaml", "special")]
    assert {"records/q\\xff.yaml", "records/报价.yaml", "records/sub/deeper/h.md"} <= dict(records).keys()


def test_stat_listing_of_a_folder_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    gone = walk(str(tmp_path / "gone"), with_stat=True)
    assert stat_listing(gone, "records/") == ([], [("records/./", "unreadable")])
    assert [(item.rel, item.skip) for item in discover(str(tmp_path / "gone"))] == [("./", "unreadable")]


def test_each_listed_path_is_the_file_itself_whatever_its_name_shows(tmp_path: Path) -> None:
    """A name that is not UTF-8 is shown escaped, but its path still opens that file."""
    _every_kind_of_entry(tmp_path)
    by_rel = {item.rel: item for item in discover(str(tmp_path))}
    assert read(by_rel["q\\xff.yaml"].path) == b"x: y\n"
    assert by_rel["sub/deeper/h.md"].path == str(tmp_path / "sub" / "deeper" / "h.md")
    assert by_rel[".hidden/"].path == str(tmp_path / ".hidden")


def test_a_folder_nested_a_thousand_deep_is_walked_without_recursion(tmp_path: Path) -> None:
    """A pull request can nest folders deeper than Python's recursion limit: the walk still
    lists the file at the bottom, in its place."""
    deepest = str(tmp_path / "deep")
    os.mkdir(deepest)
    for _ in range(1100):
        deepest += "/d"
        os.mkdir(deepest)  # one level at a time: os.makedirs recurses too
    Path(deepest, "x.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "z.yaml").write_text("a: 1\n", encoding="utf-8")
    try:
        assert _rels(tmp_path) == [("deep/" + "d/" * 1100 + "x.yaml", None), ("z.yaml", None)]
    finally:  # removed one level at a time: pytest's own clean-up (shutil.rmtree) recurses
        Path(deepest, "x.yaml").unlink()
        while deepest != str(tmp_path):
            os.rmdir(deepest)
            deepest = os.path.dirname(deepest)
