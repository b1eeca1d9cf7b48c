"""Parse YAML with every scalar kept as the text the author wrote.

The record model, not the YAML resolver, decides each value's type: ``no`` stays
``"no"``, ``0571...`` keeps its leading zero, ``1:30`` is not 90 and ``12.50`` is not a
float. Plain ``~``, ``null`` and empty values are ``None``.

Two parsers serve this. yaml-rs (YAML 1.2, in Rust) is fast; its output is taken only
when every scalar in it is already text, which is then exactly what was written. Any
other file goes through PyYAML's C parser with a constructor that keeps text. Both
reject duplicate keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
import yaml_rs

try:
    _ExactBase: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _ExactBase = yaml.BaseLoader

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML syntax problem at a 1-based line and column."""

    problem: str
    line: int | None
    column: int | None


class _TextLoader(_ExactBase):  # type: ignore[misc]
    """PyYAML loader that keeps scalars as text and refuses duplicate keys."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """Plain, untagged null forms become null; everything else stays text (an explicit
        ``!!str ~`` never reaches here, so it stays the text ``~``)."""
        if kind is yaml.ScalarNode and implicit[0] and value in _NULLS:
            return _NULL_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def construct_scalar(self, node: yaml.ScalarNode) -> Any:
        return node.value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str) and key is not None:
                mark = key_node.start_mark
                raise YamlError("a key must be a plain name, not a list or mapping", mark.line + 1, mark.column + 1)
            if key in seen:
                mark = key_node.start_mark
                raise YamlError(f"duplicate key {key!r}", mark.line + 1, mark.column + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_TextLoader.add_constructor("tag:yaml.org,2002:map", _TextLoader.construct_mapping)
_TextLoader.add_constructor(
    "tag:yaml.org,2002:seq",
    lambda loader, node: loader.construct_sequence(node, deep=True),
)
_TextLoader.add_constructor("tag:yaml.org,2002:str", _TextLoader.construct_scalar)
_TextLoader.add_constructor(_NULL_TAG, lambda loader, node: None)


def _all_text(value: Any) -> bool:
    """True when every scalar in ``value`` is a string or None (so nothing was resolved)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    return False
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)
        elif item is not None and not isinstance(item, str):
            return False
    return True


def parse_exact(text: str) -> Any:
    """Parse with PyYAML, keeping every scalar as written."""
    try:
        return yaml.load(text, Loader=_TextLoader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        if mark is None:
            raise YamlError(problem, None, None) from None
        raise YamlError(problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), None, None) from None


def parse_text(text: str) -> Any:
    """Parse one YAML document; scalars come back as text (see module docs)."""
    text = text.removeprefix("\ufeff")
    try:
        fast = yaml_rs.loads(text, parse_datetime=False)
    except (yaml_rs.YAMLDecodeError, ValueError, TypeError):
        return parse_exact(text)
    if isinstance(fast, dict) and _all_text(fast):
        return fast
    return parse_exact(text)
