"""The screen refuses what no record needs before any parser builds data from the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.loading import screen
from checker.loading.screen import MAX_DEPTH, characters, position, structure
from checker.loading.yamlerror import YamlError

BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)))


def test_position_is_one_based() -> None:
    assert position("ab\ncd", 0) == (1, 1)
    assert position("ab\ncd", 4) == (2, 2)


@pytest.mark.parametrize(("text", "code_point", "line", "column"), [
    ("kind: visit\nid: V-\x001\n", "U+0000", 2, 7),
    ("a: b\x1b[31m\n", "U+001B", 1, 5),
    ("a: b\x85c\n", "U+0085", 1, 5),
    ("#\n#\r#\r#\na: b\n", "U+000D", 2, 2),  # a lone CR: a line break to YAML, not to git
    ("a: 第一行\u2028第二行\n", "U+2028", 1, 7),
    ("a: \x7f\n", "U+007F", 1, 4),
    ("a: \ufffe\n", "U+FFFE", 1, 4),
])
def test_characters_that_are_not_text_are_found_with_their_place(text: str, code_point: str, line: int,
                                                                 column: int) -> None:
    assert characters(text) == YamlError(code_point, line, column, code="control-character")


def test_tabs_and_line_feeds_are_text() -> None:
    assert characters("a: |\n\tindented by a tab inside a block\n") is None


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    assert structure(BOMB) == YamlError("", 1, 4, code="yaml-alias")


def test_alias_alone_is_refused_at_its_place() -> None:
    assert structure("a: x\nb: *a\n") == YamlError("", 2, 4, code="yaml-alias")


def test_ampersand_and_star_in_text_are_fine() -> None:
    assert structure("a: R&D 部门\nb: '*重点*'\nc: 5 * 3\n") is None


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * i + "- \n" for i in range(2000))
    refused = structure(text)
    assert refused is not None and refused.code == "yaml-too-deep" and refused.problem == str(MAX_DEPTH)
    assert refused.line == MAX_DEPTH + 1


def test_deep_compact_nesting_is_refused() -> None:
    refused = structure("- " * 700 + "1\n")
    assert refused is not None and (refused.code, refused.line, refused.column) == (
        "yaml-too-deep", 1, 2 * MAX_DEPTH + 1)


def test_deep_flow_nesting_is_refused() -> None:
    refused = structure("a: " + "[" * 100 + "]" * 100 + "\n")
    # the mapping is the first level, so the 24th bracket opens the 25th
    assert refused is not None and (refused.code, refused.column) == ("yaml-too-deep", 3 + MAX_DEPTH)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert structure("[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n") is None


def test_syntax_error_met_while_screening_is_reported() -> None:
    refused = structure("a: R&D\nb: [c\nd: e\n")
    assert refused is not None and refused.code == "yaml-syntax" and refused.line is not None


def test_a_deep_start_is_seen_on_the_first_line_and_after_any_line_feed() -> None:
    assert screen._may_nest_deeply(" " * 11 + "a: b\n")
    assert screen._may_nest_deeply("a: b\n" + "- " * 6 + "c\n")
    assert not screen._may_nest_deeply("a: b\n" + " " * 10 + "c\n" + "[" * 10)


_MULTILINE_DEEP_LINE = re.compile(rf"^[ ?-]{{{screen._HALF},}}", re.MULTILINE)  # what the line-feed search replaced


@given(st.lists(st.sampled_from([" ", "  ", "- ", "? ", "-", "?", "\n", "\r", "a", ": ", "[", "{"]),
                max_size=60).map("".join))
def test_the_quick_look_for_deep_lines_agrees_with_a_multiline_search(text: str) -> None:
    brackets = text.count("[") + text.count("{") >= screen._HALF
    assert screen._may_nest_deeply(text) == (brackets or _MULTILINE_DEEP_LINE.search(text) is not None)
