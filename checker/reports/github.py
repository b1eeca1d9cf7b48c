"""GitHub Actions workflow commands: one annotation per finding, shown on the diff."""

from __future__ import annotations

from checker.escaping import annotation_data, annotation_property
from checker.findings import Finding, Lang
from checker.people.owners import owner_line
from checker.reports.summary import summary_line
from checker.rules.engine import Report

_ALREADY_THERE = {"zh": "（改动之前已存在，不使检查失败）",
                  "en": " (already there before this change: does not fail it)"}


def annotation(finding: Finding, lang: Lang, fails: bool = True) -> str:
    """One workflow command; an error that does not fail the check (already on the base)
    is annotated as a warning and says so, so that the errors shown are the ones that decide."""
    fields = [f"file={annotation_property(finding.file)}"]
    if finding.line:
        fields.append(f"line={finding.line}")
        if finding.column:
            fields.append(f"col={finding.column}")
    clause = f" {finding.clause}" if finding.clause else ""
    level = finding.severity if fails or finding.severity != "error" else "warning"
    marked = "" if level == finding.severity else _ALREADY_THERE[lang]
    fields.append(f"title={annotation_property(finding.rule + clause + marked)}")
    body = f"{finding.message(lang)}\n{finding.fix(lang)}"
    if finding.owner or finding.handover:
        body += "\n" + owner_line(finding.owner, finding.owner_name, finding.label, finding.record, lang,
                                  finding.handover)
    return f"::{level} {','.join(fields)}::{annotation_data(body)}"


# GitHub shows at most this many annotations of each level per step and drops the rest.
LIMIT = 10
_LEFT_OUT = {
    "zh": "另有 {count} 个问题未在代码旁标注（GitHub 每个步骤最多显示 {limit} 个错误和 {limit} 个警告），"
          "完整列表见作业摘要。",
    "en": "{count} more findings are not annotated (GitHub shows at most {limit} errors and {limit} warnings "
          "per step); the job summary lists them all.",
}


def _priority(report: Report, finding: Finding) -> tuple[bool, bool]:
    """What the author must see first: findings the change introduced, in files it touches."""
    return (finding.change == "existing", finding.file not in report.touched)


def render(report: Report, lang: Lang, color: bool = False) -> str:
    shown: dict[str, int] = {"error": 0, "warning": 0}
    lines, left_out = [], 0
    failing = {id(f) for f in report.blocking()} if report.fail_on is not None else None
    for finding in sorted(report.findings, key=lambda f: _priority(report, f)):  # stable: keeps file order
        fails = failing is None or id(finding) in failing
        level = finding.severity if fails or finding.severity != "error" else "warning"
        if shown[level] == LIMIT:
            left_out += 1
            continue
        shown[level] += 1
        lines.append(annotation(finding, lang, fails))
    if left_out:
        lines.append(f"::notice title=handbook::{annotation_data(_LEFT_OUT[lang].format(count=left_out, limit=LIMIT))}")
    lines.append(annotation_data(summary_line(report, lang)))  # one log line, never a command
    return "\n".join(lines) + "\n"
