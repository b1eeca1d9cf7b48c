"""The team's holiday calendars: only one approved by the role the rule set names moves a
working-day deadline; the verdict rests on approvals alone; one calendar a year; a
disagreement with the chinese-calendar package is a warning, and the calendar wins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.findings import Message
from checker.records import Approval
from checker.rules.engine import Engine, Report
from checker.rules.trust import Distrust
from checker.rules.workdays import known
from tests.conftest import dump, load_repo, rule, rule_set, run

YEAR = 2035  # a year the chinese-calendar package does not have (yet)
AS_OF = "2035-06-30"

# 3 working days after Monday 30 April: with the 1-5 May holiday, 7, 8 and 9 May; Monday to
# Friday, 1, 2 and 3 May. Entered on 8 May, the opportunity is on time only by the calendar.
OPPORTUNITY = rule("opportunity-entered", "deadline",
                   {"start": "discovered", "within": {"days": 3}, "end": "entered", "day_count": "working"},
                   kinds=["opportunity"], clause="4.1.1")
APPROVED_BY_MANAGEMENT = rule("holiday-calendar-approved", "approval",
                              {"any_time": True, "required": [{"roles": ["management"]}]},
                              kinds=["holiday-calendar"], clause="1.3.2")
ZHAO = {"role": "management", "person": "p-zhao-min", "date": "2035-04-02"}  # management since 2020


def opportunity(discovered: str = "2035-04-30", entered: str = "2035-05-08") -> dict[str, Any]:
    return {"kind": "opportunity", "id": "OP-1", "owner": "p-zhang-wei", "customer": "C-1", "title": "产线升级",
            "discovered": discovered, "entered": entered, "stage": "lead"}


def calendar(approvals: list[dict[str, str]], owner: str = "p-zhang-wei", year: int = YEAR,
             record_id: str | None = None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "holiday-calendar", "id": record_id or f"HC-{year}", "owner": owner, "year": str(year),
        "source": {"title": f"国务院办公厅关于{year}年部分节假日安排的通知", "published": f"{year - 1}-11-04"},
        "holidays": [{"name": "劳动节", "from": f"{year}-05-01", "to": f"{year}-05-05"}],
        "workdays": [f"{year}-04-28"], **changes}
    if approvals:
        data["approvals"] = approvals
    return data


def check(make_repo: Callable[..., Path], records: list[dict[str, Any]], rules: list[dict[str, Any]] | None = None,
          as_of: str = AS_OF) -> Report:
    root = make_repo(records, ruleset=rule_set(rules or [OPPORTUNITY, APPROVED_BY_MANAGEMENT]))
    return run(root, as_of)


def rules_of(report: Report) -> list[str]:
    return sorted(f.rule for f in report.findings)


def test_the_year_is_one_the_package_does_not_have() -> None:
    assert not known(YEAR)


def test_without_a_calendar_the_deadline_counts_monday_to_friday_and_warns(make_repo: Callable[..., Path]) -> None:
    report = check(make_repo, [opportunity()])
    assert rules_of(report) == ["holiday-calendar", "opportunity-entered"]
    [late] = [f for f in report.findings if f.rule == "opportunity-entered"]
    assert "2035-05-03" in late.message.en


def test_a_calendar_approved_by_management_moves_the_deadline(make_repo: Callable[..., Path]) -> None:
    report = check(make_repo, [opportunity(), calendar([ZHAO])])
    assert rules_of(report) == []  # on time, and no year counted Monday to Friday
    assert report.results["holiday-calendar-approved"].passed == 1


def test_an_unapproved_calendar_changes_no_deadline_and_the_finding_says_so(make_repo: Callable[..., Path]) -> None:
    root = make_repo([opportunity(), calendar([])], real_rules=True)
    report = run(root, AS_OF)
    [unapproved] = [f for f in report.findings if f.rule == "holiday-calendar-approved"]
    assert (unapproved.file, unapproved.line, unapproved.column) == ("records/r001-HC-2035.yaml", 1, 1)
    assert unapproved.message.en == (
        "Holiday calendar HC-2035 is not validly approved by Company management, so it changes no deadline "
        "(working days in its year still count by the chinese-calendar package, or Monday to Friday without its "
        "data): there is no approval by the Company management. [Team setting: the approval has no deadline; until "
        "the record has a valid one, it has no effect; approval by company management]")
    assert unapproved.message.zh.startswith("节假日日历 HC-2035 未经公司管理层有效批准，不影响任何期限")
    assert [f.record for f in report.findings if f.rule == "opportunity-entered"] == ["OP-1"]
    [fallback] = [f for f in report.findings if f.rule == "holiday-calendar"]
    assert fallback.fix.en.startswith("HC-2035 is recorded but not validly approved by company management, so it "
                                      "changes no deadline: have company management approve it.")
    assert fallback.fix.zh.startswith("HC-2035 已经记下，但还没有公司管理层的有效批准，所以不影响任何期限")


@pytest.mark.parametrize(("approval", "owner", "why", "line"), [
    (ZHAO, "p-zhao-min", "the approver 赵敏（p-zhao-min） owns the record and cannot approve it", 16),
    ({"role": "management", "person": "p-chen-jing", "date": "2035-04-02"}, "p-zhang-wei",
     "陈静（p-chen-jing） did not hold the role Company management on 2035-04-02", 16),
    ({"role": "marketing-manager", "person": "p-wang-jun", "date": "2035-04-02"}, "p-zhang-wei",
     "there is no approval by the Company management", 14),
], ids=["by its own owner", "by a salesperson in a role they do not hold", "by a role the rule set does not name"])
def test_a_calendar_approved_by_anyone_else_changes_no_deadline(
        make_repo: Callable[..., Path], approval: dict[str, str], owner: str, why: str, line: int) -> None:
    report = check(make_repo, [opportunity(), calendar([approval], owner=owner)])
    assert rules_of(report) == ["holiday-calendar", "holiday-calendar-approved", "opportunity-entered"]
    [unapproved] = [f for f in report.findings if f.rule == "holiday-calendar-approved"]
    assert (unapproved.message.en, unapproved.line) == (f"HC-2035: {why}", line)


def test_a_calendar_changed_after_its_approval_changes_no_deadline(make_repo: Callable[..., Path]) -> None:
    stale = dict(ZHAO, digest="sha256:" + "0" * 64)  # pinned to other content
    report = check(make_repo, [opportunity(), calendar([stale])])
    assert rules_of(report) == ["holiday-calendar", "holiday-calendar-approved", "opportunity-entered"]


def test_an_approval_git_does_not_verify_changes_no_deadline(make_repo: Callable[..., Path]) -> None:
    """At the author and signed levels, an approval git does not show its approver adding is
    distrusted (checker.approvals.gitcheck); the calendar then counts for nothing."""
    root = make_repo([opportunity(), calendar([ZHAO])],
                     ruleset=rule_set([OPPORTUNITY, APPROVED_BY_MANAGEMENT]))
    unverified = Distrust("approval-unverified", Message("不是审批人本人添加的", "was not added by the approver"),
                          Message("请审批人本人审批", "Have the approver approve it"))
    key = ("HC-2035", Approval.model_validate(ZHAO))
    report = Engine(load_repo(root), date.fromisoformat(AS_OF), distrusted={key: unverified}).run()
    assert rules_of(report) == ["holiday-calendar", "holiday-calendar-approved", "opportunity-entered"]
    [unapproved] = [f for f in report.findings if f.rule == "holiday-calendar-approved"]
    assert unapproved.message.en == "HC-2035: was not added by the approver"


def test_a_rule_set_that_names_no_approver_lets_no_calendar_count(make_repo: Callable[..., Path]) -> None:
    report = check(make_repo, [opportunity(), calendar([ZHAO])], rules=[OPPORTUNITY])
    assert rules_of(report) == ["holiday-calendar", "holiday-calendar-record", "opportunity-entered"]
    [unruled] = [f for f in report.findings if f.rule == "holiday-calendar-record"]
    assert (unruled.severity, unruled.line, unruled.message.en) == (
        "warning", 14, "Holiday calendar HC-2035 changes no deadline: the rule set does not say who approves "
                       "holiday calendars.")


def test_two_approved_calendars_for_one_year_count_for_nothing(make_repo: Callable[..., Path]) -> None:
    report = check(make_repo, [opportunity(), calendar([ZHAO]), calendar([ZHAO], record_id="HC-2035-B")])
    assert rules_of(report) == ["holiday-calendar", "holiday-calendar-record", "holiday-calendar-record",
                                "opportunity-entered"]
    found = sorted((f.record, f.severity, f.line) for f in report.findings if f.rule == "holiday-calendar-record")
    assert found == [("HC-2035", "error", 4), ("HC-2035-B", "error", 4)]
    [one] = [f for f in report.findings if f.record == "HC-2035"]
    assert one.message.en.startswith("2035 has 2 approved holiday calendars (HC-2035, HC-2035-B), so which one is "
                                     "meant is unclear and none is used")


NOTICE_2026: dict[str, list[Any]] = {  # the State Council's notice of 4 November 2025, as the package has it
    "holidays": [{"name": "元旦", "from": "2026-01-01", "to": "2026-01-03"},
                 {"name": "春节", "from": "2026-02-15", "to": "2026-02-23"},
                 {"name": "清明节", "from": "2026-04-04", "to": "2026-04-06"},
                 {"name": "劳动节", "from": "2026-05-01", "to": "2026-05-05"},
                 {"name": "端午节", "from": "2026-06-19", "to": "2026-06-21"},
                 {"name": "中秋节", "from": "2026-09-25", "to": "2026-09-27"},
                 {"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07"}],
    "workdays": ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]}


def test_an_approved_calendar_that_agrees_with_the_package_is_silent(make_repo: Callable[..., Path]) -> None:
    report = check(make_repo, [calendar([dict(ZHAO, date="2025-11-06")], year=2026, holidays=NOTICE_2026["holidays"],
                                        workdays=NOTICE_2026["workdays"])],
                   as_of="2026-11-20")
    assert rules_of(report) == []


def test_an_approved_calendar_that_disagrees_with_the_package_warns_and_is_used(
        make_repo: Callable[..., Path]) -> None:
    """2026 is in the package; the team's calendar also has Monday and Tuesday 2-3 March off."""
    days_off = [*NOTICE_2026["holidays"], {"name": "团建", "from": "2026-03-02", "to": "2026-03-03"}]
    approved = calendar([dict(ZHAO, date="2026-02-20")], year=2026, holidays=days_off,
                        workdays=NOTICE_2026["workdays"])
    report = check(make_repo, [opportunity("2026-02-27", "2026-03-05"), approved], as_of="2026-06-30")
    [differs] = [f for f in report.findings if f.rule == "holiday-calendar-record"]
    assert (differs.severity, differs.record, differs.line, differs.column) == ("warning", "HC-2026", 30, 3)
    assert differs.message.en == (
        "Holiday calendar HC-2026 disagrees with the chinese-calendar package on 2 days of 2026: 2026-03-02 "
        "(calendar: off; package: worked), 2026-03-03 (calendar: off; package: worked). The check counts working "
        "days by the approved calendar.")
    assert differs.message.zh == (
        "节假日日历 HC-2026 与 chinese-calendar 软件包的 2026 年数据有 2 天不一致："
        "2026-03-02（日历：休息；软件包：上班）、2026-03-03（日历：休息；软件包：上班）。检查按经批准的日历计算工作日。")
    # 3 working days after Friday 27 February by the calendar: 4, 5 and 6 March; entered on the 5th, on time
    assert rules_of(report) == ["holiday-calendar-record"]


def test_whether_a_calendar_counts_never_asks_a_working_day(make_repo: Callable[..., Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdict is made before the working days exist: an approval check that asked for one
    would decide with the calendars it is deciding, so asking fails loudly."""
    from checker.rules import holidays

    def asks_a_working_day(ctx: Any, entry: Any, need: Any) -> bool:
        return bool(ctx.workdays.working(date(YEAR, 5, 2)))

    monkeypatch.setattr(holidays, "satisfied", asks_a_working_day)
    root = make_repo([calendar([ZHAO])], ruleset=rule_set([APPROVED_BY_MANAGEMENT]))
    with pytest.raises(RuntimeError, match="must rest on approvals alone"):
        Engine(load_repo(root), date.fromisoformat(AS_OF))


def test_who_approves_a_calendar_is_asked_of_the_rule_set_in_force_today(make_repo: Callable[..., Path]) -> None:
    """The rule arrives with a version of 1 March 2035: the year's calendar, approved since,
    counts for the whole year, not only from March."""
    root = make_repo([opportunity(), calendar([ZHAO])], ruleset=rule_set([OPPORTUNITY]))
    later = rule_set([OPPORTUNITY, APPROVED_BY_MANAGEMENT], effective="2035-03-01", version="test.2")
    (root / "records" / "policy" / "rules-2.yaml").write_text(dump({**later, "id": "rules-2"}), encoding="utf-8")
    assert rules_of(run(root, AS_OF)) == []
