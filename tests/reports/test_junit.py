"""JUnit XML: parsed with junitparser; failures are the error findings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Failure, JUnitXml

from checker.reports import junit
from checker.rules.engine import Report


def parse(tmp_path: Path, text: str) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def test_failures_match_error_findings(tmp_path: Path, report: Report) -> None:
    xml = parse(tmp_path, junit.render(report, "en", False))
    suites = {suite.name: suite for suite in xml}
    failures = [case for suite in xml for case in suite if any(isinstance(r, Failure) for r in case.result)]
    assert len(failures) == report.count("error") == 3
    assert suites["quote-approved-by-manager"].failures == 2
    assert suites["sales-report-on-time"].failures == 0
    assert suites["sales-report-on-time"].tests == 1
    assert suites["file-unreadable"].failures == 1
    assert sum(s.failures for s in xml) == 3
    assert sum(s.tests for s in xml) == 4


def test_case_names_and_messages(tmp_path: Path, report: Report) -> None:
    xml = parse(tmp_path, junit.render(report, "zh", False))
    cases = {case.name: case for suite in xml for case in suite}
    assert "records/quotes/QT-1.yaml:9:3" in cases
    failure = cases["records/quotes/QT-1.yaml:9:3"].result[0]
    assert failure.message == "报价 QT-1 须经营销经理批准"
    assert "请审批" in failure.text
    nasty = cases["records/quotes/odd, name:1%.yaml:2"].result[0]
    assert "<script>" in nasty.message  # escaped in XML, intact after parsing
    assert cases["records/sales-reports/SR-1.yaml:4:1"].system_out.startswith("销售报告")


def test_passing_rules_are_passing_cases(tmp_path: Path, empty_report: Report) -> None:
    xml = parse(tmp_path, junit.render(empty_report, "en", False))
    assert sum(s.failures for s in xml) == 0
    assert {s.name for s in xml} == {"quote-approved-by-manager", "sales-report-on-time"}
    assert all(case.is_passed for suite in xml for case in suite)


def test_control_characters_and_hostile_names_still_make_well_formed_xml(tmp_path: Path,
                                                                          hostile_report: Report) -> None:
    for lang in ("zh", "en"):
        text = junit.render(hostile_report, lang, False)
        root = ET.fromstring(text.encode("utf-8"))  # raises on anything XML 1.0 forbids
        assert root.get("tests") == str(len(hostile_report.findings))
        xml = parse(tmp_path, text)
        cases = [case for suite in xml for case in suite]
        assert len(cases) == len(hostile_report.findings)
        failures = [case.result[0] for case in cases if case.result and isinstance(case.result[0], Failure)]
        assert len(failures) == hostile_report.count("error")
        message = failures[0].message
        assert "<script>alert(1)</script>" in message and "[x](javascript:alert(1))" in message
        assert "nul\ufffd" in message and "esc\ufffd[31m" in message and "lone\ufffd" in message
        assert "records/quotes/x\n<img src=x onerror=alert(1)>.yaml:1:2" in {case.name for case in cases}
