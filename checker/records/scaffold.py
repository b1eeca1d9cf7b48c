"""Templates of records built from the models' own examples, so a template, the
how-to pages and the schema cannot drift apart. Every template validates against
its model (a test holds this)."""

from __future__ import annotations

import json
import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from checker.records import Record, kind_of
from checker.records.fields import description
from checker.records.introspect import _unwrap

_PLAIN = re.compile(r"^[\w\u4e00-\u9fff][\w\u4e00-\u9fff .,/+()（）、，。·-]*$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN.match(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _describe(model: type[BaseModel], attribute: str, lang: str) -> str:
    info = model.model_fields[attribute]
    text = (model.field_description(attribute, lang) if issubclass(model, Record)
            else description(info, lang))
    required = info.is_required()
    mark = ("必填" if required else "可选") if lang == "zh" else ("required" if required else "optional")
    return f"{text} ({mark})" if text else f"({mark})"


def _example(info: FieldInfo) -> Any:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get("example")


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, typing.Annotated) or str(origin) == "types.UnionType":
        return any(_is_list(a) for a in typing.get_args(annotation))
    return origin in (tuple, list)


def _lines(model: type[BaseModel], lang: str, indent: str, overrides: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for attribute, info in model.model_fields.items():
        name = info.alias or attribute
        core, _ = _unwrap(info.annotation)
        many = _is_list(info.annotation)
        value = overrides.get(name, _example(info))
        nested = (isinstance(core, type) and issubclass(core, BaseModel) and value is None
                  and (many or info.is_required()))
        if value is None and not nested:
            continue
        lines.append(f"{indent}# {_describe(model, attribute, lang)}")
        if nested and many:
            # the first field's comment goes above the dash, its key onto the dash line
            first_comment, first_field, *rest = _lines(core, lang, indent + "    ", {})
            lines.append(f"{indent}{name}:")
            lines += [first_comment, f"{indent}  - {first_field.lstrip()}", *rest]
        elif nested:
            lines.append(f"{indent}{name}:")
            lines.extend(_lines(core, lang, indent + "  ", {}))
        elif isinstance(value, (list, tuple)):
            lines.append(f"{indent}{name}:")
            lines.extend(f"{indent}  - {_scalar(v)}" for v in value)
        else:
            lines.append(f"{indent}{name}: {_scalar(value)}")
    return lines


def template(model: type[Record], lang: str = "zh", record_id: str | None = None) -> str:
    """A complete, valid example record of ``model`` with a comment on every field."""
    kind = kind_of(model)
    overrides = {"kind": kind, "id": record_id or model.id_example}
    return "\n".join(_lines(model, lang, "", overrides)) + "\n"
