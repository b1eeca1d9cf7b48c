"""Forging an approval at the strongest setting: each attack a member could make, as a
pull request checked with ``handbook check --base main``, fails with its exact finding
(or is refused with exit 2), next to a control where the genuine approval passes.

The repositories are made at test time with real ed25519 keys (skipped, installing
nothing, where ssh-keygen is missing); 王军 (p-wang-jun) is the marketing manager who
approves quotes, 张伟 (p-zhang-wei) the salesperson who owns them and attacks, 李娜
(p-li-na) the supervisor, 赵敏 (p-zhao-min) management.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker.approvals.entry import approval_spans, yaml_part
from checker.cli import main
from checker.loading.repository import load
from tests.approvals.conftest import QUOTE_FILE, Repo, email, needs_ssh_keygen, pinned
from tests.approvals.test_checks import approved_on_main
from tests.approvals.test_commands import approve, as_person
from tests.approvals.test_gitcheck import add_approval
from tests.conftest import dump

pytestmark = needs_ssh_keygen

WAIVER_FILE = "records/waivers/WV-2026-001.yaml"


def check(repo: Repo, *args: str, cache: bool = False) -> Result:
    return CliRunner().invoke(main, ["check", "--root", str(repo.root), "--lang", "en", "--format", "json",
                                     *([] if cache else ["--no-cache"]), *args])


def errors(result: Result) -> list[tuple[str, str, int, int]]:
    """The errors a check with --base says the change introduces, after asserting it failed on them."""
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    return [(f["rule"], f["file"], f["line"], f["column"]) for f in data["findings"]
            if f["severity"] == "error" and f.get("change") in (None, "new")]


def messages(result: Result, rule: str) -> list[str]:
    return [f["message"] for f in json.loads(result.stdout)["findings"] if f["rule"] == rule]


def signed_by(repo: Repo, person: str) -> None:
    assert repo.keys is not None
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(repo.keys[person].private))


def raise_the_amount(text: str) -> str:
    return text.replace("quantity: 24", "quantity: 1400").replace("163200.00", "9520000.00")


# ---------------------------------------------------------------------- one idea of a line


def test_control_a_genuine_approval_on_a_branch_passes(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve QT-2026-007", sign="p-wang-jun")
    result = check(repo, "--base", "main")
    assert result.exit_code == 0, result.output


def test_lone_carriage_returns_that_would_shift_blame_are_refused_at_their_place(
        git_repo: Callable[..., Repo]) -> None:
    repo = approved_on_main(git_repo, "signed")
    text = repo.read(QUOTE_FILE)
    forged = raise_the_amount(text).replace("approvals:\n", "#\r#\r#\napprovals:\n")
    repo.write(QUOTE_FILE, forged)
    repo.commit("p-zhang-wei", "Bigger order")
    line = forged[:forged.index("#\r")].count("\n") + 1
    result = check(repo, "--base", "main")
    assert ("control-character", QUOTE_FILE, line, 2) in errors(result)
    assert f"a lone carriage return (CR, U+000D) at line {line}, column 2" in " ".join(
        messages(result, "control-character"))


def test_the_lines_the_checker_attributes_are_the_lines_git_blames(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    text = repo.read(QUOTE_FILE).replace("\n", "\r\n")  # CR LF throughout: one line break each, for both
    repo.write(QUOTE_FILE, text)
    repo.commit("p-zhang-wei", "CR LF")
    add_approval(repo)
    add_approval(repo, person="p-zhao-min", role="management")
    repo.commit("p-wang-jun", "Approve")
    entry = next(e for e in load(repo.root, repo.root / "records").entries if e.record.id == "QT-2026-007")
    yaml_text, offset = yaml_part(QUOTE_FILE, entry.source.text)
    ours = entry.source.text.split("\n")
    porcelain = repo.git("blame", "--porcelain", "--", QUOTE_FILE)
    theirs: dict[int, str] = {}
    lines = porcelain.split("\n")
    for index, line in enumerate(lines):
        found = re.match(r"^[0-9a-f]{40} \d+ (\d+)", line)
        if found:
            content = next(x for x in lines[index + 1:] if x.startswith("\t"))
            theirs[int(found.group(1))] = content[1:].rstrip("\r")
    spans = approval_spans(yaml_text, entry.path)
    assert len(spans) == 2
    for span in spans:
        for number in range(span.first + 1 + offset, span.last + 2 + offset):
            assert ours[number - 1] == theirs[number]


# ---------------------------------------------------------------------- authority from the base


def waiver_by(person: str) -> str:
    return dump(pinned({"kind": "waiver", "id": "WV-2026-001", "owner": "p-zhang-wei", "rule": "customer-strategy",
                        "record": "C-2", "reason": "客户尚未确定战略", "expires": "2026-12-31",
                        "approvals": [{"role": "management", "person": person, "date": "2026-02-20"}]}))


def a_customer_without_strategy(repo: Repo) -> None:
    repo.write("records/customers/C-2.yaml", dump({"kind": "customer", "id": "C-2", "owner": "p-zhang-wei",
                                                   "name": "东海", "class": "key", "since": "2026-01-10"}))


def test_control_managements_waiver_passes(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    a_customer_without_strategy(repo)
    repo.write(WAIVER_FILE, waiver_by("p-zhao-min"))
    repo.commit("p-zhao-min", "Waiver", sign="p-zhao-min")
    assert check(repo, "--base", "main").exit_code == 0


def test_a_person_added_in_the_change_cannot_approve_in_it(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    assert repo.keys is not None
    repo.write("records/people/p-boss.yaml", dump({
        "kind": "person", "id": "p-boss", "owner": "p-zhang-wei", "name": "老板", "department": "总经理办公室",
        "roles": [{"role": "management", "start": "2026-01-01"}],
        "git": {"emails": [email("p-zhang-wei")], "signing_keys": [repo.keys["p-zhang-wei"].public]}}))
    a_customer_without_strategy(repo)
    repo.write(WAIVER_FILE, waiver_by("p-boss"))
    repo.commit("p-zhang-wei", "A new manager and a waiver", sign="p-zhang-wei")
    result = check(repo, "--base", "main")
    assert ("approval-unverified", WAIVER_FILE, 9, 3) in errors(result)
    assert "老板（p-boss） is not a person on the base" in " ".join(messages(result, "approval-unverified"))


def test_a_role_granted_in_the_change_cannot_be_used_in_it(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    world = repo.read("records/world.yaml")
    start = world.index("id: p-li-na")
    roles_at = world.index("roles:\n", start) + len("roles:\n")
    repo.write("records/world.yaml", world[:roles_at] + "  - role: management\n    start: 2026-01-01\n"
               + world[roles_at:])
    a_customer_without_strategy(repo)
    repo.write(WAIVER_FILE, waiver_by("p-li-na"))
    repo.commit("p-li-na", "Management, and a waiver", sign="p-li-na")
    CliRunner().invoke(main, ["codeowners", "--root", str(repo.root)])
    repo.commit("p-li-na", "CODEOWNERS", sign="p-li-na")
    result = check(repo, "--base", "main")
    assert ("approval-unverified", WAIVER_FILE, 9, 3) in errors(result)
    assert ("by the base's people records 李娜（p-li-na） did not hold management that day"
            in " ".join(messages(result, "approval-unverified")))


# ---------------------------------------------------------------------- approving never runs the change's code


def test_approve_on_a_branch_commits_onto_it_without_checking_it_out(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    repo.write("checker/evil.py", "raise SystemExit('the branch code ran')\n")  # never imported or run
    repo.write(QUOTE_FILE, repo.read(QUOTE_FILE).replace("status: sent", "status: sent  # 已发出"))
    tip = repo.commit("p-zhang-wei", "Quote, and code")
    repo.git("checkout", "-q", "main")
    signed_by(repo, "p-wang-jun")
    result = as_person(repo, "p-wang-jun", "approve", "QT-2026-007", "--branch", "change", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "committed onto branch change" in result.output and "(signed)" in result.output
    assert repo.git("rev-parse", "change~1").strip() == tip
    assert repo.git("diff", "--name-only", "change~1", "change").split() == [QUOTE_FILE]
    assert repo.git("status", "--porcelain").strip() == ""  # the working tree is main's, untouched
    repo.git("checkout", "-q", "change")
    assert check(repo, "--base", "main").exit_code == 0


def test_approve_refuses_a_branch_that_is_checked_out(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    result = as_person(repo, "p-wang-jun", "approve", "QT-2026-007", "--branch", "change", "--lang", "en")
    assert result.exit_code == 2
    assert "branch 'change' is checked out in a working tree" in result.output


def test_approve_has_no_date_of_its_own_choosing(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    result = approve(repo, "p-wang-jun", "--as-of", "2026-01-02")
    assert result.exit_code == 2
    assert "No such option '--as-of'" in result.output


def test_a_second_approval_of_a_file_changed_meanwhile_is_refused(git_repo: Callable[..., Repo],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.approvals import commands

    repo = git_repo("signed")
    loaded = commands._load

    def someone_approves_meanwhile(settings: object) -> object:
        found = loaded(settings)  # type: ignore[arg-type]
        repo.write(QUOTE_FILE, repo.read(QUOTE_FILE) + "# 赵敏 approved a moment ago\n")
        return found

    monkeypatch.setattr(commands, "_load", someone_approves_meanwhile)
    result = approve(repo, "p-wang-jun")
    assert result.exit_code == 1
    assert "changed while the approval was being made" in result.output
    assert repo.read(QUOTE_FILE).endswith("# 赵敏 approved a moment ago\n")  # nothing lost, nothing added


# ---------------------------------------------------------------------- what git is asked


def test_a_short_baseline_is_refused(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed", extra='approvals_baseline = "1234567"\n')
    result = check(repo)
    assert result.exit_code == 2
    assert "approvals_baseline must be a full commit id" in result.output


def test_a_short_baseline_on_the_base_is_refused_too(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    repo.write("pyproject.toml", repo.read("pyproject.toml") + f'approvals_baseline = "{first[:7]}"\n')
    repo.git("commit", "-qam", "Going live, short", person="p-zhao-min")  # (committed past the check)
    repo.git("checkout", "-q", "-b", "change")
    repo.write("pyproject.toml", repo.read("pyproject.toml").replace(first[:7], first))
    repo.commit("p-zhao-min", "The full id")
    result = check(repo, "--base", "main")
    assert result.exit_code == 2
    assert f"approvals_baseline must be a full commit id (40 or 64 hexadecimal digits), not '{first[:7]}'" in (
        result.output)


def test_a_tag_named_like_the_baseline_does_not_move_it(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    repo.write("pyproject.toml", repo.read("pyproject.toml") + f'approvals_baseline = "{first}"\n')
    repo.commit("p-zhao-min", "Going live", sign="p-zhao-min")
    repo.git("checkout", "-q", "-b", "change")
    add_approval(repo)
    forged = repo.commit("p-zhang-wei", "Approved")
    repo.git("tag", first, forged)  # a tag named as the baseline, on the forgery
    result = check(repo, "--base", "main")
    assert ("quote-approved", QUOTE_FILE, 15, 3) in errors(result)
    assert "whose author is not one of" not in " ".join(messages(result, "quote-approved"))
    assert f"commit {forged[:10]}, which is signed" not in " ".join(messages(result, "quote-approved"))
    assert f"commit {forged[:10]}, which is not signed" in " ".join(messages(result, "quote-approved"))


def test_blame_is_not_told_to_look_away(git_repo: Callable[..., Repo]) -> None:
    repo = approved_on_main(git_repo, "signed")
    text = raise_the_amount(repo.read(QUOTE_FILE))
    repo.write(QUOTE_FILE, text)
    repo.commit("p-zhang-wei", "Bigger order")
    entry = next(e for e in load(repo.root, repo.root / "records").entries if e.record.id == "QT-2026-007")
    from checker.records.digest import digest

    fresh = digest(entry.record)
    repo.write(QUOTE_FILE, re.sub(r"digest: sha256:[0-9a-f]+", f"digest: {fresh}", repo.read(QUOTE_FILE)))
    sha = repo.commit("p-zhang-wei", "Re-pin")
    repo.write(".git-blame-ignore-revs", sha + "\n")
    repo.commit("p-zhang-wei", "Ignore revs", ".git-blame-ignore-revs")
    repo.git("config", "blame.ignoreRevsFile", ".git-blame-ignore-revs")  # the runner's configuration
    line = repo.read(QUOTE_FILE).split("\n").index(f"  digest: {fresh}") + 1
    assert repo.git("blame", "--porcelain", "-L", f"{line},{line}", "--", QUOTE_FILE).split()[0] != sha  # looks away
    result = check(repo, "--base", "main")
    assert ("quote-approved", QUOTE_FILE, 15, 3) in errors(result)
    assert f"was added or changed by commit {sha[:10]}" in " ".join(messages(result, "quote-approved"))


def test_a_backdated_approval_fails_and_one_dated_that_day_passes(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    add_approval(repo, day="2026-02-10")
    sha = repo.commit("p-wang-jun", "Approve, dated before the quote was sent", sign="p-wang-jun")
    result = check(repo, "--base", "main")
    assert ("quote-approved", QUOTE_FILE, 15, 3) in errors(result)
    assert (f"is dated more than 3 days before commit {sha[:10]} that added it (2026-02-21): an approval cannot be "
            "backdated") in " ".join(messages(result, "quote-approved"))


def test_an_approval_withdrawn_and_put_back_by_someone_else_fails_with_a_warm_cache(
        git_repo: Callable[..., Repo], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    repo = approved_on_main(git_repo, "signed")
    approved = repo.read(QUOTE_FILE)
    assert check(repo, cache=True).exit_code == 0  # the blame of these bytes is cached
    repo.write(QUOTE_FILE, approved[:approved.index("approvals:")])
    repo.commit("p-zhang-wei", "Withdraw")
    repo.write(QUOTE_FILE, approved)
    sha = repo.commit("p-zhang-wei", "Put back")
    result = check(repo, cache=True)  # the morning's full check of main
    assert ("quote-approved", QUOTE_FILE, 15, 3) in errors(result)
    assert f"commit {sha[:10]}, which is not signed" in " ".join(messages(result, "quote-approved"))


# ---------------------------------------------------------------------- the machine's own protections


def test_a_repository_cannot_raise_the_file_size_limit(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed", extra="max_file_kib = 100000\n")
    result = check(repo)
    assert result.exit_code == 2
    assert "a repository may lower the limit, never raise it" in result.output


def test_the_machine_may_raise_the_limit_and_the_repository_lower_it(git_repo: Callable[..., Repo],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_MAX_FILE_KIB", "4096")
    result = check(git_repo("signed", extra="max_file_kib = 2048\n"))
    assert result.exit_code in (0, 1), result.output  # the check ran (the unapproved quote is its finding)
    assert json.loads(result.stdout)["summary"]["files"] == 4


def test_new_never_writes_through_a_symbolic_link(git_repo: Callable[..., Repo], tmp_path: Path) -> None:
    repo = git_repo("text")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, repo.root / "records" / "customers")
    result = CliRunner().invoke(main, ["new", "customer", "--id", "C-9", "--root", str(repo.root)])
    assert result.exit_code == 2
    assert "records/customers is a symbolic link or not a folder" in result.output
    assert list(outside.iterdir()) == []


def test_codeowners_covers_every_path_that_decides_a_verdict_or_builds_the_site(
        git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    assert CliRunner().invoke(main, ["codeowners", "--root", str(repo.root)]).exit_code == 0
    rules = [line.split() for line in repo.read(".github/CODEOWNERS").splitlines() if line and line[0] != "#"]

    def owners(path: str) -> list[str]:
        found: list[str] = []
        for pattern, *names in rules:  # the last matching pattern wins
            if pattern == "*" or ("/" + path).startswith(pattern):
                found = names
        return found

    for path in ("checker/cli.py", "overrides/main.html", "mkdocs.yml", "docs/index.md", "Makefile",
                 ".pre-commit-config.yaml", ".github/workflows/check.yml", "pyproject.toml", ".ci/run",
                 "records/people/p-li-na.yaml", "records/roles/management.yaml"):
        assert owners(path) == ["@zhao-min-qm"], path
    assert owners(QUOTE_FILE) == ["@wang-jun-qm"]


def test_git_is_asked_with_ignore_revs_replace_objects_and_mailmap_off() -> None:
    from checker.approvals.gitcheck import HARDENED, HARDENED_ENV

    assert {"blame.ignoreRevsFile=", "log.mailmap=false", "mailmap.file="} <= set(HARDENED)
    assert HARDENED_ENV["GIT_NO_REPLACE_OBJECTS"] == "1"
    done = subprocess.run(["git", *HARDENED, "version"], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------------- people who leave


def _identity_line(world: str, person: str) -> tuple[int, str]:
    """Where the ``emails:`` line of ``person``'s git identity starts, and its indentation."""
    found = re.compile(r"^( +)emails:", re.MULTILINE).search(world, world.index(f"id: {person}"))
    assert found is not None
    return found.start(), found.group(1)


def _leaves(repo: Repo, person: str, until: str) -> None:
    world = repo.read("records/world.yaml")
    at, indent = _identity_line(world, person)
    repo.write("records/world.yaml", world[:at] + f"{indent}until: {until}\n" + world[at:])


def test_an_approval_given_before_a_leaver_left_stays_valid(git_repo: Callable[..., Repo]) -> None:
    repo = approved_on_main(git_repo, "signed")
    repo.git("checkout", "-q", "main")
    _leaves(repo, "p-wang-jun", "2026-02-28")
    repo.commit("p-zhao-min", "王军 leaves on 02-28: his identities end, never deleted", sign="p-zhao-min")
    assert errors_or_none(check(repo)) == []


def test_a_commit_made_with_a_leavers_key_after_they_left_does_not_count(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    _leaves(repo, "p-wang-jun", "2026-02-10")
    repo.commit("p-zhao-min", "王军 left on 02-10", sign="p-zhao-min", when="2026-02-10T18:00:00+08:00")
    repo.git("checkout", "-q", "-b", "change")
    add_approval(repo)
    sha = repo.commit("p-wang-jun", "Approve with the old key", sign="p-wang-jun")
    result = check(repo, "--base", "main")
    assert ("quote-approved", QUOTE_FILE, 15, 3) in errors(result)
    assert (f"commit {sha[:10]} (2026-02-21), after 王军（p-wang-jun）'s git identities ended on 2026-02-10"
            in " ".join(messages(result, "quote-approved")))


def test_deleting_a_registered_identity_is_refused(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("checkout", "-q", "-b", "change")
    world = repo.read("records/world.yaml")
    at, indent = _identity_line(world, "p-wang-jun")
    end = world.index("\n", world.index("\n", at) + 1)  # the line and the one address under it
    repo.write("records/world.yaml", world[:at] + f"{indent}emails: []" + world[end:])
    repo.commit("p-zhao-min", "王军 left: his e-mail deleted", sign="p-zhao-min")
    result = check(repo, "--base", "main")
    [found] = [f for f in errors(result) if f[0] == "identity-removed"]
    assert found[1] == "records/world.yaml"
    assert ("Person p-wang-jun: the change deletes 1 e-mail the base registers"
            in " ".join(messages(result, "identity-removed")))


def errors_or_none(result: Result) -> list[tuple[str, str, int, int]]:
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return [(f["rule"], f["file"], f["line"], f["column"]) for f in data["findings"] if f["severity"] == "error"]
