"""Approvals verified against git, on temporary repositories with several authors and real
SSH signing keys: who added each approval entry, and whether that commit is theirs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from checker.approvals.entry import insert
from checker.approvals.gitcheck import Cache, Level, Verifier, VerifyError, people_of, run_git, targets
from checker.approvals.verify import person_namer
from checker.loading.repository import Repository, load
from checker.records import Approval
from checker.records.digest import digest
from checker.rules.trust import Distrust
from tests.approvals.conftest import QUOTE_FILE, RULES_APPROVED, Repo, needs_ssh_keygen

pytestmark = needs_ssh_keygen


def loaded(repo: Repo) -> Repository:
    return load(repo.root, repo.root / "records")


def add_approval(repo: Repo, person: str = "p-wang-jun", role: str = "marketing-manager",
                 day: str = "2026-02-19", pinned: bool = True) -> None:
    """Write ``person``'s approval of the quote into its file (not committed)."""
    entry = next(e for e in loaded(repo).entries if e.record.id == "QT-2026-007")
    approval = Approval(role=role, person=person, date=dt.date.fromisoformat(day),
                        digest=digest(entry.record) if pinned else None)
    repo.write(QUOTE_FILE, insert(repo.read(QUOTE_FILE), QUOTE_FILE, (), approval))


def verdicts(repo: Repo, level: Level, *, base: Repository | None = None, baseline: str | None = None,
             cache: Cache | None = None, git: Callable[..., bytes] = run_git) -> dict[str, Distrust]:
    """What the verifier says about each approval, by approver."""
    repository = loaded(repo)
    people = people_of(base or repository)
    verifier = Verifier(repo.root, level, people, cache or Cache(None), baseline, git)
    found = verifier.verify(targets(repository, base), person_namer(repository))
    return {approval.person: reason for (_, approval), reason in found.items()}


def said(reason: Distrust) -> str:
    return reason.detail.en


@pytest.mark.parametrize("level", ["author", "signed"])
def test_an_approval_added_and_signed_by_its_approver_passes(git_repo: Callable[..., Repo], level: Level) -> None:
    repo = git_repo()
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve QT-2026-007", sign="p-wang-jun")
    assert verdicts(repo, level) == {}


def test_one_added_by_someone_else_fails_at_author_and_signed(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)  # 张伟 writes the manager's approval into his own quote
    sha = repo.commit("p-zhang-wei", "Approved", sign="p-zhang-wei")
    assert said(verdicts(repo, "author")["p-wang-jun"]) == (
        f"the approval by 王军（p-wang-jun） dated 2026-02-19 was added or changed by commit {sha[:10]}, whose author "
        "is not one of 王军（p-wang-jun）'s registered git identities")
    assert said(verdicts(repo, "signed")["p-wang-jun"]) == (
        f"the approval by 王军（p-wang-jun） dated 2026-02-19 was added or changed by commit {sha[:10]}, which is "
        "signed with a key registered to 张伟（p-zhang-wei）, not 王军（p-wang-jun）")


def test_an_author_name_anyone_can_type_passes_author_but_not_signed(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)
    repo.git("add", QUOTE_FILE)
    repo.git("commit", "-q", "-S", "-m", "Approved", "--author", "王军 <wang-jun@qiming.example.cn>",
             person="p-zhang-wei", sign="p-zhang-wei")
    assert verdicts(repo, "author") == {}
    assert "signed with a key registered to 张伟（p-zhang-wei）" in said(verdicts(repo, "signed")["p-wang-jun"])


def test_an_unsigned_commit_by_the_approver_passes_author_and_fails_signed(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)
    sha = repo.commit("p-wang-jun", "Approve")
    assert verdicts(repo, "author") == {}
    assert said(verdicts(repo, "signed")["p-wang-jun"]).endswith(f"commit {sha[:10]}, which is not signed")


def test_a_key_nobody_registered_fails_signed(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve", sign="stranger")
    assert "signed with a key no person record registers" in said(verdicts(repo, "signed")["p-wang-jun"])


def test_a_commit_altered_after_signing_has_a_bad_signature(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve", sign="p-wang-jun")
    raw = repo.git("cat-file", "commit", "HEAD").replace("Approve", "Approved, altered")
    altered = Path(repo.root, ".git", "altered")
    altered.write_text(raw, encoding="utf-8")
    sha = repo.git("hash-object", "-t", "commit", "-w", str(altered)).strip()
    repo.git("update-ref", "refs/heads/main", sha)
    assert said(verdicts(repo, "signed")["p-wang-jun"]).endswith(
        f"commit {sha[:10]}, whose signature is bad (the commit does not match it)")


def test_someone_else_changing_the_entry_later_fails(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve", sign="p-wang-jun")
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("date: 2026-02-19", "date: 2026-02-10"))
    sha = repo.commit("p-zhang-wei", "Backdate the approval", sign="p-zhang-wei")
    assert f"by commit {sha[:10]}" in said(verdicts(repo, "author")["p-wang-jun"])


def test_an_approval_not_committed_yet_is_a_notice_and_still_counts(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo)  # on the approver's machine, before `git commit` runs the check
    reason = verdicts(repo, "author")["p-wang-jun"]
    assert reason.severity == "warning"
    assert said(reason) == (
        "the approval by 王军（p-wang-jun） dated 2026-02-19 is not committed yet: git can show who added it once it "
        "is committed (it counts until then; the pull request's check verifies it)")


def test_an_approval_without_a_digest_pins_nothing(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo, pinned=False)
    repo.commit("p-wang-jun", "Approve", sign="p-wang-jun")
    assert said(verdicts(repo, "signed")["p-wang-jun"]) == (
        "the approval by 王军（p-wang-jun） dated 2026-02-19 has no digest, so it does not say which content was "
        "approved")


def test_approvals_before_the_baseline_are_accepted_as_they_are(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo, pinned=False)
    adopted = repo.commit("p-zhang-wei", "History from before the team verified approvals")
    assert verdicts(repo, "signed", baseline=adopted) == {}
    with pytest.raises(VerifyError, match="full commit id"):  # a short id could name a tag of that name
        verdicts(repo, "signed", baseline=adopted[:12])
    assert "p-wang-jun" in verdicts(repo, "signed")


def test_with_a_base_only_the_approvals_the_change_adds_are_verified(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo()
    add_approval(repo, person="p-zhao-min", role="management")
    repo.commit("p-zhang-wei", "An approval already on the base, however it got there")
    base = loaded(repo)
    add_approval(repo)
    repo.commit("p-zhang-wei", "The change")
    assert set(verdicts(repo, "author", base=base)) == {"p-wang-jun"}
    assert set(verdicts(repo, "author")) == {"p-wang-jun", "p-zhao-min"}


def test_identities_and_keys_come_from_the_base(git_repo: Callable[..., Repo], keys: Mapping[str, Any]) -> None:
    repo = git_repo()
    base = loaded(repo)
    world = repo.read("records/world.yaml").replace(keys["p-wang-jun"].public.split()[1],
                                                    keys["stranger"].public.split()[1])
    repo.write("records/world.yaml", world)  # 张伟 puts a key he holds on 王军's record in the same change
    add_approval(repo)
    repo.commit("p-zhang-wei", "Approved", sign="stranger")
    assert "p-wang-jun" not in verdicts(repo, "signed")  # judged by the change's own records: fooled
    assert "a key no person record registers" in said(verdicts(repo, "signed", base=base)["p-wang-jun"])


def test_a_second_run_asks_git_only_which_commit_is_checked_out(git_repo: Callable[..., Repo], tmp_path: Path) -> None:
    repo = git_repo()
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve", sign="p-wang-jun")
    calls: list[tuple[str, ...]] = []

    def counting(root: Path, *args: str, env: Mapping[str, str] | None = None) -> bytes:
        calls.append(args)
        return run_git(root, *args, env=env)

    first = verdicts(repo, "signed", cache=Cache(tmp_path / "cache"), git=counting)
    assert first == {} and any("blame" in call for call in calls)
    calls.clear()
    assert verdicts(repo, "signed", cache=Cache(tmp_path / "cache"), git=counting) == first
    assert calls == [("rev-parse", "--verify", "--quiet", "HEAD")]



def test_a_verdict_against_an_approval_is_never_taken_from_the_cache_alone(git_repo: Callable[..., Repo],
                                                                           tmp_path: Path) -> None:
    import shutil

    repo = git_repo()
    add_approval(repo)
    repo.commit("p-zhang-wei", "Forged", sign="p-zhang-wei")
    cache = tmp_path / "cache"
    assert set(verdicts(repo, "signed", cache=Cache(cache))) == {"p-wang-jun"}
    shutil.rmtree(repo.root / ".git")  # the same files, committed again in a new history: by 王军 himself
    repo.git("init", "-q", "-b", "main")
    repo.commit("p-zhao-min", "Everything else", "records/world.yaml", "records/policy", "pyproject.toml",
                sign="p-zhao-min", when=RULES_APPROVED)
    repo.commit("p-wang-jun", "The approved quote", ".", sign="p-wang-jun")
    assert verdicts(repo, "signed", cache=Cache(cache)) == {}
