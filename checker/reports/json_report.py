"""JSON for tools: every finding with both languages, the rule results and a summary."""

from __future__ import annotations

import json
from typing import Any

from checker.findings import DueItem, Finding, Handover, Lang
from checker.reports.summary import summary_line
from checker.rules.engine import Report


def finding_dict(finding: Finding, lang: Lang) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "file": finding.file, "line": finding.line, "column": finding.column,
        "rule": finding.rule, "clause": finding.clause, "severity": finding.severity,
        "record": finding.record, "message": finding.message(lang), "fix": finding.fix(lang),
        "message_zh": finding.message.zh, "message_en": finding.message.en,
        "owner": finding.owner, "owner_name": finding.owner_name,
        "label": finding.label(lang) if finding.label else None, "due": finding.due,
    }
    if finding.change is not None:
        fields["change"] = finding.change
    if finding.handover is not None:
        fields["handed_over_from"] = handover_dict(finding.handover)
    return fields


def handover_dict(handover: Handover) -> dict[str, Any]:
    """The leaver an item passed from (``checker.people.owners``), only on items that did."""
    return {"person": handover.person, "name": handover.name, "last_day": handover.last_day}


def _due_dict(item: DueItem, lang: Lang) -> dict[str, Any]:
    fields: dict[str, Any] = {"rule": item.rule, "clause": item.clause, "file": item.file, "record": item.record,
              "label": item.label(lang) if item.label else None, "owner": item.owner, "owner_name": item.owner_name,
              "what": item.what(lang), "due": item.due, "overdue": item.overdue}
    if item.handover is not None:
        fields["handed_over_from"] = handover_dict(item.handover)
    return fields


def render(report: Report, lang: Lang, color: bool = False) -> str:
    document = {
        "as_of": report.as_of.isoformat(),
        "ruleset": {"version": report.ruleset.version, "effective": report.ruleset.effective.isoformat(),
                    "file": report.ruleset_file},
        "summary": {"files": report.files, "records": report.records,
                    "errors": report.count("error"), "warnings": report.count("warning"),
                    "waived": len(report.waived), "text": summary_line(report, lang)},
        "findings": [finding_dict(f, lang) for f in report.findings],
        **({"base": report.base, "fixed": [finding_dict(f, lang) for f in report.fixed],
            "touched": sorted(report.touched)} if report.base else {}),
        "waived": [finding_dict(f, lang) for f in report.waived],
        "rules": [{"id": r.rule, "checked": r.checked, "passed": r.passed, "findings": r.findings,
                   "waived": r.waived} for r in report.results.values()],
        "due": [_due_dict(d, lang) for d in report.due],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
