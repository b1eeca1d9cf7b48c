"""Who must act on each finding and due item, and the label beside the record's id."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from checker.findings import Handover, Message
from checker.people.owners import last_role, owner_line, owner_words
from checker.records.general import Person, Role
from checker.rules.engine import Report
from checker.rules.situations import due_date
from tests.conftest import PROJECT, run
from tests.people.conftest import AFTER, AS_OF, COMPANY, LAST_DAY, build, leaving, person, role


def test_a_finding_on_a_record_belongs_to_the_records_owner(report: Report) -> None:
    [strategy] = [f for f in report.findings if f.rule == "customer-strategy"]
    assert (strategy.owner, strategy.owner_name, strategy.label) == (
        "p-zhang", "张伟", Message("杭州华新机电有限公司", "杭州华新机电有限公司"))


def test_a_due_item_on_a_record_belongs_to_the_records_owner_with_its_label(report: Report) -> None:
    [quote] = [d for d in report.due if d.rule == "quote-approved-by-manager"]
    assert (quote.owner, quote.label) == ("p-zhang", Message("销售报价：杭州华新机电有限公司",
                                                             "Quote: 杭州华新机电有限公司"))


def test_a_team_duty_belongs_to_the_holder_of_the_role_whose_duties_list_it(report: Report) -> None:
    weekly = {f.record: f.owner for f in report.findings if f.rule == "weekly-meeting"}
    monthly = [d.owner for d in report.due if d.rule == "monthly-meeting"]
    assert set(weekly.values()) == {"p-li"} and monthly == ["p-wang"]  # both roles carry clause 6.2.1


def test_without_duties_the_role_whose_clauses_name_the_clause_answers(report: Report) -> None:
    [career] = [d for d in report.due if d.rule == "career-plan-for-everyone"]
    assert career.owner == "p-wang"  # only the manager carries 7.3.1


def test_a_duty_ahead_goes_to_who_holds_the_role_on_its_due_date(report_on: Callable[[date], Report]) -> None:
    report = report_on(date(2026, 11, 30))  # p-li's last day as supervisor; p-chen takes over on 12-01
    late = {f.record: f.owner for f in report.findings if f.rule == "weekly-meeting"}
    ahead = {d.record: d.owner for d in report.due if d.rule == "weekly-meeting"}
    assert late["2026-W48"] == "p-li" and ahead == {"2026-W49": "p-chen"}


def test_an_overdue_team_duty_goes_to_who_holds_the_role_now(report_on: Callable[[date], Report]) -> None:
    report = report_on(date(2026, 12, 2))
    assert {f.owner for f in report.findings if f.rule == "weekly-meeting"} == {"p-chen"}


def test_a_team_duty_has_no_label(report: Report) -> None:
    assert all(f.label is None for f in report.findings if f.rule == "weekly-meeting")


def test_when_nobody_holds_the_role_the_duty_has_no_owner(tmp_path: Path) -> None:
    records = [r for r in COMPANY if r.get("id") not in ("p-li", "p-chen")]
    report = run(build(tmp_path, records), date(2026, 11, 27))
    assert {f.owner for f in report.findings if f.rule == "weekly-meeting"} == {None}


def test_a_file_that_does_not_load_has_no_owner(company: Path) -> None:
    (company / "records" / "broken.yaml").write_text("kind: customer\nid: [unclosed\n", encoding="utf-8")
    report = run(company, date(2026, 11, 27))
    [broken] = [f for f in report.findings if f.file == "records/broken.yaml"]
    assert (broken.owner, broken.label) == (None, None)


def test_a_finding_about_a_file_with_one_record_belongs_to_that_records_owner(tmp_path: Path) -> None:
    root = build(tmp_path, [*COMPANY, {"kind": "waiver", "id": "W-1", "owner": "p-zhang", "rule": "no-such-rule",
                                       "record": "C-1", "reason": "试用", "expires": "2026-12-31"}])
    [waiver] = [f for f in run(root, date(2026, 11, 27)).findings if f.rule == "waiver-invalid"]
    assert waiver.owner == "p-zhang"


def test_overdue_findings_carry_the_date_they_were_due_and_their_period(report: Report) -> None:
    weekly = sorted((f.due, f.period) for f in report.findings if f.rule == "weekly-meeting")
    [approval] = [f for f in report.findings if f.rule == "quote-approved-by-manager"]
    assert weekly[0] == ("2026-11-01", "2026-W44") and approval.due == "2026-11-02"


def test_due_date_reads_the_due_value_then_the_gate() -> None:
    assert due_date({"due": "2026-11-25 14:00", "gate": "2026-11-01"}) == "2026-11-25"
    assert due_date({"gate": "2026-11-01"}) == "2026-11-01"
    assert due_date({"due": "soon", "gate": ""}) is None


def test_owner_words_in_both_languages() -> None:
    assert owner_words("p-li", "李娜", "zh") == "李娜（p-li）"
    assert owner_words("p-li", "李娜", "en") == "李娜 (p-li)"
    assert owner_words(None, None, "en") == "not assigned"
    assert owner_line("p-li", "李娜", Message("客户甲", "Customer A"), "C-1", "en") == \
        "Owner: 李娜 (p-li) · C-1 Customer A"


def test_every_finding_and_due_item_of_the_sample_company_has_an_owner() -> None:
    report = run(PROJECT, date(2026, 11, 27))
    assert [f.rule for f in report.findings if f.owner is None] == []
    assert [d.rule for d in report.due if d.owner is None] == []


def test_every_duty_a_sample_role_answers_for_is_a_rule() -> None:
    report = run(PROJECT, date(2026, 11, 27))
    rules = {r.id for r in report.ruleset.rules}
    duties = {d for e in report.entries if e.record.kind == "role" for d in getattr(e.record, "duties", ())}
    assert duties and duties <= rules


def test_team_duties_of_the_sample_go_to_the_roles_the_policy_gives_them() -> None:
    report = run(PROJECT, date(2026, 11, 27))
    team = {r.id for r in report.ruleset.rules if r.params.get("groups") == "team"}
    owners = {d.rule: d.owner for d in report.due if d.rule in team}
    assert owners["weekly-meeting"] == owners["sales-report-monthly"] == "p-chen-jing"  # the supervisor
    assert owners["monthly-meeting"] == "p-li-na"  # the manager


def test_every_team_duty_of_the_sample_is_some_roles_duty() -> None:
    """A team rule no role lists would fall back on its clause, or go to nobody."""
    report = run(PROJECT, date(2026, 11, 27))
    team = {r.id for r in report.ruleset.rules if r.params.get("groups") == "team" or (r.type == "coverage"
                                                                                       and not r.kinds)}
    duties = {d for e in report.entries if e.record.kind == "role" for d in getattr(e.record, "duties", ())}
    assert team and team <= duties


# A leaver: from the day after their last role ends, nothing is theirs.

HANDED = Handover("p-zhang", "张伟", "2026-11-30")


def _owners(report: Report) -> dict[tuple[str, str | None], tuple[str | None, Handover | None]]:
    found = {(f.rule, f.record): (f.owner, f.handover) for f in report.findings}
    return {**found, **{(d.rule, d.record): (d.owner, d.handover) for d in report.due}}


def test_a_leavers_findings_and_due_items_go_to_who_holds_their_last_role(left: Report) -> None:
    owners = _owners(left)
    assert {key: owners[key] for key in owners if key[1] in ("C-1", "C-2", "QT-1", "QT-2")} == {
        ("customer-strategy", "C-1"): ("p-sun", HANDED), ("key-customers-visited", "C-1"): ("p-sun", HANDED),
        ("quote-approved-by-manager", "QT-2"): ("p-sun", HANDED),
        ("key-customers-visited", "C-2"): ("p-sun", HANDED), ("quote-approved-by-manager", "QT-1"): ("p-sun", HANDED)}
    assert [f for f in left.findings if f.owner == "p-zhang"] == []
    assert [d for d in left.due if d.owner == "p-zhang"] == []
    [strategy] = [f for f in left.findings if f.rule == "customer-strategy"]
    assert strategy.owner_name == "孙丽"


def test_with_nobody_else_in_the_role_the_role_it_reports_to_answers(tmp_path: Path) -> None:
    alone = run(build(tmp_path / "a", leaving(colleague=False)), AFTER)
    assert _owners(alone)[("key-customers-visited", "C-1")] == ("p-chen", HANDED)  # the supervisor from 12-01
    top = run(build(tmp_path / "b", leaving(colleague=False, supervisor=False)), AFTER)
    assert _owners(top)[("key-customers-visited", "C-1")] == ("p-wang", HANDED)  # nobody supervises: the manager


def test_with_nobody_to_take_over_it_is_not_assigned_and_says_whose_it_was(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving(colleague=False, supervisor=False, above=False)), AFTER)
    assert _owners(report)[("key-customers-visited", "C-1")] == (None, HANDED)
    assert owner_words(None, None, "zh", HANDED) == "未指定（张伟（p-zhang）已离任，最后任职日 2026-11-30，无人接任）"
    assert owner_words(None, None, "en", HANDED) == (
        "not assigned (张伟 (p-zhang) has left, last day 2026-11-30, and nobody took over)")


def test_before_leaving_what_falls_due_after_the_last_day_already_goes_to_the_successor(tmp_path: Path) -> None:
    report = run(build(tmp_path, leaving()), AS_OF)  # 2026-11-27: 张伟 still a salesperson
    owners = _owners(report)
    assert owners[("quote-approved-by-manager", "QT-2")] == ("p-zhang", None)  # overdue now: still his
    assert owners[("key-customers-visited", "C-1")] == ("p-sun", HANDED)  # due 12-01, after his last day


def test_a_team_duty_whose_role_is_vacant_goes_up_from_its_last_holder(tmp_path: Path) -> None:
    records = [r for r in leaving() if r.get("id") != "p-chen"]  # 李娜 supervised until 11-30, nobody after
    report = run(build(tmp_path, records), AFTER)
    assert _owners(report)[("weekly-meeting", "2026-W48")] == ("p-wang", Handover("p-li", "李娜", "2026-11-30"))


def test_changing_roles_is_not_leaving(report_on: Callable[[date], Report]) -> None:
    report = report_on(AFTER)  # 陈静 stopped selling on 11-30 and supervises from 12-01
    assert {f.owner for f in report.findings if f.rule == "weekly-meeting"} == {"p-chen"}
    assert all(f.handover is None for f in report.findings)


def test_the_last_role_is_the_one_ending_last_a_team_role_first() -> None:
    roles = {"salesperson": Role.model_validate(role("salesperson", "销售人员", "Salesperson")),
             "legal": Role.model_validate(role("legal", "法务", "Legal", team=False))}
    both = Person.model_validate(person("p-x", "某人", ("legal", "2020-01-01", "2026-11-30"),
                                        ("salesperson", "2021-01-01", "2026-11-30")))
    last = last_role(both, roles, AFTER)
    assert last is not None and last.role == "salesperson"
    assert last_role(both, roles, LAST_DAY) is None  # the last day is still a day in the role
    staying = Person.model_validate(person("p-y", "某人", ("legal", "2020-01-01", "2026-11-30"),
                                           ("salesperson", "2026-12-05", None)))
    assert last_role(staying, roles, AFTER) is None  # between two roles, not gone


def test_owner_words_name_the_leaver_it_was_handed_over_from() -> None:
    assert owner_words("p-sun", "孙丽", "zh", HANDED) == "孙丽（p-sun），交接自张伟（p-zhang，最后任职日 2026-11-30）"
    assert owner_words("p-sun", "孙丽", "en", HANDED) == (
        "孙丽 (p-sun), handed over from 张伟 (p-zhang, last day 2026-11-30)")
    assert owner_line("p-sun", "孙丽", None, "C-1", "en", HANDED) == (
        "Owner: 孙丽 (p-sun), handed over from 张伟 (p-zhang, last day 2026-11-30) · C-1")


def test_a_finding_about_a_role_of_a_rule_a_role_lists_goes_to_the_duty_holder_not_the_role_records_owner() -> None:
    """Next year's KPI sets are the marketing manager's duty; the role records are p-wang-jun's."""
    december = run(PROJECT, date(2026, 12, 20))
    assert {(d.record, d.owner) for d in december.due if d.rule == "kpi-set-per-role"} == {
        (role, "p-li-na") for role in ("market-specialist", "marketing-manager", "marketing-supervisor",
                                       "salesperson")}
    january = run(PROJECT, date(2027, 1, 5))
    assert {f.owner for f in january.findings if f.rule == "kpi-set-per-role"} == {"p-li-na"}
