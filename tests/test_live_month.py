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
12-23/24  next year's budget and training plan appear on 王军's to-do (due 12-31).
12-28  王军 files the 2027 budget, training plan and KPI sets; 赵敏 approves the budget.
12-29..31  visits; the year's last meeting.
01-01  New Year's Day (the schedule runs Monday to Friday): rule set 2027.1 in force.
01-04  张伟's first quote of 2027 (`handbook new` counts ids from 2027-001) needs management too
       under 2027.1; the first meeting of 2027.
01-05  the quote is sent; the last morning.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.live_team import (
    HAS_SSH_KEYGEN, PEOPLE, TEAM_MEETING, JobRun, Key, Robot, Team, addressed, annotations, claim, contract, history,
    make_keys, meeting, quote, records, robot, visit,
)

pytestmark = [pytest.mark.xdist_group("live-month"),
              pytest.mark.skipif(not HAS_SSH_KEYGEN, reason="ssh-keygen is not installed (the tests install "
                                 "nothing): the month is lived with signed commits")]

PYPROJECT = """[tool.handbook]
records = "records"
lang = "zh"
approvals = "{level}"
{baseline}"""


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
    def check_pr(self, name: str, *, fails_for: set[tuple[str, str]] = frozenset()) -> JobRun:  # type: ignore[assignment]
        """The PR check on ``name``; it passes, or fails for exactly ``fails_for`` ((rule, file) of
        each blocking error), as its exit code and its annotations say."""
        job = self.team.pr_check(name)
        summary, annotate = job.step("summary"), job.step("Annotate")
        assert summary.code == 0, f"{name}: the summary step itself failed: {summary.stderr}"
        assert "handbook check" in job.summary or job.summary.strip(), f"{name}: no summary written"
        blocking = annotations(annotate.stdout)
        assert annotate.code in (0, 1), f"{name}: the check could not run: {annotate.stderr}"
        assert blocking == set(fails_for), (f"{name}: the check's blocking errors are {sorted(blocking)}, expected "
                                            f"{sorted(fails_for)}\n{annotate.stdout}")
        assert annotate.code == (1 if fails_for else 0), f"{name}: exit {annotate.code}\n{annotate.stdout}"
        return job

    def merge(self, name: str, style: str, by: str) -> None:
        self.team.merge(name, style, by)
        self.styles.append(style)

    def morning(self, *, expect_errors: bool) -> list[str]:
        """The `today` job; its steps pass; the chat got one message; the people it addresses."""
        job = self.team.morning()
        day = self.team.day
        self.mornings[day] = job
        listing = job.step("overdue")
        assert listing.code == 0, f"{day}: the morning check step failed: {listing.stderr}"
        assert ("❌" in job.summary or "error" in job.summary.lower()) or not expect_errors, job.summary
        post = job.step("chat")
        assert post.code == 0, f"{day}: the chat step failed: {post.stdout}{post.stderr}"
        messages = self.chat.take()
        self.messages[day] = messages
        assert messages, f"{day}: nothing was posted: {post.stdout}"
        people = [p for m in messages for p in addressed(m)]
        return people

    def todo(self, who: str, *args: str) -> str:
        done = self.team.handbook("p-zhao-min", "todo", "--person", who, "--lang", "en", "--no-color", *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def today_check(self) -> dict[str, Any]:
        """Main's findings today, as JSON (beside the job, to see which findings it had)."""
        where = self.team.checkout("p-zhao-min")
        done = self.team.handbook(where, "check", "--format", "json")
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
    took = time.monotonic() - started
    assert took < 150, f"the month took {took:.0f} s"


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
    assert month.morning(expect_errors=False) == ["p-zhang-wei"], \
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
    assert month.morning(expect_errors=False) == ["p-zhang-wei"], "C-0001's visit is due today"
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
    month.check_pr("qt-2026-002", fails_for={("quote-approved-by-manager", QT2)})
    # it was not sent yet, only typed so: she corrects it, and 王军 approves
    team.push_more("p-sun-li", "qt-2026-002", records(quote(qt, "p-sun-li", "C-0002", 10, 5200)),
                   "Not sent yet: the quote waits for its approval")
    month.check_pr("qt-2026-002")
    assert team.approve("p-wang-jun", qt, "qt-2026-002", "同意").returncode == 0
    month.check_pr("qt-2026-002")
    month.merge("qt-2026-002", "merge", by="p-sun-li")


def dec09(month: Month) -> None:
    team = month.team
    assert month.morning(expect_errors=True) == ["p-zhang-wei"], "C-0001's visit is overdue since 12-08"
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


MONTH: list[tuple[str, Callable[[Month], None]]] = [
    ("2026-12-07", dec07),
    ("2026-12-08", dec08),
    ("2026-12-09", dec09),
]
