"""SARIF 2.1.0 for code-scanning tools: stable rule ids, the clause as help."""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.builtin import BUILTIN_CHECKS
from checker.escaping import gfm_text, sarif_uri
from checker.findings import Lang
from checker.rules.engine import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning"}


def _rules(report: Report, lang: Lang) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for check_id, title in BUILTIN_CHECKS.items():
        rules.append({"id": check_id, "name": check_id, "shortDescription": {"text": title(lang)},
                      "defaultConfiguration": {"level": "error"}})
    for rule in report.ruleset.rules:
        clause = f"条款 {rule.clause}" if lang == "zh" else f"Clause {rule.clause}"
        rules.append({
            "id": rule.id, "name": rule.id,
            "shortDescription": {"text": rule.describe(lang)},
            "fullDescription": {"text": f"{clause}: {rule.describe(lang)}"},
            "help": {"text": f"{clause}: {rule.describe(lang)}",
                     "markdown": f"**{gfm_text(clause)}**: {gfm_text(rule.describe(lang))}"},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"clause": rule.clause, "type": rule.type, "tags": [f"clause-{rule.clause}"]},
        })
    return rules


def render(report: Report, lang: Lang, color: bool = False) -> str:
    rules = _rules(report, lang)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for finding in report.findings:
        region: dict[str, int] = {}
        if finding.line:
            region["startLine"] = finding.line
            if finding.column:
                region["startColumn"] = finding.column
        physical: dict[str, Any] = {"artifactLocation": {"uri": sarif_uri(finding.file),
                                                           "uriBaseId": "SRCROOT"}}
        if region:
            physical["region"] = region
        result: dict[str, Any] = {
            "ruleId": finding.rule, "level": _LEVEL[finding.severity],
            "message": {"text": f"{finding.message(lang)} {finding.fix(lang)}"},
            "locations": [{"physicalLocation": physical}],
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        if report.base is not None:  # compared with a base revision (check --base)
            result["baselineState"] = "new" if finding.change == "new" else "unchanged"
        properties: dict[str, Any] = {"clause": finding.clause} if finding.clause else {}
        if finding.owner:  # who must act, and the record's readable name
            properties.update(owner=finding.owner, ownerName=finding.owner_name)
        if finding.handover:  # the leaver it passed from
            properties["handedOverFrom"] = {"person": finding.handover.person, "name": finding.handover.name,
                                            "lastDay": finding.handover.last_day}
        if finding.label:
            properties["label"] = finding.label(lang)
        if properties:
            result["properties"] = properties
        results.append(result)
    document = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "handbook", "version": __version__,
                                "semanticVersion": __version__, "rules": rules}},
            "results": results,
            "properties": {"asOf": report.as_of.isoformat(), "ruleSetVersion": report.ruleset.version,
                           **_baseline(report)},
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _baseline(report: Report) -> dict[str, Any]:
    """The base revision compared with, and how many of its findings this change fixed:
    fixed findings are counted, not listed as "absent" results, which code-scanning tools
    would show as alerts."""
    if report.base is None:
        return {}
    return {"baseRevision": report.base, "fixedCount": len(report.fixed)}
