"""A Markdown table for a pull request's job summary. Record text is escaped, never markup."""

from __future__ import annotations

from checker.escaping import gfm_code, gfm_text
from checker.findings import Lang
from checker.reports.summary import location, summary_line
from checker.rules.engine import Report

_HEAD = {
    "zh": ("## 制度检查结果", "| 级别 | 位置 | 规则 | 条款 | 问题 | 修正方法 |", "没有发现问题。"),
    "en": ("## Handbook check", "| Severity | Where | Rule | Clause | Problem | How to fix |",
           "No findings."),
}
_SEVERITY = {"zh": {"error": "❌ 错误", "warning": "⚠️ 警告"}, "en": {"error": "❌ error", "warning": "⚠️ warning"}}


def render(report: Report, lang: Lang, color: bool = False) -> str:
    title, header, empty = _HEAD[lang]
    lines = [title, "", gfm_text(summary_line(report, lang)), ""]
    if not report.findings:
        lines.append(empty)
    else:
        lines += [header, "|---|---|---|---|---|---|"]
        for f in report.findings:
            lines.append(f"| {_SEVERITY[lang][f.severity]} | {gfm_code(location(f.file, f.line, f.column))} | "
                         f"{gfm_code(f.rule)} | {gfm_text(f.clause or '')} | {gfm_text(f.message(lang))} | "
                         f"{gfm_text(f.fix(lang))} |")
    return "\n".join(lines) + "\n"
