"""On a bad day the pages stay small: each list shows its first rows and says how many
more there are, and every finding and due item is in the report the site publishes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.site import generate as site
from tests.conftest import rule, rule_set, run, write_repo
from tests.people.conftest import AS_OF, COMPANY, RULES


def _broken_visits(count: int) -> list[dict[str, Any]]:
    """Visits of a salesperson that name a customer nobody wrote down: one finding each."""
    return [{"kind": "visit", "id": f"V-{n:03d}", "owner": "p-chen", "customer": f"C-GONE-{n}",
             "date": "2026-11-02", "method": "visit", "summary": "上门拜访"} for n in range(count)]


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(site, "LIST_LIMIT", 3)
    links = rule("links", "reference", {}, kinds=["visit"], clause="1.3.2")
    root = write_repo(tmp_path / "company", [*COMPANY, *_broken_visits(8)],
                      ruleset=rule_set([*RULES, links], effective="2026-11-01"), with_world=False)
    site.generate(run(root, AS_OF), root)
    return root / "docs" / "status"


def _rows(page: str, marker: str) -> int:
    return sum(1 for line in page.splitlines() if line.startswith("|") and marker in line)


def test_a_long_list_shows_its_first_rows_and_how_many_more(docs: Path) -> None:
    findings = (docs / "findings.en.md").read_text(encoding="utf-8")
    assert _rows(findings, "C-GONE-") == 3
    assert "5 more are not listed here; all of them are in [report.json](report.json)" in findings
    assert "另有 5 项未在此列出" in (docs / "findings.md").read_text(encoding="utf-8")


def test_a_person_page_lists_as_many_and_points_to_handbook_todo(docs: Path) -> None:
    page = (docs / "people" / "p-chen.en.md").read_text(encoding="utf-8")
    assert _rows(page, "C-GONE-") <= 3 * 2  # at most the limit in each section
    assert "(../report.json)" in page and "handbook todo --person p-chen" in page


def test_the_published_report_holds_every_finding(docs: Path) -> None:
    report = json.loads((docs / "report.json").read_text(encoding="utf-8"))
    assert sum(1 for f in report["findings"] if "C-GONE-" in f["message_en"]) == 8
    assert {"findings", "due", "summary"} <= set(report)


def test_the_fields_filled_in_after_approval_are_marked_and_listed_for_the_guide(docs: Path) -> None:
    root = docs.parents[1]
    quote = (root / "docs" / "reference" / "records" / "quote.en.md").read_text(encoding="utf-8")
    [sent] = [line for line in quote.splitlines() if line.startswith("| `sent` |")]
    assert "not pinned by an approval: changing it never makes one stale" in sent
    [total] = [line for line in quote.splitlines() if line.startswith("| `total` |")]
    assert "after approval" not in total
    listed = (root / ".generated" / "snippets" / "after-approval.en.md").read_text(encoding="utf-8")
    assert "| [Quote](../reference/records/quote.md) | <code>sent</code>, <code>status</code> |" in listed
    assert "| [Expense claim](../reference/records/expense-claim.md) | <code>paid</code> |" in listed
    zh = (root / ".generated" / "snippets" / "after-approval.md").read_text(encoding="utf-8")
    assert "| [销售合同](../reference/records/contract.md) | <code>signed</code>, <code>follow&#95;ups</code> |" in zh
