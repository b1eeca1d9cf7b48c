"""What may be published of a record: every field except those the model marks private."""

from __future__ import annotations

from typing import Any

from checker.records import Record
from checker.records.introspect import private_paths


def _strip(value: Any, private: frozenset[tuple[str, ...]], prefix: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v, private, (*prefix, k)) for k, v in value.items()
                if (*prefix, k) not in private}
    if isinstance(value, list):
        return [_strip(v, private, prefix) for v in value]
    return value


def public(record: Record) -> dict[str, Any]:
    """The record as plain data (YAML names), without its private fields."""
    data = record.model_dump(mode="json", by_alias=True)
    return _strip(data, private_paths(type(record)), ())  # type: ignore[no-any-return]
