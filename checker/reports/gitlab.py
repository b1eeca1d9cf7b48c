"""GitLab Code Quality report: a JSON array of issues, shown in the merge request widget
and on the changed lines (``artifacts: reports: codequality:`` in ``.gitlab-ci.yml``).

Each issue's fingerprint says what the finding is about (rule, file, record, field and
message in both languages), not where it is, so a finding keeps its fingerprint when
lines move above it and GitLab does not report it as fixed and new again. Two findings
that are alike in all of that get a running number, since GitLab shows one entry per
fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker.findings import Finding, Lang
from checker.people.owners import owner_line
from checker.rules.engine import Report

SEVERITY = {"error": "critical", "warning": "minor"}  # GitLab's: info, minor, major, critical, blocker


def _identity(finding: Finding) -> str:
    parts = [finding.rule, finding.file, finding.record or "", ".".join(map(str, finding.path)),
             finding.message.zh, finding.message.en]
    return "\0".join(parts)


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, unique within the report, independent of line and language."""
    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        identity = _identity(finding)
        seen[identity] = seen.get(identity, 0) + 1
        if seen[identity] > 1:
            identity += f"\0{seen[identity]}"
        result.append(hashlib.sha256(identity.encode("utf-8")).hexdigest())
    return result


def issue(finding: Finding, fingerprint: str, lang: Lang) -> dict[str, Any]:
    clause = ""
    if finding.clause:
        clause = f"[条款 {finding.clause}] " if lang == "zh" else f"[Clause {finding.clause}] "
    who = ""
    if finding.owner or finding.handover:
        line = owner_line(finding.owner, finding.owner_name, finding.label, finding.record, lang,
                          finding.handover)
        who = f"（{line}）" if lang == "zh" else f" ({line})"
    return {
        "description": f"{clause}{finding.message(lang)} {finding.fix(lang)}{who}",
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity],
        "location": {"path": finding.file, "lines": {"begin": finding.line or 1}},
    }


def render(report: Report, lang: Lang, color: bool = False) -> str:
    issues = [issue(f, fp, lang) for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
