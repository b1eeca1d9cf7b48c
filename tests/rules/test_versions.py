"""Rule-set versions over time: each judges its own window, so a change never rewrites the past."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.records.ruleset import RuleSet
from checker.rules.engine import Engine
from checker.rules.inforce import ConfigurationError, upcoming_version
from checker.rules.versions import RuleChange, VersionError, derive, next_version, rule_changes
from tests.conftest import dump, load_repo, rule, rule_set, run

MEETINGS = rule("team-meets", "cadence", {"groups": "team", "period": "week",
                                          "events": {"kind": "meeting", "date": "date"}}, clause="6.2.1")


def meets_every(period: str) -> dict[str, Any]:
    return dict(MEETINGS, params={**MEETINGS["params"], "period": period})


def meeting(day: str) -> dict[str, Any]:
    return {"kind": "meeting", "id": f"M-{day}", "owner": "p-li-na", "type": "weekly", "date": day,
            "attendees": ["p-li-na"], "minutes": "ok"}


def second_version(root: Path, rules: list[dict[str, Any]], effective: str, version: str = "test.2") -> None:
    data = rule_set(rules, effective=effective, version=version)
    data["id"] = f"rules-{version}"
    (root / "records" / "policy" / f"rules-{version}.yaml").write_text(dump(data), encoding="utf-8")


@pytest.fixture
def two_versions(make_repo: Callable[..., Path]) -> Path:
    """Weekly meetings from 2026-01-01; from 2026-03-01, monthly ones. Meetings held in
    the first three weeks of January only."""
    root: Path = make_repo([meeting("2026-01-05"), meeting("2026-01-12"), meeting("2026-01-19")],
                           ruleset=rule_set([meets_every("week")]))
    second_version(root, [meets_every("month")], "2026-03-01")
    return root


def _subjects(root: Path, as_of: str) -> list[str]:
    return sorted(str(f.record) for f in run(root, as_of).findings)


def test_a_version_effective_next_month_leaves_this_months_verdicts_unchanged(
        two_versions: Path, make_repo: Callable[..., Path]) -> None:
    only_first = make_repo([meeting("2026-01-05"), meeting("2026-01-12"), meeting("2026-01-19")],
                           ruleset=rule_set([meets_every("week")]))
    assert _subjects(two_versions, "2026-02-20") == _subjects(only_first, "2026-02-20") == [
        "2026-W01", "2026-W05", "2026-W06", "2026-W07"]


def test_each_version_judges_its_own_window(two_versions: Path) -> None:
    report = run(two_versions, "2026-04-10")
    # weeks up to the one starting 2026-02-23 under the first version; March under the second
    assert sorted(str(f.record) for f in report.findings) == [
        "2026-03", "2026-W01", "2026-W05", "2026-W06", "2026-W07", "2026-W08", "2026-W09"]
    assert report.ruleset.version == "test.2"
    [march] = [f for f in report.findings if f.record == "2026-03"]
    assert march.file == "records/meetings/MT-2026-03.yaml"  # a month, missing: the second version's verdict


def test_due_items_follow_the_version_of_their_date(two_versions: Path) -> None:
    report = run(two_versions, "2026-02-25")
    assert [d.record for d in report.due] == ["2026-W09"]  # March is not due under the weekly version
    assert [d.record for d in run(two_versions, "2026-03-05").due] == ["2026-03"]


def test_records_are_judged_by_the_version_in_force_on_their_date(make_repo: Callable[..., Path]) -> None:
    needs_strategy = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"])
    old = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
           "since": "2026-01-10"}
    new = dict(old, id="C-2", since="2026-03-10")
    root: Path = make_repo([old, new], ruleset=rule_set([]))
    second_version(root, [needs_strategy], "2026-03-01")
    assert [f.record for f in run(root, "2026-04-01").findings] == ["C-2"]


def test_upcoming_version_is_not_in_force_and_a_future_only_set_is_a_usage_error(
        two_versions: Path, make_repo: Callable[..., Path]) -> None:
    repository = load_repo(two_versions)
    upcoming = upcoming_version(repository, date(2026, 2, 20))
    assert upcoming is not None and upcoming.record.version == "test.2"  # type: ignore[attr-defined]
    assert Engine(repository, date(2026, 2, 20)).ruleset.version == "test.1"
    with pytest.raises(ConfigurationError, match=re.escape("the first, test.1, takes effect on 2026-01-01")):
        Engine(load_repo(make_repo([], ruleset=rule_set([], effective="2026-01-01"))), date(2025, 12, 1))


def test_next_version_counts_on_the_last_number() -> None:
    assert next_version("2026.1") == "2026.2"
    assert next_version("v2026.9-rc") == "v2026.10-rc"
    with pytest.raises(VersionError):
        next_version("draft")


def test_derive_keeps_comments_and_drops_the_approvals() -> None:
    text = ("# the rules\nkind: rule-set\nid: rules\nowner: p-wang-jun\nversion: \"2026.1\"\n"
            "effective: 2026-01-01\napprovals:\n  - role: management\n    person: p-zhao-min\n"
            "    date: 2025-12-20\n# rules follow\nrules:\n  - id: a  # keep me\n")
    assert derive(text, "rules-2026.2", "2026.2", date(2026, 12, 1)) == (
        "# the rules\nkind: rule-set\nid: rules-2026.2\nowner: p-wang-jun\nversion: \"2026.2\"\n"
        "effective: 2026-12-01\n# rules follow\nrules:\n  - id: a  # keep me\n")


def test_new_version_command_writes_a_file_the_checker_reads_as_upcoming(make_repo: Callable[..., Path]) -> None:
    root: Path = make_repo([], ruleset=rule_set([meets_every("week")]))
    result = CliRunner().invoke(main, ["rules", "new-version", "--root", str(root), "--as-of", "2026-02-20"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote records/policy/rules-test.2.yaml: rule set test.2, in force from "
                                    "2026-03-01")
    repository = load_repo(root)
    assert not [f for f in repository.findings]
    upcoming = upcoming_version(repository, date(2026, 2, 20))
    assert upcoming is not None and upcoming.record.approvals == ()
    again = CliRunner().invoke(main, ["rules", "new-version", "--root", str(root), "--as-of", "2026-02-20"])
    assert again.exit_code == 2 and "already exists" in again.output
    past = CliRunner().invoke(main, ["rules", "new-version", "--root", str(root), "--as-of", "2026-02-20",
                                     "--version", "x.1", "--effective", "2026-02-01"])
    assert past.exit_code == 2 and "must take effect after today" in past.output


def _keys(findings: Iterable[Any]) -> set[tuple[str, str]]:
    return {(f["rule"], f["record"]) if isinstance(f, dict) else (f.rule, str(f.record)) for f in findings}


def test_rules_preview_says_what_the_next_version_reports_on_its_first_day(make_repo: Callable[..., Path]) -> None:
    strategy = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"])
    old = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
           "since": "2026-01-10"}  # judged by the version in force on its own date: never by the new one
    new = {**old, "id": "C-2", "name": "东海", "since": "2026-03-01"}
    root: Path = make_repo([old, new, meeting("2026-01-05"), meeting("2026-01-12"), meeting("2026-01-19")],
                           ruleset=rule_set([meets_every("week")]))
    second_version(root, [meets_every("month"), strategy], "2026-03-01")
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", "2026-02-20",
                                       "--rules-preview", "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    preview = json.loads(result.stdout)
    on_the_day = run(root, "2026-03-01").findings
    (root / "records" / "policy" / "rules-test.2.yaml").unlink()
    without = run(root, "2026-03-01").findings
    assert _keys(f for f in preview["findings"] if f["change"] == "new") == _keys(on_the_day) - _keys(without)
    assert _keys(preview["fixed"]) == _keys(without) - _keys(on_the_day)
    added = _keys(f for f in preview["findings"] if f["change"] == "new")
    assert ("customer-strategy", "C-2") in added and ("customer-strategy", "C-1") not in added
    assert "on the first day of rule set test.2 (2026-03-01)" in preview["summary"]["text"]


def test_rules_preview_without_an_upcoming_version_is_a_usage_error(make_repo: Callable[..., Path]) -> None:
    root: Path = make_repo([], ruleset=rule_set([]))
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--as-of", "2026-02-20", "--rules-preview"])
    assert result.exit_code == 2 and "handbook rules new-version" in result.output


def test_rule_changes_name_each_changed_parameter_and_added_or_removed_rule() -> None:
    before = RuleSet.model_validate(rule_set([meets_every("week"), rule("gone", "required", {"fields": ["a"]},
                                                                        kinds=["customer"])]))
    after = RuleSet.model_validate(rule_set([dict(meets_every("month"), severity="warning"),
                                             rule("fresh", "required", {"fields": ["b"]}, kinds=["customer"])]))
    assert rule_changes(before, after) == [
        RuleChange("team-meets", "changed", (("params.period", "week", "month"), ("severity", "error", "warning"))),
        RuleChange("fresh", "added"), RuleChange("gone", "removed")]


def test_new_version_is_owned_by_its_drafter_and_never_by_its_only_approver(make_repo: Callable[..., Path]) -> None:
    import subprocess

    root: Path = make_repo([], ruleset=rule_set([meets_every("week")]))
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.email", "zhao.min@qiming.example.cn"], cwd=root, check=True)
    world = (root / "records" / "world.yaml").read_text(encoding="utf-8")
    assert "p-zhao-min" in world
    (root / "records" / "world.yaml").write_text(world.replace(
        "id: p-zhao-min\n", "id: p-zhao-min\n  git: {emails: [zhao.min@qiming.example.cn]}\n", 1), encoding="utf-8")
    only = CliRunner().invoke(main, ["rules", "new-version", "--root", str(root), "--as-of", "2026-02-20"])
    assert only.exit_code == 2
    assert ("p-zhao-min would own the new version, and nobody else holds management to approve it" in only.output)
    drafted = CliRunner().invoke(main, ["rules", "new-version", "--root", str(root), "--as-of", "2026-02-20",
                                        "--owner", "p-wang-jun"])
    assert drafted.exit_code == 0, drafted.output
    assert "\nowner: p-wang-jun\n" in (root / "records" / "policy" / "rules-test.2.yaml").read_text(encoding="utf-8")
