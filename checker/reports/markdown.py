"""A Markdown table for a pull request's job summary. Record text is escaped, never markup."""

from __future__ import annotations

import html

from checker.findings import Lang
from checker.reports.summary import location, summary_line
from checker.rules.engine import Report

_HEAD = {
    "zh": ("## 制度检查结果", "| 级别 | 位置 | 规则 | 条款 | 问题 | 修正方法 |", "没有发现问题。"),
    "en": ("## Handbook check", "| Severity | Where | Rule | Clause | Problem | How to fix |",
           "No findings."),
}
_SEVERITY = {"zh": {"error": "❌ 错误", "warning": "⚠️ 警告"}, "en": {"error": "❌ error", "warning": "⚠️ warning"}}


def cell(text: str) -> str:
    """Escape text for a table cell: no HTML, no pipes, no line breaks."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ").replace("`", "\\`")


def render(report: Report, lang: Lang, color: bool = False) -> str:
    title, header, empty = _HEAD[lang]
    lines = [title, "", summary_line(report, lang), ""]
    if not report.findings:
        lines.append(empty)
    else:
        lines += [header, "|---|---|---|---|---|---|"]
        for f in report.findings:
            lines.append(f"| {_SEVERITY[lang][f.severity]} | `{cell(location(f.file, f.line, f.column))}` | "
                         f"`{cell(f.rule)}` | {cell(f.clause or '')} | {cell(f.message(lang))} | {cell(f.fix(lang))} |")
    return "\n".join(lines) + "\n"
