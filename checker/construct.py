"""Models made from values already known to be valid, without validating them again (as
pydantic's ``model_construct`` makes them, at a fraction of its cost): a computed
amount of money, a record read back from the store. Imports nothing heavy."""

from __future__ import annotations

from collections.abc import Set
from typing import Any, TypeVar

Model = TypeVar("Model")

_new = object.__new__
_set = object.__setattr__


def constructed(model: type[Model], values: dict[str, Any], fields_set: Set[str]) -> Model:
    """An instance of the pydantic ``model`` holding ``values`` (every field, in
    declaration order), ``fields_set`` naming those that were written."""
    made = _new(model)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", fields_set)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made
