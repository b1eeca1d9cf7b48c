"""Locator: field paths to 1-based (line, column)."""

from __future__ import annotations

from checker.loading.locate import Locator

TEXT = """kind: quote
id: QT-1
lines:
  - product: A
    quantity: 2
  - product: B
    unit_price: 10.00
approvals:
  - {role: marketing-manager, person: p-wang-jun, date: 2026-03-28}
"""


def test_top_level_key() -> None:
    assert Locator(TEXT).locate(("id",)) == (2, 1)


def test_nested_through_a_list() -> None:
    locator = Locator(TEXT)
    assert locator.locate(("lines", 1, "unit_price")) == (7, 5)
    assert locator.locate(("lines", 0)) == (4, 5)


def test_flow_mapping() -> None:
    column = TEXT.splitlines()[8].index("date:") + 1
    assert Locator(TEXT).locate(("approvals", 0, "date")) == (9, column)


def test_deepest_existing_node_when_path_runs_out() -> None:
    locator = Locator(TEXT)
    assert locator.locate(("lines", 1, "missing")) == (6, 5)
    assert locator.locate(("lines", 5)) == (3, 1)
    assert locator.locate(("nothing",)) == (1, 1)


def test_empty_path_is_the_document_start() -> None:
    assert Locator(TEXT).locate(()) == (1, 1)


def test_line_offset_for_front_matter() -> None:
    assert Locator("kind: meeting\nid: M-1\n", line_offset=1).locate(("id",)) == (3, 1)


def test_broken_yaml_gives_no_position() -> None:
    assert Locator("a: [1\n").locate(("a",)) is None


def test_list_document() -> None:
    assert Locator("- id: a\n- id: b\n  kind: x\n").locate((1, "kind")) == (3, 3)
