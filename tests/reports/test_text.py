"""Plain text: grouped by file, each finding with its fix, then the summary line."""

from __future__ import annotations

from checker.reports import text
from checker.rules.engine import Report


def test_grouped_by_file_and_ends_with_summary(report: Report) -> None:
    output = text.render(report, "en", False)
    lines = output.rstrip("\n").splitlines()
    assert lines[-1] == ("Checked 7 files, 12 records (as of 2026-06-30, rule set test.1): "
                         "3 errors, 1 warning, 0 waived.")
    files = [line for line in lines if line.startswith("records/")]
    assert files == sorted(files) == ["records/gbk.yaml", "records/quotes/QT-1.yaml",
                                      "records/quotes/odd, name:1%.yaml", "records/sales-reports/SR-1.yaml"]
    at = lines.index("records/quotes/QT-1.yaml")
    assert lines[at + 1].split() [:2] == ["9:3", "error"]
    assert "(quote-approved-by-manager) [clause 4.2.2]" in lines[at + 1]
    assert lines[at + 2].strip() == "fix: Approve it"
    assert "  -  error  The file cannot be read" in output.replace("      -", "  -")


def test_chinese(report: Report) -> None:
    output = text.render(report, "zh", False)
    assert "错误" in output and "警告" in output and "[条款 4.2.2]" in output and "修正: 请审批" in output
    assert output.rstrip().splitlines()[-1].startswith("检查了 7 个文件、12 条记录")


def test_no_colour_codes_unless_asked(report: Report) -> None:
    assert "\x1b[" not in text.render(report, "en", False)
    assert "\x1b[" in text.render(report, "en", True)


def test_empty(empty_report: Report) -> None:
    assert text.render(empty_report, "en", False).startswith("Checked 7 files")
