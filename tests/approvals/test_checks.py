"""handbook check with approvals you can trust: each forgery of the issue is caught at the
author and signed levels, an edited approved record at every level, and reformatting or
commenting an approved record changes nothing. Findings are pinned by line and column."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from checker.cli import main
from tests.approvals.conftest import QUOTE_FILE, Repo, email, needs_ssh_keygen, pinned
from tests.approvals.test_commands import approve, as_person
from tests.approvals.test_gitcheck import add_approval
from tests.conftest import dump

pytestmark = needs_ssh_keygen

LEVELS = ["text", "author", "signed"]


def check(repo: Repo, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--root", str(repo.root), "--lang", "en", "--format", "json",
                                     "--no-cache", *args])


def findings(result: Result) -> list[tuple[str, str, int, int]]:
    """The errors of a JSON report (with --base, those the change introduces)."""
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return [(f["rule"], f["file"], f["line"], f["column"]) for f in data["findings"]
            if f["severity"] == "error" and f.get("change") in (None, "new")]


def approved_on_main(git_repo: Callable[..., Repo], level: str) -> Repo:
    """王军 approved the quote himself (signed), merged to main; the change goes on a branch."""
    repo = git_repo(level)
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys["p-wang-jun"].private))
    assert approve(repo, "p-wang-jun", "--commit").exit_code == 0
    repo.git("config", "--unset", "user.signingkey")
    repo.git("checkout", "-q", "-b", "change")
    return repo


@pytest.mark.parametrize("level", LEVELS)
def test_an_approval_added_by_its_approver_passes_at_each_level(git_repo: Callable[..., Repo], level: str) -> None:
    repo = approved_on_main(git_repo, level)
    assert findings(check(repo)) == []
    assert findings(check(repo, "--base", "main")) == []


@pytest.mark.parametrize("level", LEVELS)
def test_an_edited_approved_quote_is_stale_at_every_level(git_repo: Callable[..., Repo], level: str) -> None:
    repo = approved_on_main(git_repo, level)
    text = repo.read(QUOTE_FILE).replace("quantity: 24", "quantity: 30").replace("163200.00", "204000.00")
    repo.write(QUOTE_FILE, text)
    repo.commit("p-zhang-wei", "More units", sign="p-zhang-wei")
    result = check(repo, "--base", "main")
    assert result.exit_code == 1
    assert findings(result) == [("quote-approved", QUOTE_FILE, 15, 3)]  # the approval entry, by the rule


@pytest.mark.parametrize("level", LEVELS)
def test_reformatting_or_commenting_an_approved_quote_changes_nothing(git_repo: Callable[..., Repo],
                                                                      level: str) -> None:
    repo = approved_on_main(git_repo, level)
    text = repo.read(QUOTE_FILE).replace("status: sent", "status: 'sent'   # 已发客户").replace(
        "    quantity: 24", "    quantity: 24.0").replace("total: 163200.00", "total: 163,200")
    repo.write(QUOTE_FILE, "# 复核过格式\n" + text)
    repo.commit("p-zhang-wei", "Tidy", sign="p-zhang-wei")
    assert findings(check(repo, "--base", "main")) == []
    assert findings(check(repo)) == []


@pytest.mark.parametrize("level", LEVELS)
def test_the_managers_approval_written_into_ones_own_quote(git_repo: Callable[..., Repo], level: str) -> None:
    repo = git_repo(level)
    repo.git("checkout", "-q", "-b", "change")
    add_approval(repo)  # 张伟 types 王军's approval, digest and all
    repo.commit("p-zhang-wei", "Approved", sign="p-zhang-wei")
    expected = [] if level == "text" else [("quote-approved", QUOTE_FILE, 15, 3)]
    assert findings(check(repo, "--base", "main")) == expected


@pytest.mark.parametrize("level", LEVELS)
def test_a_raised_threshold_under_the_rule_sets_existing_approval(git_repo: Callable[..., Repo], level: str) -> None:
    repo = git_repo(level)
    repo.git("checkout", "-q", "-b", "change")
    rules = repo.read("records/policy/rules.yaml")
    repo.write("records/policy/rules.yaml", rules.replace("- marketing-manager", "- management"))
    repo.commit("p-zhang-wei", "Quotes need management only", sign="p-zhang-wei")
    assert findings(check(repo, "--base", "main")) == [("approval-stale", "records/policy/rules.yaml", 7, 3),
                                                       ("rule-set-edited", "records/policy/rules.yaml", 13, 1)]


@pytest.mark.parametrize("level", LEVELS)
def test_a_waiver_in_the_general_managers_name(git_repo: Callable[..., Repo], level: str) -> None:
    repo = git_repo(level)
    repo.git("checkout", "-q", "-b", "change")
    repo.write("records/customers/C-2.yaml", dump({"kind": "customer", "id": "C-2", "owner": "p-zhang-wei",
                                                   "name": "东海", "class": "key", "since": "2026-01-10"}))
    waiver = pinned({"kind": "waiver", "id": "WV-2026-001", "owner": "p-zhang-wei", "rule": "customer-strategy",
                     "record": "C-2", "reason": "客户尚未确定战略", "expires": "2026-12-31",
                     "approvals": [{"role": "management", "person": "p-zhao-min", "date": "2026-02-01"}]})
    repo.write("records/waivers/WV-2026-001.yaml", dump(waiver))
    repo.commit("p-zhang-wei", "Waiver", sign="p-zhang-wei")
    found = findings(check(repo, "--base", "main"))
    if level == "text":
        assert found == []
    else:
        assert found == [("customer-strategy", "records/customers/C-2.yaml", 1, 1),
                         ("waiver-invalid", "records/waivers/WV-2026-001.yaml", 8, 1),
                         ("approval-unverified", "records/waivers/WV-2026-001.yaml", 9, 3)]


def test_the_stale_finding_says_who_approved_when_and_what_to_do(git_repo: Callable[..., Repo]) -> None:
    repo = approved_on_main(git_repo, "text")
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("quantity: 24", "quantity: 30"))
    result = CliRunner().invoke(main, ["check", "--root", str(repo.root), "--lang", "en"])
    assert "changed after 王军（p-wang-jun） approved it on 2026-02-19: ask for approval again" in result.stdout
    zh = CliRunner().invoke(main, ["check", "--root", str(repo.root), "--lang", "zh"])
    assert "在 王军（p-wang-jun） 于 2026-02-19 审批后被修改，审批已失效：请重新申请审批" in zh.stdout


def test_an_approval_no_rule_needs_gets_its_own_finding(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    customer = repo.read("records/r000-C-1.yaml")
    model_digest = "sha256:" + "0" * 64
    repo.write("records/r000-C-1.yaml", customer + "approvals:\n- role: management\n  person: p-zhao-min\n"
               f"  date: 2026-02-01\n  digest: {model_digest}\n")
    repo.commit("p-zhang-wei", "An approval nobody asked for")
    assert findings(check(repo, "--base", "main~1")) == [("approval-stale", "records/r000-C-1.yaml", 9, 3)]


def test_approval_levels_need_git(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("author")
    shutil.rmtree(repo.root / ".git")
    result = check(repo)
    assert result.exit_code == 2 and "approvals = author (pyproject.toml [tool.handbook]) needs git" in result.output


def test_who_runs_the_check_does_not_matter(git_repo: Callable[..., Repo]) -> None:
    repo = approved_on_main(git_repo, "signed")
    repo.git("config", "user.email", email("p-zhang-wei"))
    assert findings(check(repo)) == []


def test_an_approval_not_committed_yet_warns_and_counts(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    add_approval(repo)  # as `git commit` would see it through a pre-commit hook
    result = check(repo)
    assert result.exit_code == 0
    warnings = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    assert warnings == [("approval-unverified", 14, 3)]


def test_re_approving_after_a_squash_merge_passes(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "quote")
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("quantity: 24", "quantity: 25").replace(
        "163200.00", "170000.00"))
    repo.commit("p-zhang-wei", "25 units")
    repo.git("checkout", "-q", "main")
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys["p-wang-jun"].private))
    approved = as_person(repo, "p-wang-jun", "approve", "QT-2026-007", "--branch", "quote", "--lang", "en")
    assert approved.exit_code == 0, approved.output
    repo.git("merge", "--squash", "-q", "quote")
    repo.commit("p-zhang-wei", "Quote QT-2026-007 (#12)")  # GitHub's squash: one commit by the author
    repo.git("checkout", "-q", "-b", "again")
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("quantity: 25", "quantity: 24").replace(
        "170000.00", "163200.00"))
    repo.commit("p-zhang-wei", "24 units after all")
    repo.git("checkout", "-q", "main")
    again = as_person(repo, "p-wang-jun", "approve", "QT-2026-007", "--branch", "again", "--lang", "en")
    assert again.exit_code == 0 and "replacing the earlier approval" in again.output, again.output
    repo.git("checkout", "-q", "again")
    assert findings(check(repo, "--base", "main")) == []
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("date: 2026-02-19", "date: 2026-02-18"))
    sha = repo.commit("p-zhang-wei", "An earlier date")  # someone else's change after the approval still fails
    result = check(repo, "--base", "main")
    assert findings(result) == [("quote-approved", QUOTE_FILE, 15, 3)]
    assert f"was added or changed by commit {sha[:10]}" in result.stdout


@pytest.mark.parametrize("level", LEVELS)
def test_recording_what_happens_after_the_approval_keeps_it(git_repo: Callable[..., Repo], level: str) -> None:
    repo = approved_on_main(git_repo, level)
    text = repo.read(QUOTE_FILE).replace("status: sent", "status: accepted").replace(
        "owner: p-zhang-wei", "owner: p-li-na")  # the customer accepted; 张伟 hands the quote to 李娜
    repo.write(QUOTE_FILE, text)
    repo.commit("p-zhang-wei", "Accepted, handed over")
    assert findings(check(repo, "--base", "main")) == []
    assert findings(check(repo)) == []
