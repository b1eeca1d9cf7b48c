"""The one-line summary every format ends with or carries."""

from __future__ import annotations

from checker.findings import Lang
from checker.rules.engine import Report


def summary_line(report: Report, lang: Lang) -> str:
    errors, warnings = report.count("error"), report.count("warning")
    waived = len(report.waived)
    if lang == "zh":
        return (f"检查了 {report.files} 个文件、{report.records} 条记录（评估日期 {report.as_of}，"
                f"规则集 {report.ruleset.version}）：{errors} 个错误，{warnings} 个警告，已豁免 {waived} 个。"
                + change_line(report, lang))
    return (f"Checked {counted(report.files, 'file')}, {counted(report.records, 'record')} (as of {report.as_of}, "
            f"rule set {report.ruleset.version}): {counted(errors, 'error')}, {counted(warnings, 'warning')}, "
            f"{waived} waived." + change_line(report, lang))


def change_line(report: Report, lang: Lang) -> str:
    """How the findings compare with the base revision (check --base), or "" without one."""
    if report.base is None:
        return ""
    new = sum(1 for f in report.findings if f.change == "new")
    existing, fixed, base = len(report.findings) - new, len(report.fixed), report.base[:10]
    if report.preview is not None:
        if lang == "zh":
            return (f"预览：规则集 {report.preview} 生效当天，与现行的 {report.base} 相比，按今天的记录将新增 "
                    f"{new} 个问题，保留 {existing} 个，消除 {fixed} 个。")
        return (f" Preview: on the first day of rule set {report.preview}, against {report.base} on that day and "
                f"with the records as they are today, {new} findings would be added, {existing} kept and {fixed} "
                "removed.")
    if lang == "zh":
        return (f"相对 {base}：本次改动引入 {new} 个，原已存在 {existing} 个，修复了 {fixed} 个。"
                + verdict(report, lang))
    return (f" Against {base}: {new} introduced by this change, {existing} already there, {fixed} fixed."
            + verdict(report, lang))


_FAILS_ON = {"new": ("本次改动引入的", "this change introduces"),
             "touched": ("本次改动引入的或在它改动的文件中的",
                         "this change introduces or that sit in files it touches"),
             "all": ("", "")}


def verdict(report: Report, lang: Lang) -> str:
    """Which errors decide the check's exit code, when it decides one against a base."""
    if report.fail_on is None or report.base is None or not report.count("error"):
        return ""
    failing = len(report.blocking())
    zh, en = _FAILS_ON[report.fail_on]
    if failing:
        if lang == "zh":
            return f"检查因{zh} {failing} 个错误而失败。"
        return f" The check fails on the {counted(failing, 'error')}" + (f" {en}." if en else ".")
    if lang == "zh":
        return "这些错误在本次改动之前就已存在，不会使检查失败。"
    return " None of the errors fails the check: each was there before this change."


def counted(number: int, noun: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def location(file: str, line: int | None, column: int | None) -> str:
    if line is None:
        return file
    return f"{file}:{line}" + (f":{column}" if column else "")
