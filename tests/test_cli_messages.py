"""The command's words for people: ``check`` in the clickable ``text`` format and the
``grouped`` one, and ``handbook new`` saying what to do next."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main
from tests.test_cli import check, new, new_repo, repo


def test_text_is_one_clickable_line_per_finding_with_its_fix_below(tmp_path: Path) -> None:
    result = check(repo(tmp_path), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    [at] = [i for i, line in enumerate(lines) if "(customer-strategy)" in line]
    assert re.match(r"^records/\S+\.yaml:\d+:\d+: error C-1: strategy is empty \(customer-strategy\) \[clause 3\.2\]$",
                    lines[at]), lines[at]
    assert lines[at + 1].startswith("    fix: ")


def test_grouped_lists_each_file_then_its_findings(tmp_path: Path) -> None:
    result = check(repo(tmp_path), "--format", "grouped", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    [at] = [i for i, line in enumerate(lines) if "(customer-strategy)" in line]
    assert lines[at - 1].startswith("records/") and lines[at - 1].endswith(".yaml")
    assert lines[at].split()[1] == "error"


def test_grouped_may_be_coloured_too(tmp_path: Path) -> None:
    result = check(repo(tmp_path), "--format", "grouped", "--color")
    assert "\x1b[" in result.stdout


def test_new_prints_the_file_then_the_next_step(tmp_path: Path) -> None:
    root = new_repo(tmp_path)
    result = CliRunner().invoke(main, ["new", "quote", "--id", "QT-2026-031", "--root", str(root), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "records/quotes/QT-2026-031.yaml\n"  # alone, for scripts
    assert result.stderr.startswith("Next: fill in records/quotes/QT-2026-031.yaml")
    assert "handbook check" in result.stderr and "pull request" in result.stderr


def test_new_says_the_next_step_in_chinese(tmp_path: Path) -> None:
    result = new(new_repo(tmp_path), "customer", "--id", "C-0033")
    assert result.stderr.startswith("下一步：按注释填写 records/customers/C-0033.yaml")
    assert "handbook check" in result.stderr and "拉取请求" in result.stderr
