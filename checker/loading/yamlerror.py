"""A problem that stops a file from being read as YAML, with where it is and what kind it is.

The parsers' own words (PyYAML's libyaml and yaml-rs, in English) are sorted into a few
kinds people actually meet (``reason``), which ``checker.loading.problems`` words in
Chinese and English. The place is where the fix goes: for an unclosed quote or bracket
that is where it opens (PyYAML's context mark), not where the parser gave up, which is
often the end of the file; for a missing space or a full-width colon, the colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


@dataclass
class YamlError(Exception):  # not frozen: raising sets __traceback__
    """A problem at a 1-based line and column of the YAML text.

    ``code`` says what kind of problem it is (each becomes its own finding):
    ``yaml-syntax`` (``problem`` holds the parser's words, or ours for the problems
    ``mark_error`` recognises more precisely; ``reason`` sorts them), ``yaml-alias``,
    ``yaml-too-deep`` (``problem`` holds the limit) or ``control-character``
    (``problem`` holds the character's code point).
    """

    problem: str
    line: int | None
    column: int | None
    code: str = "yaml-syntax"

    def as_tuple(self, line_offset: int = 0) -> tuple[str, str, int | None, int | None]:
        """The plain form kept in the parse cache, lines shifted by ``line_offset``."""
        line = self.line + line_offset if self.line is not None else None
        return (self.code, self.problem, line, self.column)


# ------------------------------------------------------------------ kinds of syntax problem

# Our own words for problems found more precisely than the parser says (see _refine).
TAB = "found a tab character where YAML expects spaces"
NO_SPACE_AFTER_COLON = "found no space after ':'"
FULL_WIDTH_COLON = "found a full-width colon '：' where ':' is expected"
COLON_IN_VALUE = "found ': ' inside a plain value"
NOT_A_FIELD = "found a line that is neither 'key: value' nor a list item"
TEXT_AFTER_QUOTE = "found text after the closing quote"
ITEM_IN_MAPPING = "found a list item among the fields of a mapping"

# (pattern over the parser's words, reason); the first that matches wins.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (re.escape(TAB) + r"|tab character that violates indentation|tabs disallowed", "tab"),
    (re.escape(NO_SPACE_AFTER_COLON), "no-space-after-colon"),
    (re.escape(FULL_WIDTH_COLON), "full-width-colon"),
    (re.escape(COLON_IN_VALUE), "colon-in-value"),
    (re.escape(NOT_A_FIELD) + r"|could not find expected ':'|simple key expect ':'", "not-a-field"),
    (re.escape(TEXT_AFTER_QUOTE) + r"|trailing content after (?:double|single)-quoted", "text-after-quote"),
    (re.escape(ITEM_IN_MAPPING), "item-in-mapping"),
    (r"scanning a quoted scalar.*end of stream|unclosed quote", "unclosed-quote"),
    (r"indentation in multiline quoted scalar", "quoted-line-break"),
    (r"flow sequence|unclosed bracket '\['", "unclosed-bracket"),
    (r"flow mapping|unclosed bracket '\{'", "unclosed-brace"),
    (r"duplicate (?:mapping )?key", "duplicate-key"),
    (r"unknown escape character", "bad-escape"),
    (r"comments must be separated", "glued-comment"),
    (r"but found another document", "second-document"),
    (r"expected '-' indicator|did not find expected key|mapping values are not allowed|"
     r"invalid indentation|wrong indentation", "indentation"),
    (r"cannot start any token|unexpected character", "reserved-character"),
    (r"a key must be a plain name", "complex-key"),
))


def reason(problem: str) -> str:
    """The kind of a syntax problem, from the parser's words or ours; ``other`` when none fits."""
    for pattern, kind in _REASONS:
        if pattern.search(problem):
            return kind
    return "other"


def detail(problem: str) -> str:
    """What a problem names, when it names something: the duplicate key, the escape, the
    character a value may not start with; "" otherwise."""
    found = re.search(r"duplicate (?:mapping )?key:? '(.*)'|character: `(.)'|escape character '(.+?)'|"
                      r"'(.)' may not start", problem)
    return next((g for g in found.groups() if g is not None), "") if found else ""


# ------------------------------------------------------------------ locating them

_SPACELESS_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)?[^\s:#'\"][^:#]*?:(?=[^\s:/])")


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _previous(text: str, number: int) -> tuple[int, str]:
    """The nearest line above ``number`` that holds something, with its number (0, "" if none)."""
    for above in range(number - 1, 0, -1):
        content = _line(text, above)
        if content.strip() and not content.lstrip().startswith("#"):
            return above, content
    return 0, ""


def _colon_problem(text: str, number: int) -> tuple[str, int, int] | None:
    """A full-width colon or a colon without a space on line ``number``, with its column."""
    content = _line(text, number)
    key = content.split("#", 1)[0]
    if "：" in key and ":" not in key.split("：", 1)[0]:
        return FULL_WIDTH_COLON, number, key.index("：") + 1
    found = _SPACELESS_COLON.match(key)
    if found is not None:
        return NO_SPACE_AFTER_COLON, number, found.end()
    return None


def _refine(problem: str, line: int, column: int, text: str) -> tuple[str, int, int]:
    """A more precise problem and place, from the text around where the parser stopped."""
    kind = reason(problem)
    here = _line(text, line)
    if kind == "reserved-character" and here[column - 1:column] == "\t":
        return TAB, line, column
    if kind == "reserved-character":
        return f"{problem}: '{here[column - 1:column]}' may not start a plain value", line, column
    if kind == "bad-escape" and here[column - 1:column] == "\\":
        return f"{problem} '{here[column - 1:column + 1]}'", line, column
    if kind == "not-a-field":  # the line the parser tried to read as "key: value"
        return _colon_problem(text, line) or (NOT_A_FIELD, line, column)
    if "mapping values are not allowed" in problem:
        if re.search(r":[ \t]", here[:column - 1].split("#", 1)[0]):  # a second ": " on a line
            return COLON_IN_VALUE, line, column
        above, _ = _previous(text, line)
        return _colon_problem(text, above) or (problem, line, column)
    if "did not find expected key" in problem:
        before = here[:column - 1].rstrip()
        if before.endswith(("'", '"')) and re.search(r":[ \t]+['\"]", before):
            return TEXT_AFTER_QUOTE, line, column
        if here.lstrip().startswith("- "):
            return ITEM_IN_MAPPING, line, column
    return problem, line, column


# Problems found where the parser gave up, though the fix is where something opened.
_AT_OPENING = ("unclosed-quote", "unclosed-bracket", "unclosed-brace", "not-a-field")


def mark_error(exc: yaml.YAMLError, text: str | None = None) -> YamlError:
    """PyYAML's error as a YamlError at the place to fix it; given the ``text`` it was
    reading, tabs, missing spaces after colons, full-width colons and the like are named."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return YamlError(str(exc), None, None)
    problem = " ".join(p for p in (exc.context, exc.problem) if p)
    opening = reason(problem) in _AT_OPENING and exc.context_mark is not None
    mark = exc.context_mark if opening else (exc.problem_mark or exc.context_mark)
    if mark is None:
        return YamlError(problem, None, None)
    line, column = mark.line + 1, mark.column + 1
    if text is not None:
        problem, line, column = _refine(problem, line, column, text)
    return YamlError(problem, line, column)
