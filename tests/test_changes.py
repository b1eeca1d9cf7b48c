"""check --base: a pull request is judged by what it changes, on real git repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from checker import changes, reports
from checker.changes import identity
from checker.cli import main
from checker.findings import Finding, Message
from checker.loading import repository, store
from checker.pipeline import judged_as_text
from checker.settings import Settings
from tests.conftest import dump, rule, rule_set, write_repo

STRATEGY = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"], clause="3.2")


def customer(customer_id: str, strategy: str | None = None) -> dict[str, Any]:
    record = {"kind": "customer", "id": customer_id, "owner": "p-zhang-wei", "name": "华新", "class": "key",
              "since": "2026-01-10"}
    if strategy:
        record["strategy"] = strategy
    return record


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def main_branch(tmp_path: Path) -> Path:
    """A repository whose main already has an error: C-1 has no strategy."""
    root = write_repo(tmp_path / "repo", [], ruleset=rule_set([STRATEGY]))
    (root / "records" / "customers").mkdir()
    (root / "records" / "customers" / "C-1.yaml").write_text(dump(customer("C-1")), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.com", "add", ".")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "start")
    git(root, "checkout", "-q", "-b", "change")
    return root


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", "2026-03-01", "--no-cache",
                                     "--lang", "en", *args])


def findings(result: Result) -> list[dict[str, Any]]:
    return list(json.loads(result.stdout)["findings"])


def test_without_base_the_existing_error_fails(main_branch: Path) -> None:
    assert check(main_branch).exit_code == 1


def test_adding_a_compliant_record_passes_though_main_has_errors(main_branch: Path) -> None:
    (main_branch / "records" / "customers" / "C-2.yaml").write_text(dump(customer("C-2", "年度框架")), "utf-8")
    result = check(main_branch, "--base", "main", "--format", "json")
    assert result.exit_code == 0
    assert [(f["record"], f["change"]) for f in findings(result)] == [("C-1", "existing")]


def test_adding_a_non_compliant_record_fails_with_that_finding_new(main_branch: Path) -> None:
    (main_branch / "records" / "customers" / "C-2.yaml").write_text(dump(customer("C-2")), "utf-8")
    result = check(main_branch, "--base", "main", "--format", "json")
    assert result.exit_code == 1
    assert [(f["file"], f["record"], f["change"]) for f in findings(result)] == [
        ("records/customers/C-2.yaml", "C-2", "new"), ("records/customers/C-1.yaml", "C-1", "existing")]


def test_editing_lines_above_a_finding_introduces_nothing(main_branch: Path) -> None:
    path = main_branch / "records" / "customers" / "C-1.yaml"
    path.write_text("# 客户档案，2026 年更新\n# 负责人：张伟\n" + path.read_text("utf-8"), "utf-8")
    result = check(main_branch, "--base", "main", "--format", "json", "--fail-on", "new")
    assert result.exit_code == 0
    [finding] = findings(result)
    assert (finding["change"], finding["line"]) == ("existing", 3)


def test_touched_file_with_an_old_error_passes_by_default_and_fails_with_fail_on_touched(main_branch: Path) -> None:
    path = main_branch / "records" / "customers" / "C-1.yaml"
    path.write_text(path.read_text("utf-8").replace("华新", "华新机电"), "utf-8")
    result = check(main_branch, "--base", "main", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("None of the errors fails the check: each was there before this change.")
    assert check(main_branch, "--base", "main", "--fail-on", "touched").exit_code == 1
    assert check(main_branch, "--base", "main", "--fail-on", "all").exit_code == 1


def test_the_summary_says_which_errors_fail_the_check(main_branch: Path) -> None:
    (main_branch / "records" / "customers" / "C-2.yaml").write_text(dump(customer("C-2", None)), "utf-8")
    result = check(main_branch, "--base", "main", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith("The check fails on the 1 error this change introduces.")
    zh = check(main_branch, "--base", "main", "--lang", "zh")
    assert zh.stdout.rstrip().endswith("检查因本次改动引入的 1 个错误而失败。")


def test_fixing_an_existing_finding_lists_it_as_fixed(main_branch: Path) -> None:
    path = main_branch / "records" / "customers" / "C-1.yaml"
    path.write_text(dump(customer("C-1", "年度框架")), "utf-8")
    result = check(main_branch, "--base", "main", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert [(f["record"], f["rule"]) for f in report["fixed"]] == [("C-1", "customer-strategy")]


def test_base_is_read_from_git_objects_without_touching_the_working_tree(main_branch: Path) -> None:
    (main_branch / "records" / "customers" / "C-2.yaml").write_text(dump(customer("C-2")), "utf-8")
    before = git(main_branch, "status", "--porcelain", "--untracked-files=all")
    assert check(main_branch, "--base", "main").exit_code == 1
    assert git(main_branch, "status", "--porcelain", "--untracked-files=all") == before
    assert len(git(main_branch, "worktree", "list").splitlines()) == 1


def test_base_that_is_not_a_revision_is_a_usage_error(main_branch: Path) -> None:
    result = check(main_branch, "--base", "no-such-branch")
    assert result.exit_code == 2 and "--base no-such-branch" in result.output
    assert check(main_branch, "--base", "--help").exit_code == 2


def test_changes_on_main_since_the_branch_left_it_are_not_the_changes(main_branch: Path) -> None:
    git(main_branch, "checkout", "-q", "main")
    (main_branch / "records" / "customers" / "C-3.yaml").write_text(dump(customer("C-3")), "utf-8")
    git(main_branch, "add", ".")
    git(main_branch, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "on main")
    git(main_branch, "checkout", "-q", "change")
    result = check(main_branch, "--base", "main", "--format", "json")
    assert result.exit_code == 0  # compared with where the branch left main: C-3 is neither new nor fixed
    report = json.loads(result.stdout)
    assert [f["change"] for f in report["findings"]] == ["existing"] and report["fixed"] == []


def _finding(record: str | None, file: str, line: int, path: tuple[str | int, ...] = ()) -> Finding:
    return Finding(file=file, rule="r", severity="error", message=Message("x", "x"), fix=Message("y", "y"),
                   record=record, line=line, path=path)


def test_identity_ignores_lines_files_and_list_positions_of_records() -> None:
    assert identity(_finding("C-1", "a.yaml", 3, (0, "strategy"))) == identity(
        _finding("C-1", "b.yaml", 9, (2, "strategy")))
    assert identity(_finding(None, "a.yaml", 3)) != identity(_finding(None, "b.yaml", 3))


def test_editing_a_rule_set_in_force_is_an_error_a_new_version_is_not(main_branch: Path) -> None:
    rules = main_branch / "records" / "policy" / "rules.yaml"
    original = rules.read_text("utf-8")
    rules.write_text(original.replace("fields:\n    - strategy", "fields:\n    - strategy\n    - name"), "utf-8")
    assert rules.read_text("utf-8") != original
    result = check(main_branch, "--base", "main", "--format", "json")
    assert result.exit_code == 1
    [edited] = [f for f in findings(result) if f["rule"] == "rule-set-edited"]
    assert (edited["file"], edited["change"], edited["line"]) == ("records/policy/rules.yaml", "new", 12)
    rules.write_text(original, "utf-8")
    second = rule_set([STRATEGY], effective="2026-04-01", version="test.2")
    second["id"] = "rules-test.2"
    (main_branch / "records" / "policy" / "rules-test.2.yaml").write_text(dump(second), "utf-8")
    assert [f["rule"] for f in findings(check(main_branch, "--base", "main", "--format", "json"))] == [
        "customer-strategy"]


def test_rewording_a_rule_in_force_is_not_an_edit_of_its_verdicts(main_branch: Path) -> None:
    rules = main_branch / "records" / "policy" / "rules.yaml"
    rules.write_text(rules.read_text("utf-8").replace("标题 customer-strategy", "客户须有分类策略"), "utf-8")
    assert [f["rule"] for f in findings(check(main_branch, "--base", "main", "--format", "json"))] == [
        "customer-strategy"]


def cached_check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", "2026-03-01", "--lang", "en",
                                     "--base", "main", *args])


@pytest.fixture
def changed(main_branch: Path) -> Path:
    """The change: a new customer without a strategy (a new error) and C-1 renamed (touched)."""
    (main_branch / "records" / "customers" / "C-2.yaml").write_text(dump(customer("C-2")), "utf-8")
    path = main_branch / "records" / "customers" / "C-1.yaml"
    path.write_text(path.read_text("utf-8").replace("华新", "华新机电"), "utf-8")
    return main_branch


def refuse_to_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded")

    monkeypatch.setattr(repository, "load", refuse)
    monkeypatch.setattr(changes, "load", refuse)


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_a_warm_base_check_evaluates_nothing_and_says_what_a_cold_one_says(
        changed: Path, monkeypatch: pytest.MonkeyPatch, output_format: str) -> None:
    fresh = cached_check(changed, "--format", output_format, "--no-cache")
    cold = cached_check(changed, "--format", output_format)  # keeps the working tree's report and the base's
    refuse_to_load(monkeypatch)
    warm = cached_check(changed, "--format", output_format)
    assert fresh.exit_code == cold.exit_code == warm.exit_code == 1
    assert fresh.stdout == cold.stdout == warm.stdout
    if output_format == "json":
        report = json.loads(warm.stdout)
        assert [(f["file"], f["record"], f["change"], f["line"]) for f in report["findings"]] == [
            ("records/customers/C-2.yaml", "C-2", "new", 1), ("records/customers/C-1.yaml", "C-1", "existing", 1)]
        assert report["fixed"] == []
    else:
        assert warm.stdout.splitlines()[-1] == cold.stdout.splitlines()[-1] != ""


def test_an_edit_after_a_warm_base_check_is_compared_with_the_kept_base_without_blob_ids(
        changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_check(changed, "--format", "json")
    (changed / "records" / "customers" / "C-2.yaml").write_text(dump(customer("C-2", "年度框架")), "utf-8")

    def refuse(data: bytes) -> str:
        raise AssertionError("a blob id was computed")

    monkeypatch.setattr(repository, "blob_id", refuse)
    monkeypatch.setattr(changes, "load", refuse)  # the base is not loaded again
    warm = cached_check(changed, "--format", "json")
    monkeypatch.undo()
    assert warm.exit_code == 0  # C-1 is touched and still has its error, which was there before
    assert warm.stdout == cached_check(changed, "--format", "json", "--no-cache").stdout
    assert [(f["record"], f["change"]) for f in findings(warm)] == [("C-1", "existing")]


def test_a_kept_base_is_not_used_for_another_base_date_or_settings(changed: Path) -> None:
    cached_check(changed, "--format", "json")
    git(changed, "add", ".")
    git(changed, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "change")
    (changed / "records" / "customers" / "C-3.yaml").write_text(dump(customer("C-3")), "utf-8")
    for args in (("--base", "change"), ("--as-of", "2026-03-02"), ()):
        warm = cached_check(changed, "--format", "json", *args)
        assert warm.stdout == cached_check(changed, "--format", "json", "--no-cache", *args).stdout
    assert [(f["record"], f["change"]) for f in findings(cached_check(changed, "--format", "json", "--base", "change"))
            ] == [("C-3", "new"), ("C-1", "existing"), ("C-2", "existing")]
    (changed / "pyproject.toml").write_text((changed / "pyproject.toml").read_text("utf-8") + "max_file_kib = 64\n",
                                            "utf-8")
    assert cached_check(changed, "--format", "json").stdout == cached_check(changed, "--format", "json",
                                                                            "--no-cache").stdout


def test_a_damaged_kept_base_is_warned_about_and_evaluated_again(changed: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    cold = cached_check(changed, "--format", "json")
    [kept] = (tmp_path / "cache").glob("handbook/*/store-*-base.pickle")
    kept.write_bytes(kept.read_bytes()[:-3])
    again = cached_check(changed, "--format", "json")
    assert again.stdout == cold.stdout and again.exit_code == 1
    assert again.stderr.startswith("handbook: the kept evaluation of the base is damaged")
    assert cached_check(changed, "--format", "json").stderr == ""


def test_approvals_verified_on_the_base_keep_the_working_tree_report_from_being_reused(main_branch: Path) -> None:
    git(main_branch, "checkout", "-q", "main")
    pyproject = main_branch / "pyproject.toml"
    text_level = pyproject.read_text("utf-8")
    pyproject.write_text(text_level + 'approvals = "author"\n', "utf-8")
    git(main_branch, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-am", "author")
    git(main_branch, "checkout", "-q", "-b", "lowered")
    pyproject.write_text(text_level, "utf-8")
    settings = Settings.load(main_branch)
    assert settings.approvals == "text"
    assert not judged_as_text(settings, git(main_branch, "rev-parse", "main").strip())
    assert judged_as_text(settings, git(main_branch, "rev-parse", "main~1").strip())


@pytest.mark.parametrize("cache", ["--no-cache", "--lang=en"])
def test_a_file_name_that_cannot_be_shown_on_the_base_too_is_an_existing_finding(main_branch: Path,
                                                                                  cache: str) -> None:
    (main_branch / "records" / "customers" / "C\t2.yaml").write_text(dump(customer("C-2", "年度框架")), "utf-8")
    git(main_branch, "add", ".")
    git(main_branch, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "tab")
    git(main_branch, "checkout", "-q", "-b", "later")
    result = CliRunner().invoke(main, ["check", "--root", str(main_branch), "--as-of", "2026-03-01", "--lang", "en",
                                       "--base", "change", "--format", "json", cache])
    assert [(f["rule"], f["change"]) for f in findings(result)] == [("file-name", "existing"),
                                                                     ("customer-strategy", "existing")]


def test_a_repeated_base_check_says_again_that_the_base_cannot_be_evaluated(main_branch: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "RACY_NS", 0)  # files written just now still tell by their stat data
    git(main_branch, "checkout", "-q", "main")
    git(main_branch, "rm", "-q", "records/policy/rules.yaml")
    git(main_branch, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "no rules")
    git(main_branch, "checkout", "-q", "-b", "rules")
    git(main_branch, "checkout", "-q", "change", "--", "records/policy/rules.yaml")
    cold = cached_check(main_branch, "--format", "json")
    refuse_to_load(monkeypatch)
    monkeypatch.setattr(reports, "FORMATS", {})  # repeated as written, not rendered again
    warm = cached_check(main_branch, "--format", "json")
    assert warm.stdout == cold.stdout and warm.exit_code == cold.exit_code == 1
    assert warm.stderr == cold.stderr
    assert cold.stderr.startswith("handbook: the base ") and "cannot be evaluated" in cold.stderr
    assert [(f["record"], f["change"]) for f in findings(warm)] == [("C-1", "new")]


def test_a_repeated_base_check_sees_the_touched_files_change_with_the_ignore_rules(
        changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "RACY_NS", 0)
    git(changed, "reset", "-q")  # C-2 is untracked: touched unless ignored
    cold = cached_check(changed, "--format", "json", "--fail-on", "touched")
    (changed / ".gitignore").write_text("records/customers/C-2.yaml\n", "utf-8")
    again = cached_check(changed, "--format", "json", "--fail-on", "touched")
    assert again.stdout == cached_check(changed, "--format", "json", "--fail-on", "touched", "--no-cache").stdout
    assert json.loads(cold.stdout)["touched"] != json.loads(again.stdout)["touched"]
