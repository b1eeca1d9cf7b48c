"""A Markdown table for a pull request's job summary. Record text is escaped, never markup."""

from __future__ import annotations

from datetime import date, timedelta

from checker.escaping import gfm_code, gfm_text
from checker.findings import Handover, Lang, Message
from checker.people.owners import owner_words
from checker.reports.summary import location, summary_line
from checker.rules.engine import Report

_HEAD = {
    "zh": ("## 制度检查结果", "| 级别 | 位置 | 记录 | 负责人 | 规则 | 条款 | 问题 | 修正方法 |", "没有发现问题。"),
    "en": ("## Handbook check", "| Severity | Where | Record | Owner | Rule | Clause | Problem | How to fix |",
           "No findings."),
}
_SEVERITY = {"zh": {"error": "❌ 错误", "warning": "⚠️ 警告"}, "en": {"error": "❌ error", "warning": "⚠️ warning"}}


_NEW = {"zh": "🆕 本次引入 ", "en": "🆕 new "}
_SOON = {
    "zh": ("### {days} 天内到期", "| 到期日 | 记录 | 负责人 | 位置 | 规则 | 事项 |"),
    "en": ("### Due within {days} days", "| Due | Record | Owner | Where | Rule | What |"),
}
SOON_DAYS = 7


def _record(record: str | None, label: Message | None, lang: Lang) -> str:
    """The record's id and, beside it, its readable label."""
    return " ".join(part for part in (gfm_code(record or ""), gfm_text(label(lang)) if label else "") if part)


def _owner(person: str | None, name: str | None, lang: Lang, handover: Handover | None) -> str:
    """Who must act, and the leaver it passed from; "—" when nobody could be placed."""
    if person is None and handover is None:
        return "—"
    return gfm_text(owner_words(person, name, lang, handover))


def render(report: Report, lang: Lang, color: bool = False) -> str:
    title, header, empty = _HEAD[lang]
    lines = [title, "", gfm_text(summary_line(report, lang)), ""]
    if not report.findings:
        lines.append(empty)
    else:  # with --base, the findings come introduced-first and the new ones are marked
        lines += [header, "|---|---|---|---|---|---|---|---|"]
        for f in report.findings:
            new = _NEW[lang] if f.change == "new" else ""
            lines.append(f"| {new}{_SEVERITY[lang][f.severity]} | {gfm_code(location(f.file, f.line, f.column))} | "
                         f"{_record(f.record, f.label, lang)} | {_owner(f.owner, f.owner_name, lang, f.handover)} | "
                         f"{gfm_code(f.rule)} | {gfm_text(f.clause or '')} | {gfm_text(f.message(lang))} | "
                         f"{gfm_text(f.fix(lang))} |")
    horizon = report.as_of + timedelta(days=SOON_DAYS)
    soon = sorted((d for d in report.due if report.as_of <= date.fromisoformat(d.due) <= horizon),
                  key=lambda d: (d.due, d.file, d.record))
    if soon:
        heading, table = _SOON[lang]
        lines += ["", heading.format(days=SOON_DAYS), "", table, "|---|---|---|---|---|---|"]
        lines += [f"| {gfm_text(d.due)} | {_record(d.record, d.label, lang)} | "
                  f"{_owner(d.owner, d.owner_name, lang, d.handover)} | {gfm_code(d.file)} | {gfm_code(d.rule)} | "
                  f"{gfm_text(d.what(lang))} |"
                  for d in soon]
    return "\n".join(lines) + "\n"
