"""GitLab Code Quality report, validated against the format GitLab documents."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.findings import Finding
from checker.reports import gitlab
from checker.rules.engine import Report
from tests.conftest import PROJECT, run, write_repo
from tests.reports.conftest import findings, make_report

SCHEMA = json.loads((Path(__file__).parent / "data" / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))


def validate(document: Any) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def issues(report: Report, lang: str = "en") -> list[dict[str, Any]]:
    return json.loads(gitlab.render(report, lang, False))  # type: ignore[arg-type, no-any-return]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_valid_against_the_documented_format(report: Report, lang: str) -> None:
    validate(issues(report, lang))


def test_empty_report_is_an_empty_array(empty_report: Report) -> None:
    text = gitlab.render(empty_report, "en", False)
    assert json.loads(text) == []
    validate(json.loads(text))


def test_no_byte_order_mark_and_a_final_newline(report: Report) -> None:
    text = gitlab.render(report, "zh", False)
    assert not text.startswith("\ufeff")
    assert text.endswith("]\n")


def test_fields_of_an_issue(report: Report) -> None:
    first, _, warning, unlocated = issues(report)
    assert first["check_name"] == "quote-approved-by-manager"
    assert first["description"] == ("[Clause 4.2.2] Quote QT-1 needs a manager's approval Approve it "
                                    "(Owner: 张伟 (p-zhang-wei) · QT-1 Quote: 华新机电)")
    assert first["location"] == {"path": "records/quotes/QT-1.yaml", "lines": {"begin": 9}}
    assert first["severity"] == "critical"
    assert warning["severity"] == "minor"
    assert unlocated["location"] == {"path": "records/gbk.yaml", "lines": {"begin": 1}}
    assert unlocated["description"].startswith("The file cannot be read")


def test_descriptions_in_chinese(report: Report) -> None:
    assert issues(report, "zh")[0]["description"] == ("[条款 4.2.2] 报价 QT-1 须经营销经理批准 请审批"
                                                      "（负责人：张伟（p-zhang-wei） · QT-1 报价：华新机电）")


def test_fingerprints_are_unique_per_finding(report: Report) -> None:
    prints = [i["fingerprint"] for i in issues(report)]
    assert len(prints) == len(set(prints)) == 4


def test_identical_findings_get_distinct_fingerprints() -> None:
    twin = findings()[0]
    prints = gitlab.fingerprints([twin, dataclasses.replace(twin), dataclasses.replace(twin)])
    assert len(set(prints)) == 3


def test_fingerprint_ignores_line_column_and_language(report: Report) -> None:
    moved = [dataclasses.replace(f, line=(f.line or 0) + 7, column=None) for f in findings()]
    assert [i["fingerprint"] for i in issues(make_report(moved), "zh")] == \
        [i["fingerprint"] for i in issues(report, "en")]


@pytest.mark.parametrize("change", [{"rule": "other-rule"}, {"file": "records/quotes/QT-9.yaml"},
                                    {"record": "QT-9"}, {"path": ("lines", 0)}])
def test_fingerprint_changes_with_what_the_finding_is_about(change: dict[str, Any]) -> None:
    finding: Finding = findings()[0]
    assert gitlab.fingerprints([dataclasses.replace(finding, **change)]) != gitlab.fingerprints([finding])


def test_fingerprint_changes_with_the_message() -> None:
    finding = findings()[0]
    other = dataclasses.replace(finding, message=dataclasses.replace(finding.message, en="Another problem"))
    assert gitlab.fingerprints([other]) != gitlab.fingerprints([finding])


def test_real_rule_set_output_is_valid(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [{"kind": "customer", "id": "C-1", "owner": "p-x", "name": "n", "class": "key",
                                  "since": "2026-01-10"}], real_rules=True)
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    report = run(root, "2026-03-01")
    assert report.findings
    document = issues(report, "zh")
    validate(document)
    assert len({i["fingerprint"] for i in document}) == len(document)


def test_cli_writes_the_report_and_exits_1_on_errors(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [], real_rules=True)
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    target = tmp_path / "gl-code-quality-report.json"
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", "2026-03-01", "--format", "gitlab",
                                       "-o", str(target)])
    assert result.exit_code == 1, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    validate(document)
    assert {"records/bad.yaml"} <= {i["location"]["path"] for i in document}
    assert all(i["severity"] == "critical" for i in document if i["location"]["path"] == "records/bad.yaml")


def test_the_schema_check_catches_a_broken_document(report: Report) -> None:
    document = issues(report)
    document[0]["severity"] = "error"
    del document[1]["location"]["lines"]
    with pytest.raises(AssertionError):
        validate(document)


@pytest.mark.parametrize("page", ["tools.md", "tools.en.md"])
def test_the_guides_gitlab_ci_example_is_valid_gitlab_ci(page: str, tmp_path: Path) -> None:
    text = (PROJECT / "docs" / "guide" / page).read_text(encoding="utf-8")
    (example,) = [block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "codequality:" in block]
    assert "handbook check --format gitlab -o gl-code-quality-report.json" in example
    assert "codequality: gl-code-quality-report.json" in example and "when: always" in example
    target = tmp_path / ".gitlab-ci.yml"
    target.write_text(example, encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema",
                             "vendor.gitlab-ci", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gitlab_ci_example_is_the_same_in_both_languages() -> None:
    def example(page: str) -> list[str]:
        text = (PROJECT / "docs" / "guide" / page).read_text(encoding="utf-8")
        (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "codequality:" in b]
        return [line.split("  #")[0].rstrip() for line in block.splitlines()]

    assert example("tools.md") == example("tools.en.md")
