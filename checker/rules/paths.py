"""Read values off records by the field paths rules are written with.

A path uses the names authors write in YAML: ``total``, ``total.amount``,
``approvals[].date`` (every element of a list), ``lines[].unit_price.amount``.
A path may also name a property a model derives, such as ``period_start``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel

from checker.records.introspect import attributes


@cache
def parse(path: str) -> tuple[tuple[str, bool], ...]:
    """``"a[].b"`` becomes ``(("a", True), ("b", False))``: name and whether it fans out."""
    steps = []
    for part in path.split("."):
        fan_out = part.endswith("[]")
        steps.append((part.removesuffix("[]"), fan_out))
    return tuple(steps)


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, BaseModel):
        return getattr(obj, attributes(type(obj)).get(name, name), None)
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


_Reader = Callable[[Any], list[Any]]
_READERS: dict[tuple[type, str], _Reader] = {}  # (type of the object read, path) -> its reader


def _reader(kind: type, path: str) -> _Reader:
    """The fastest way to read ``path`` off objects of type ``kind``: one attribute of a
    model, or the general walk."""
    steps = parse(path)
    if not issubclass(kind, BaseModel):
        return lambda obj: _walk(obj, steps)
    name, fan_out = steps[0]
    attribute = attributes(kind).get(name, name)
    rest = steps[1:]
    if not rest and not fan_out:  # the usual path: one field
        def one(obj: Any) -> list[Any]:
            found = getattr(obj, attribute, None)
            return [] if found is None else [found]
        return one

    def read(obj: Any) -> list[Any]:
        found = getattr(obj, attribute, None)
        if found is None:
            return []
        if fan_out and isinstance(found, (list, tuple)):
            found = [v for v in found if v is not None]
            return _walk_from(found, rest) if rest else found
        return _walk_from([found], rest) if rest else [found]
    return read


def values(obj: Any, path: str) -> list[Any]:
    """Every non-empty value at ``path`` (several when the path fans out over lists)."""
    return reader_for(type(obj), path)(obj)


def reader_for(kind: type, path: str) -> _Reader:
    """``values`` for one path off objects of one type, made once."""
    key = (kind, path)
    read = _READERS.get(key)
    if read is None:
        read = _READERS[key] = _reader(kind, path)
    return read


def reader(path: str) -> _Reader:
    """``values`` for one path, made once: for a loop that reads the same path off many
    records."""
    by_type: dict[type, _Reader] = {}

    def read(obj: Any) -> list[Any]:
        kind = type(obj)
        found = by_type.get(kind)
        if found is None:
            found = by_type[kind] = _reader(kind, path)
        return found(obj)
    return read


def _walk(obj: Any, steps: tuple[tuple[str, bool], ...]) -> list[Any]:
    return _walk_from([obj], steps)


def _walk_from(current: list[Any], steps: tuple[tuple[str, bool], ...]) -> list[Any]:
    for name, fan_out in steps:
        following: list[Any] = []
        for item in current:
            found = _get(item, name)
            if found is None:
                continue
            if fan_out and isinstance(found, (list, tuple)):
                following.extend(v for v in found if v is not None)
            else:
                following.append(found)
        current = following
    return current


def located(obj: Any, path: str) -> list[tuple[Any, tuple[str | int, ...]]]:
    """Like ``values``, each value with its place in the record (list indexes included),
    for pointing a finding at the exact line. Slower: use it where a finding is made."""
    current: list[tuple[Any, tuple[str | int, ...]]] = [(obj, ())]
    for name, fan_out in parse(path):
        following: list[tuple[Any, tuple[str | int, ...]]] = []
        for item, where in current:
            found = _get(item, name)
            if found is None:
                continue
            if fan_out and isinstance(found, (list, tuple)):
                following.extend((v, (*where, name, i)) for i, v in enumerate(found) if v is not None)
            else:
                following.append((found, (*where, name)))
        current = following
    return current


def value(obj: Any, path: str) -> Any:
    """The single value at ``path``, or None when it is empty."""
    found = values(obj, path)
    return found[0] if found else None


def yaml_path(path: str) -> tuple[str, ...]:
    """The location to point a finding at: the path's leading field names."""
    return tuple(name for name, _ in parse(path))


def fanned(path: tuple[str, ...]) -> str:
    """A model field path as a rule path that fans out over every list on the way."""
    return ".".join(f"{step}[]" for step in path)
