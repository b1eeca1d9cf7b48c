"""SARIF 2.1.0, validated against the official schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from markdown_it import MarkdownIt

from checker.findings import Finding, Handover, Message
from checker.reports import sarif
from checker.rules.engine import Report
from tests.conftest import rule, rule_set, run, write_repo
from tests.reports.conftest import HOSTILE_FILES, make_report
from tests.test_escaping import RELATIVE_REF

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA) if "draft-07" in SCHEMA.get("$schema", "") else \
        jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_valid_against_the_schema(report: Report, lang: str) -> None:
    document = json.loads(sarif.render(report, lang, False))  # type: ignore[arg-type]
    validate(document)
    assert document["version"] == "2.1.0"


def test_empty_report_is_valid(empty_report: Report) -> None:
    document = json.loads(sarif.render(empty_report, "en", False))
    validate(document)
    assert document["runs"][0]["results"] == []


def test_results(report: Report) -> None:
    run_ = json.loads(sarif.render(report, "en", False))["runs"][0]
    results = run_["results"]
    assert [r["level"] for r in results] == ["error", "error", "warning", "error"]
    first = results[0]
    assert first["ruleId"] == "quote-approved-by-manager"
    assert first["properties"]["clause"] == "4.2.2"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 9, "startColumn": 3}
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "records/quotes/QT-1.yaml"
    assert "region" not in results[3]["locations"][0]["physicalLocation"]
    rules = run_["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert "file-unreadable" in ids and "record-schema" in ids


def test_clause_as_help_in_both_languages(report: Report) -> None:
    rules = {r["id"]: r for r in json.loads(sarif.render(report, "zh", False))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["quote-approved-by-manager"]["help"]["text"].startswith("条款 4.2.2")
    assert rules["sales-report-on-time"]["defaultConfiguration"]["level"] == "warning"
    rules_en = {r["id"]: r for r in json.loads(sarif.render(report, "en", False))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules_en["quote-approved-by-manager"]["help"]["text"].startswith("Clause 4.2.2")


def test_real_rule_set_output_is_valid(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [{"kind": "customer", "id": "C-1", "owner": "p-x", "name": "n", "class": "key",
                                  "since": "2026-01-10"}], real_rules=True)
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    report = run(root, "2026-03-01")
    assert report.findings
    validate(json.loads(sarif.render(report, "zh", False)))


def test_the_schema_check_catches_a_broken_document(report: Report) -> None:
    document = json.loads(sarif.render(report, "en", False))
    document["version"] = "2.0"
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate(document)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_file_names_are_percent_encoded_uris(hostile_report: Report, lang: str) -> None:
    document = json.loads(sarif.render(hostile_report, lang, False))  # type: ignore[arg-type]
    validate(document)
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in document["runs"][0]["results"]]
    assert len(uris) == len(HOSTILE_FILES)
    for uri, name in zip(uris, HOSTILE_FILES, strict=True):
        assert RELATIVE_REF.fullmatch(uri), uri
        assert unquote(uri) == name
    assert uris[0] == "records/quotes/x%0A%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml"
    assert uris[1] == "records/quotes/a%20b%20100%25%20%231%20%3Fq%3D1.yaml"


def test_rule_help_markdown_escapes_rule_text(tmp_path: Path) -> None:
    spec = rule("r-1", "required", {"fields": ["name"]}, kinds=["customer"])
    spec["title"]["en"] = "[x](javascript:alert(1)) <img src=x onerror=alert(1)> *em*"
    report = run(write_repo(tmp_path, [], ruleset=rule_set([spec])), "2026-03-01")
    assert "r-1" in {r.id for r in report.ruleset.rules}
    rules = {r["id"]: r for r in json.loads(sarif.render(report, "en", False))["runs"][0]["tool"]["driver"]["rules"]}
    html = MarkdownIt("gfm-like", {"linkify": True}).render(rules["r-1"]["help"]["markdown"])
    assert "<a" not in html and "<img" not in html and "<em>" not in html
    assert "[x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; *em*" in html


def test_the_schema_copy_is_the_one_in_shared() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not shared.is_file():
        pytest.skip("no shared/ folder beside this checkout")
    assert json.loads(shared.read_text(encoding="utf-8")) == SCHEMA


def test_a_check_against_a_base_marks_each_result_new_or_unchanged(report: Report) -> None:
    """With --base, code scanning sees which results the change introduced; the fixed ones
    are counted on the run, not listed (an "absent" result would show as an alert)."""
    for finding, change in zip(report.findings, ["new", "existing", "existing", "new"], strict=True):
        finding.change = change  # type: ignore[assignment]
    report.base, report.fixed = "a3586736a5", report.findings[:1]
    document = json.loads(sarif.render(report, "en", False))
    validate(document)
    run_ = document["runs"][0]
    assert [r["baselineState"] for r in run_["results"]] == ["new", "unchanged", "unchanged", "new"]
    assert run_["properties"]["baseRevision"] == "a3586736a5"
    assert run_["properties"]["fixedCount"] == 1


def test_a_plain_check_has_no_baseline_state(report: Report) -> None:
    run_ = json.loads(sarif.render(report, "en", False))["runs"][0]
    assert all("baselineState" not in r for r in run_["results"])
    assert "baseRevision" not in run_["properties"]


def test_an_item_handed_over_from_a_leaver_says_from_whom_in_its_properties() -> None:
    finding = Finding(file="records/quotes/QT-1.yaml", rule="r", severity="error", message=Message("m", "m"),
                      fix=Message("f", "f"), owner="p-sun", owner_name="孙丽",
                      handover=Handover("p-zhang", "张伟", "2026-11-30"))
    document = json.loads(sarif.render(make_report([finding]), "zh", False))
    validate(document)
    [result] = document["runs"][0]["results"]
    assert result["properties"]["handedOverFrom"] == {"person": "p-zhang", "name": "张伟", "lastDay": "2026-11-30"}
