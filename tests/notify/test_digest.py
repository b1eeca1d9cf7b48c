"""The digest: per person, overdue and due-soon items and approvals due by then."""

from __future__ import annotations

from checker.notify.digest import build
from checker.rules.engine import Report


def test_only_people_with_something_overdue_or_due_soon_are_listed(company_report: Report) -> None:
    digest = build(company_report, "en", within=3)
    assert [b.person for b in digest.blocks] == ["p-li", "p-wang", "p-zhang"]


def test_a_persons_part_counts_and_lists_their_items(company_report: Report) -> None:
    zhang = next(b for b in build(company_report, "zh", within=7).blocks if b.person == "p-zhang")
    assert (zhang.heading, zhang.overdue, zhang.soon, zhang.approvals) == ("张伟（p-zhang）", 1, 2, 0)
    assert [(line.kind, line.record) for line in zhang.lines] == [("overdue", "QT-2"), ("soon", "C-1"),
                                                                   ("soon", "QT-1")]


def test_an_overdue_item_is_told_by_its_duty_not_the_whole_finding(company_report: Report) -> None:
    zhang = next(b for b in build(company_report, "en", within=7).blocks if b.person == "p-zhang")
    assert zhang.lines[0].text == "Title quote-approved-by-manager"
    assert zhang.lines[0].label == "Quote: 宁波东海汽车零部件股份有限公司"


def test_approvals_are_in_the_digest_only_once_due_by_the_horizon(company_report: Report) -> None:
    def wang(within: int) -> list[str | None]:
        block = next(b for b in build(company_report, "en", within=within).blocks if b.person == "p-wang")
        return [line.record for line in block.lines if line.kind == "approval"]

    assert wang(3) == ["QT-2"] and wang(7) == ["QT-2", "QT-1"]


def test_the_summary_counts_everything(company_report: Report) -> None:
    digest = build(company_report, "en", within=3)
    assert digest.summary == "5 overdue · 2 due within 3 days · 1 to approve"
    assert digest.title == "handbook to-do 2026-11-27"


def test_with_a_site_address_each_part_links_to_the_persons_page(company_report: Report) -> None:
    blocks = build(company_report, "en", within=3, site_url="https://team.example.cn/handbook").blocks
    assert blocks[0].link == "https://team.example.cn/handbook/en/status/people/p-li/"
    assert build(company_report, "zh", within=3).blocks[0].link is None


def test_work_done_late_is_not_in_the_digest_and_does_not_count(late_report: Report) -> None:
    zhang = next(b for b in build(late_report, "en", within=3).blocks if b.person == "p-zhang")
    assert zhang.overdue == 3
    assert [(line.kind, line.record) for line in zhang.lines if line.kind == "overdue"] == [
        ("overdue", "QT-2"), ("overdue", "C-2"), ("overdue", "CP-2")]  # not CP-1, QT-3 nor C-3: done, late
    assert build(late_report, "en", within=3).summary == "7 overdue · 2 due within 3 days · 1 to approve"
