"""Field helpers shared by every record model: bilingual descriptions, links, privacy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field
from pydantic.fields import FieldInfo


class Link:
    """Marks a text field as the id of another record of one of ``kinds``."""

    __slots__ = ("kinds",)

    def __init__(self, *kinds: str) -> None:
        self.kinds = kinds

    def __repr__(self) -> str:
        return f"Link{self.kinds!r}"


@dataclass(frozen=True)
class Private:
    """Marks a field as never to be published on the handbook site."""


def description(info: FieldInfo, lang: str) -> str:
    """A field's description in ``lang`` ("" when it has none)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get("zh", "")) if lang == "zh" else (info.description or "")


def after_approval(info: FieldInfo) -> bool:
    """Whether a field records what happens after an approval (the action it gates taking
    place, its execution, a hand-over), not what the approver decided."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get("after_approval"))


def field(zh: str, en: str, *, private: bool = False, example: Any = None, after: bool = False,
          **kwargs: Any) -> Any:
    """A model field with its description in both languages.

    ``example`` feeds the scaffolding templates and the how-to pages, so examples
    cannot drift from the schema. ``after``: the field records what happens after the
    record is approved (a quote sent, a contract signed and followed up, a claim paid,
    the record handed to another owner), so an approval's digest leaves it out and
    filling it in never makes the approval stale; the rules check it instead (sent no
    earlier than approved, signed after the legal review).
    """
    extra: dict[str, Any] = {"zh": zh}
    if after:
        extra["after_approval"] = True
    if private:
        extra["private"] = True
    if example is not None:
        extra["example"] = example
    return Field(description=en, json_schema_extra=extra, **kwargs)
