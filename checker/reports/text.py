"""Plain text for people at a terminal: findings grouped by file, then a summary line."""

from __future__ import annotations

from itertools import groupby

import click

from checker.findings import Finding, Lang
from checker.reports.summary import summary_line
from checker.rules.engine import Report

_LABEL = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}
_CLAUSE = {"zh": "条款", "en": "clause"}
_FIX = {"zh": "修正", "en": "fix"}
_COLOR = {"error": "red", "warning": "yellow"}


def _finding(finding: Finding, lang: Lang, color: bool) -> list[str]:
    where = f"{finding.line}:{finding.column or 1}" if finding.line else "-"
    label = _LABEL[lang][finding.severity]
    if color:
        label = click.style(label, fg=_COLOR[finding.severity], bold=True)
    clause = f" [{_CLAUSE[lang]} {finding.clause}]" if finding.clause else ""
    return [f"  {where:>7}  {label}  {finding.message(lang)}  ({finding.rule}){clause}",
            f"           {_FIX[lang]}: {finding.fix(lang)}"]


def render_findings(findings: list[Finding], lang: Lang, color: bool) -> list[str]:
    """Findings grouped by file, each with its fix."""
    lines: list[str] = []
    for file, group in groupby(sorted(findings, key=Finding.sort_key), key=lambda f: f.file):
        lines.append(click.style(file, bold=True, underline=True) if color else file)
        for finding in group:
            lines.extend(_finding(finding, lang, color))
        lines.append("")
    return lines


_SECTIONS = {"zh": ("== 本次改动引入的问题 ==", "== 改动之前已存在的问题 =="),
             "en": ("== Introduced by this change ==", "== Already there before this change ==")}
_PREVIEW_SECTIONS = {"zh": ("== 新版本将新增的问题 ==", "== 两个版本都会报告的问题 =="),
                     "en": ("== The upcoming version would add ==", "== Both versions report ==")}


def render(report: Report, lang: Lang, color: bool) -> str:
    if report.base is None:
        lines = render_findings(report.findings, lang, color)
    else:  # what the change introduced first, then what was already there
        lines = []
        headings = (_PREVIEW_SECTIONS if report.preview else _SECTIONS)[lang]
        for heading, change in zip(headings, ("new", "existing"), strict=True):
            group = [f for f in report.findings if f.change == change]
            if group:
                lines += [heading, "", *render_findings(group, lang, color)]
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"
