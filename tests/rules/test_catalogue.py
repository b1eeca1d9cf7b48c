"""Every rule of the real rule set, run against small data cases in tests/rules/cases/.

Each case file names a rule, an evaluation date and cases; each case lists records
(merged with the shared world in _world.yaml) and the record ids expected to get a
finding of that rule. Team-level cadence rules report the period (e.g. 2026-W05).
An expected finding written ``{record: ID, line: N, column: M}`` is also pinned to its
place in the record's file (records are written one per file, keys in the order given).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CASES, RULES_FILE, loader_problems, run, write_repo


def _rule_ids() -> list[str]:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return [r["id"] for r in data["rules"]]


def _read(path: Path) -> Any:
    """Case files are read with every scalar as text, so records keep exactly what was written."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yaml") if not p.name.startswith("_"))


def _cases() -> list[Any]:
    params = []
    for path in _case_files():
        data = _read(path)
        for case in data["cases"]:
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            params.append(pytest.param(data["rule"], data["as_of"], case, marks=marks,
                                       id=f"{data['rule']}/{case['name']}"))
    return params


def test_every_rule_has_a_case_file() -> None:
    files = {p.stem for p in _case_files()}
    missing = [rule_id for rule_id in _rule_ids() if rule_id not in files]
    assert not missing, f"rules without a case file in tests/rules/cases/: {missing}"


def test_case_files_name_real_rules_and_have_pass_and_fail() -> None:
    ids = set(_rule_ids())
    for path in _case_files():
        data = _read(path)
        assert data["rule"] == path.stem, path
        assert data["rule"] in ids, f"{path.name} names an unknown rule"
        expects = [case["expect"] for case in data["cases"] if "xfail" not in case]
        assert any(not e for e in expects), f"{path.name} has no passing case"
        assert any(e for e in expects), f"{path.name} has no failing case"
        assert len({c["name"] for c in data["cases"]}) == len(data["cases"]), path


@pytest.mark.parametrize(("rule_id", "as_of", "case"), _cases())
def test_rule_case(tmp_path: Path, rule_id: str, as_of: str, case: dict[str, Any]) -> None:
    when = date.fromisoformat(str(case.get("as_of", as_of)))
    root = write_repo(tmp_path, case.get("records") or [], real_rules=True)
    report = run(root, when)
    assert not loader_problems(report), "the case's records must be valid: " + "; ".join(
        loader_problems(report))
    assert rule_id in report.results, f"{rule_id} did not run"
    found = {f.record for f in report.findings if f.rule == rule_id}
    expected = [item if isinstance(item, dict) else {"record": item} for item in case["expect"]]
    assert found == {item["record"] for item in expected}, [f"{f.record}: {f.message.en}" for f in report.findings
                                                            if f.rule == rule_id]
    places = {(f.record, f.line, f.column) for f in report.findings if f.rule == rule_id}
    for item in expected:  # {record: ID, line: N, column: M} pins where the finding points
        if "line" in item:
            assert (item["record"], int(item["line"]), int(item["column"])) in places, places
    for finding in report.findings:
        if finding.rule == rule_id:
            assert finding.clause, "rule findings carry their clause"
            assert finding.line is not None, f"{finding} has no line"
