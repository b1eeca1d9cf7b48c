"""``handbook check`` end to end: exit codes 0/1/2, languages, formats, --output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from junitparser import JUnitXml

from checker.cli import main
from tests.conftest import PROJECT, load_repo, rule, rule_set, write_repo

CUSTOMER = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
            "since": "2026-01-10"}


def strategy(severity: str) -> dict[str, Any]:
    return rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"],
                severity=severity, clause="3.2")


def repo(tmp_path: Path, severity: str = "error", records: list[dict[str, Any]] | None = None,
         **kwargs: Any) -> Path:
    return write_repo(tmp_path / "repo", [CUSTOMER] if records is None else records,
                      ruleset=rule_set([strategy(severity)]), **kwargs)


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", "2026-03-01", *args])


def test_exit_0_with_only_warnings(tmp_path: Path) -> None:
    result = check(repo(tmp_path, "warning"))
    assert result.exit_code == 0, result.output
    assert "警告" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].endswith("0 个错误，1 个警告，已豁免 0 个。")


def test_exit_0_when_clean(tmp_path: Path) -> None:
    result = check(repo(tmp_path, records=[dict(CUSTOMER, strategy="季度拜访")]))
    assert result.exit_code == 0
    assert result.stdout.startswith("检查了")


def test_exit_1_with_errors(tmp_path: Path) -> None:
    result = check(repo(tmp_path))
    assert result.exit_code == 1
    assert "records/r000-C-1.yaml" in result.stdout
    assert "(customer-strategy) [条款 3.2]" in result.stdout


def test_exit_1_for_a_loader_error(tmp_path: Path) -> None:
    root = repo(tmp_path, records=[dict(CUSTOMER, strategy="s")])
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    result = check(root)
    assert result.exit_code == 1 and "yaml-syntax" in result.stdout


@pytest.mark.parametrize("args", [
    ["--format", "pdf"],
    ["--lang", "fr"],
    ["--as-of", "2026-13-01"],
    ["--as-of", "next tuesday"],
    ["--no-such-option"],
])
def test_exit_2_for_bad_options(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(repo(tmp_path)), *args])
    assert result.exit_code == 2
    assert "Error" in result.output or "Usage" in result.output


def test_exit_2_for_a_missing_root(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_exit_2_without_a_rule_set(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", [CUSTOMER])
    result = check(root)
    assert result.exit_code == 2
    assert "no rule set" in result.output


def test_exit_2_before_the_rule_set_takes_effect(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(repo(tmp_path)), "--as-of", "2025-06-30"])
    assert result.exit_code == 2 and "in force" in result.output


def test_exit_2_without_the_records_folder(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.handbook]\nrecords = "missing"\n', encoding="utf-8")
    result = check(root)
    assert result.exit_code == 2 and "records folder not found" in result.output


@pytest.mark.parametrize("pyproject", ['[tool.handbook]\nlang = "fr"\n', '[tool.handbook]\nas_of = "soon"\n',
                                       '[tool.handbook\n'])
def test_exit_2_for_bad_settings(tmp_path: Path, pyproject: str) -> None:
    root = repo(tmp_path, pyproject=pyproject)
    assert CliRunner().invoke(main, ["check", "--root", str(root)]).exit_code == 2


def test_exit_2_when_the_rule_set_does_not_load_and_says_why(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "records" / "policy" / "rules.yaml").write_text("kind: rule-set\nid: [\n", encoding="utf-8")
    result = check(root)
    assert result.exit_code == 2
    assert "records/policy/rules.yaml" in result.stderr and "yaml" in result.stderr.lower()


def test_lang_en_and_default_zh(tmp_path: Path) -> None:
    root = repo(tmp_path)
    zh, en = check(root), check(root, "--lang", "en")
    assert "错误" in zh.stdout and "C-1：strategy 为空" in zh.stdout
    assert "error" in en.stdout and "C-1: strategy is empty" in en.stdout and "错误" not in en.stdout
    assert en.stdout.rstrip().splitlines()[-1].startswith("Checked 3 files, 13 records (as of 2026-03-01")


def test_lang_from_settings(tmp_path: Path) -> None:
    root = repo(tmp_path, pyproject='[tool.handbook]\nlang = "en"\n')
    assert "Checked" in check(root).stdout
    assert "检查了" in check(root, "--lang", "zh").stdout


def test_as_of_from_settings(tmp_path: Path) -> None:
    root = repo(tmp_path, pyproject='[tool.handbook]\nas_of = "2026-02-02"\n')
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--lang", "en"])
    assert "as of 2026-02-02" in result.stdout
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--lang", "en", "--as-of", "2026-04-04"])
    assert "as of 2026-04-04" in result.stdout


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "deep" / "report.json"
    result = check(repo(tmp_path), "--format", "json", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["summary"]["errors"] == 1


def test_format_json(tmp_path: Path) -> None:
    result = check(repo(tmp_path), "--format", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert [f["rule"] for f in document["findings"]] == ["customer-strategy"]
    assert document["findings"][0]["line"] == 1


def test_format_sarif(tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "reports" / "data" / "sarif-schema-2.1.0.json").read_text())
    result = check(repo(tmp_path), "--format", "sarif", "-o", str(tmp_path / "r.sarif"))
    document = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    assert result.exit_code == 1 and document["runs"][0]["results"][0]["ruleId"] == "customer-strategy"


def test_format_junit(tmp_path: Path) -> None:
    check(repo(tmp_path), "--format", "junit", "-o", str(tmp_path / "j.xml"))
    xml = JUnitXml.fromfile(str(tmp_path / "j.xml"))
    assert sum(suite.failures for suite in xml) == 1


def test_format_github(tmp_path: Path) -> None:
    lines = check(repo(tmp_path), "--format", "github").stdout.splitlines()
    assert lines[0].startswith("::error file=records/r000-C-1.yaml,line=1,col=1,title=customer-strategy 3.2::")
    assert lines[-1].startswith("检查了")


def test_format_markdown(tmp_path: Path) -> None:
    output = check(repo(tmp_path), "--format", "markdown", "--lang", "en").stdout
    assert output.startswith("## Handbook check")
    assert ("| ❌ error | `records/r000-C-1.yaml:1:1` | `C-1` 华新 | 张伟 \\(p\\-zhang\\-wei\\) | "
            "`customer-strategy` | 3\\.2 |") in output  # punctuation escaped


def test_format_text_has_no_colour_when_not_a_terminal(tmp_path: Path) -> None:
    root = repo(tmp_path)
    assert "\x1b[" not in check(root).stdout
    assert "\x1b[" not in check(root, "--no-color").stdout


def test_color_flag_forces_colour_when_piped(tmp_path: Path) -> None:
    root = repo(tmp_path)
    command = [sys.executable, "-m", "checker", "check", "--root", str(root), "--as-of", "2026-03-01",
               "--color"]
    result = subprocess.run(command, capture_output=True, cwd=PROJECT, check=False)
    assert result.returncode == 1
    assert b"\x1b[" in result.stdout


def test_no_cache_and_cache_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    first = check(root)
    assert list((tmp_path / "cache" / "handbook").iterdir())  # outside the repository
    assert not (root / ".handbook-cache").exists()
    assert check(root).stdout == first.stdout == check(root, "--no-cache").stdout


def test_cache_problems_are_warned_on_stderr_and_change_nothing(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    first = check(root)
    [index] = (tmp_path / "cache" / "handbook").glob("*/store-*-index.marshal")
    index.write_bytes(b"not a cache")
    again = check(root)
    assert again.stdout == first.stdout and again.exit_code == first.exit_code
    assert again.stderr.startswith("handbook: the record store's index is damaged")


def test_root_found_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path)
    monkeypatch.chdir(root / "records")
    result = CliRunner().invoke(main, ["check", "--as-of", "2026-03-01", "--lang", "en"])
    assert result.exit_code == 1 and "strategy is empty" in result.stdout


def test_real_process_exit_codes(tmp_path: Path) -> None:
    root = repo(tmp_path, "warning")
    command = [sys.executable, "-m", "checker", "check", "--root", str(root), "--as-of", "2026-03-01"]
    assert subprocess.run(command, capture_output=True, cwd=PROJECT, check=False).returncode == 0
    bad = subprocess.run([*command, "--format", "nope"], capture_output=True, cwd=PROJECT, check=False)
    assert bad.returncode == 2 and b"nope" in bad.stderr


def test_new_writes_a_template_into_the_kind_folder_a_visit_into_its_month(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.handbook]\nlang = "en"\nas_of = "2026-03-05"\n',
                                             encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["new", "visit", "--id", "V-2026-0099", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "records" / "visits" / "2026-03" / "V-2026-0099.yaml"
    assert written.is_file() and "# Customer id (required) e.g. C-0001\ncustomer:\n" in written.read_text(
        encoding="utf-8")
    again = runner.invoke(main, ["new", "visit", "--id", "V-2026-0099", "--root", str(tmp_path), "--as-of",
                                 "2026-04-01"])  # in another month's folder, still the same id
    assert again.exit_code == 2 and "V-2026-0099 already exists under" in again.output
    bad = runner.invoke(main, ["new", "visit", "--id", "../escape", "--root", str(tmp_path)])
    assert bad.exit_code == 2


def new_repo(tmp_path: Path) -> Path:
    """A repository for `handbook new`: the shared company and a rule set in force."""
    return write_repo(tmp_path / "repo", [], ruleset=rule_set([]))


def new(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["new", *args, "--root", str(root)])


ID_RULE_TEXT = "starts with a letter or digit (A-Z, a-z, 0-9) and holds only letters, digits, '-', '_' and '.'"


@pytest.mark.parametrize(("record_id", "says"), [
    (".hidden", f"'.hidden' is not a record id: an id {ID_RULE_TEXT}"),  # the loader skips dot-files
    (".", "'.' is not a record id"),
    ("..", "'..' is not a record id"),
    ("-x", "'-x' is not a record id"),
    ("--help", "'--help' is not a record id"),
    ("", "'' is not a record id"),
    ("../escape", "'../escape' is not a record id"),
    ("a/b", "'a/b' is not a record id"),
    ("C 1", "'C 1' is not a record id"),
    ("客户-1", "'客户-1' is not a record id"),
    ("C-1\n", "'C-1\\n' is not a record id"),
    ("C-1.yaml", "give the id without the file suffix '.yaml' (the file is named after the id): did you mean C-1?"),
    ("C-1.YML", "without the file suffix '.YML' (the file is named after the id): did you mean C-1?"),
    ("notes.md", "without the file suffix '.md' (the file is named after the id): did you mean notes?"),
    ("C" * 65, f"{'C' * 24!r}... has 65 characters; an id {ID_RULE_TEXT}, at most 64 characters."),
    ("x" * 300, "has 300 characters"),  # once a traceback: file name too long
])
def test_new_refuses_an_id_that_names_no_readable_record_file(tmp_path: Path, record_id: str, says: str) -> None:
    root = new_repo(tmp_path)
    for args in (["customer", f"--id={record_id}"], ["customer", f"--id={record_id}", "--print"]):
        result = new(root, *args)
        assert result.exit_code == 2, result.output
        assert "Invalid value for --id: " in result.output and says in result.output, result.output
    assert not (root / "records" / "customers").exists()


@pytest.mark.parametrize(("kind", "record_id", "file"), [
    ("customer", "C-0033", "customers/C-0033.yaml"),
    ("annual-plan", "2027", "plans/annual/2027.yaml"),  # periods serve as ids
    ("quote", "qt_2026.031", "quotes/qt_2026.031.yaml"),
    ("customer", "C" * 64, f"customers/{'C' * 64}.yaml"),
])
def test_new_writes_a_record_the_checker_reads_back_under_its_id(tmp_path: Path, kind: str, record_id: str,
                                                                 file: str) -> None:
    root = new_repo(tmp_path)
    result = new(root, kind, "--id", record_id)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"records/{file}\n"
    unfilled = [f for f in load_repo(root).findings if f.file == f"records/{file}"]
    assert unfilled and {f.record for f in unfilled} == {record_id}  # read back, and not passing until filled in


@pytest.mark.parametrize(("kind", "file"), [
    ("quote", "quotes/QT-2027-001.yaml"),
    ("expense-claim", "expenses/2027-02/EC-2027-001.yaml"),
    ("monthly-plan", "plans/monthly/MP-2027-02.yaml"),
])
def test_new_without_an_id_takes_the_next_id_of_this_year_in_the_samples_pattern(tmp_path: Path, kind: str,
                                                                                 file: str) -> None:
    root = new_repo(tmp_path)
    result = new(root, kind, "--as-of", "2027-02-10")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"records/{file}\n"
    assert "2026" not in (root / "records" / file).read_text(encoding="utf-8")


def test_new_asks_for_the_id_when_it_names_a_person(tmp_path: Path) -> None:
    result = new(new_repo(tmp_path), "appraisal")
    assert result.exit_code == 2
    assert "give --id: appraisal ids name what only you know (e.g. AR-2026-Q1-p-zhang-wei)" in result.output


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
                   capture_output=True, check=True)


def branched_repo(tmp_path: Path) -> Path:
    """A repository on main whose branch li-na/quote (not checked out) adds QT-2027-001."""
    root = new_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")
    _git(root, "switch", "-q", "-c", "li-na/quote")
    (root / "records" / "quotes").mkdir()
    (root / "records" / "quotes" / "QT-2027-001.yaml").write_text("kind: quote\nid: QT-2027-001\n", "utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "QT-2027-001")
    _git(root, "switch", "-q", "main")
    return root


def test_new_takes_an_id_no_other_branch_has_and_says_so(tmp_path: Path) -> None:
    root = branched_repo(tmp_path)
    result = new(root, "quote", "--as-of", "2027-02-10", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == "records/quotes/QT-2027-002.yaml\n"
    assert result.stderr.splitlines()[0] == (
        "Id QT-2027-002: the next free one of its kind (checked in the working tree and on the branches git "
        "knows; remote branches as of your last git fetch); QT-2027-001 is taken on branch li-na/quote.")
    again = new(root, "quote", "--as-of", "2027-02-10", "--print")
    assert again.stderr.splitlines() == [
        "编号 QT-2027-003：同类记录的下一个空闲编号（已核对工作区和 git 已知的分支；远程分支以上次 git fetch 为准）。"]
    # 002 is now the working tree's own: nothing on another branch was passed over
    assert "\nid: QT-2027-003\n" in again.stdout


def test_new_refuses_an_id_another_branch_holds(tmp_path: Path) -> None:
    root = branched_repo(tmp_path)
    for lang, says in (("zh", "Error: QT-2027-001 已在分支 li-na/quote 上使用：两个分支用同一编号，合并时会冲突。"
                              "请换一个 --id，例如 QT-2027-002（下一个空闲编号）。"),
                       ("en", "Error: QT-2027-001 is already used on branch li-na/quote: two branches with the "
                              "same id conflict when they are merged. Choose another --id, e.g. QT-2027-002, the "
                              "next free one.")):
        result = new(root, "quote", "--id", "QT-2027-001", "--as-of", "2027-02-10", "--lang", lang)
        assert result.exit_code == 2 and result.stderr.splitlines()[-1] == says, result.output
    assert not (root / "records" / "quotes" / "QT-2027-001.yaml").exists()


def test_new_outside_git_looks_at_the_working_tree_only(tmp_path: Path) -> None:
    root = new_repo(tmp_path)
    (root / ".git").write_text("gitdir: /nowhere\n", encoding="utf-8")  # not a repository git accepts
    result = new(root, "quote", "--as-of", "2027-02-10", "--lang", "en")
    assert result.exit_code == 0 and result.stdout == "records/quotes/QT-2027-001.yaml\n"
    assert result.stderr.splitlines()[0] == (
        "Id QT-2027-001: the next free one of its kind (checked in the working tree only: this is not a git "
        "repository, so other branches cannot be seen).")
