"""Parse YAML with every scalar kept as the text the author wrote.

The record model, not the YAML resolver, decides each value's type: ``no`` stays
``"no"``, ``0571...`` keeps its leading zero, ``1:30`` is not 90 and ``12.50`` is not a
float. Plain ``~``, ``null`` and empty values are ``None``.

Two parsers serve this. yaml-rs (YAML 1.2, in Rust) is fast; its output is taken as it
is when every scalar in it is already text, which is then exactly what was written.
When it resolved some scalars to numbers or booleans (``amount: 12.50``), the written
text of just those scalars is found on their lines (``key: token`` or ``- token``, the
token a plain number or boolean), wrapped in single quotes and the text parsed again:
the result is taken only when it equals the first parse in every mapping, list and
text and has text exactly where the first had a number or boolean, which proves each
quoted token was that scalar and nothing else changed. Anything else (a number in a
flow list, a key that is a number, a top-level list, a token that could not be found
or proved) goes through PyYAML's C parser with a constructor that keeps text. Both
reject duplicate keys. Where the two disagree on whether a text is valid YAML, the
stricter verdict wins: a text either parser rejects is an error.

Texts reach these parsers only after ``checker.loading.screen`` has refused anchors,
aliases, deep nesting and characters that are not text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
import yaml_rs

from checker.loading import screen
from checker.loading.yamlerror import YamlError, mark_error

try:
    _ExactBase: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _ExactBase = yaml.BaseLoader

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG, _SEQUENCE_TAG, _MAPPING_TAG = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


_FAST_ERROR_AT = re.compile(r"at line (\d+), column (\d+)")

# A plain scalar YAML 1.2's core schema may read as a number or boolean: no indicator,
# space, quote, colon or comment in it, so wrapped in single quotes it is the same text.
_RESOLVABLE = r"[-+]?[0-9.][0-9A-Za-z_.+-]*|true|True|TRUE|false|False|FALSE"
_LINE_END = r"[ \t]*(?:[ \t]#.*)?$"
_ITEM_TOKEN = re.compile(rf"^[ \t]*(?:-[ \t]+)+({_RESOLVABLE}){_LINE_END}", re.MULTILINE)


class _TextLoader(_ExactBase):  # type: ignore[misc]
    """PyYAML's C parser and composer, resolving only plain null forms (to build nodes)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """Plain, untagged null forms become null; every other scalar stays text (an explicit
        ``!!str ~`` never reaches here, so it stays the text ``~``)."""
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return _SEQUENCE_TAG if kind is yaml.SequenceNode else _MAPPING_TAG


def _build(node: yaml.Node, active: set[int]) -> Any:
    """Plain data from a composed node: text scalars, lists and dicts; duplicate keys,
    complex keys and recursive aliases are errors."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL_TAG else node.value
    if id(node) in active:
        mark = node.start_mark
        raise YamlError("an alias refers to the node that contains it", mark.line + 1, mark.column + 1)
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            return [_build(item, active) for item in node.value]
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, active)
            if not isinstance(key, str | None) or key in mapping:
                mark = key_node.start_mark
                problem = (f"duplicate key {key!r}" if isinstance(key, str | None)
                           else "a key must be a plain name, not a list or mapping")
                raise YamlError(problem, mark.line + 1, mark.column + 1)
            mapping[key] = _build(value_node, active)
        return mapping
    finally:
        active.discard(id(node))


Slot = tuple[Any, Any, str | None]  # a mapping or list, the key or index in it, and the key (None in a list)


def _resolved(mapping: dict[Any, Any], found: list[Slot]) -> bool:
    """Append to ``found``, in document order, where the fast parser resolved a scalar to
    something other than text; False when the exact parser must read the text (a key
    that is not text, a list inside a list)."""
    for key, child in mapping.items():
        kind = type(child)
        if type(key) is not str:
            return False
        if kind is str or child is None:
            continue
        if kind is dict:
            if not _resolved(child, found):
                return False
        elif kind is list:
            for index, item in enumerate(child):
                if type(item) is str or item is None:
                    continue
                if type(item) is dict:
                    if not _resolved(item, found):
                        return False
                elif type(item) is list:
                    return False
                else:
                    found.append((child, index, None))
        else:
            found.append((mapping, key, key))
    return True


@lru_cache(maxsize=512)
def _key_token(key: str) -> re.Pattern[str]:
    """A line ``key: token`` (in a block mapping, maybe a list item), the token a plain
    scalar that may read as a number or boolean."""
    return re.compile(rf"^[ \t]*(?:-[ \t]+)*{re.escape(key)}[ \t]*:[ \t]+({_RESOLVABLE}){_LINE_END}",
                      re.MULTILINE)


def _as_written(text: str, fast: dict[Any, Any], slots: list[Slot]) -> dict[Any, Any] | None:
    """``fast`` with each scalar it resolved (at ``slots``, see ``_resolved``) replaced by
    the text written for it, or None when that cannot be proved (see the module docs).
    ``fast`` is changed in place: the text parsed again must then equal it exactly (a
    string equals only a string, so where ``fast`` has a token ``again`` has that text)."""
    parts: list[str] = []
    at = 0
    for container, slot, key in slots:
        found = (_ITEM_TOKEN if key is None else _key_token(key)).search(text, at)
        if found is None:
            return None
        start, end = found.span(1)
        parts += (text[at:start], "'", text[start:end], "'")
        container[slot] = text[start:end]
        at = end
    parts.append(text[at:])
    try:
        again = yaml_rs.loads("".join(parts), parse_datetime=False)
    except (ValueError, TypeError):  # YAMLDecodeError is a ValueError
        return None
    return again if type(again) is dict and again == fast else None


def parse_exact(text: str) -> Any:
    """Parse with PyYAML's C parser, keeping every scalar as written."""
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(node, set())
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        raise mark_error(exc, text) from None
    finally:
        loader.dispose()


def _fast_error(exc: Exception) -> YamlError:
    """yaml-rs's objection, located: its message reads "... at line L, column C\n...\nproblem"."""
    message = str(exc)
    where = _FAST_ERROR_AT.search(message)
    problem = message.strip().rsplit("\n", 1)[-1].strip()
    if where is None:
        return YamlError(problem, None, None)
    return YamlError(problem, int(where.group(1)), int(where.group(2)))


def parse_fast(text: str) -> Any | YamlError | None:
    """The fast parser's result with every scalar as written; None when the exact parser
    must read the text (see the module docs); a YamlError when the fast parser rejects
    the text. A rejected text is an error whatever the exact parser says;
    ``parse_exact`` only words it better when it agrees."""
    text = text.removeprefix("\ufeff")
    try:
        fast = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        return _fast_error(exc)
    except (ValueError, TypeError):
        return None
    slots: list[Slot] = []
    if type(fast) is not dict or not _resolved(fast, slots):
        return None
    return _as_written(text, fast, slots) if slots else fast


def parse_checked(text: str, objection: YamlError | None) -> Any:
    """The exact parse of a text the fast parser could not take; when the fast parser
    rejected it (``objection``), raise the exact parser's wording of the problem, or the
    objection itself when the exact parser would have accepted the text."""
    data = parse_exact(text.removeprefix("\ufeff"))
    if objection is not None:
        raise objection
    return data


def parse_text(text: str) -> Any:
    """Screen and parse one YAML document; scalars come back as text (see module docs)."""
    refused = screen.characters(text) or screen.structure(text)
    if refused is not None:
        raise refused
    fast = parse_fast(text)
    if fast is None or isinstance(fast, YamlError):
        return parse_checked(text, fast)
    return fast
