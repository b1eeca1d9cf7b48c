"""Shared helpers: build a repository of records in tmp_path, load it, run the engine."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.loading.repository import Repository, load
from checker.people.owners import with_owners
from checker.rules.engine import Engine, Report

PROJECT = Path(__file__).resolve().parent.parent
RULES_FILE = PROJECT / "records" / "policy" / "rules.yaml"
CASES = Path(__file__).resolve().parent / "rules" / "cases"
WORLD_FILE = CASES / "_world.yaml"

PYPROJECT = '[tool.handbook]\nrecords = "records"\nlang = "zh"\n'


def world() -> list[dict[str, Any]]:
    """The shared minimal company: roles and people (see rules/cases/_world.yaml)."""
    records: list[dict[str, Any]] = yaml.safe_load(WORLD_FILE.read_text(encoding="utf-8"))
    return records


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a repeated object out again: records may not use aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)


def rule_set(rules: Iterable[Mapping[str, Any]], *, effective: str = "2026-01-01",
             version: str = "test.1") -> dict[str, Any]:
    """A rule-set record approved by management (p-zhao-min) before it takes effect."""
    return {
        "kind": "rule-set", "id": "rules", "owner": "p-wang-jun", "version": version,
        "effective": effective,
        "approvals": [{"role": "management", "person": "p-zhao-min", "date": "2025-12-20"}],
        "waivers_approved_by": ["management"],
        "rules": [with_sources(r) for r in rules],
    }


def with_sources(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A rule spec whose parameters (and condition) all have a source, as the engine
    requires: the ones it does not give are marked as the policy's words."""
    found = dict(spec)
    names = [*(found.get("params") or {}), *(["when"] if found.get("when") is not None else [])]
    sources = dict(found.get("sources") or {})
    for name in names:
        sources.setdefault(name, {"policy": {"zh": "测试", "en": "test"}})
    if sources:
        found["sources"] = sources
    return found


def rule(rule_id: str, rule_type: str, params: Mapping[str, Any] | None = None, *,
         kinds: Iterable[str] = (), severity: str = "error", clause: str = "9.9",
         when: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A rule spec whose message is just '{record}: {detail}'."""
    spec: dict[str, Any] = {"id": rule_id, "clause": clause, "type": rule_type, "severity": severity}
    if kinds:
        spec["kinds"] = list(kinds)
    if when is not None:
        spec["when"] = dict(when)
    spec["params"] = dict(params or {})
    spec["title"] = {"zh": f"标题 {rule_id}", "en": f"Title {rule_id}"}
    spec["message"] = {"zh": "{record}：{detail}", "en": "{record}: {detail}"}
    spec["fix"] = {"zh": "修正它", "en": "Fix it"}
    return spec


def write_repo(root: Path, records: Iterable[Mapping[str, Any]], *,
               ruleset: Mapping[str, Any] | None = None, real_rules: bool = False,
               with_world: bool = True, pyproject: str | None = PYPROJECT) -> Path:
    """Write one file per record under root/records (world first); return root."""
    folder = root / "records"
    folder.mkdir(parents=True, exist_ok=True)
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    if with_world:
        (folder / "world.yaml").write_text(dump(world()), encoding="utf-8")
    if real_rules:
        (folder / "policy").mkdir(exist_ok=True)
        shutil.copyfile(RULES_FILE, folder / "policy" / "rules.yaml")
    elif ruleset is not None:
        (folder / "policy").mkdir(exist_ok=True)
        (folder / "policy" / "rules.yaml").write_text(dump(dict(ruleset)), encoding="utf-8")
    for index, record in enumerate(records):
        name = f"r{index:03d}-{record.get('id', 'x')}.yaml"
        (folder / name).write_text(dump(dict(record)), encoding="utf-8")
    return root


def load_repo(root: Path) -> Repository:
    return load(root, root / "records")


def run(root: Path, as_of: date | str) -> Report:
    when = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return with_owners(Engine(load_repo(root), when).run())


def ids_of(report: Report, rule_id: str, severity: str | None = None) -> set[str | None]:
    return {f.record for f in report.findings
            if f.rule == rule_id and (severity is None or f.severity == severity)}


def loader_problems(report: Report) -> list[str]:
    return [f"{f.file}:{f.line} {f.rule}: {f.message.en}" for f in report.findings
            if f.rule in ("record-schema", "yaml-syntax", "file-unreadable", "duplicate-id",
                          "rule-set-invalid")]


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """Build a repository in tmp_path from record dicts: make_repo(records, ruleset=...)."""
    counter = iter(range(1000))

    def build(records: Iterable[Mapping[str, Any]] = (), **kwargs: Any) -> Path:
        return write_repo(tmp_path / f"repo{next(counter)}", records, **kwargs)

    return build


@pytest.fixture
def check_rule(make_repo: Callable[..., Path]) -> Callable[..., Report]:
    """Run one custom rule over records in the shared world: check_rule(spec, records, as_of)."""

    def go(spec: Mapping[str, Any], records: Iterable[Mapping[str, Any]], as_of: str,
           **kwargs: Any) -> Report:
        root = make_repo(records, ruleset=rule_set([spec], **kwargs))
        report = run(root, as_of)
        assert not loader_problems(report), loader_problems(report)
        return report

    return go


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's parse cache lives outside the repository: keep the tests' one out of $HOME."""
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "handbook-cache"))
