"""Markdown job summary: one table row per finding, record text escaped."""

from __future__ import annotations

from checker.reports import markdown
from checker.reports.markdown import cell
from checker.rules.engine import Report


def test_cell_escapes() -> None:
    assert cell("a|b") == "a\\|b"
    assert cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert cell("a\nb") == "a b"
    assert cell("x & y") == "x &amp; y"


def test_table(report: Report) -> None:
    text = markdown.render(report, "en", False)
    lines = text.splitlines()
    assert lines[0] == "## Handbook check"
    assert lines[2].startswith("Checked 7 files")
    header = lines.index("| Severity | Where | Rule | Clause | Problem | How to fix |")
    rows = lines[header + 2:]
    assert len(rows) == 4
    for row in rows:
        cells = [c for c in row.replace("\\|", "").split("|")][1:-1]
        assert len(cells) == 6, row
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "`records/quotes/QT-1.yaml:9:3`" in rows[0] and "4.2.2" in rows[0]


def test_chinese_headers_and_empty(empty_report: Report) -> None:
    text = markdown.render(empty_report, "zh", False)
    assert text.startswith("## 制度检查结果\n")
    assert "没有发现问题。" in text and "|" not in text
