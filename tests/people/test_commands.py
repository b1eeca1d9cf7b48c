"""handbook todo: the person from --person or the git identity; exit codes 0 and 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from checker.cli import main
from tests.people.conftest import build, leaving

ISOLATED = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}  # only the repository's own git config


def todo(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["todo", "--root", str(root), "--as-of", "2026-11-27", *args], env=ISOLATED)


def test_a_named_persons_list_exits_0(company: Path) -> None:
    result = todo(company, "--person", "p-zhang", "--within", "14", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("To do for 张伟 (p-zhang) · as of 2026-11-27 · next 14 days\n")
    assert "Due soon (3)" in result.stdout


def test_a_full_name_works_as_well(company: Path) -> None:
    assert todo(company, "--person", "张伟").stdout.startswith("张伟（p-zhang）的待办")


def test_without_person_the_git_identity_decides(company: Path) -> None:
    subprocess.run(["git", "init", "-q", str(company)], check=True)
    subprocess.run(["git", "-C", str(company), "config", "user.email", "zhang.wei@example.cn"], check=True)
    result = todo(company, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("To do for 张伟 (p-zhang)")
    assert "zhang.wei@example.cn" not in result.output  # a private field, never printed


def test_without_person_or_a_matching_git_identity_it_is_a_usage_error(company: Path) -> None:
    result = todo(company, "--lang", "en")
    assert result.exit_code == 2
    assert "No person record matches your git identity (user.email or user.name); name one with --person" \
        in result.output


def test_an_unknown_person_suggests_the_closest_id(company: Path) -> None:
    result = todo(company, "--person", "zhang")
    assert result.exit_code == 2 and "是不是 p-zhang？" in result.output


def test_within_must_be_a_number_of_days(company: Path) -> None:
    assert todo(company, "--person", "p-zhang", "--within", "-1").exit_code == 2


def test_a_leaver_is_told_they_have_left_and_to_whom_their_items_went(tmp_path: Path) -> None:
    root = build(tmp_path, leaving())
    result = CliRunner().invoke(main, ["todo", "--root", str(root), "--as-of", "2026-12-02", "--person", "张伟",
                                       "--lang", "en"], env=ISOLATED)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:] == [
        "张伟 (p-zhang) has left: last day in a role 2026-11-30 (Salesperson); nothing is on their list any more.",
        "What they owned was handed over to:",
        "  - 孙丽 (p-sun): 5 items"]
