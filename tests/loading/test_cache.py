"""The parse cache: a repeated check reuses parses, never changes the outcome."""

from __future__ import annotations

import marshal
from pathlib import Path

from checker.loading.cache import ParseCache, digest
from checker.loading.repository import load
from tests.conftest import rule_set, write_repo

VISIT = ("kind: visit\nid: V-1\nowner: p-zhang-wei\ncustomer: C-1\ndate: 2026-03-12\n"
         "method: visit\nsummary: 拜访\n")


def _outcome(root: Path, cache: Path | None) -> tuple[list[str], list[tuple[str, str]]]:
    repo = load(root, root / "records", cache)
    return (sorted(e.record.id for e in repo.entries),
            sorted((f.file, f.rule) for f in repo.findings))


def test_put_get_save_and_reload(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    key = digest(b"a: x\n")
    assert cache.get(key) is None
    cache.put(key, {"a": "x"})
    cache.save()
    again = ParseCache(tmp_path)
    assert again.get(key) == {"a": "x"}


def test_save_drops_entries_not_used(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.put(b"old", "old")
    cache.put(b"new", "new")
    cache.save()
    second = ParseCache(tmp_path)
    assert second.get(b"new") == "new"
    second.put(b"other", 1)
    second.save()
    third = ParseCache(tmp_path)
    assert third.get(b"old") is None
    assert third.get(b"new") == "new"


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _outcome(root, cache)
    [file] = list(cache.iterdir())
    file.write_bytes(b"\x00garbage not marshal")
    assert _outcome(root, cache) == first
    assert isinstance(marshal.loads(file.read_bytes()), dict)  # rewritten


def test_no_cache_folder_writes_nothing(tmp_path: Path) -> None:
    cache = ParseCache(None)
    cache.put(b"k", "v")
    cache.save()
    assert cache.get(b"k") == "v"
    assert list(tmp_path.iterdir()) == []


def test_cached_run_equals_fresh_run(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    cache = tmp_path / "cache"
    fresh = _outcome(root, None)
    assert _outcome(root, cache) == fresh
    assert _outcome(root, cache) == fresh  # second run from the cache
    assert any(rule == "yaml-syntax" for _, rule in fresh[1])


def test_edited_file_is_parsed_again(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    path = root / "records" / "v.yaml"
    path.write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    _outcome(root, cache)
    path.write_text(VISIT.replace("V-1", "V-9"), encoding="utf-8")
    assert "V-9" in _outcome(root, cache)[0]


def test_same_bytes_as_markdown_and_yaml(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    text = ("---\nkind: meeting\nid: M-1\nowner: p-li-na\ntype: weekly\ndate: 2026-01-05\n"
            "attendees: [p-li-na]\nminutes: ok\n---\n")
    md = root / "records" / "m.md"
    md.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    _outcome(root, cache)
    md.rename(root / "records" / "m.yaml")
    assert _outcome(root, cache) == _outcome(root, None)
