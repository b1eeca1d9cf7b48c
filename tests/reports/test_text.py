"""Text at a terminal: one clickable line per finding with its fix below (``text``), or
findings grouped by file (``grouped``); both end with the summary line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.reports import FORMATS, text
from checker.rules.engine import Report
from tests.conftest import run
from tests.people.conftest import AFTER, build, leaving

CLICKABLE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|错误|警告) ")


def test_one_line_per_finding_as_compilers_write_them(report: Report) -> None:
    lines = text.render(report, "en", False).rstrip("\n").splitlines()
    assert lines[:2] == [
        "records/gbk.yaml: error The file cannot be read as UTF-8 text (file-unreadable)",
        "    fix: Save as UTF-8",
    ]
    assert lines[2:5] == [
        "records/quotes/QT-1.yaml:9:3: error Quote QT-1 needs a manager's approval (quote-approved-by-manager) "
        "[clause 4.2.2]",
        "    fix: Approve it",
        "    Owner: 张伟 (p-zhang-wei) · QT-1 Quote: 华新机电",
    ]
    match = CLICKABLE.match(lines[2])
    assert match and match.group("file", "line", "col", "severity") == ("records/quotes/QT-1.yaml", "9", "3", "error")
    assert lines[7].startswith("records/sales-reports/SR-1.yaml:4:1: warning Sales report SR-1 was late")
    assert lines[-2] == ""
    assert lines[-1] == ("Checked 7 files, 12 records (as of 2026-06-30, rule set test.1): "
                         "3 errors, 1 warning, 0 waived.")


def test_a_finding_without_a_column_points_at_the_first(report: Report) -> None:
    output = text.render(report, "en", False)
    assert "records/quotes/odd, name:1%.yaml:2:1: error " in output


def test_chinese(report: Report) -> None:
    output = text.render(report, "zh", False)
    assert "records/quotes/QT-1.yaml:9:3: 错误 报价 QT-1 须经营销经理批准 (quote-approved-by-manager) [条款 4.2.2]\n" \
           "    修正：请审批\n    负责人：张伟（p-zhang-wei） · QT-1 报价：华新机电\n" in output
    assert "records/sales-reports/SR-1.yaml:4:1: 警告 " in output
    assert output.rstrip().splitlines()[-1].startswith("检查了 7 个文件、12 条记录")


def test_record_text_cannot_add_a_line(report: Report) -> None:
    """A line break in record text shows as \\n: every finding stays two lines (three with an owner)."""
    output = text.render(report, "en", False)
    owned = sum(1 for f in report.findings if f.owner)
    assert len(output.rstrip("\n").splitlines()) == 2 * len(report.findings) + owned + 2
    assert "<script>alert(1)</script>\\n第二行" in output


@pytest.mark.parametrize("fmt", ["text", "grouped"])
def test_hostile_file_names_and_text_reach_the_terminal_escaped(hostile_report: Report, fmt: str) -> None:
    for lang in ("zh", "en"):
        output = FORMATS[fmt](hostile_report, lang, False)
        assert "\x1b" not in output and "\x07" not in output and "\r" not in output and "\x00" not in output
        assert not any(c in output for c in "\x0b\x0c\x85\u2028\u2029\ufffe")
        assert "\\x1b[31m" in output and "\\u2028" in output and "\\ud800" in output
        assert "records/quotes/x\\n<img src=x onerror=alert(1)>.yaml:1:2: " in output or fmt == "grouped"
        assert "records/报价/中文 名称.yaml" in output  # text that prints stays as it is
        output.encode("utf-8")  # no lone surrogate left to break the terminal's encoding


def test_hostile_text_gives_exactly_two_lines_per_finding(hostile_report: Report) -> None:
    lines = text.render(hostile_report, "en", False).rstrip("\n").splitlines()
    assert len(lines) == 2 * len(hostile_report.findings) + 2
    assert all(line.startswith("records/") for line in lines[:-2:2])
    assert all(line.startswith("    Fix: ") or line.startswith("    fix: ") for line in lines[1:-2:2])


def test_grouped_by_file_and_ends_with_summary(report: Report) -> None:
    output = text.render_grouped(report, "en", False)
    lines = output.rstrip("\n").splitlines()
    assert lines[-1] == ("Checked 7 files, 12 records (as of 2026-06-30, rule set test.1): "
                         "3 errors, 1 warning, 0 waived.")
    files = [line for line in lines if line.startswith("records/")]
    assert files == sorted(files) == ["records/gbk.yaml", "records/quotes/QT-1.yaml",
                                      "records/quotes/odd, name:1%.yaml", "records/sales-reports/SR-1.yaml"]
    at = lines.index("records/quotes/QT-1.yaml")
    assert lines[at + 1].split()[:2] == ["9:3", "error"]
    assert "(quote-approved-by-manager) [clause 4.2.2]" in lines[at + 1]
    assert lines[at + 2].strip() == "fix: Approve it"
    assert "  -  error  The file cannot be read" in output.replace("      -", "  -")


def test_grouped_in_chinese(report: Report) -> None:
    output = text.render_grouped(report, "zh", False)
    assert "错误" in output and "警告" in output and "[条款 4.2.2]" in output and "修正：请审批" in output


@pytest.mark.parametrize("fmt", ["text", "grouped"])
def test_what_a_change_introduced_comes_first_under_its_heading(report: Report, fmt: str) -> None:
    report.base = "0123456789abcdef"
    for finding in report.findings:
        finding.change = "existing"
    report.findings[2].change = "new"  # the sales report, last in file order
    lines = FORMATS[fmt](report, "en", False).splitlines()
    introduced, existing = lines.index("== Introduced by this change =="), lines.index(
        "== Already there before this change ==")
    first_file = next(i for i, line in enumerate(lines) if line.startswith("records/"))
    assert introduced < first_file < existing
    assert "records/sales-reports/SR-1.yaml" in lines[first_file]
    assert "1 introduced by this change" in lines[-1]


@pytest.mark.parametrize("fmt", ["text", "grouped"])
def test_no_colour_codes_unless_asked(report: Report, fmt: str) -> None:
    assert "\x1b[" not in FORMATS[fmt](report, "en", False)
    assert "\x1b[" in FORMATS[fmt](report, "en", True)


@pytest.mark.parametrize("fmt", ["text", "grouped"])
def test_empty(empty_report: Report, fmt: str) -> None:
    assert FORMATS[fmt](empty_report, "en", False).startswith("Checked 7 files")


def test_the_owner_line_names_who_took_over_from_a_leaver(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving()), AFTER)
    lines = text.render(report, "zh", False).splitlines()
    at = lines.index("records/r009-C-1.yaml:1:1: 错误 C-1：strategy 为空 (customer-strategy) [条款 3.2]")
    assert lines[at + 2] == ("    负责人：孙丽（p-sun），交接自张伟（p-zhang，最后任职日 2026-11-30） · "
                             "C-1 杭州华新机电有限公司")
    nobody = run(build(tmp_path / "nobody", leaving(colleague=False, supervisor=False, above=False)), AFTER)
    assert ("    Owner: not assigned (张伟 (p-zhang) has left, last day 2026-11-30, and nobody took over) · C-1 "
            "杭州华新机电有限公司") in text.render(nobody, "en", False).splitlines()
