"""The record store: what unchanged files loaded to is taken over, never changing the
outcome; only the checker's own classes are read back; racily clean files are read again."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.loading import files, repository, store
from checker.loading.cache import ParseCache
from checker.loading.repository import LoadTimings, Repository, load
from checker.records.base import Approval
from checker.records.ruleset import RuleSet
from checker.rules.engine import Engine
from tests.conftest import PROJECT, rule_set, write_repo

VISIT = ("kind: visit\nid: V-1\nowner: p-zhang-wei\ncustomer: C-1\ndate: 2026-03-12\n"
         "method: visit\nsummary: 拜访\n")
LONG_AGO_NS = 1_600_000_000 * 10**9  # 2020-09-13


def _outcome(repo: Repository) -> tuple[list[tuple[str, str, object]], list[tuple[object, ...]]]:
    return ([(e.source.file, e.record.id, e.record) for e in repo.entries],
            [(f.file, f.rule, f.severity, f.message, f.path, f.line) for f in repo.findings])


def _loaded(root: Path, cache: Path | None) -> tuple[Repository, LoadTimings]:
    timings = LoadTimings()
    return load(root, root / "records", cache, timings=timings), timings


def _long_ago(info: os.stat_result) -> files.Stat:
    """Stat data of a file last changed long ago (so no entry of the index is racy)."""
    return info.st_size, LONG_AGO_NS, LONG_AGO_NS, info.st_ino


def test_the_sample_company_loads_alike_from_the_store(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "records", root / "records")
    cache = tmp_path / "cache"
    cold, first = _loaded(root, cache)
    warm, second = _loaded(root, cache)
    assert _outcome(warm) == _outcome(cold) == _outcome(_loaded(root, None)[0])
    assert first.loaded == first.files > 100 and first.reused == 0
    assert second.reused + second.loaded == second.files and second.loaded <= first.files


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    monkeypatch.setattr(files, "stat_of", _long_ago)
    cache = tmp_path / "cache"
    cold, _ = _loaded(root, cache)

    def refuse(path: str, limit: int = 0) -> tuple[bytes, files.Stat]:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(files, "read_with_stat", refuse)
    warm, timings = _loaded(root, cache)
    assert _outcome(warm) == _outcome(cold)
    assert timings.reused == timings.files == 3 and timings.loaded == 0


def test_added_edited_and_removed_files_are_seen(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    records = root / "records"
    (records / "v.yaml").write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    _loaded(root, cache)
    (records / "v.yaml").write_text(VISIT.replace("V-1", "V-2"), encoding="utf-8")
    (records / "w.yaml").write_text(VISIT.replace("V-1", "V-3"), encoding="utf-8")
    (records / "world.yaml").unlink()
    warm, timings = _loaded(root, cache)
    assert _outcome(warm) == _outcome(_loaded(root, None)[0])
    assert {"V-2", "V-3"} <= {e.record.id for e in warm.entries} and "V-1" not in {e.record.id for e in warm.entries}
    assert timings.loaded == 2


def test_a_change_the_timestamps_cannot_show_is_still_seen_when_racy(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system with coarse timestamps (whole seconds here, no ctime), a file edited
    in the second the index was written keeps its stat data: the index must not trust it."""
    def coarse(info: os.stat_result) -> files.Stat:
        return info.st_size, info.st_mtime_ns // 10**9 * 10**9, 0, info.st_ino

    monkeypatch.setattr(files, "stat_of", coarse)
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    path = root / "records" / "v.yaml"
    path.write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    _loaded(root, cache)  # written just now: racily clean
    written = path.stat().st_mtime_ns
    path.write_text(VISIT.replace("V-1", "V-2"), encoding="utf-8")  # same size
    os.utime(path, ns=(written, written))
    assert {e.record.id for e in _loaded(root, cache)[0].entries} >= {"V-2"}


def test_an_old_files_stat_data_is_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of the racy check: an entry written well after its file's last
    change is trusted as git trusts its index, so a same-stat change goes unseen."""
    monkeypatch.setattr(files, "stat_of", _long_ago)
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    path = root / "records" / "v.yaml"
    path.write_text(VISIT, encoding="utf-8")
    cache = tmp_path / "cache"
    _loaded(root, cache)
    path.write_text(VISIT.replace("V-1", "V-2"), encoding="utf-8")  # same size, and to the stat data same time
    assert "V-1" in {e.record.id for e in _loaded(root, cache)[0].entries}


def test_workers_load_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    for index in range(30):
        (root / "records" / f"v{index}.yaml").write_text(VISIT.replace("V-1", f"V-{index}")
                                                         .replace("拜访", f"拜访 {index}.50"), encoding="utf-8")
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    alone = _outcome(_loaded(root, None)[0])
    monkeypatch.setattr(repository, "WORKER_THRESHOLD", 1)
    cache = tmp_path / "cache"
    cold, timings = _loaded(root, cache)
    assert timings.workers >= 1 or (os.cpu_count() or 1) < 2
    assert _outcome(cold) == alone
    assert _outcome(_loaded(root, cache)[0]) == alone


def test_store_files_carry_the_code_fingerprint(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    cache = tmp_path / "cache"
    _loaded(root, cache)
    names = [p.name for p in cache.iterdir()]
    assert names and all(name.startswith(f"store-{store.fingerprint()}-") for name in names)


def test_a_store_written_by_other_code_is_not_read(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    cache = tmp_path / "cache"
    _loaded(root, cache)
    for path in cache.iterdir():
        path.rename(path.with_name(path.name.replace(store.fingerprint(), "0000000000000000")))
    _, timings = _loaded(root, cache)
    assert timings.reused == 0 and timings.loaded == timings.files


def test_nothing_but_the_checkers_own_classes_is_read_back(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {marker}",)

    with pytest.raises(ValueError):
        store.loads(store.dumps({"records/v.yaml": Planted()}))
    assert not marker.exists()


def test_a_model_is_read_back_equal_with_the_fields_it_was_given() -> None:
    approval = Approval.model_validate({"role": "marketing-manager", "person": "p-li-na", "date": "2026-03-02"})
    back = store.loads(store.dumps({"a": (approval, approval.date)}))["a"][0]
    assert back == approval and type(back) is Approval
    assert back.model_fields_set == {"role", "person", "date"} and back.note is None


def test_a_stored_model_with_too_few_values_is_refused() -> None:
    class Short:
        def __reduce__(self) -> tuple[object, tuple[object, ...]]:
            return store._rebuild, (Approval, ("marketing-manager", "p-li-na"), frozenset())

    with pytest.raises(ValueError, match="2 values stored for the 5 fields of Approval"):
        store.loads(store.dumps({"records/v.yaml": Short()}))


def test_damaged_bytes_are_refused() -> None:
    data = bytearray(store.dumps({"a": ("b", 1)}))
    assert store.loads(bytes(data)) == {"a": ("b", 1)}
    data[-3] ^= 1
    with pytest.raises(ValueError):
        store.loads(bytes(data))


def test_stored_bytes_are_the_header_its_digest_and_the_pickle() -> None:
    """The digest is written into its place after the pickle: the layout every stored file has."""
    data = store.dumps({"a": ("b", 1)})
    head = len(store._MAGIC)
    assert data[:head] == store._MAGIC
    assert data[head:head + 16] == hashlib.blake2b(data[head + 16:], digest_size=16).digest()
    assert pickle.loads(data[head + 16:]) == {"a": ("b", 1)}


def test_released_results_are_read_again_from_disk(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([]))
    (root / "records" / "v.yaml").write_text(VISIT, encoding="utf-8")
    cache = ParseCache(tmp_path / "cache")
    load(root, root / "records", cache)
    assert cache.store is not None
    held = cache.store.results(repository._loaded_ok)
    cache.store.release()
    again = cache.store.results(repository._loaded_ok)
    assert again is not held and again.keys() == held.keys() == {"records/v.yaml", "records/policy/rules.yaml",
                                                                 "records/world.yaml"}


def _check(root: Path, cache: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--root", str(root), *args],
                                env={"HANDBOOK_CACHE_DIR": str(cache)})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_reports_are_byte_identical_cold_warm_and_after_an_edit(tmp_path: Path, output_format: str) -> None:
    root = write_repo(tmp_path / "repo", [], real_rules=True)
    records = root / "records"
    (records / "customers").mkdir()
    (records / "customers" / "C-1.yaml").write_text(
        "kind: customer\nid: C-1\nowner: p-zhang-wei\nname: 华新机电\nclass: key\nsince: 2026-01-10\n"
        "phone: 0571-8888\n", encoding="utf-8")
    (records / "visits").mkdir()
    for day in range(1, 6):
        (records / "visits" / f"V-{day}.yaml").write_text(
            VISIT.replace("V-1", f"V-{day}").replace("2026-03-12", f"2026-0{day}-12"), encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("--as-of", "2026-06-30", "--lang", "en", "--format", output_format)
    cold = _check(root, cache, *args, "--no-cache")
    assert _check(root, cache, *args) == cold  # fills the store
    assert _check(root, cache, *args) == cold  # from the store
    assert _check(root, cache, *args) == cold
    (records / "visits" / "V-3.yaml").write_text(VISIT.replace("V-1", "V-3").replace("customer: C-1", "customer: C-9")
                                                 .replace("2026-03-12", "2026-03-13"), encoding="utf-8")
    edited = _check(root, cache, *args)
    assert edited == _check(root, cache, *args, "--no-cache") != cold
    assert _check(root, cache, *args) == edited
    later = ("--as-of", "2026-07-31", "--lang", "en", "--format", output_format)
    assert _check(root, cache, *later) == _check(root, cache, *later, "--no-cache")
    if output_format == "json":
        assert "C-9" in json.dumps(json.loads(edited)["findings"], ensure_ascii=False)


_GOOD_ENTRY = ((10, LONG_AGO_NS, LONG_AGO_NS, 7), b"d" * 16, "")


@pytest.mark.parametrize("files_now, skipped", [
    ({"records/v.yaml": ((10, LONG_AGO_NS, LONG_AGO_NS), b"d" * 16, "")}, ()),  # a stat value missing
    ({"records/v.yaml": ((10, LONG_AGO_NS, LONG_AGO_NS, "7"), b"d" * 16, "")}, ()),  # text where a number goes
    ({"records/v.yaml": ((10, LONG_AGO_NS, LONG_AGO_NS, 7), "d" * 16, "")}, ()),  # text where a digest goes
    ({"records/v.yaml": ((10, LONG_AGO_NS, LONG_AGO_NS, 7), b"d" * 16)}, ()),  # no blob id
    ({"records/v.yaml": [(10, LONG_AGO_NS, LONG_AGO_NS, 7), b"d" * 16, ""]}, ()),  # a list, not a tuple
    ({b"records/v.yaml": _GOOD_ENTRY}, ()),  # a path as bytes
    ({"records/v.yaml": _GOOD_ENTRY}, (("records/x.txt",),)),  # a skipped entry without its reason
    ({"records/v.yaml": _GOOD_ENTRY}, (("records/x.txt", 3),)),  # a reason that is not text
])
def test_an_index_of_the_wrong_shape_is_ignored_with_a_warning(tmp_path: Path, files_now: object,
                                                               skipped: object) -> None:
    warnings: list[str] = []
    kept = store.Store(tmp_path, warnings.append)
    later = LONG_AGO_NS + 2 * store.RACY_NS  # no entry is racy
    kept.save_index(store.Index(files={"records/v.yaml": _GOOD_ENTRY}, generation=b"g"), later)
    assert kept.index().files == {"records/v.yaml": _GOOD_ENTRY} and warnings == []
    [path] = tmp_path.glob("store-*-index.marshal")
    path.write_bytes(marshal.dumps({"format": store.FORMAT, "index": {"files": files_now, "skipped": skipped,
                                                                      "limit": 0, "generation": b"g"}}))
    assert kept.index() == store.Index()
    assert [w.split(";")[0] for w in warnings] == ["the record store's index is damaged"]


def test_a_kept_report_holds_the_rule_set_versions_and_no_other_record(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [{"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新",
                                          "class": "key", "since": "2026-01-10"}], ruleset=rule_set([]))
    cache = ParseCache(tmp_path / "cache")
    loaded = load(root, root / "records", cache)
    report = Engine(loaded, date(2026, 3, 1)).run()
    report.entries[0].source.locate(())  # a source that has read its text and placed a finding
    repository.keep_report(cache, report, ("key",))
    kept = repository.unchanged_report(root, root / "records", ParseCache(tmp_path / "cache"),
                                       files.DEFAULT_MAX_FILE_BYTES, ("key",))
    assert len(report.entries) > 2 and kept is not None and kept.facts == {}
    assert [(e.record.id, e.source.file, e.path) for e in kept.entries] == [
        (e.record.id, e.source.file, e.path) for e in report.entries if isinstance(e.record, RuleSet)] != []
    assert all(e.source._text is None and e.source._locator is None for e in kept.entries)
