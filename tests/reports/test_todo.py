"""handbook todo's text: sections, items grouped by date, both languages, escaped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.findings import Message
from checker.people.agenda import Agenda, Item, agenda
from checker.reports import todo
from checker.rules.engine import Report
from tests.conftest import run
from tests.people.conftest import AFTER, AS_OF, build, leaving


@pytest.fixture
def company_report(tmp_path: Path) -> Report:
    return run(build(tmp_path), AS_OF)


def test_sections_in_order_with_counts_in_english(company_report: Report) -> None:
    text = todo.render(agenda(company_report, "p-zhang", within=14), "en")
    lines = text.splitlines()
    assert lines[0] == "To do for 张伟 (p-zhang) · as of 2026-11-27 · next 14 days"
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert headings == ["Overdue (1)", "Due soon (3)", "Other problems to fix (1)", "5 items in all."]


def test_items_are_grouped_under_their_due_date(company_report: Report) -> None:
    lines = todo.render(agenda(company_report, "p-zhang", within=14), "en").splitlines()
    soon = lines[lines.index("Due soon (3)") + 1:]
    dates = [line.strip() for line in soon if line.startswith("  ") and not line.startswith("    ")]
    assert dates[:3] == ["Tue 2026-12-01 (in 4 days)", "Fri 2026-12-04 (in 7 days)", "Thu 2026-12-10 (in 13 days)"]


def test_an_overdue_item_says_how_late_with_its_fix_and_place(company_report: Report) -> None:
    text = todo.render(agenda(company_report, "p-zhang", within=7), "zh")
    assert "  2026-11-02 周一（已逾期 25 天）\n    - QT-2 销售报价：宁波东海汽车零部件股份有限公司 — " in text
    overdue = text.split("即将到期")[0].splitlines()
    assert overdue[-2] == "      records/r012-QT-2.yaml:1" and overdue[-3].startswith("      修正：")


def test_chinese_headings_and_total(company_report: Report) -> None:
    text = todo.render(agenda(company_report, "p-zhang", within=7), "zh")
    assert text.startswith("张伟（p-zhang）的待办 · 截至 2026-11-27 · 未来 7 天\n")
    assert "已逾期（1）" in text and "即将到期（2）" in text and "其他待修正的问题（1）" in text
    assert text.rstrip().endswith("共 4 项。")


def test_an_approver_sees_whose_record_waits(company_report: Report) -> None:
    text = todo.render(agenda(company_report, "p-wang", within=7), "en")
    assert "Waiting for your approval (2)" in text
    assert "      owner: 张伟 (p-zhang)" in text


def test_nothing_to_do_says_so_in_plain_words(company_report: Report) -> None:
    assert todo.render(agenda(company_report, "p-zhao", within=7), "en").endswith(
        "Nothing to do: nothing is overdue, nothing falls due soon and no record waits for your approval.\n")


def test_today_and_tomorrow_are_said_in_words() -> None:
    assert todo.day_words(date(2026, 11, 27), AS_OF, "zh") == "2026-11-27 周五（今天）"
    assert todo.day_words(date(2026, 11, 28), AS_OF, "en") == "Sat 2026-11-28 (tomorrow)"
    assert todo.day_words(date(2026, 11, 26), AS_OF, "en") == "Thu 2026-11-26 (1 day late)"


def test_record_text_cannot_drive_the_terminal() -> None:
    hostile = Item(section="soon", rule="r", clause="1", record="C-1", label=Message("\x1b[2J客户\n假行", "x"),
                   what=Message("拜访\x07", "visit"), fix=None, due=AS_OF, file="records/c\x1b.yaml", line=None,
                   owner="p-zhang", owner_name="张\u202e伟")
    text = todo.render(Agenda("p-zhang", "张\u202e伟", AS_OF, 7, soon=[hostile]), "zh", color=False)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b[2J客户\\n假行" in text


def test_colour_only_when_asked(company_report: Report) -> None:
    found = agenda(company_report, "p-zhang", within=7)
    assert "\x1b[" not in todo.render(found, "en", color=False)
    assert "\x1b[31m" in todo.render(found, "en", color=True)


def test_a_leavers_list_says_they_left_and_to_whom_their_items_went(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving()), AFTER)
    assert todo.render(agenda(report, "p-zhang", within=14), "zh") == (
        "张伟（p-zhang）的待办 · 截至 2026-12-02 · 未来 14 天\n\n"
        "张伟（p-zhang）已离任：最后任职日 2026-11-30（销售人员），此后不再有待办。\n"
        "名下的事项已交接给：\n"
        "  - 孙丽（p-sun）：5 项\n")
    assert todo.render(agenda(report, "p-zhang", within=14), "en") == (
        "To do for 张伟 (p-zhang) · as of 2026-12-02 · next 14 days\n\n"
        "张伟 (p-zhang) has left: last day in a role 2026-11-30 (Salesperson); nothing is on their list any more.\n"
        "What they owned was handed over to:\n"
        "  - 孙丽 (p-sun): 5 items\n")


def test_a_leaver_whose_items_nobody_took_says_so(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving(colleague=False, supervisor=False, above=False)), AFTER)
    assert todo.render(agenda(report, "p-zhang", within=14), "en").endswith(
        "What they owned was handed over to:\n  - nobody took over: 5 items\n")
    assert todo.render(agenda(report, "p-zhao", within=14), "zh").endswith("没有待办：没有逾期事项，近期没有到期事项，"
                                                                          "也没有等待你审批的记录。\n")


def test_a_leaver_with_nothing_left_says_nothing_was_to_hand_over(tmp_path: Path) -> None:
    records = [r for r in leaving() if r.get("kind") not in ("customer", "quote")]
    report = run(build(tmp_path, records), AFTER)
    assert todo.render(agenda(report, "p-zhang", within=14), "zh").endswith(
        "张伟（p-zhang）已离任：最后任职日 2026-11-30（销售人员），此后不再有待办。\n名下没有需要交接的事项。\n")


def test_an_item_handed_over_names_the_leaver_it_came_from(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving()), AFTER)
    text = todo.render(agenda(report, "p-sun", within=14), "zh")
    assert ("    - C-2 宁波东海汽车零部件股份有限公司 — 标题 key-customers-visited：下次截止 2026-12-10  [条款 3.3.1]\n"
            "      交接自张伟（p-zhang，最后任职日 2026-11-30）\n"
            "      records/r010-C-2.yaml\n") in text
    approver = todo.render(agenda(report, "p-wang", within=14), "en")
    assert "      owner: 孙丽 (p-sun), handed over from 张伟 (p-zhang, last day 2026-11-30)\n" in approver


def test_before_leaving_the_list_says_what_goes_to_the_successor(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving()), AS_OF)
    text = todo.render(agenda(report, "p-zhang", within=14), "en")
    assert text.endswith("3 items falling due after your last day in a role go to whoever takes over:\n"
                         "  - 孙丽 (p-sun): 3 items\n\n2 items in all.\n")
    assert "另有 3 项在你最后任职日之后到期，已交给接任的人：\n  - 孙丽（p-sun）：3 项\n" in todo.render(
        agenda(report, "p-zhang", within=14), "zh")
