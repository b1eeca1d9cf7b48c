"""Screen a record file's text before any parser builds data from it.

Records are small, flat documents, so the screen refuses what no record needs and
what an attacker would use to exhaust the checker or hide text from it:

- characters that are not text (NUL and other control characters, the line and paragraph
  separators U+0085, U+2028 and U+2029, non-characters): a parser may stop at them or
  count lines differently, and a table on the site would break at them;
- a carriage return that is not part of CR LF: YAML counts it as a line break and git
  does not, so the lines the checker reports (and the lines whose commits verify an
  approval) would not be the lines git blames. Refusing it keeps one idea of a line:
  git's, a line feed;
- YAML anchors and aliases (``&name`` and ``*name``): a record must read on its own, and
  a few hundred bytes of nested aliases expand to gigabytes (the "billion laughs");
- nesting deeper than ``MAX_DEPTH`` levels: no record kind goes deeper than a handful,
  and very deep documents exhaust the parsers' and the cache's recursion.

The checks on structure read PyYAML's event stream (libyaml keeps its own bounded
stack and never expands an alias), and only for texts where a cheap look says an
anchor, an alias or deep nesting is possible.
"""

from __future__ import annotations

import re

import yaml

from checker.loading.yamlerror import YamlError, mark_error

MAX_DEPTH = 24

_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]")
# Nesting n levels deep needs, in all, about n columns of indentation and compact "- " or
# "? " indicators at the start of a line plus an opening bracket per flow level: a text
# with less than half of either cannot reach MAX_DEPTH.
_HALF = (MAX_DEPTH - 2) // 2
# (a line's start found as a line feed: much faster to search for than a multi-line "^")
_DEEP_START = re.compile(rf"[ ?-]{{{_HALF}}}")
_DEEP_LINE = re.compile(rf"\n[ ?-]{{{_HALF}}}")

try:
    _Parser: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.BaseLoader


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def characters(text: str) -> YamlError | None:
    """The first character that is not text, with its line and column."""
    found = _NOT_TEXT.search(text)
    if found is None:
        return None
    line, column = position(text, found.start())
    return YamlError(f"U+{ord(found.group()):04X}", line, column, code="control-character")


def _may_nest_deeply(text: str) -> bool:
    return (text.count("[") + text.count("{") >= _HALF or _DEEP_START.match(text) is not None
            or _DEEP_LINE.search(text) is not None)


def _at(event: yaml.Event, detail: str, code: str) -> YamlError:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - the C parser marks every event
        return YamlError(detail, None, None, code=code)
    return YamlError(detail, mark.line + 1, mark.column + 1, code=code)


def structure(text: str) -> YamlError | None:
    """An anchor, alias or nesting deeper than MAX_DEPTH, or a syntax error met on the way."""
    if "&" not in text and "*" not in text and not _may_nest_deeply(text):
        return None
    loader = _Parser(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return _at(event, "", "yaml-alias")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _at(event, str(MAX_DEPTH), "yaml-too-deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        return mark_error(exc, text)
    finally:
        loader.dispose()
    return None
