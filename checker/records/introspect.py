"""Read facts off the record models: field names, nested models, links, private fields."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from checker.records.fields import Link, Private


def yaml_name(model: type[BaseModel], attribute: str) -> str:
    info = model.model_fields[attribute]
    return info.alias or attribute


@cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The names an author writes in YAML (aliases where a field has one)."""
    return tuple(yaml_name(model, name) for name in model.model_fields)


@cache
@cache
def attributes(model: type[BaseModel]) -> dict[str, str]:
    """YAML name -> Python attribute of every field (``"class"`` -> ``"class_"``); shared,
    never to be changed."""
    return {(info.alias or attribute): attribute for attribute, info in model.model_fields.items()}


def attribute_of(model: type[BaseModel], name: str) -> str | None:
    return attributes(model).get(name)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip Optional, tuple[...] and Annotated; return the core type and metadata found."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        elif origin in (tuple, list):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def submodel_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The nested model at a validation location such as ``("lines", 0)``."""
    current: type[BaseModel] = model
    for step in loc:
        if isinstance(step, int):
            continue
        attribute = attribute_of(current, step)
        if attribute is None:
            return None
        core, _ = _unwrap(current.model_fields[attribute].annotation)
        if not _is_model(core):
            return None
        current = core
    return current


def _walk(model: type[BaseModel], prefix: tuple[str, ...],
          enclosing: frozenset[type[BaseModel]] = frozenset(),
          ) -> Iterator[tuple[tuple[str, ...], Any, list[Any], Any]]:
    for attribute, info in model.model_fields.items():
        path = (*prefix, info.alias or attribute)
        core, metadata = _unwrap(info.annotation)
        yield path, core, [*metadata, *info.metadata], info
        if _is_model(core) and core not in enclosing:  # recursive models (conditions) end here
            yield from _walk(core, path, enclosing | {model})


@cache
def links(model: type[BaseModel]) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Every field that names another record: (path, kinds it may point to)."""
    found = []
    for path, _, metadata, _ in _walk(model, ()):
        for item in metadata:
            if isinstance(item, Link):
                found.append((path, item.kinds))
    return tuple(found)


@cache
def private_paths(model: type[BaseModel]) -> frozenset[tuple[str, ...]]:
    """Paths of fields marked never to be published."""
    found = set()
    for path, _, metadata, info in _walk(model, ()):
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get("private") or any(isinstance(m, Private) for m in metadata):
            found.add(path)
    return frozenset(found)
