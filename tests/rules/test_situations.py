"""Fixes that fit the situation: a deadline already missed is recorded truthfully and
waived, never "done now"; an approval missing before a quote is sent keeps it a draft."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from checker.findings import Finding
from checker.loading.repository import load
from checker.rules.engine import Engine, Report
from tests.conftest import PROJECT

AS_OF = date(2026, 11, 20)


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / "records" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The sample with a complaint answered two days late, a sent quote approved by its own
    owner, one approved by the manager only after it was sent, and an unsent draft quote
    approved by its owner."""
    root = tmp_path_factory.mktemp("company")
    shutil.copytree(PROJECT / "records", root / "records")
    _edit(root, "complaints/CP-2026-001.yaml", "first_response: 2026-01-22T10:25", "first_response: 2026-01-24T10:25")
    _edit(root, "quotes/QT-2026-001.yaml", "person: p-li-na", "person: p-zhang-wei")  # the owner
    _edit(root, "quotes/QT-2026-002.yaml", "  date: 2026-02-05\n  note: 同意", "  date: 2026-02-09\n  note: 同意")
    draft = (root / "records" / "quotes" / "QT-2026-001.yaml").read_text(encoding="utf-8")
    draft = (draft.replace("id: QT-2026-001", "id: QT-2026-900").replace("sent: 2026-01-28\n", "")
             .replace("status: accepted", "status: draft").replace("opportunity: OP-2026-001\n", ""))
    (root / "records" / "quotes" / "QT-2026-900.yaml").write_text(draft, encoding="utf-8")
    return Engine(load(root, root / "records"), AS_OF).run()


def _one(report: Report, rule: str, record: str) -> Finding:
    [finding] = [f for f in report.findings if f.rule == rule and f.record == record]
    return finding


def test_a_complaint_answered_late_is_recorded_truthfully_and_waived_not_answered_now(report: Report) -> None:
    finding = _one(report, "complaint-answered", "CP-2026-001")
    assert "立即联系客户" not in finding.fix.zh and "now" not in finding.fix.en.split("waiver")[0]
    assert "如实记录实际的日期和时间" in finding.fix.zh and "不要为通过检查而改写日期" in finding.fix.zh
    assert finding.fix.zh.endswith(
        "如确有正当理由，申请豁免：运行 .venv/bin/handbook new waiver（它在 records/waivers/ 中取下一个空闲编号，"
        "例如 WV-2026-002，并显示文件名），填写 rule: complaint-answered、record: CP-2026-001 和原因，"
        "请公司管理层批准。这是已成定局的逾期，以后不会再变：expires 留空，豁免一直有效。")  # WV-2026-001 is taken
    assert finding.fix.en.endswith(
        "If there was a good reason, ask for a waiver: run .venv/bin/handbook new waiver (it takes the next free id "
        "under records/waivers/, such as WV-2026-002, and prints the file's name), fill in rule: complaint-answered, "
        "record: CP-2026-001 and the reason, and have company management approve it. This lateness is settled and "
        "can never change: leave expires empty, and the waiver applies for good.")
    assert "--id" not in finding.fix.en  # an id handed out in a message collides across branches


def test_a_sent_quote_cannot_be_approved_before_it_was_sent_any_more(report: Report) -> None:
    finding = _one(report, "quote-approved-by-manager", "QT-2026-001")
    assert "日期不晚于 sent" not in finding.fix.zh  # no invitation to backdate
    assert "不要把审批日期写早" in finding.fix.zh and "never backdate it" in finding.fix.en
    assert "handbook new waiver" in finding.fix.en


def test_a_quote_approved_only_after_it_was_sent_is_not_to_be_approved_again(report: Report) -> None:
    finding = _one(report, "quote-approved-by-manager", "QT-2026-002")
    assert finding.fix.zh.startswith("审批已经补做，但晚于 sent 所示的行动：这是已成定局的逾期，"
                                     "不要改动审批或 sent 的日期。")
    assert finding.fix.en.startswith("The approval has been given since, but after the action (sent): the lateness "
                                     "is settled; never change the approval's date or sent.")
    assert "review it now" not in finding.fix.en and finding.settled


def test_an_unsent_quote_stays_a_draft_until_approved(report: Report) -> None:
    finding = _one(report, "quote-approved-by-manager", "QT-2026-900")
    assert finding.fix.zh.startswith("在取得有效审批之前，记录保持草稿：不要填写 sent，也不要发给客户。")
    assert finding.fix.en.startswith("Keep the record a draft until it is approved: leave sent empty")
    assert "waiver" not in finding.fix.en


def test_a_duty_overdue_keeps_the_rules_fix_and_says_how_to_clear_it(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "records", tmp_path / "records")
    later = Engine(load(tmp_path, tmp_path / "records"), date(2027, 1, 10)).run()
    finding = _one(later, "complaint-resolved", "CP-2026-008")
    assert finding.fix.zh.startswith("完成原因调查和处理")
    assert "期限已过：补做后按实际日期记录" in finding.fix.zh and "WV-2027-001" in finding.fix.zh
    assert "doing it now does not make it on time" in finding.fix.en
    assert finding.fix.zh.endswith("在 expires 写明豁免到哪一天为止：到期后问题重新报告。")  # an ongoing state
    assert finding.fix.en.endswith("Write in expires the last day it applies: after that day the finding is "
                                   "reported again.")
