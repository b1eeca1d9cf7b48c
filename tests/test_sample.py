"""The sample company under records/: it passes, and breaking one quote is caught precisely."""

from __future__ import annotations

import json
import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import main
from checker.loading.yamltext import parse_exact
from checker.settings import Settings
from tests.conftest import PROJECT


def _check(root: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["check", "--root", str(root), "--no-cache", *args])


def test_sample_company_passes() -> None:
    result = _check(PROJECT)
    lines = result.stdout.rstrip("\n").splitlines()
    assert lines, result.output
    summary = lines[-1]
    assert summary.startswith("检查了 ") and "评估日期 2026-11-20" in summary, summary
    assert result.exit_code == 0, "\n".join(lines[-40:])
    assert "：0 个错误" in summary


def test_sample_company_passes_in_english() -> None:
    result = _check(PROJECT, "--lang", "en")
    summary = result.stdout.rstrip("\n").splitlines()[-1]
    assert summary.startswith("Checked ") and "(as of 2026-11-20" in summary and ": 0 errors" in summary
    assert result.exit_code == 0


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "company"
    root.mkdir()
    shutil.copyfile(PROJECT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(PROJECT / "records", root / "records")
    return root


def _sent_quote_with_manager_approval(root: Path) -> tuple[Path, dict[str, Any]]:
    as_of = Settings.load(root).as_of
    assert as_of is not None
    for path in sorted((root / "records" / "quotes").glob("*.yaml")):
        data = parse_exact(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("kind") != "quote" or not data.get("sent"):
            continue
        managers = [a for a in data.get("approvals") or [] if a.get("role") == "marketing-manager"]
        if len(managers) == 1 and data["sent"] <= as_of.isoformat():
            return path, data
    pytest.fail("the sample has no sent quote approved by one marketing manager")


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, str, str, int]:
    """Remove the marketing-manager approval from one sent sample quote."""
    root = _copy(tmp_path)
    path, data = _sent_quote_with_manager_approval(root)
    data["approvals"] = [a for a in data["approvals"] if a.get("role") != "marketing-manager"]
    if not data["approvals"]:
        del data["approvals"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    where = next((i for i, line in enumerate(lines, 1) if line.startswith("approvals:")), 1)
    return root, path.relative_to(root).as_posix(), data["id"], where


def _quote_finding(output: str, file: str) -> list[str]:
    return [line for line in output.splitlines() if "(quote-approved-by-manager)" in line]


def test_missing_manager_approval_is_caught_in_chinese(broken: tuple[Path, str, str, int]) -> None:
    root, file, quote_id, line = broken
    result = _check(root)
    assert result.exit_code == 1, result.stdout[-2000:]
    found = _quote_finding(result.stdout, file)
    assert found, result.stdout[-2000:]
    entry = found[0]
    assert entry.startswith(f"{file}:{line}:1: 错误 ")  # path:line:col, as an editor opens it
    assert "[条款 4.2.2]" in entry and quote_id in entry and "营销经理" in entry


def test_missing_manager_approval_is_caught_in_english(broken: tuple[Path, str, str, int]) -> None:
    root, file, quote_id, line = broken
    result = _check(root, "--lang", "en", "--format", "json")
    assert result.exit_code == 1
    import json

    findings = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "quote-approved-by-manager"]
    assert [(f["file"], f["line"], f["clause"], f["record"]) for f in findings] == [(file, line, "4.2.2", quote_id)]
    assert findings[0]["message"].startswith(f"Quote {quote_id} must be approved by a marketing manager")
    text = _check(root, "--lang", "en")
    assert "[clause 4.2.2]" in text.stdout and "error" in text.stdout


def _records(kind: str) -> list[dict[str, Any]]:
    found = []
    for path in sorted((PROJECT / "records").rglob("*.yaml")):
        data = parse_exact(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == kind:
            found.append(data)
    return found


def test_the_managers_own_appraisals_are_signed_off_by_management() -> None:
    managers = {p["id"] for p in _records("person")
                if any(r["role"] == "marketing-manager" for r in p["roles"])}
    own = [a for a in _records("appraisal") if a["person"] in managers]
    assert own and all({x["role"] for x in a["approvals"]} == {"management"} for a in own)


_METHOD_WORDS = (("微信", "message"), ("电话", "phone"), ("视频", "video"), ("上门", "visit"), ("走访", "visit"),
                 ("会面", "visit"), ("拜访", "visit"), ("陪同", "visit"), ("协调会", "visit"))


def test_visit_methods_agree_with_their_summaries() -> None:
    disagree = []
    for visit in _records("visit"):
        said = sorted((visit["summary"].index(word), method) for word, method in _METHOD_WORDS
                      if word in visit["summary"])
        if said and said[0][1] != visit["method"]:
            disagree.append((visit["id"], visit["method"], visit["summary"]))
    assert disagree == []


def test_travel_spending_fits_the_trips() -> None:
    """Each travel claim is for an on-site visit outside Hangzhou, and each such visit of
    the year (all but the last days, not claimed yet) has its claim."""
    outside = {c["id"] for c in _records("customer") if "杭州" not in str(c.get("region", ""))}
    trips = {v["id"]: v for v in _records("visit") if v["method"] == "visit" and v["customer"] in outside}
    claimed = {}
    for claim in _records("expense-claim"):
        if claim["category"] == "travel":
            for visit_id in re.findall(r"V-\d{4}-\d{4}", claim["description"]):
                claimed[visit_id] = claim["id"]
    assert set(claimed) <= set(trips), set(claimed) - set(trips)
    as_of = Settings.load(PROJECT).as_of
    assert as_of is not None
    due = {v for v, visit in trips.items() if "2026-01-01" <= visit["date"] <= str(as_of - timedelta(days=10))}
    assert due - set(claimed) == set()


def test_one_invalid_customer_is_one_finding_not_one_per_record_naming_it(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "records" / "customers" / "C-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    result = _check(root, "--lang", "en", "--format", "json")
    import json

    errors = [(f["rule"], f["file"]) for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert errors == [("record-schema", "records/customers/C-0001.yaml")]


def test_every_sample_approval_is_pinned_to_its_record_as_it_is() -> None:
    """The digest of every approval matches its record: an edit to the sample data needs its
    approvals pinned again (python -m checker.approvals.repin FILE)."""
    from checker.loading.repository import load
    from checker.records.digest import digest

    entries = load(PROJECT, PROJECT / "records").entries
    pinned = [(e.record.id, a.person, a.digest == digest(e.record)) for e in entries for a in e.record.approvals]
    assert len(pinned) > 400
    assert [p for p in pinned if not p[2]] == []


def test_the_samples_waived_gap_stays_waived_after_its_expiry() -> None:
    """WV-2026-001 (expires 2026-12-31) waives the gap in C-0006's visits while the customer's
    plant moved: a settled lateness, so on new year's day it is still waived, and only the
    visit now overdue, an ongoing state, is reported again (with the waiver saying why)."""
    result = _check(PROJECT, "--lang", "en", "--as-of", "2027-01-04", "--format", "json")
    report = json.loads(result.stdout)
    assert [(f["rule"], f["record"], f["message"].split(":")[1]) for f in report["waived"]] == [
        ("key-customers-visited", "C-0006", " 58 days passed between 2026-07-14 and 2026-09-10, more than 30 "
                                            "calendar days. [Team setting")]
    about = [(f["file"], f["line"], f["severity"], f["message"]) for f in report["findings"]
             if f["record"] in ("C-0006", "WV-2026-001")]
    assert about == [
        ("records/customers/C-0006.yaml", 2, "error", about[0][3]),
        ("records/waivers/WV-2026-001.yaml", 7, "warning",
         "waiver WV-2026-001 expired on 2026-12-31: a finding of rule key-customers-visited on record C-0006 is "
         "an ongoing state, not a settled lateness, so it is reported again")]
    assert about[0][3].startswith("Key customer C-0006 is not visited often enough: nothing since 2026-10-29")
