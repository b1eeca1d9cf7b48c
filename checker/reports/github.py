"""GitHub Actions workflow commands: one annotation per finding, shown on the diff."""

from __future__ import annotations

from checker.findings import Finding, Lang
from checker.reports.summary import summary_line
from checker.rules.engine import Report


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, lang: Lang) -> str:
    fields = [f"file={_property(finding.file)}"]
    if finding.line:
        fields.append(f"line={finding.line}")
        if finding.column:
            fields.append(f"col={finding.column}")
    clause = f" {finding.clause}" if finding.clause else ""
    fields.append(f"title={_property(finding.rule + clause)}")
    body = f"{finding.message(lang)}\n{finding.fix(lang)}"
    return f"::{finding.severity} {','.join(fields)}::{_data(body)}"


def render(report: Report, lang: Lang, color: bool = False) -> str:
    lines = [annotation(f, lang) for f in report.findings]
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"
