"""JUnit XML: one test suite per rule, one failing test case per finding.

Warnings do not fail: they are passing test cases with the warning as system-out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from checker.escaping import xml_text
from checker.findings import Lang
from checker.people.owners import owner_line
from checker.reports.summary import location
from checker.rules.engine import Report


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element whose text and attribute values are well-formed XML, whatever records hold."""
    element = ET.SubElement(parent, tag, {key: xml_text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def render(report: Report, lang: Lang, color: bool = False) -> str:
    root = ET.Element("testsuites", name="handbook check")
    by_rule = {rule: list(items) for rule, items in groupby(
        sorted(report.findings, key=lambda f: f.rule), key=lambda f: f.rule)}
    rule_ids = [r.id for r in report.ruleset.rules if r.id in report.results]
    titles = {r.id: r.describe(lang) for r in report.ruleset.rules}
    total_tests = total_failures = 0
    for rule_id in [*sorted(k for k in by_rule if k not in titles), *rule_ids]:
        findings = by_rule.get(rule_id, [])
        errors = [f for f in findings if f.severity == "error"]
        suite = _element(root, "testsuite", name=rule_id, tests=str(max(len(findings), 1)),
                         failures=str(len(errors)), errors="0", skipped="0")
        if rule_id in titles:
            _element(_element(suite, "properties"), "property", name="title", value=titles[rule_id])
        if not findings:
            _element(suite, "testcase", name=rule_id, classname=rule_id)
        for finding in findings:
            case = _element(suite, "testcase", classname=rule_id,
                            name=location(finding.file, finding.line, finding.column))
            text = f"{finding.message(lang)}\n{finding.fix(lang)}"
            if finding.owner or finding.handover:
                text += "\n" + owner_line(finding.owner, finding.owner_name, finding.label, finding.record, lang,
                                          finding.handover)
            if finding.severity == "error":
                _element(case, "failure", text, message=finding.message(lang), type=rule_id)
            else:
                _element(case, "system-out", text)
        total_tests += max(len(findings), 1)
        total_failures += len(errors)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
