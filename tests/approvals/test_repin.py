"""Re-pinning a data set's approvals: every approval pinned to its record as it is, nothing else touched."""

from __future__ import annotations

from pathlib import Path

from checker.approvals.repin import repin
from checker.loading.repository import load
from checker.records.digest import digest
from tests.approvals.conftest import CUSTOMER, QUOTE_FILE, QUOTE_TEXT
from tests.conftest import rule_set, write_repo

APPROVED = QUOTE_TEXT + "approvals:\n- role: marketing-manager   # 经理\n  person: p-wang-jun\n  date: 2026-02-19\n"


def test_every_approval_is_pinned_to_its_record_and_only_digest_lines_are_added(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [CUSTOMER], ruleset=rule_set([]))
    (root / "records" / "quotes").mkdir()
    (root / QUOTE_FILE).write_text(APPROVED, encoding="utf-8")
    assert repin(root, root / "records") == ["records/policy/rules.yaml", QUOTE_FILE]
    quote = next(e.record for e in load(root, root / "records").entries if e.record.id == "QT-2026-007")
    assert (root / QUOTE_FILE).read_text(encoding="utf-8") == APPROVED + f"  digest: {digest(quote)}\n"
    assert repin(root, root / "records") == []  # nothing left to pin
