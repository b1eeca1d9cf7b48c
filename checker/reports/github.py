"""GitHub Actions workflow commands: one annotation per finding, shown on the diff."""

from __future__ import annotations

from checker.escaping import annotation_data, annotation_property
from checker.findings import Finding, Lang
from checker.reports.summary import summary_line
from checker.rules.engine import Report


def annotation(finding: Finding, lang: Lang) -> str:
    fields = [f"file={annotation_property(finding.file)}"]
    if finding.line:
        fields.append(f"line={finding.line}")
        if finding.column:
            fields.append(f"col={finding.column}")
    clause = f" {finding.clause}" if finding.clause else ""
    fields.append(f"title={annotation_property(finding.rule + clause)}")
    body = f"{finding.message(lang)}\n{finding.fix(lang)}"
    return f"::{finding.severity} {','.join(fields)}::{annotation_data(body)}"


def render(report: Report, lang: Lang, color: bool = False) -> str:
    lines = [annotation(f, lang) for f in report.findings]
    lines.append(annotation_data(summary_line(report, lang)))  # one log line, never a command
    return "\n".join(lines) + "\n"
