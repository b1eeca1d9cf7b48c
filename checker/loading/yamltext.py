"""Parse YAML with every scalar kept as the text the author wrote.

The record model, not the YAML resolver, decides each value's type: ``no`` stays
``"no"``, ``0571...`` keeps its leading zero, ``1:30`` is not 90 and ``12.50`` is not a
float. Plain ``~``, ``null`` and empty values are ``None``.

Two parsers serve this. yaml-rs (YAML 1.2, in Rust) is fast; its output is taken only
when every scalar in it is already text, which is then exactly what was written. Any
other file goes through PyYAML's C parser with a constructor that keeps text. Both
reject duplicate keys. Where the two disagree on whether a text is valid YAML, the
stricter verdict wins: a text either parser rejects is an error.

Texts reach these parsers only after ``checker.loading.screen`` has refused anchors,
aliases, deep nesting and characters that are not text.
"""

from __future__ import annotations

import re
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


def _all_text(value: Any) -> bool:
    """True when every scalar in ``value`` is a string or None (so nothing was resolved)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            for key, child in item.items():
                if type(key) is not str:
                    return False
                if type(child) is not str and child is not None:
                    stack.append(child)
        elif type(item) is list:
            stack.extend(item)
        elif type(item) is not str and item is not None:
            return False
    return True


def parse_exact(text: str) -> Any:
    """Parse with PyYAML's C parser, keeping every scalar as written."""
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(node, set())
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        raise mark_error(exc) from None
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
    """The fast parser's result when it is exactly what was written; None when the exact
    parser must read the text (a scalar resolved to a number or boolean, a list at the
    top); a YamlError when the fast parser rejects the text. A rejected text is an error
    whatever the exact parser says; ``parse_exact`` only words it better when it agrees."""
    try:
        fast = yaml_rs.loads(text.removeprefix("\ufeff"), parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        return _fast_error(exc)
    except (ValueError, TypeError):
        return None
    return fast if isinstance(fast, dict) and _all_text(fast) else None


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
