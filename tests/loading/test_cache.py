"""The loader's cache: a repeated check reuses parses and validated records, never
changes the outcome; a damaged, unreadable or foreign cache is ignored with a notice."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from checker.loading import store
from checker.loading.cache import ParseCache, default_folder, digest, fingerprint, well_formed
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
    second.put(b"other", "other")
    second.save()
    third = ParseCache(tmp_path)
    assert third.get(b"old") is None
    assert third.get(b"new") == "new"


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _outcome(root, cache)
    stored = sorted(cache.iterdir())
    assert stored  # the index and the files' records
    for file in stored:
        file.write_bytes(b"\x00garbage not marshal")
    repo = load(root, root / "records", cache)
    assert (sorted(e.record.id for e in repo.entries), sorted((f.file, f.rule) for f in repo.findings)) == first
    assert any("damaged" in notice for notice in repo.notices)
    assert load(root, root / "records", cache).notices == []  # written again
    assert isinstance(marshal.loads(next(cache.glob("*index.marshal")).read_bytes()), dict)


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


def test_cache_file_name_carries_the_code_fingerprint(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.put(b"k", "v")
    cache.save()
    assert [p.name for p in tmp_path.iterdir()] == [f"parsed-{fingerprint()}.marshal"]


def test_entries_written_by_other_code_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "parsed-0000000000000000.marshal").write_bytes(marshal.dumps({b"k": "planted"}))
    assert ParseCache(tmp_path).get(b"k") is None


def test_default_folder_is_outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "c"))
    folder = default_folder(tmp_path / "repo")
    assert folder is not None and folder.parent == tmp_path / "c" / "handbook"
    assert default_folder(tmp_path / "other") != folder


def test_a_cache_folder_others_can_write_into_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "c"))
    (tmp_path / "c" / "handbook").mkdir(parents=True)
    assert default_folder(tmp_path / "repo") is not None
    (tmp_path / "c" / "handbook").chmod(0o775)  # writable by the group
    assert default_folder(tmp_path / "repo") is None
    (tmp_path / "c" / "handbook").chmod(0o1777)  # sticky, as /tmp: others cannot replace what is ours
    assert default_folder(tmp_path / "repo") is not None


@pytest.mark.parametrize("value", [
    {"a": 1}, {1: "a"}, ("yaml-syntax", "x", "1", None), ("only", "three", None), b"bytes", 3.5,
    {"a": [{"b": set()}]}, ["x", ("tuple", "inside", None, None)],
])
def test_malformed_values_are_not_well_formed(value: object) -> None:
    assert not well_formed(value)


@pytest.mark.parametrize("value", [
    {"a": "x", "b": None, "c": ["y", {"d": "z"}]}, "text", ["a"], ("yaml-syntax", "problem", 3, 1),
    ("control-character", "U+0000", None, None),
])
def test_parse_results_are_well_formed(value: object) -> None:
    assert well_formed(value)


def test_malformed_entry_is_parsed_again_with_a_warning(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _outcome(root, cache)
    for file in cache.glob("store-*.pickle"):  # intact files holding the wrong shapes
        entries = store.loads(file.read_bytes())
        file.write_bytes(store.dumps({rel: {"kind": 1} for rel in entries}))
    repo = load(root, root / "records", cache)
    assert (sorted(e.record.id for e in repo.entries), sorted((f.file, f.rule) for f in repo.findings)) == first
    assert repo.notices and all("damaged" in notice for notice in repo.notices)
    assert _outcome(root, cache) == first
    assert load(root, root / "records", cache).notices == []  # rewritten whole


def test_malformed_parse_cache_entry_is_parsed_again_with_a_warning(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.put(b"key", {"a": "x"})
    cache.save()
    [file] = list(tmp_path.glob("parsed-*"))
    file.write_bytes(marshal.dumps({b"key": {"kind": 1}}))
    again = ParseCache(tmp_path)
    assert again.get(b"key") is None
    assert len(again.warnings) == 1 and "malformed" in again.warnings[0]


def test_unreadable_cache_is_ignored_with_a_warning(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    (cache / f"store-{store.fingerprint()}-index.marshal").mkdir(parents=True)  # a folder where the file should be
    repo = load(root, root / "records", cache)
    assert [e.record.id for e in repo.entries if e.record.id == "V-1"] == ["V-1"]
    assert any("cannot read the record store" in notice for notice in repo.notices)


def test_unreadable_parse_cache_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / f"parsed-{fingerprint()}.marshal").mkdir()
    cache = ParseCache(tmp_path)
    assert cache.get(b"key") is None
    assert any("cannot read the parse cache" in notice for notice in cache.warnings)


def test_duplicate_ids_do_not_depend_on_what_was_cached(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    first, second = root / "records" / "a.yaml", root / "records" / "b.yaml"
    first.write_text(VISIT, encoding="utf-8")
    second.write_text(VISIT.replace("summary: 拜访", "summary: 回访"), encoding="utf-8")
    cache = tmp_path / "cache"
    cold = load(root, root / "records", None)
    second_only = tmp_path / "partial"
    first.rename(tmp_path / "aside.yaml")
    load(root, root / "records", second_only)  # only b.yaml gets cached
    (tmp_path / "aside.yaml").rename(first)
    warm = load(root, root / "records", second_only)
    for repo in (warm, load(root, root / "records", cache)):
        assert [(f.file, f.rule) for f in repo.findings] == [(f.file, f.rule) for f in cold.findings] == [
            ("records/b.yaml", "duplicate-id")]
        assert [e.source.file for e in repo.entries if e.record.id == "V-1"] == ["records/a.yaml"]
