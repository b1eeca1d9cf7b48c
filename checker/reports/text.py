"""Text for people at a terminal, in two layouts, each ending with the summary line.

``text`` (the default) puts one finding on one line, as compilers and ruff do, so editors
and terminals can open the place with a click, the fix on the next line and who must act
(``checker.people.owners``) on the one after::

    records/quotes/QT-2026-007.yaml:14:3: 错误 报价 QT-2026-007 …… (quote-approved-by-manager) [条款 4.2.2]
        修正：请营销经理……
        负责人：张伟（p-zhang-wei） · QT-2026-007 报价：杭州华新机电有限公司

``grouped`` lists the files, each followed by its findings. With ``check --base`` both put
what the change introduced first, each part under its heading. File names and messages go
through ``terminal_text``: a file name or record text cannot move the cursor, recolour the
terminal or forge a line.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

import click

from checker.escaping import terminal_text
from checker.findings import Finding, Lang
from checker.people.owners import owner_line
from checker.reports.summary import summary_line
from checker.rules.engine import Report

_LABEL = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}
_CLAUSE = {"zh": "条款", "en": "clause"}
_FIX = {"zh": "修正：", "en": "fix: "}
_COLOR = {"error": "red", "warning": "yellow"}

Layout = Callable[[list[Finding], Lang, bool], list[str]]


def _label(finding: Finding, lang: Lang, color: bool) -> str:
    label = _LABEL[lang][finding.severity]
    return click.style(label, fg=_COLOR[finding.severity], bold=True) if color else label


def _what(finding: Finding, lang: Lang) -> str:
    """The message, then the rule and the clause."""
    clause = f" [{_CLAUSE[lang]} {finding.clause}]" if finding.clause else ""
    return f"{terminal_text(finding.message(lang))} ({finding.rule}){clause}"


def _who(finding: Finding, lang: Lang) -> list[str]:
    """The owner line ("负责人：张伟（p-zhang-wei） · C-0027 德清莫干山竹木制品有限公司"), when known."""
    if not finding.owner and not finding.handover:
        return []
    return [terminal_text(owner_line(finding.owner, finding.owner_name, finding.label, finding.record, lang,
                                     finding.handover))]


def place(finding: Finding) -> str:
    """``path:line:col`` as compilers write it (``path`` alone when the finding has no line)."""
    file = terminal_text(finding.file)
    return f"{file}:{finding.line}:{finding.column or 1}" if finding.line else file


def render_lines(findings: list[Finding], lang: Lang, color: bool) -> list[str]:
    """One line per finding, ``path:line:col: severity message (rule) [clause]``, in file
    and line order, each followed by its fix, indented."""
    lines: list[str] = []
    for finding in sorted(findings, key=Finding.sort_key):
        where = click.style(place(finding), bold=True) if color else place(finding)
        lines.append(f"{where}: {_label(finding, lang, color)} {_what(finding, lang)}")
        lines.append(f"    {_FIX[lang]}{terminal_text(finding.fix(lang))}")
        lines.extend(f"    {who}" for who in _who(finding, lang))
    return lines


def _grouped_finding(finding: Finding, lang: Lang, color: bool) -> list[str]:
    where = f"{finding.line}:{finding.column or 1}" if finding.line else "-"
    return [f"  {where:>7}  {_label(finding, lang, color)}  {_what(finding, lang)}",
            f"           {_FIX[lang]}{terminal_text(finding.fix(lang))}",
            *(f"           {who}" for who in _who(finding, lang))]


def render_findings(findings: list[Finding], lang: Lang, color: bool) -> list[str]:
    """Findings grouped by file, each with its fix."""
    lines: list[str] = []
    for file, group in groupby(sorted(findings, key=Finding.sort_key), key=lambda f: f.file):
        name = terminal_text(file)
        lines.append(click.style(name, bold=True, underline=True) if color else name)
        for finding in group:
            lines.extend(_grouped_finding(finding, lang, color))
        lines.append("")
    return lines


_SECTIONS = {"zh": ("== 本次改动引入的问题 ==", "== 改动之前已存在的问题 =="),
             "en": ("== Introduced by this change ==", "== Already there before this change ==")}
_PREVIEW_SECTIONS = {"zh": ("== 新版本将新增的问题 ==", "== 两个版本都会报告的问题 =="),
                     "en": ("== The upcoming version would add ==", "== Both versions report ==")}


def _render(report: Report, lang: Lang, color: bool, layout: Layout, gap: list[str]) -> str:
    if report.base is None:
        lines = [*layout(report.findings, lang, color), *(gap if report.findings else [])]
    else:  # what the change introduced first, then what was already there
        lines = []
        headings = (_PREVIEW_SECTIONS if report.preview else _SECTIONS)[lang]
        for heading, change in zip(headings, ("new", "existing"), strict=True):
            group = [f for f in report.findings if f.change == change]
            if group:
                lines += [heading, "", *layout(group, lang, color), *gap]
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"


def render(report: Report, lang: Lang, color: bool) -> str:
    """One line per finding (``path:line:col: ...``) with its fix below, then the summary."""
    return _render(report, lang, color, render_lines, [""])


def render_grouped(report: Report, lang: Lang, color: bool) -> str:
    """Findings grouped by file, then the summary."""
    return _render(report, lang, color, render_findings, [])
