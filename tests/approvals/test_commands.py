"""handbook approve, handbook approvals pending and handbook codeowners, run as the people
of a temporary git repository."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from checker.cli import main
from tests.approvals.conftest import QUOTE_FILE, QUOTE_TEXT, Repo, email, needs_ssh_keygen

pytestmark = needs_ssh_keygen


def as_person(repo: Repo, person: str, *args: str) -> Result:
    """Run handbook in ``repo`` as ``person`` (their e-mail in the repository's git config)."""
    repo.git("config", "user.email", email(person))
    repo.git("config", "user.name", person)
    return CliRunner().invoke(main, [*args, "--root", str(repo.root)])


def approve(repo: Repo, person: str, *args: str) -> Result:
    return as_person(repo, person, "approve", "QT-2026-007", "--lang", "en", *args)


def added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails when anything else changed."""
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True),
                                                       autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, before.splitlines(True)[i1:i2])
        lines += after.splitlines(True)[j1:j2] if tag == "insert" else []
    return lines


def test_approve_adds_the_approvers_entry_and_changes_nothing_else(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    result = approve(repo, "p-wang-jun", "--note", "同意：价格在授权范围内")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{QUOTE_FILE}: 王军（p-wang-jun） approved QT-2026-007 as Marketing manager "
                                    "(2026-02-19, sha256:")
    new = added(QUOTE_TEXT, repo.read(QUOTE_FILE))
    assert new[:4] == ["approvals:\n", "- role: marketing-manager\n", "  person: p-wang-jun\n", "  date: 2026-02-19\n"]
    assert new[4].startswith("  digest: sha256:") and new[5:] == ['  note: "同意：价格在授权范围内"\n']
    assert repo.read(QUOTE_FILE).startswith(QUOTE_TEXT)  # comments and layout above, byte for byte


def test_approve_refuses_someone_without_the_role(git_repo: Callable[..., Repo]) -> None:
    result = approve(git_repo(), "p-li-na")
    assert result.exit_code == 1
    assert ("QT-2026-007 needs an approval by Marketing manager, and you (李娜（p-li-na）) hold today: Marketing "
            "supervisor. Who may approve it today: 王军（p-wang-jun）") in result.output


def test_approve_refuses_the_owner(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    result = approve(repo, "p-zhang-wei")
    assert result.exit_code == 1 and "you own QT-2026-007 and cannot approve it yourself" in result.output
    assert repo.read(QUOTE_FILE) == QUOTE_TEXT


def test_approve_refuses_a_second_approval_by_the_same_person(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    assert approve(repo, "p-wang-jun").exit_code == 0
    once = repo.read(QUOTE_FILE)
    again = approve(repo, "p-wang-jun")
    assert again.exit_code == 1
    assert "you already approved QT-2026-007 on 2026-02-19 and it has not changed since" in again.output
    assert repo.read(QUOTE_FILE) == once


def test_approving_again_after_a_change_replaces_the_stale_entry(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    assert approve(repo, "p-wang-jun").exit_code == 0
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("quantity: 24", "quantity: 30"))
    result = approve(repo, "p-wang-jun")
    assert result.exit_code == 0 and "replacing the earlier approval that had gone stale" in result.output
    assert repo.read(QUOTE_FILE).count("- role: marketing-manager") == 1


def test_someone_unknown_to_the_people_records_is_told_how_to_register(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    repo.git("config", "user.email", "visitor@example.com")
    result = CliRunner().invoke(main, ["approve", "QT-2026-007", "--root", str(repo.root)])
    assert result.exit_code == 2
    assert "your git e-mail visitor@example.com is not registered on any person record" in result.output


def test_an_unknown_record_is_a_usage_error_with_a_suggestion(git_repo: Callable[..., Repo]) -> None:
    result = as_person(git_repo(), "p-wang-jun", "approve", "QT-2026-07")
    assert result.exit_code == 2 and "no record 'QT-2026-07' under records; did you mean QT-2026-007?" in result.output


def test_approve_commit_makes_a_signed_commit_as_the_approver(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys["p-wang-jun"].private))
    result = approve(repo, "p-wang-jun", "--commit")
    assert result.exit_code == 0, result.output
    assert "committed: " in result.output and "(signed)" in result.output
    log = repo.git("log", "-1", "--format=%ae%n%s%n%b")
    assert log.startswith("wang-jun@qiming.example.cn\nApprove QT-2026-007 as marketing-manager\n")
    assert "Approved-by: 王军 (p-wang-jun)" in log
    assert repo.git("status", "--porcelain") == ""


def test_approve_commit_refuses_a_file_with_other_uncommitted_changes(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    repo.write(QUOTE_FILE, QUOTE_TEXT.replace("quantity: 24", "quantity: 25"))
    result = approve(repo, "p-wang-jun", "--commit")
    assert result.exit_code == 1 and "has changes that are not committed" in result.output


def test_pending_lists_what_waits_for_the_approver_and_nothing_once_approved(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    args = ("approvals", "pending", "--as-of", "2026-02-19", "--lang", "en")
    waiting = as_person(repo, "p-wang-jun", *args)
    assert waiting.exit_code == 0, waiting.output
    assert waiting.output == ("Waiting for 王军（p-wang-jun）'s approval (2026-02-19):\n"
                              f"  {QUOTE_FILE}  Quote QT-2026-007  as Marketing manager, due by 2026-02-20\n"
                              "1 in all. To approve a pull request's record, from your main branch: handbook approve "
                              "RECORD-ID --branch BRANCH\n")
    assert approve(repo, "p-wang-jun").exit_code == 0
    nothing = as_person(repo, "p-wang-jun", *args).output
    assert nothing == "Nothing waits for 王军（p-wang-jun）'s approval (2026-02-19).\n"
    assert "Nothing waits" in as_person(repo, "p-zhang-wei", *args, "--person", "p-li-na").output


def test_pending_shows_an_approval_gone_stale(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    assert approve(repo, "p-wang-jun").exit_code == 0
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("quantity: 24", "quantity: 30"))
    output = as_person(repo, "p-wang-jun", "approvals", "pending", "--as-of", "2026-02-19", "--lang", "en").output
    assert "Quote QT-2026-007  as Marketing manager, due by 2026-02-20; changed since you approved it on 2026-02-19" \
        in output


@pytest.mark.parametrize("person", ["p-nobody", "li-na"])
def test_pending_for_an_unknown_person_is_a_usage_error(git_repo: Callable[..., Repo], person: str) -> None:
    result = as_person(git_repo(), "p-wang-jun", "approvals", "pending", "--person", person)
    assert result.exit_code == 2 and f"no person {person!r} in the people records" in result.output


def test_refusals_are_said_in_chinese_too(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    result = as_person(repo, "p-zhang-wei", "approve", "QT-2026-007", "--lang", "zh")
    assert result.exit_code == 1
    assert ("QT-2026-007 的负责人是你本人，不能自己审批自己：请有权审批的人运行 handbook approve QT-2026-007"
            in result.output)


def test_a_record_that_does_not_load_is_refused_with_the_reason(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    repo.write(QUOTE_FILE, QUOTE_TEXT.replace("status: sent", "status: maybe"))
    result = approve(repo, "p-wang-jun")
    assert result.exit_code == 1
    assert result.output == ("Error: QT-2026-007 is not a valid record (status has a value 'maybe' that is not "
                             "allowed.); run `handbook check`, fix it, and approve it then\n")
    assert repo.read(QUOTE_FILE) == QUOTE_TEXT.replace("status: sent", "status: maybe")


def test_pending_lists_what_waits_on_open_branches_with_the_command_for_each(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "qt-8")
    repo.write("records/quotes/QT-2026-008.yaml", QUOTE_TEXT.replace("QT-2026-007", "QT-2026-008"))
    repo.commit("p-zhang-wei", "Quote 8")
    repo.git("checkout", "-q", "-b", "merged", "main")  # a branch with nothing main lacks: not listed
    repo.git("checkout", "-q", "main")
    repo.git("update-ref", "refs/remotes/origin/qt-9", "qt-8")  # as fetched from the team's remote
    repo.git("branch", "-q", "-D", "qt-8")
    output = as_person(repo, "p-wang-jun", "approvals", "pending", "--as-of", "2026-02-19", "--lang", "en").output
    assert output.splitlines()[1:] == [
        f"  {QUOTE_FILE}  Quote QT-2026-007  as Marketing manager, due by 2026-02-20",
        "  records/quotes/QT-2026-008.yaml  Quote QT-2026-008  as Marketing manager, due by 2026-02-20 (on branch "
        "origin/qt-9: git fetch origin qt-9:qt-9 && handbook approve QT-2026-008 --branch qt-9)",
        "2 in all. To approve a pull request's record, from your main branch: handbook approve RECORD-ID --branch "
        "BRANCH"]


def test_an_approval_a_squash_merge_broke_is_pending_and_can_be_given_again(git_repo: Callable[..., Repo]) -> None:
    from tests.approvals.test_gitcheck import add_approval

    repo = git_repo("signed")
    add_approval(repo)
    repo.commit("p-zhang-wei", "Squashed: 王军's approval, now on 张伟's commit")
    output = as_person(repo, "p-wang-jun", "approvals", "pending", "--as-of", "2026-02-19", "--lang", "en").output
    assert "your approval of 2026-02-19 does not verify: the approval by 王军（p-wang-jun） dated 2026-02-19 was " \
           "added or changed by commit" in output
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys["p-wang-jun"].private))
    again = approve(repo, "p-wang-jun", "--commit")
    assert again.exit_code == 0, again.output
    assert "replacing the earlier approval, which git did not show you adding" in again.output
    assert "Nothing waits" in as_person(repo, "p-wang-jun", "approvals", "pending", "--as-of", "2026-02-19",
                                        "--lang", "en").output


def test_an_approval_a_squash_merge_broke_is_given_again_on_a_branch(git_repo: Callable[..., Repo]) -> None:
    """From the approver's main checkout, on a branch made for it (every change to main is a pull
    request): the broken approval is verified as the branch has it, and replaced."""
    from tests.approvals.test_gitcheck import add_approval

    repo = git_repo("signed")
    add_approval(repo)
    repo.commit("p-zhang-wei", "Squashed: 王军's approval, now on 张伟's commit")
    repo.git("branch", "reapprove")
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys["p-wang-jun"].private))
    again = approve(repo, "p-wang-jun", "--branch", "reapprove")
    assert again.exit_code == 0, again.output
    assert "replacing the earlier approval, which git did not show you adding" in again.output
    assert repo.git("log", "--format=%ae %s", "main..reapprove").splitlines() == [
        "wang-jun@qiming.example.cn Approve QT-2026-007 as marketing-manager",
        "wang-jun@qiming.example.cn Withdraw 王军's earlier approval of QT-2026-007 to give it again"]
    repo.git("merge", "-q", "--ff-only", "reapprove")
    assert "Nothing waits" in as_person(repo, "p-wang-jun", "approvals", "pending", "--as-of", "2026-02-19",
                                        "--lang", "en").output


@pytest.mark.parametrize("level", ["author", "signed"])
def test_check_todo_and_pending_agree_on_which_approvals_count(git_repo: Callable[..., Repo], level: str) -> None:
    """One approval git does not show its approver adding (typed in by the owner's commit):
    ``check`` does not count it, so ``todo`` and ``approvals pending`` ask the approver for it;
    once the approver gives it, none of the three speaks of it."""
    from tests.approvals.test_gitcheck import add_approval

    repo = git_repo(level)
    add_approval(repo)
    repo.commit("p-zhang-wei", "王军's approval, typed in by 张伟")

    def said() -> tuple[set[str], bool, bool]:
        found = json.loads(as_person(repo, "p-wang-jun", "check", "--format", "json", "--no-cache").stdout)
        uncounted = {f["rule"] for f in found["findings"] if f["record"] == "QT-2026-007"}
        todo = as_person(repo, "p-wang-jun", "todo", "--person", "p-wang-jun", "--lang", "en").output
        pending = as_person(repo, "p-wang-jun", "approvals", "pending", "--lang", "en").output
        return uncounted, "QT-2026-007" in todo, "QT-2026-007" in pending

    assert said() == ({"quote-approved"}, True, True)
    if level == "signed":
        signed_by_approver(repo)
    assert approve(repo, "p-wang-jun", "--commit").exit_code == 0
    assert said() == (set(), False, False)


def signed_by_approver(repo: Repo) -> None:
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys["p-wang-jun"].private))
