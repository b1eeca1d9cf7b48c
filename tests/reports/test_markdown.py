"""Markdown job summary: one table row per finding, record text escaped.

Rendered the way GitHub does: CommonMark with GFM tables, strikethrough and linkify."""

from __future__ import annotations

import html as html_module
import re

import pytest
from markdown_it import MarkdownIt

from checker.findings import DueItem, Finding, Handover, Message
from checker.reports import markdown
from checker.reports.summary import location
from checker.rules.engine import Report
from tests.reports.conftest import make_report
from tests.test_escaping import visible


def render_gfm(source: str) -> str:
    return str(MarkdownIt("gfm-like", {"linkify": True}).render(source))


def test_table(report: Report) -> None:
    text = markdown.render(report, "en", False)
    lines = text.splitlines()
    assert lines[0] == "## Handbook check"
    assert lines[2].startswith("Checked 7 files")
    header = lines.index("| Severity | Where | Record | Owner | Rule | Clause | Problem | How to fix |")
    rows = lines[header + 2:]
    assert len(rows) == 4
    for row in rows:
        cells = [c for c in row.replace("\\|", "").split("|")][1:-1]
        assert len(cells) == 8, row
    assert "<script>" not in text
    assert "\\<script\\>" in text
    assert "`records/quotes/QT-1.yaml:9:3`" in rows[0] and "4\\.2\\.2" in rows[0]


def test_each_finding_names_its_record_with_a_label_and_its_owner(report: Report) -> None:
    first = next(line for line in markdown.render(report, "en", False).splitlines() if line.startswith("| ❌"))
    cells = [c.strip() for c in first.split("|")[1:-1]]
    assert cells[2:4] == ["`QT-1` Quote\\: 华新机电", "张伟 \\(p\\-zhang\\-wei\\)"]
    unreadable = next(line for line in markdown.render(report, "en", False).splitlines() if "gbk" in line)
    assert unreadable.split("|")[4].strip() == "—"


def test_the_summary_renders_as_a_table_of_plain_text(report: Report) -> None:
    html = render_gfm(markdown.render(report, "en", False))
    assert html.count("<tr>") == 1 + 4
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<code>records/quotes/odd, name:1%.yaml:2</code>" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_record_text_and_file_names_render_no_markup(hostile_report: Report, lang: str) -> None:
    source = markdown.render(hostile_report, lang, False)  # type: ignore[arg-type]
    findings = hostile_report.findings
    table = [line for line in source.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(findings), "a cell broke its line"
    html = render_gfm(source)
    for tag in ("<a", "<img", "<script", "<em>", "<strong>", "<del>", "<s>", "<br", "<p><img"):
        assert tag not in html, tag
    assert html.count("<tr>") == 1 + len(findings)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)[1:]
    for row, finding in zip(rows, findings, strict=True):
        cells = re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
        assert len(cells) == 8, row
        assert cells[1].startswith("<code>") and "\n" not in cells[1]
        assert "[x](javascript:alert(1))" in cells[6] and "&lt;img src=x onerror=alert(1)&gt;" in cells[6]
        assert "www.evil.com https://evil.com" in cells[6]
        where = location(finding.file, finding.line, finding.column)
        assert html_module.unescape(cells[1]) == f"<code>{visible(where)}</code>"  # the name, escapes shown


def test_chinese_headers_and_empty(empty_report: Report) -> None:
    text = markdown.render(empty_report, "zh", False)
    assert text.startswith("## 制度检查结果\n")
    assert "没有发现问题。" in text and "|" not in text


def test_due_soon_items_are_listed_under_the_findings(report: Report) -> None:
    report.due = [DueItem(rule="weekly-meeting", clause="6.2.1", file="records/policy/rules.yaml", record="2026-W27",
                          what=Message("周会：截止 2026-07-05", "The team meets every week: due 2026-07-05"),
                          due="2026-07-05", overdue=False),
                  DueItem(rule="weekly-meeting", clause="6.2.1", file="records/policy/rules.yaml", record="2026-W29",
                          what=Message("later", "later"), due="2026-07-19", overdue=False)]
    lines = markdown.render(report, "en", False).splitlines()
    at = lines.index("### Due within 7 days")
    assert lines[at + 2:] == [
        "| Due | Record | Owner | Where | Rule | What |", "|---|---|---|---|---|---|",
        "| 2026\\-07\\-05 | `2026-W27` | — | `records/policy/rules.yaml` | `weekly-meeting` | The team meets every "
        "week\\: due 2026\\-07\\-05 |"]


def test_findings_the_change_introduced_are_marked(report: Report) -> None:
    report.findings[0].change = "new"
    report.base = "0123456789abcdef"
    lines = markdown.render(report, "zh", False).splitlines()
    assert [line.startswith("| 🆕 本次引入 ❌ 错误 |") for line in lines if line.startswith("| ")][1:3] == [True, False]


def test_an_item_handed_over_from_a_leaver_names_the_leaver_beside_its_owner() -> None:
    finding = Finding(file="records/quotes/QT-1.yaml", rule="r", severity="error", message=Message("m", "m"),
                      fix=Message("f", "f"), owner="p-sun", owner_name="孙丽",
                      handover=Handover("p-zhang", "张伟", "2026-11-30"))
    [row] = [line for line in markdown.render(make_report([finding]), "zh", False).splitlines()
             if line.startswith("| ❌")]
    assert row.split("|")[4].strip() == ("孙丽（p\\-sun），交接自张伟（p\\-zhang，最后任职日 2026\\-11\\-30）")
