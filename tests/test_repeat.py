"""A repeated check when nothing changed: the kept output, byte for byte, with its exit
code; never when a record file, the date, the settings, CODEOWNERS or the variant differ."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker import reports
from checker.cli import FORMAT_NAMES, main
from checker.loading import files, repository, store
from checker.repeat import kept_output, listing_digest
from checker.settings import Settings
from tests.conftest import PROJECT, rule, rule_set, write_repo

CUSTOMER = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
            "since": "2026-01-10"}
STRATEGY = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"], clause="3.2")
AS_OF = date(2026, 3, 1)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one error, and a cache of its own. Its files were written just now:
    with the usual racy window the index would hold no stat data for them (and nothing
    could be repeated) until they are two seconds old."""
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(store, "RACY_NS", 0)
    return write_repo(tmp_path / "repo", [CUSTOMER], ruleset=rule_set([STRATEGY]))


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", AS_OF.isoformat(), *args])


def no_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on a check that loads, reuses a kept report or renders fails."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("evaluated again")

    monkeypatch.setattr(repository, "load", refuse)
    monkeypatch.setattr(repository, "unchanged_report", refuse)
    monkeypatch.setattr(reports, "FORMATS", {})


@pytest.mark.parametrize("args", [(f"--format={name}",) for name in FORMAT_NAMES]
                         + [("--format=text", "--color"), ("--lang=en",), ("--fail-on=new",)])
def test_a_repeat_writes_the_kept_output_byte_for_byte_with_its_exit_code(
        root: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    fresh = check(root, "--no-cache", *args)
    first = check(root, *args)  # evaluates, keeps the report and this output
    no_evaluation(monkeypatch)
    repeated = check(root, *args)
    assert fresh.exit_code == first.exit_code == repeated.exit_code == 1
    assert fresh.stdout_bytes == first.stdout_bytes == repeated.stdout_bytes != b""
    assert repeated.stderr == ""


def test_a_repeat_writes_the_kept_output_to_the_output_file(root: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    check(root, "--format=sarif", "-o", str(tmp_path / "first.sarif"))
    no_evaluation(monkeypatch)
    assert check(root, "--format=sarif", "-o", str(tmp_path / "again.sarif")).exit_code == 1
    assert (tmp_path / "again.sarif").read_bytes() == (tmp_path / "first.sarif").read_bytes()


def test_another_variant_is_rendered_from_the_kept_report_then_kept_too(root: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = check(root)
    json_report = check(root, "--format=json")  # the report is kept: only rendered
    assert json_report.stdout.startswith("{") and not text.stdout.startswith("{")
    no_evaluation(monkeypatch)
    assert check(root, "--format=json").stdout == json_report.stdout
    assert check(root).stdout == text.stdout


def test_an_edited_record_is_checked_again(root: Path) -> None:
    assert check(root, "--lang=en").exit_code == 1
    record = root / "records" / "r000-C-1.yaml"
    record.write_text(record.read_text("utf-8") + "strategy: 年度框架\n", "utf-8")
    again = check(root, "--lang=en")
    assert again.exit_code == 0 and again.stdout == check(root, "--lang=en", "--no-cache").stdout


@pytest.mark.parametrize("change", ["new file", "hidden file", "other date", "settings", "codeowners"])
def test_nothing_is_repeated_when_what_the_report_rests_on_changed(root: Path, change: str) -> None:
    settings = Settings.load(root)
    variant = ("text", "zh", "False", "all")
    assert check(root).exit_code == 1
    assert kept_output(settings, AS_OF, variant, (), print)[0] is not None
    when = AS_OF
    if change == "new file":
        (root / "records" / "r001-C-2.yaml").write_text("kind: customer\n", "utf-8")
    elif change == "hidden file":
        (root / "records" / ".draft.yaml").write_text("kind: customer\n", "utf-8")
    elif change == "other date":
        when = date(2026, 3, 2)
    elif change == "settings":
        (root / "pyproject.toml").write_text((root / "pyproject.toml").read_text("utf-8") + "max_file_kib = 64\n",
                                             "utf-8")
        settings = Settings.load(root)
    else:
        (root / ".github").mkdir()
        (root / ".github" / "CODEOWNERS").write_text("* @someone\n", "utf-8")
    assert kept_output(settings, when, variant, (), print)[0] is None


def test_a_file_changed_just_before_the_check_is_never_repeated(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "RACY_NS", 10**12)  # every file changed too recently for its stat data to tell
    assert check(root).exit_code == 1
    assert kept_output(Settings.load(root), AS_OF, ("text", "zh", "False", "all"), (), print)[0] is None


def test_a_damaged_kept_output_is_warned_about_and_written_again(root: Path, tmp_path: Path) -> None:
    first = check(root)
    [kept] = (tmp_path / "cache").glob("handbook/*/store-*-output-*.pickle")
    kept.write_bytes(kept.read_bytes()[:-5])
    again = check(root)
    assert again.stdout == first.stdout and again.exit_code == 1
    assert again.stderr.startswith("handbook: a kept output is damaged; checking again")
    assert check(root).stderr == ""


def test_approvals_verified_against_git_are_never_repeated(root: Path) -> None:
    (root / "pyproject.toml").write_text((root / "pyproject.toml").read_text("utf-8") + 'approvals = "author"\n',
                                         "utf-8")
    assert kept_output(Settings.load(root), AS_OF, ("text", "zh", "False", "all"), (), print)[0] is None


def test_the_listing_digest_ignores_order_and_sees_every_difference() -> None:
    records: list[tuple[str, tuple[int, int, int, int] | None]] = [("records/a.yaml", (1, 2, 3, 4)),
                                                                    ("records/b.yaml", (5, 6, 7, 8))]
    skipped = [("records/x.txt", "suffix")]
    digest = listing_digest(records, skipped, 1024)
    assert listing_digest(records[::-1], skipped, 1024) == digest
    assert listing_digest(records, skipped, 2048) != digest
    assert listing_digest(records, [], 1024) != digest
    assert listing_digest(records, [("records/x.txt", "hidden")], 1024) != digest
    assert listing_digest([records[0], ("records/b.yaml", (5, 6, 7, 9))], skipped, 1024) != digest
    assert listing_digest([records[0], ("records/b.yaml", None)], skipped, 1024) != digest
    assert listing_digest(records[:1], skipped, 1024) != digest


def test_a_repeat_imports_neither_the_records_nor_the_rules(root: Path) -> None:
    check(root)
    script = ("import sys\nfrom checker.cli import main\n"
              f"try:\n    main(['check', '--root', {str(root)!r}, '--as-of', '{AS_OF}'])\n"
              "except SystemExit as exit:\n    code = exit.code\n"
              "heavy = sorted(m for m in ('pydantic', 'checker.records', 'checker.rules.engine', 'checker.reports')"
              " if m in sys.modules)\n"
              "print(code, heavy, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, check=False,
                          env={**os.environ})
    assert done.stderr.splitlines()[-1] == "1 []"
    assert done.stdout == check(root).stdout


def test_after_an_edit_the_check_walks_the_records_folder_once(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk made to look for a kept output is the one the load compares with its index:
    a 100,000-file folder is not walked twice, and the output is what a check without any
    cache gives."""
    check(root)  # keeps an output for this date and format
    [record] = [p for p in (root / "records").rglob("*.yaml") if "C-1" in p.read_text("utf-8")]
    record.write_text(record.read_text("utf-8").replace("华新", "华新科技"), "utf-8")
    walks: list[str] = []
    real_walk = files.walk

    def counted(folder: str, with_stat: bool = False) -> files.Walk:
        walks.append(folder)
        return real_walk(folder, with_stat)

    monkeypatch.setattr(files, "walk", counted)
    edited = check(root)
    assert walks == [str(root / "records")]
    assert "华新科技" in edited.stdout
    assert (edited.stdout, edited.exit_code) == (check(root, "--no-cache").stdout, 1)
