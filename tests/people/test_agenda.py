"""Each person's agenda: overdue, due soon, approvals waiting for them, other problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checker.approvals.commands import pending
from checker.findings import Handover, Message
from checker.loading.repository import Repository
from checker.people.agenda import Handed, agenda, agendas, approvals_waiting, by_date
from checker.rules.engine import Engine, Report
from checker.rules.trust import UNVERIFIED, Distrust
from tests.conftest import PROJECT, load_repo, run
from tests.people.conftest import AS_OF, COMPANY, COMPLAINT_ANSWERED, LAST_DAY, RULES, build, complaint, leaving


def test_overdue_holds_the_persons_late_duties_and_problems_the_rest(report: Report) -> None:
    zhang = agenda(report, "p-zhang", within=7)
    assert [(i.rule, i.record) for i in zhang.overdue] == [("quote-approved-by-manager", "QT-2")]
    assert [(i.rule, i.record) for i in zhang.problems] == [("customer-strategy", "C-1")]


def test_an_approval_missing_on_a_draft_is_a_problem_for_its_owner_not_overdue(tmp_path: Path) -> None:
    draft = {**COMPANY[-2], "id": "QT-9", "sent": None,  # approved by its own owner: the approval does not count
             "approvals": [{"role": "marketing-manager", "person": "p-zhang", "date": "2026-11-20"}]}
    zhang = agenda(run(build(tmp_path, [*COMPANY, draft]), AS_OF), "p-zhang", within=7)
    assert ("quote-approved-by-manager", "QT-9") not in [(i.rule, i.record) for i in zhang.overdue]
    [problem] = [i for i in zhang.problems if i.record == "QT-9"]
    assert problem.due is None and problem.fix is not None
    assert problem.fix.en.startswith("Keep the record a draft until it is approved")


def test_due_soon_holds_what_falls_due_within_the_days_given(report: Report) -> None:
    assert [(i.record, i.due) for i in agenda(report, "p-zhang", within=7).soon] == [
        ("C-1", date(2026, 12, 1)), ("QT-1", date(2026, 12, 4))]
    assert [i.record for i in agenda(report, "p-zhang", within=4).soon] == ["C-1"]
    assert [i.record for i in agenda(report, "p-zhang", within=14).soon] == ["C-1", "QT-1", "C-2"]


def test_a_record_waiting_for_approval_is_on_the_approvers_agenda_not_the_owners(report: Report) -> None:
    wang = agenda(report, "p-wang", within=7)
    assert sorted(str(i.record) for i in wang.approvals) == ["QT-1", "QT-2"]  # late or ahead: he can act now
    assert agenda(report, "p-zhang", within=7).approvals == []
    assert agenda(report, "p-zhao", within=7).approvals == []  # the rule asks a marketing manager


def test_an_approval_waiting_names_the_role_asked_the_owner_and_the_command(report: Report) -> None:
    [late] = [i for i in approvals_waiting(report)["p-wang"] if i.record == "QT-2"]
    assert (late.owner, late.owner_name, late.due) == ("p-zhang", "张伟", date(2026, 11, 2))
    assert late.what.en == "waiting for your approval as Marketing manager"
    assert late.fix is not None and late.fix.en == "Review the record, then run `handbook approve QT-2`"


def test_an_approved_record_waits_for_nobody(tmp_path: Path) -> None:
    approved = {"approvals": [{"role": "marketing-manager", "person": "p-wang", "date": "2026-11-20"}]}
    records = [{**r, **approved} if r.get("id") == "QT-1" else r for r in COMPANY]
    report = run(build(tmp_path, records), AS_OF)
    assert [i.record for i in approvals_waiting(report)["p-wang"]] == ["QT-2"]


def test_an_approval_git_does_not_show_its_approver_adding_waits_for_them_again(tmp_path: Path) -> None:
    """After a squash merge (approvals = author or signed) the approver's entry pins the record
    but does not count: it waits for them again, as ``handbook approvals pending`` says."""
    approved = {"approvals": [{"role": "marketing-manager", "person": "p-wang", "date": "2026-11-20"}]}
    records = [{**r, **approved} if r.get("id") == "QT-1" else r for r in COMPANY]
    root = build(tmp_path, records)
    repository = load_repo(root)
    [entry] = [e for e in repository.entries if e.record.id == "QT-1"]
    squashed = Distrust(UNVERIFIED, Message("由提交 abc 添加", "added by commit abc, which is not signed"),
                        Message("重新审批", "approve it again"))
    broken = {(entry.record.id, entry.record.approvals[0]): squashed}
    report = Engine(repository, AS_OF, distrusted=broken).run()
    [again] = [i for i in approvals_waiting(report)["p-wang"] if i.record == "QT-1"]
    assert again.what.en == ("your approval of 2026-11-20 does not verify (added by commit abc, which is not "
                             "signed): approve it again as Marketing manager")
    assert [(p.entry.record.id, p.stale_since) for p in pending(repository, "p-wang", AS_OF, broken)
            if p.entry.record.id == "QT-1"] == [("QT-1", date(2026, 11, 20))]
    trusted = run(root, AS_OF)
    assert "QT-1" not in [i.record for i in approvals_waiting(trusted)["p-wang"]]


def test_approvals_waiting_are_what_handbook_approvals_pending_lists_for_each_person() -> None:
    report = run(PROJECT, AS_OF)
    repository = Repository(entries=report.entries, findings=[], files=0, sources={})
    everyone = approvals_waiting(report)
    people = [e.record.id for e in report.entries if e.record.kind == "person"]
    for person in people:
        expected = [(p.entry.record.id, p.gate) for p in pending(repository, person, AS_OF)]
        assert sorted((str(i.record), i.due) for i in everyone.get(person, [])) == sorted(expected), person
    assert any(everyone.get(p) for p in people)  # the sample has records waiting, so the comparison says something


def test_everyone_has_an_agenda_even_with_nothing_to_do(report: Report) -> None:
    everyone = agendas(report, within=7)
    assert {"p-zhao", "p-wang", "p-li", "p-chen", "p-zhang"} <= set(everyone)
    assert everyone["p-zhao"].empty and everyone["p-zhao"].count() == 0


def test_team_duties_sit_on_the_role_holders_agenda(report: Report) -> None:
    li = agenda(report, "p-li", within=7)
    assert [i.period for i in li.overdue] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert [i.record for i in li.soon] == ["2026-W48"]


def test_items_group_by_date_earliest_first_undated_last(report: Report) -> None:
    zhang = agenda(report, "p-zhang", within=14)
    groups = by_date([*zhang.soon, *zhang.problems])
    assert [day for day, _ in groups] == [date(2026, 12, 1), date(2026, 12, 4), date(2026, 12, 10), None]


def test_an_items_key_is_its_rule_subject_and_period_never_a_date(report: Report) -> None:
    li = agenda(report, "p-li", within=7)
    assert li.overdue[0].key == "weekly-meeting/2026-W44"
    zhang = agenda(report, "p-zhang", within=7)
    assert zhang.soon[0].key == "key-customers-visited/C-1"


def test_an_unknown_person_has_an_empty_agenda(report: Report) -> None:
    assert agenda(report, "p-nobody", within=7).empty


# Work done, only late: the finding stays in the report, the item leaves the agenda.

def test_a_finding_says_whether_it_is_a_settled_lateness(late: Report) -> None:
    settled = {(f.rule, f.record): f.settled for f in late.findings if f.rule in (
        "complaint-answered", "quote-approved-by-manager", "new-customers-followed-up")}
    assert settled == {("complaint-answered", "CP-1"): True, ("complaint-answered", "CP-2"): False,
                       ("quote-approved-by-manager", "QT-2"): True,  # sent without approval: can never change
                       ("quote-approved-by-manager", "QT-3"): True,
                       ("new-customers-followed-up", "C-2"): False,  # new on 11-10, not followed up: due 11-17
                       ("new-customers-followed-up", "C-3"): True}


def test_work_done_late_leaves_the_agenda_what_is_still_undone_stays(late: Report) -> None:
    zhang = agenda(late, "p-zhang", within=7)  # QT-2 stays: its approval can still be given, late
    assert [(i.rule, i.record) for i in zhang.overdue] == [
        ("quote-approved-by-manager", "QT-2"), ("new-customers-followed-up", "C-2"), ("complaint-answered", "CP-2")]
    assert [(i.rule, i.record) for i in zhang.problems] == [("customer-strategy", "C-1"), ("customer-strategy", "C-3")]


def test_a_gap_between_visits_closed_late_leaves_the_agenda_a_visit_still_due_stays(company: Path) -> None:
    (company / "records" / "v-1.yaml").write_text(
        "kind: visit\nid: V-1\nowner: p-zhang\ncustomer: C-1\ndate: 2026-12-08\nmethod: visit\nsummary: 回访\n",
        encoding="utf-8")
    report = run(company, date(2027, 1, 10))
    gaps = [(f.due, f.settled) for f in report.findings if (f.rule, f.record) == ("key-customers-visited", "C-1")]
    assert gaps == [("2026-12-01", True), ("2027-01-07", False)]  # 11-01..12-08, then nothing since
    zhang = agenda(report, "p-zhang", within=7)
    assert [(i.record, i.due) for i in zhang.overdue if i.rule == "key-customers-visited"] == [
        ("C-2", date(2026, 12, 10)), ("C-1", date(2027, 1, 7))]


def test_counts_shrink_as_late_work_is_done(tmp_path: Path) -> None:
    rules = [*RULES, COMPLAINT_ANSWERED]
    before = run(build(tmp_path / "before", [*COMPANY, complaint("CP-2", "2026-11-25T10:00")], rules), AS_OF)
    after = run(build(tmp_path / "after", [*COMPANY, complaint("CP-2", "2026-11-25T10:00", "2026-11-27T09:00")],
                      rules), AS_OF)
    assert len(agenda(before, "p-zhang").overdue) == 2 and len(agenda(after, "p-zhang").overdue) == 1
    assert [f.record for f in after.findings if f.rule == "complaint-answered"] == ["CP-2"]  # still a finding


def test_a_missing_approval_leaves_the_owners_agenda_once_given_even_late(tmp_path: Path) -> None:
    approved = {"approvals": [{"role": "marketing-manager", "person": "p-wang", "date": "2026-11-20"}]}
    records = [{**r, **approved} if r.get("id") == "QT-2" else r for r in COMPANY]
    report = run(build(tmp_path, records), AS_OF)
    assert [f.settled for f in report.findings if f.record == "QT-2"] == [True]  # approved after it was sent
    assert agenda(report, "p-zhang", within=7).overdue == []
    assert [i.record for i in agenda(report, "p-wang", within=7).approvals] == ["QT-1"]


# A leaver's agenda: nothing on it, when they left, who took over.

def test_a_leavers_agenda_is_empty_and_says_when_they_left_and_who_took_over(left: Report) -> None:
    zhang = agenda(left, "p-zhang", within=14)
    assert zhang.empty and (zhang.left, zhang.last_role) == (LAST_DAY, Message("销售人员", "Salesperson"))
    assert zhang.handed_to == [Handed("p-sun", "孙丽", 5)]


def test_the_successors_agenda_holds_the_leavers_items_saying_so(left: Report) -> None:
    sun = agenda(left, "p-sun", within=14)
    assert [(i.section, i.record) for i in [*sun.overdue, *sun.soon, *sun.problems]] == [
        ("overdue", "QT-2"), ("overdue", "C-1"), ("soon", "QT-1"), ("soon", "C-2"), ("problem", "C-1")]
    assert {i.handover for i in [*sun.overdue, *sun.soon, *sun.problems]} == {
        Handover("p-zhang", "张伟", "2026-11-30")}


def test_an_approver_is_told_whose_record_it_is_now(left: Report) -> None:
    [qt2] = [i for i in agenda(left, "p-wang", within=14).approvals if i.record == "QT-2"]
    assert (qt2.owner, qt2.owner_name, qt2.handover) == ("p-sun", "孙丽", Handover("p-zhang", "张伟", "2026-11-30"))


def test_before_leaving_the_agenda_counts_what_goes_to_the_successor(tmp_path: Path) -> None:
    zhang = agenda(run(build(tmp_path, leaving()), AS_OF), "p-zhang", within=14)
    assert zhang.left is None and [i.record for i in zhang.soon] == []  # all due after 11-30
    assert zhang.handed_to == [Handed("p-sun", "孙丽", 3)]
