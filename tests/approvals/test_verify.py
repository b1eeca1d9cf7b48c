"""The level a run is judged at, and which approvals it verifies: every one on a full run,
the ones a change adds with --base, by the base's level, identities and keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.approvals.gitcheck import VerifyError
from checker.approvals.verify import settings_at, unverified
from checker.loading.cache import ParseCache
from checker.settings import Settings, SettingsError
from tests.approvals.conftest import Repo, needs_ssh_keygen
from tests.approvals.test_gitcheck import add_approval, loaded

pytestmark = needs_ssh_keygen


def run(repo: Repo, base: str | None = None) -> tuple[str, set[str]]:
    settings = Settings.load(repo.root)
    verified = unverified(settings, loaded(repo), base, ParseCache(None), 1 << 20, use_cache=False)
    return verified.level, {approval.person for (_, approval) in verified.distrusted}


@pytest.mark.parametrize(("line", "says"), [
    ('approvals = "strict"', "approvals must be one of text, author, signed, not 'strict'"),
    ('approvals_baseline = "HEAD~3"', "approvals_baseline must be a full commit id (40 or 64 hexadecimal digits, "
                                      "as `git rev-parse HEAD` prints it), not 'HEAD~3'"),
    ('approvals_baseline = "bcd4fc4"', "approvals_baseline must be a full commit id (40 or 64 hexadecimal digits, "
                                       "as `git rev-parse HEAD` prints it), not 'bcd4fc4'"),
])
def test_bad_approval_settings_are_a_clear_error(tmp_path: Path, line: str, says: str) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "pyproject.toml").write_text(f"[tool.handbook]\n{line}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=says.replace("(", r"\(").replace(")", r"\)")):
        Settings.load(tmp_path)


def test_text_level_verifies_nothing_against_git(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("text")
    add_approval(repo)
    repo.commit("p-zhang-wei", "Forged")
    assert run(repo) == ("text", set())


def test_a_full_run_verifies_every_approval(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("author")
    add_approval(repo)
    repo.commit("p-zhang-wei", "Forged")
    assert run(repo) == ("author", {"p-wang-jun"})


def test_a_change_cannot_lower_the_level_it_is_judged_at(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("signed")
    repo.git("branch", "base")
    repo.write("pyproject.toml", repo.read("pyproject.toml").replace('approvals = "signed"', 'approvals = "text"'))
    add_approval(repo)
    repo.commit("p-wang-jun", "Approve, unsigned, and switch verification off")
    assert settings_at(repo.root, "base") == ("signed", None)
    assert run(repo) == ("text", set())
    assert run(repo, base="base") == ("signed", {"p-wang-jun"})


def test_with_a_base_an_approval_already_there_is_not_verified_again(git_repo: Callable[..., Repo]) -> None:
    repo = git_repo("author")
    add_approval(repo)
    repo.commit("p-zhang-wei", "Merged before the team verified approvals")
    repo.git("branch", "base")
    assert run(repo, base="base") == ("author", set())


def test_a_shallow_clone_cannot_be_verified(git_repo: Callable[..., Repo], tmp_path: Path) -> None:
    repo = git_repo("author")
    clone = tmp_path / "shallow"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    with pytest.raises(VerifyError, match="fetch-depth: 0"):
        run(Repo(clone, None))
