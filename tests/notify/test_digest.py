"""The digest: per person, overdue and due-soon items and approvals due by then."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from checker.findings import Lang
from checker.notify.digest import build
from checker.notify.dingtalk import DingTalk
from checker.notify.feishu import Feishu
from checker.notify.service import Service
from checker.notify.wecom import WeCom
from checker.rules.engine import Report
from tests.conftest import rule, run
from tests.people.conftest import AFTER, RULES, leaving
from tests.people.conftest import build as company_with


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


def test_a_leaver_is_never_addressed_their_items_are_under_who_took_over(left_report: Report) -> None:
    digest = build(left_report, "zh", within=14)
    assert [b.person for b in digest.blocks] == ["p-chen", "p-sun", "p-wang"]
    sun = next(b for b in digest.blocks if b.person == "p-sun")
    assert [(line.record, line.text, line.handed) for line in sun.lines] == [
        ("QT-2", "标题 quote-approved-by-manager（交接）", True), ("C-1", "标题 key-customers-visited（交接）", True),
        ("QT-1", "标题 quote-approved-by-manager：没有营销经理的审批记录（交接）", True),
        ("C-2", "标题 key-customers-visited：下次截止 2026-12-10（交接）", True)]
    wang = next(b for b in digest.blocks if b.person == "p-wang")
    assert [line.text for line in wang.lines if line.kind == "approval"] == ["等待你以营销经理身份审批"] * 2


@pytest.mark.parametrize("service", [WeCom, DingTalk, Feishu])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_message_names_a_leaver(left_report: Report, tmp_path: Path, service: type[Service], lang: Lang) -> None:
    for report in (left_report, run(company_with(tmp_path, leaving(colleague=False, supervisor=False, above=False)),
                                    AFTER)):
        sent = json.dumps(service().messages(build(report, lang, within=14)), ensure_ascii=False)
        assert "张伟" not in sent and "p-zhang" not in sent


def test_an_item_about_a_leaver_says_a_former_team_member(tmp_path: Path) -> None:
    rules = [*RULES, rule("career-plan-reviewed", "cadence", {"groups": "records", "every": {"days": 10},
                                                               "start": "reviewed",
                                                               "events": {"in_record": "reviewed"}},
                          kinds=["career-plan"], clause="7.3.1")]
    plan = {"kind": "career-plan", "id": "CPL-1", "owner": "p-wang", "person": "p-zhang", "path": ["销售人员"],
            "promotion_criteria": ["业绩"], "reviewed": "2026-11-15"}  # next review due 11-25
    report = run(company_with(tmp_path, [*leaving(), plan], rules), AFTER)
    wang = next(b for b in build(report, "en", within=14).blocks if b.person == "p-wang")
    assert [(line.record, line.label, line.text) for line in wang.lines if line.due == date(2026, 11, 25)] == [
        (None, "a former team member", "Title career-plan-reviewed")]
    [finding] = [f for f in report.findings if f.rule == "career-plan-reviewed"]
    assert finding.label is not None and finding.label.en == "Career plan: 张伟"  # the report still says whose
