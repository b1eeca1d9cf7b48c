"""Every rule of the real rule set, run against small data cases in tests/rules/cases/.

Each case file names a rule, an evaluation date and cases; each case lists records
(merged with the shared world in _world.yaml) and the record ids expected to get a
finding of that rule. Team-level cadence rules report the period (e.g. 2026-W05).
An expected finding written ``{record: ID, line: N, column: M}`` is also pinned to its
place in the record's file (records are written one per file, keys in the order given),
as sqlfluff's rule fixtures pin theirs; when every expected finding of a case is pinned,
the findings must be exactly those. A missing record (a team duty not done) has no line:
``{record: 2026-W05, file: meetings/2026/MT-2026-W05.yaml}`` pins the file it belongs in.
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


def test_every_expected_finding_is_pinned_to_its_place() -> None:
    for path in _case_files():
        for case in _read(path)["cases"]:
            for item in case["expect"]:
                pinned = isinstance(item, dict) and ({"line", "column"} <= set(item) or "file" in item)
                assert pinned, f"{path.name} / {case['name']}: pin {item} with line and column (or file)"


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
    places = sorted((f.record or "", f.line or 0, f.column or 0) for f in report.findings if f.rule == rule_id)
    pinned = sorted((item["record"], int(item.get("line", 0)), int(item.get("column", 0))) for item in expected
                    if "line" in item or "file" in item)
    if len(pinned) == len(expected):  # every finding pinned: the same findings, each at its place
        assert places == pinned, places
    for item in expected:  # {record: ID, file: PATH} pins where a missing record belongs (under records/)
        if "file" in item:
            files = {f.file for f in report.findings if f.rule == rule_id and f.record == item["record"]}
            assert files == {f"records/{item['file']}"}, files
    for finding in report.findings:
        if finding.rule == rule_id:
            assert finding.clause, "rule findings carry their clause"
            missing = not (root / finding.file).exists()  # a record that should exist: no line to point at
            assert finding.line is not None or missing, f"{finding} has no line"
