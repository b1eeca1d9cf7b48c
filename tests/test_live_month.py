"""Issue 16: a month of live work, played as a test.

A team of nine (management, the marketing manager, a supervisor who leaves on 2026-12-20,
four salespeople, legal and finance) lives from 2026-12-07 to 2027-01-05 in temporary git
repositories: GitHub is a bare repository, each person works in their own clone with their
own git identity and SSH key, every change is a pull request checked by the `run:` scripts
of the workflow's `check` job on GitHub's test merge, and merged by a merge commit, a squash
or a rebase. Each working morning the `today` job's scripts re-check main and post to a
chat robot on 127.0.0.1. The checks run "as of today": the simulated day reaches the
checker through the `handbook` shim on the PATH (see tests/live_team.py).

The month, one function a day below (each says what it checks), in order:

12-07  morning: only 张伟's visit is due soon. 赵敏 turns approvals = "author" on (baseline:
       main's commit); 李强 records the week's meeting (rebase).
12-08  张伟's quote QT-2026-001 approved by 王军 with `approve --branch` (rebase: kept at author).
       孙丽's QT-2026-002 marked sent without approval fails for that alone; corrected, approved,
       merged.
12-09  张伟's visit of C-0001 is overdue: on main (exit 1, the job still passes), in the chat and
       on his to-do. 赵敏 turns approvals = "signed" on (baseline moves to main's commit).
12-10  张伟 records the late visit (squash). 孙丽's large quote QT-2026-003, approved by 王军 and
       赵敏, is squash-merged by mistake.
12-11  the overdue visit has left 张伟's to-do; the squash broke both approvals: main says so,
       `approvals pending` lists them, both approve again on a branch (merge).
12-14  王军 records 李强's leaving (role end, git.until) and 陈静's promotion, CODEOWNERS for 12-21.
       李强 records the week's meeting; 张伟 claims travel expenses.
12-15  李强 approves the claim. 高远's quote with a forged approval by 王军 fails for that alone.
12-16  legal reviews 张伟's contract; the quote it rests on is sent.
12-17  王军 approves his own quote and sends it: fails for that alone. Finance pays the claim
       (rebase). 孙丽 visits and claims.
12-18  李强's last working day: his to-do says what passes to 陈静 after 12-20.
12-21  李强 has left: nothing names him in the chat; his to-do says where his work went; 陈静's
       list has his customer, the team's weekly meeting and his approval waiting.
12-22  陈静 visits 李强's former customer; 王军 drafts rule set 2027.1 (management approves).
12-23/24  next year's budget, training plan and KPI sets appear on 王军's to-do (due 12-31).
12-28  王军 files the 2027 budget, training plan, KPI sets and holiday calendar (the package has
       no 2027); 赵敏 approves the budget and the calendar; 陈静 records 2026-W53, the week across
       the new year.
12-29..31  the last visits of the year; they leave the chat as they are made.
01-01  New Year's Day (the schedule runs Monday to Friday): rule set 2027.1 in force.
01-04  no holiday-calendar warning: 2027 is counted by the team's calendar. 张伟's first quote of
       2027 (`handbook new` counts ids from 2027-001) needs management too under 2027.1; the first
       meeting of 2027.
01-05  the quote is sent; the last morning.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.live_team import (
    HAS_SSH_KEYGEN,
    PEOPLE,
    TEAM_MEETING,
    JobRun,
    Key,
    Team,
    addressed,
    annotated,
    budget,
    claim,
    contract,
    edited,
    history,
    holiday_calendar,
    kpi_set,
    make_keys,
    meeting,
    person,
    pinned,
    quote,
    records,
    robot,
    training_plan,
    visit,
)
from tests.notify.conftest import Robot

LAST_DAY = date(2026, 12, 20)  # 李强's, the supervisor who leaves

pytestmark = [pytest.mark.xdist_group("live-month"),
              pytest.mark.skipif(not HAS_SSH_KEYGEN, reason="ssh-keygen is not installed (the tests install "
                                 "nothing): the month is lived with signed commits")]

PYPROJECT = """[tool.handbook]
records = "records"
lang = "zh"
approvals = "{level}"
{baseline}"""


def leaver_named(messages: list[Any]) -> bool:
    text = json.dumps(messages, ensure_ascii=False)
    return "李强" in text or "p-li-qiang" in text


class Month:
    """The month's state shared by its days: the team's repositories, the robot, what each
    morning said."""

    def __init__(self, team: Team, chat: Robot, keys: dict[str, Key]) -> None:
        self.team = team
        self.chat = chat
        self.keys = keys
        self.mornings: dict[date, JobRun] = {}
        self.messages: dict[date, list[Any]] = {}
        self.styles: list[str] = []

    # -- what the test looks at
    def check_pr(self, name: str, *, fails_for: frozenset[tuple[str, str]] = frozenset(), because: str = "") -> JobRun:
        """The PR check on ``name``; it passes, or fails for exactly ``fails_for`` ((rule, file) of
        each blocking error, as its exit code and its error annotations say), its annotation
        saying ``because``."""
        job = self.team.pr_check(name)
        summary, annotate = job.step("summary"), job.step("Annotate")
        assert summary.code == 0, f"{name}: the summary step itself failed: {summary.stderr}"
        assert "## 制度检查结果" in job.summary, f"{name}: no report in the pull request's summary"
        blocking = annotated(annotate.stdout)
        assert annotate.code in (0, 1), f"{name}: the check could not run: {annotate.stderr}"
        assert blocking == set(fails_for), (f"{name}: the check's blocking errors are {sorted(blocking)}, expected "
                                            f"{sorted(fails_for)}\n{annotate.stdout}")
        assert annotate.code == (1 if fails_for else 0), f"{name}: exit {annotate.code}\n{annotate.stdout}"
        errors = [line for line in annotate.stdout.splitlines() if line.startswith("::error ")]
        assert all(because in line for line in errors), f"{name}: the annotation does not say {because!r}: {errors}"
        assert "本次改动引入" in annotate.stdout.splitlines()[-1], "the log's last line compares with the base"
        return job

    def merge(self, name: str, style: str, by: str) -> None:
        self.team.merge(name, style, by)
        self.styles.append(style)

    def morning(self, *, errors: int = 1) -> list[str]:
        """The `today` job: its steps pass, its summary counts ``errors`` on main, what was posted
        to the chat (nothing when nothing is due); the people it addresses, in order."""
        job = self.team.morning()
        day = self.team.day
        self.mornings[day] = job
        listing = job.step("overdue")
        assert listing.code == 0, f"{day}: the morning check step failed: {listing.stderr}"
        counted = re.search(r"：(\d+) 个错误", job.summary)
        assert counted is not None and int(counted.group(1)) == errors, f"{day}: main's errors\n{job.summary}"
        assert listing.code == 0 and "## 制度检查结果" in job.summary, f"{day}: no report in the job summary"
        post = job.step("chat")
        assert post.code == 0, f"{day}: the chat step failed: {post.stdout}{post.stderr}"
        messages = self.chat.take()
        self.messages[day] = messages
        if not messages:
            assert "没有发送消息" in post.stdout, f"{day}: nothing was posted: {post.stdout}"
        people = [p for m in messages for p in addressed(m)]
        if day > LAST_DAY:
            assert not leaver_named(messages), f"{day}: the chat names 李强 after his last day"
        return people

    def todo(self, who: str, *args: str) -> str:
        done = self.team.handbook("p-zhao-min", "todo", "--person", who, "--lang", "en", "--no-color", *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def today_check(self) -> dict[str, Any]:
        """Main's findings today, as JSON (beside the job, to see which findings it had)."""
        where = self.team.checkout("p-zhao-min")
        done = self.team.handbook(where, "check", "--format", "json", "--lang", "en")
        assert done.returncode in (0, 1), done.stderr
        found: dict[str, Any] = json.loads(done.stdout)
        return found


@pytest.fixture
def month(tmp_path: Path) -> Iterator[Month]:
    keys = make_keys(tmp_path / "keys", [*PEOPLE, "stranger"])
    with robot() as chat:
        team = Team(tmp_path / "month", keys, chat.url)
        try:
            yield Month(team, chat, keys)
        finally:
            team.stop()


def errors_of(report: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["record"]) for f in report["findings"] if f["severity"] == "error"}


def found_history(month: Month) -> None:
    """2026-12-04: 赵敏 commits the team's records as they were before going live."""
    team = month.team
    team.morning_of("2026-12-04")
    where = team.root / "people" / "p-zhao-min"
    where.mkdir(parents=True)
    team.git(where, "init", "-q", "-b", "main")
    team.git(where, "config", "user.name", "赵敏")
    team.git(where, "config", "user.email", "zhao-min@qiming.example.cn")
    team.git(where, "remote", "add", "origin", str(team.origin))
    from tests.live_team import write_records
    write_records(where, history({p: k.public for p, k in month.keys.items()}))
    team.write(where, {"pyproject.toml": PYPROJECT.format(level="text", baseline="")})
    done = team.handbook(where, "codeowners")
    assert done.returncode == 0, done.stderr
    team.commit("p-zhao-min", where, "The team's records, roles and rules as kept so far")
    team.git(where, "push", "-q", "-u", "origin", "main")
    team.checkouts["p-zhao-min"] = where


def test_a_month_of_live_work(month: Month) -> None:
    started = time.monotonic()
    found_history(month)
    for day, live in MONTH:
        month.team.morning_of(day)
        live(month)
    counts = {style: month.styles.count(style) for style in ("merge", "squash", "rebase")}
    assert min(counts.values()) >= 2, f"each merge style is used at least twice: {counts}"
    assert len(month.mornings) == 22, "every weekday morning from 12-07 to 01-05 ran the today job"
    took = time.monotonic() - started
    assert took < 240, f"the month took {took:.0f} s"  # about 60 s alone on two cores


# ------------------------------------------------------------------------------ the days
# Pull requests are named by their branches; each check states the exact set of (rule, file)
# that fails it: a wrong block and a wrong pass both fail the test.

QT1, QT2, QT3 = "records/quotes/QT-2026-001.yaml", "records/quotes/QT-2026-002.yaml", "records/quotes/QT-2026-003.yaml"
QT4, QT5 = "records/quotes/QT-2026-004.yaml", "records/quotes/QT-2026-005.yaml"


def new_id(month: Month, who: str, kind: str) -> str:
    """The id `handbook new` gives ``who`` today (free in their checkout and on every branch)."""
    done = month.team.handbook(who, "new", kind, "--print", "--lang", "en")
    assert done.returncode == 0, done.stderr
    return next(line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("id: "))


def main_file(month: Month, rel: str) -> str:
    return month.team.read("main", rel)


def dec07(month: Month) -> None:
    team = month.team
    assert month.morning(errors=0) == ["p-zhang-wei"], \
        "only 张伟's visit of C-0001 (due 12-08) is due within 3 days"
    base = team.git(team.checkout("p-zhao-min"), "rev-parse", "origin/main").strip()
    team.branch("p-zhao-min", "go-live", {"pyproject.toml": PYPROJECT.format(
        level="author", baseline=f'approvals_baseline = "{base}"\n')}, "Approvals are verified by git from today")
    month.check_pr("go-live")
    month.merge("go-live", "merge", by="p-zhao-min")
    team.branch("p-li-qiang", "meeting-w50", records(meeting("2026-W50", "p-li-qiang", "2026-12-07", TEAM_MEETING)),
                "Weekly meeting 2026-W50")
    month.check_pr("meeting-w50")
    month.merge("meeting-w50", "rebase", by="p-li-qiang")


def dec08(month: Month) -> None:
    team = month.team
    assert month.morning(errors=0) == ["p-zhang-wei"], "C-0001's visit is due today"
    qt = new_id(month, "p-zhang-wei", "quote")
    assert qt == "QT-2026-001", "the first quote of the year"
    team.branch("p-zhang-wei", "qt-2026-001", records(quote(qt, "p-zhang-wei", "C-0001", 24, 6800)),
                "Quote for 华新's second line")
    month.check_pr("qt-2026-001")  # a draft waits for its approval: nothing fails
    assert "QT-2026-001" in team.handbook("p-wang-jun", "approvals", "pending", "--lang", "en").stdout
    done = team.approve("p-wang-jun", qt, "qt-2026-001", "价格在授权范围内")
    assert done.returncode == 0, done.stdout + done.stderr
    month.check_pr("qt-2026-001")  # the approval is verified: 王军's own commit adds it
    month.merge("qt-2026-001", "rebase", by="p-zhang-wei")  # at "author", a rebase keeps the approver's commit

    # 孙丽 records her quote as sent before anyone approved it
    qt = new_id(month, "p-sun-li", "quote")
    assert qt == "QT-2026-002"
    team.branch("p-sun-li", "qt-2026-002", records(quote(qt, "p-sun-li", "C-0002", 10, 5200, sent="2026-12-08",
                                                         status="sent")), "Quote for 东海")
    month.check_pr("qt-2026-002", fails_for=frozenset({("quote-approved-by-manager", QT2)}),
                   because="没有营销经理的审批记录")
    # it was not sent yet, only typed so: she corrects it, and 王军 approves
    team.push_more("p-sun-li", "qt-2026-002", records(quote(qt, "p-sun-li", "C-0002", 10, 5200)),
                   "Not sent yet: the quote waits for its approval")
    month.check_pr("qt-2026-002")
    assert team.approve("p-wang-jun", qt, "qt-2026-002", "同意").returncode == 0
    month.check_pr("qt-2026-002")
    month.merge("qt-2026-002", "merge", by="p-sun-li")


def dec09(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-zhang-wei"], "C-0001's visit is overdue since 12-08"
    assert errors_of(month.today_check()) == {("key-customers-visited", "C-0001")}
    todo = month.todo("p-zhang-wei")
    assert "Overdue (1)" in todo and "C-0001" in todo, todo
    base = team.git(team.checkout("p-zhao-min"), "rev-parse", "origin/main").strip()
    team.branch("p-zhao-min", "signed", {"pyproject.toml": PYPROJECT.format(
        level="signed", baseline=f'approvals_baseline = "{base}"\n')},
        "Approvals must be signed by the approver's registered key from today")
    month.check_pr("signed")
    month.merge("signed", "merge", by="p-zhao-min")
    team.signing = True


def dec10(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-zhang-wei"]
    # the approvals merged before "signed" are in the new baseline: nothing about them on main
    assert errors_of(month.today_check()) == {("key-customers-visited", "C-0001")}
    team.branch("p-zhang-wei", "visit-c-0001", records(visit("V-2026-0306", "p-zhang-wei", "C-0001", "2026-12-10")),
                "Visited 华新, two days late")
    # the visit came late: that lateness is main's finding already, not this change's
    month.check_pr("visit-c-0001")
    month.merge("visit-c-0001", "squash", by="p-zhang-wei")

    qt = new_id(month, "p-sun-li", "quote")
    assert qt == "QT-2026-003"
    team.branch("p-sun-li", "qt-2026-003", records(quote(qt, "p-sun-li", "C-0002", 100, 6000)),
                "东海's framework quote")
    assert team.approve("p-wang-jun", qt, "qt-2026-003", "同意").returncode == 0
    month.check_pr("qt-2026-003")  # above 500,000: management's approval is still to come, not a failure
    assert team.approve("p-zhao-min", qt, "qt-2026-003", "同意框架价格").returncode == 0
    month.check_pr("qt-2026-003")
    month.merge("qt-2026-003", "squash", by="p-sun-li")  # the wrong button


def dec11(month: Month) -> None:
    team = month.team
    todo = month.todo("p-zhang-wei")
    assert "C-0001" not in todo, f"the visit is done (late): it has left the to-do\n{todo}"
    # the squash put both approvals on 孙丽's commit: main says they do not verify
    morning = month.morning(errors=3)
    report = month.today_check()
    assert errors_of(report) == {("key-customers-visited", "C-0001"), ("quote-approved-by-manager", "QT-2026-003"),
                                 ("quote-large-approved-by-management", "QT-2026-003")}, errors_of(report)
    for finding in report["findings"]:
        if finding["record"] == "QT-2026-003":
            assert "was added or changed by commit" in finding["message"] and "not signed" in finding["message"], \
                finding["message"]
    for who in ("p-wang-jun", "p-zhao-min"):
        todo = month.todo(who)
        assert "Waiting for your approval (1)" in todo and "QT-2026-003" in todo and "does not verify" in todo, todo
    assert morning == ["p-wang-jun", "p-zhao-min"], \
        "the approvals to give again wait for 王军 and 赵敏; 孙丽's draft is due by nothing, so nothing is overdue"
    sun = month.todo("p-sun-li")
    assert "Overdue" not in sun and "Other problems to fix (2)" in sun and "Keep the record a draft" in sun, sun
    for who in ("p-wang-jun", "p-zhao-min"):
        pending = team.handbook(who, "approvals", "pending", "--lang", "en").stdout
        assert "QT-2026-003" in pending and "does not verify" in pending, pending
    # the guide's way: each approves again (on a branch, as every change to main is a pull request)
    where = team.checkout("p-wang-jun")
    team.git(where, "branch", "reapprove-qt-2026-003", "origin/main")
    team.git(where, "push", "-q", "origin", "reapprove-qt-2026-003")
    team.pulls += 1
    for who in ("p-wang-jun", "p-zhao-min"):
        done = team.approve(who, "QT-2026-003", "reapprove-qt-2026-003", "重新审批：squash 合并改写了提交")
        assert done.returncode == 0 and "git did not show you adding" in done.stdout, done.stdout + done.stderr
    month.check_pr("reapprove-qt-2026-003")  # (with --base only the approvals a change adds are verified)
    month.merge("reapprove-qt-2026-003", "merge", by="p-wang-jun")


def dec14(month: Month) -> None:
    team = month.team
    assert month.morning() == [], "nothing falls due by 12-17 (C-0002's visit and the week's meeting: 12-20)"
    assert errors_of(month.today_check()) == {("key-customers-visited", "C-0001")}, \
        "given again, QT-2026-003's approvals verify; only the late visit (settled) is left on main"
    # 王军 records 李强's leaving and 陈静's promotion; management reviews people changes
    keys = {p: k.public for p, k in month.keys.items()}
    team.branch("p-wang-jun", "leaving", records(
        person("p-li-qiang", keys["p-li-qiang"], until="2026-12-20",
               roles=[{"role": "marketing-supervisor", "start": "2021-01-01", "end": "2026-12-20"}]),
        person("p-chen-jing", keys["p-chen-jing"], roles=[{"role": "salesperson", "start": "2023-01-01"},
                                                          {"role": "marketing-supervisor", "start": "2026-12-21"}])),
        "李强 leaves on 12-20; 陈静 leads the salespeople from 12-21")
    team.run_on_branch("p-wang-jun", "leaving", ["codeowners", "--as-of", "2026-12-21"],
                       "CODEOWNERS for 12-21, when 陈静 approves what 李强 did")
    month.check_pr("leaving")
    month.merge("leaving", "merge", by="p-zhao-min")
    team.branch("p-li-qiang", "meeting-w51", records(meeting("2026-W51", "p-li-qiang", "2026-12-14", TEAM_MEETING)),
                "Weekly meeting 2026-W51")
    month.check_pr("meeting-w51")
    month.merge("meeting-w51", "rebase", by="p-li-qiang")
    team.branch("p-zhang-wei", "ec-2026-001", records(claim("EC-2026-001", "p-zhang-wei", "1280.00", "2026-12-14")),
                "Travel to 华新")
    month.check_pr("ec-2026-001")  # not paid yet: the approval is still to come


def dec15(month: Month) -> None:
    team = month.team
    assert month.morning() == [], "the claim waits on its branch, not on main: the chat is main's"
    pending = team.handbook("p-li-qiang", "approvals", "pending", "--lang", "en").stdout
    assert "EC-2026-001" in pending and "on branch origin/ec-2026-001" in pending, pending
    assert team.approve("p-li-qiang", "EC-2026-001", "ec-2026-001", "同意报销").returncode == 0
    month.check_pr("ec-2026-001")
    month.merge("ec-2026-001", "merge", by="p-zhang-wei")
    # 高远 types 王军's approval in himself and claims 王军 as the commit's author
    qt = new_id(month, "p-gao-yuan", "quote")
    assert qt == "QT-2026-004"
    forged = pinned({**quote(qt, "p-gao-yuan", "C-0005", 5, 7000),
                     "approvals": [{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-12-15"}]})
    team.branch("p-gao-yuan", "qt-2026-004", records(forged), "Quote for 南太湖, approved by 王军 on the phone",
                author="王军 <wang-jun@qiming.example.cn>")
    month.check_pr("qt-2026-004", fails_for=frozenset({("quote-approved-by-manager", QT4)}),
                   because="该提交的签名密钥登记在 高远（p-gao-yuan） 名下，不是 王军（p-wang-jun） 的密钥")
    team.push_more("p-gao-yuan", "qt-2026-004", records(quote(qt, "p-gao-yuan", "C-0005", 5, 7000)),
                   "王军 approves it himself")
    assert team.approve("p-wang-jun", qt, "qt-2026-004", "同意").returncode == 0
    month.check_pr("qt-2026-004")
    month.merge("qt-2026-004", "merge", by="p-gao-yuan")


def dec16(month: Month) -> None:
    team = month.team
    assert month.morning() == []
    quote_text = edited(main_file(month, QT1), ("status: draft", "sent: 2026-12-09\nstatus: accepted"))
    team.branch("p-zhang-wei", "ct-2026-001", {
        QT1: quote_text, **records(contract("CT-2026-001", "p-zhang-wei", "C-0001", "QT-2026-001", "163200.00",
                                            "2026-12-16"))}, "华新 accepted the quote: the contract")
    assert team.approve("p-liu-yang", "CT-2026-001", "ct-2026-001", "条款无异议").returncode == 0
    month.check_pr("ct-2026-001")


def dec17(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-sun-li"], "C-0002's visit is due 12-20"
    text = team.read("ct-2026-001", "records/contracts/CT-2026-001.yaml")
    team.push_more("p-zhang-wei", "ct-2026-001", {"records/contracts/CT-2026-001.yaml": edited(
        text, ("drafted: '2026-12-16'", "drafted: '2026-12-16'\nsigned: 2026-12-17"))}, "Signed today")
    month.check_pr("ct-2026-001")  # signed after legal's review: the review stands
    month.merge("ct-2026-001", "merge", by="p-zhang-wei")
    # 王军 approves his own quote and sends it
    qt = new_id(month, "p-wang-jun", "quote")
    assert qt == "QT-2026-005"
    own = pinned({**quote(qt, "p-wang-jun", "C-0004", 3, 6500, sent="2026-12-17", status="sent"),
                  "approvals": [{"role": "marketing-manager", "person": "p-wang-jun", "date": "2026-12-17"}]})
    team.branch("p-wang-jun", "qt-2026-005", records(own), "Quote for 恒通, sent")
    month.check_pr("qt-2026-005", fails_for=frozenset({("quote-approved-by-manager", QT5)}),
                   because="审批人 王军（p-wang-jun） 是记录负责人本人，不能自己审批自己")
    team.close("qt-2026-005")
    # finance pays the claim
    text = main_file(month, "records/expenses/EC-2026-001.yaml")
    team.branch("p-xu-fang", "ec-2026-001-paid", {"records/expenses/EC-2026-001.yaml": edited(
        text, ("submitted: '2026-12-14'", "submitted: '2026-12-14'\npaid: 2026-12-17"))}, "Paid")
    month.check_pr("ec-2026-001-paid")
    month.merge("ec-2026-001-paid", "rebase", by="p-xu-fang")
    team.branch("p-sun-li", "visit-c-0002", records(visit("V-2026-0307", "p-sun-li", "C-0002", "2026-12-17"),
                                                   claim("EC-2026-002", "p-sun-li", "860.00", "2026-12-17")),
                "Visited 东海; the trip's claim")
    month.check_pr("visit-c-0002")
    month.merge("visit-c-0002", "squash", by="p-sun-li")


def dec18(month: Month) -> None:
    waiting = ["p-li-qiang", "p-wang-jun", "p-zhao-min"]
    assert month.morning() == waiting, "孙丽's claim waits for whoever may approve it: 李强 still holds his role"
    li = month.todo("p-li-qiang")
    assert "EC-2026-002" in li and "C-0003" not in li, f"C-0003's visit falls due after his last day\n{li}"
    assert ("1 item falling due after your last day in a role goes to whoever takes over:\n"
            "  - 陈静 (p-chen-jing): 1 item") in li, li
    chen = month.todo("p-chen-jing")
    assert "C-0003" in chen and "handed over from 李强 (p-li-qiang, last day 2026-12-20)" in chen, chen


def dec21(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-chen-jing", "p-wang-jun", "p-zhao-min"], \
        "the claim waits for 陈静, who holds 李强's role now (and for the manager and management, as before)"
    li = month.todo("p-li-qiang")
    assert ("李强 (p-li-qiang) has left: last day in a role 2026-12-20 (Marketing supervisor); nothing is on their "
            "list any more.\nWhat they owned was handed over to:\n  - 陈静 (p-chen-jing): 1 item") in li, li
    chen = month.todo("p-chen-jing")
    for said in ("C-0003", "handed over from 李强 (p-li-qiang, last day 2026-12-20)",  # his customer
                 "2026-W52 — The team meets every week",  # his role's duty
                 "EC-2026-002 Expense claim: 拜访重点客户差旅费 — waiting for your approval as Marketing supervisor"):
        assert said in chen, f"陈静's list lacks {said!r}\n{chen}"
    # 陈静 approves from her main checkout, on a branch of her own for it
    where = team.checkout("p-chen-jing")
    team.git(where, "branch", "approve-ec-2026-002", "origin/main")
    team.git(where, "push", "-q", "origin", "approve-ec-2026-002")
    done = team.approve("p-chen-jing", "EC-2026-002", "approve-ec-2026-002", "同意报销")
    assert done.returncode == 0, done.stdout + done.stderr
    month.check_pr("approve-ec-2026-002")  # her role was granted on main before today: it counts
    month.merge("approve-ec-2026-002", "merge", by="p-chen-jing")
    team.branch("p-chen-jing", "meeting-w52", records(meeting("2026-W52", "p-chen-jing", "2026-12-21",
                                                              TEAM_MEETING[1:])), "Weekly meeting 2026-W52")
    month.check_pr("meeting-w52")
    month.merge("meeting-w52", "rebase", by="p-chen-jing")


def dec22(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-chen-jing"], "李强's customer, due 12-25, is 陈静's"
    assert "（交接）" in month.messages[team.day][0]["markdown"]["content"], "marked handed over, without his name"
    team.branch("p-chen-jing", "visit-c-0003", records(visit("V-2026-0308", "p-chen-jing", "C-0003", "2026-12-22")),
                "Visited 越达, 李强's customer")
    month.check_pr("visit-c-0003")
    month.merge("visit-c-0003", "squash", by="p-chen-jing")
    where = team.checkout("p-wang-jun")
    team.git(where, "switch", "-q", "-c", "rules-2027.1", "origin/main")
    done = team.handbook(where, "rules", "new-version", "--version", "2027.1", "--effective", "2027-01-01")
    assert done.returncode == 0, done.stderr
    new = where / "records" / "policy" / "rules-2027.1.yaml"
    new.write_text(edited(new.read_text(encoding="utf-8"), ("gt: '500000'", "gt: 300000")), encoding="utf-8")
    team.commit("p-wang-jun", where, "Rule set 2027.1: management approves quotes above 300,000 too")
    preview = team.handbook(where, "check", "--rules-preview", "--lang", "en")
    added = preview.stdout.split("== The upcoming version would add ==")[1].split("==")[0]
    assert preview.returncode == 0 and added.count(": error ") == 1 and "(rule-set-approved)" in added, \
        f"on its first day 2027.1 adds only its own missing approval\n{preview.stdout}"
    team.git(where, "push", "-q", "origin", "rules-2027.1")
    team.git(where, "switch", "-q", "main")
    done = team.approve("p-zhao-min", "rules-2027.1", "rules-2027.1", "经总经理办公会审议通过")
    assert done.returncode == 0, done.stdout + done.stderr
    month.check_pr("rules-2027.1")
    month.merge("rules-2027.1", "merge", by="p-wang-jun")


def dec23(month: Month) -> None:
    assert month.morning() == []
    wang = month.todo("p-wang-jun")
    assert "Nothing to do" in wang, f"next year's budget and training plan are due 12-31: not within 7 days yet\n{wang}"


def dec24(month: Month) -> None:
    assert month.morning() == []
    wang = month.todo("p-wang-jun")
    for said in ("Due soon (5)\n  Thu 2026-12-31 (in 7 days)",
                 "2027 — Every year has an annual expense budget, prepared before the year begins: 2027: due "
                 "2026-12-31", "records/budgets/BG-2027.yaml",
                 "2027 — Every year has an annual training plan, drawn up before the year begins: 2027: due "
                 "2026-12-31", "records/training/plans/TP-2027.yaml",
                 *(f"{role} {name} 2027 — Every team role has this year's KPI set: {name} ({role}): the kpi-set "
                   "record for 2027, due by 2026-12-31" for role, name in (
                       ("marketing-manager", "Marketing manager"), ("marketing-supervisor", "Marketing supervisor"),
                       ("salesperson", "Salesperson")))):
        assert said in wang, f"the marketing manager's year-boundary duties: {said!r}\n{wang}"
    assert "赵敏" not in wang and "p-zhao-min" not in wang  # the role records' owner is not the one who acts


def dec25(month: Month) -> None:
    assert month.morning() == [], "C-0005 (12-30) and C-0004 (12-31) are not due within 3 days yet"


def dec28(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-chen-jing", "p-gao-yuan", "p-wang-jun"], \
        "C-0004 (12-31), C-0005 (12-30), and next year's budget and training plan (12-31)"
    team.branch("p-wang-jun", "plans-2027", records(
        budget(2027, "p-wang-jun", "2026-12-28"), training_plan(2027, "p-wang-jun", "2026-12-28"),
        *(kpi_set(r, 2027) for r in ("marketing-manager", "marketing-supervisor", "salesperson")),
        holiday_calendar(2027, "p-wang-jun")), "2027: budget, training plan, KPI sets and holiday calendar")
    assert team.approve("p-zhao-min", "BG-2027", "plans-2027", "同意 2027 年度预算").returncode == 0
    assert team.approve("p-zhao-min", "HC-2027", "plans-2027", "已与通知核对").returncode == 0
    month.check_pr("plans-2027")
    month.merge("plans-2027", "merge", by="p-wang-jun")
    team.branch("p-chen-jing", "meeting-w53", records(meeting("2026-W53", "p-chen-jing", "2026-12-28",
                                                              TEAM_MEETING[1:])), "Weekly meeting 2026-W53")
    month.check_pr("meeting-w53")
    month.merge("meeting-w53", "rebase", by="p-chen-jing")


def dec29(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-chen-jing", "p-gao-yuan"], "the budget and training plan are filed"
    wang = month.todo("p-wang-jun")
    assert "Nothing to do" in wang, wang
    team.branch("p-gao-yuan", "visit-c-0005", records(visit("V-2026-0309", "p-gao-yuan", "C-0005", "2026-12-29")),
                "Visited 南太湖")
    month.check_pr("visit-c-0005")
    month.merge("visit-c-0005", "squash", by="p-gao-yuan")


def dec30(month: Month) -> None:
    team = month.team
    assert month.morning() == ["p-chen-jing"], "C-0004's visit is due tomorrow"
    team.branch("p-chen-jing", "visit-c-0004", records(visit("V-2026-0310", "p-chen-jing", "C-0004", "2026-12-30")),
                "Visited 恒通")
    month.check_pr("visit-c-0004")
    month.merge("visit-c-0004", "merge", by="p-chen-jing")


def dec31(month: Month) -> None:
    assert month.morning() == []


def jan01(month: Month) -> None:
    """New Year's Day: the schedule runs Monday to Friday, holidays too."""
    assert month.morning() == []
    report = month.today_check()
    assert report["ruleset"]["version"] == "2027.1", "the new rule set is in force from 01-01"
    assert [(f["rule"], f["record"], f["severity"]) for f in report["findings"]] == [
        ("key-customers-visited", "C-0001", "error")], "the 2027 budget, training plan and KPI sets are there"


def jan04(month: Month) -> None:
    team = month.team
    assert month.morning() == [], "the week's meeting is due 01-10"
    report = month.today_check()
    assert [f["rule"] for f in report["findings"] if f["severity"] == "warning"] == [], \
        "2027's working days come from the team's approved calendar HC-2027 (the package stops at 2026)"
    qt = new_id(month, "p-zhang-wei", "quote")
    assert qt == "QT-2027-001", "ids count from 001 in the new year"
    team.branch("p-zhang-wei", "qt-2027-001", records(quote(qt, "p-zhang-wei", "C-0001", 50, 8000)),
                "华新's 2027 framework quote")
    assert team.approve("p-wang-jun", qt, "qt-2027-001", "同意").returncode == 0
    pending = team.handbook("p-zhao-min", "approvals", "pending", "--lang", "en").stdout
    assert "Quote QT-2027-001  as Company management (on branch origin/qt-2027-001" in pending, \
        f"400,000 is above 2027.1's 300,000: management approves it too\n{pending}"
    assert team.approve("p-zhao-min", qt, "qt-2027-001", "同意").returncode == 0
    month.check_pr("qt-2027-001")
    month.merge("qt-2027-001", "merge", by="p-zhang-wei")
    team.branch("p-chen-jing", "meeting-2027-w01", records(meeting("2027-W01", "p-chen-jing", "2027-01-04",
                                                                   TEAM_MEETING[1:])), "Weekly meeting 2027-W01")
    month.check_pr("meeting-2027-w01")
    month.merge("meeting-2027-w01", "rebase", by="p-chen-jing")


def jan05(month: Month) -> None:
    team = month.team
    assert month.morning() == []
    rel = "records/quotes/QT-2027-001.yaml"
    team.branch("p-zhang-wei", "qt-2027-001-sent", {rel: edited(main_file(month, rel), (
        "status: draft", "sent: 2027-01-05\nstatus: sent"))}, "Sent to 华新")
    month.check_pr("qt-2027-001-sent")
    month.merge("qt-2027-001-sent", "rebase", by="p-zhang-wei")
    assert errors_of(month.today_check()) == {("key-customers-visited", "C-0001")}, \
        "at the end of the month main holds only the late visit of 12-10, which stays a finding"


MONTH: list[tuple[str, Callable[[Month], None]]] = [
    ("2026-12-07", dec07), ("2026-12-08", dec08), ("2026-12-09", dec09), ("2026-12-10", dec10),
    ("2026-12-11", dec11), ("2026-12-14", dec14), ("2026-12-15", dec15), ("2026-12-16", dec16),
    ("2026-12-17", dec17), ("2026-12-18", dec18), ("2026-12-21", dec21), ("2026-12-22", dec22),
    ("2026-12-23", dec23), ("2026-12-24", dec24), ("2026-12-25", dec25), ("2026-12-28", dec28),
    ("2026-12-29", dec29), ("2026-12-30", dec30), ("2026-12-31", dec31), ("2027-01-01", jan01),
    ("2027-01-04", jan04), ("2027-01-05", jan05),
]
