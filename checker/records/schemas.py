"""JSON Schemas of the record kinds, for editors (yaml-language-server in VS Code) and
any other tool that validates YAML against a schema.

Generated from the record models and kept in the repository (``schemas/``), with the
VS Code mapping from each kind's folder to its schema (``.vscode/settings.json``).
``handbook schema`` writes them; ``handbook schema --check`` and the test suite fail
when a model changed and they were not written again.

The schemas describe the YAML as an editor parses it, not as the loader keeps it: the
loader reads every scalar as the text the author wrote, so ``period: 2026`` or
``phone: 057188888888`` is text to the checker but a number to an editor. Wherever the
model would accept such a value, so does the schema. Descriptions are Chinese (what
the editor shows on hover and completion), with the English below them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, WithJsonSchema
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from checker.records import KINDS, MODELS, Record, kind_of
from checker.records.fields import description
from checker.records.types import PeriodField
from checker.writing import UnsafeWrite, write_inside

DIALECT = "http://json-schema.org/draft-07/schema#"  # yaml-language-server supports draft 7 and below
FOLDER = "schemas"  # at the repository root
COMBINED = "record"  # schemas/record.schema.json: any kind, chosen by its ``kind`` field
VSCODE_SETTINGS = Path(".vscode") / "settings.json"
VSCODE_KEY = "yaml.schemas"

# What pydantic reads as a boolean from text (any letter case), and as a date-time.
_BOOL_TEXT = "^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF|[YyNnTtFf]|1|0)$"
_DATETIME_TEXT = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
                  r"(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$")
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")


def _period_pattern() -> str | None:
    """The pattern periods are written in, as PeriodField's own JSON schema gives it."""
    for item in get_args(PeriodField)[1:]:
        if isinstance(item, WithJsonSchema) and item.json_schema and "pattern" in item.json_schema:
            return str(item.json_schema["pattern"])
    return None  # the type no longer says: tests/records/test_schemas.py shows if years stop passing


def _markdown(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def _describe(node: dict[str, Any], zh: str, en: str, private: bool) -> None:
    """Chinese description; hover and completion show it with the English below."""
    node["description"] = zh or en
    lines = [_markdown(zh or en)]
    if zh and en:
        lines.append(f"*{_markdown(en)}*")
    if private:
        lines.append("🔒 不公开：不会出现在发布的手册上 · *never published*")
    node["markdownDescription"] = "\n\n".join(lines)


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, adjusted for YAML as authors write it and for editors."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if "pattern" not in json_schema and "format" not in json_schema:
            json_schema["type"] = ["string", "number"]  # kept as the text written: 2026, 0571…
        return json_schema

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _BOOL_TEXT}]}

    def datetime_schema(self, schema: core_schema.DatetimeSchema) -> JsonSchemaValue:
        # 2026-03-01T14:30 (no seconds, no zone) is what the guide asks for: not RFC 3339
        return {"type": "string", "pattern": _DATETIME_TEXT}

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model: type[BaseModel] = schema["cls"]
        properties = json_schema.get("properties", {})
        for attribute, info in model.model_fields.items():
            node = properties.get(info.alias or attribute)
            if node is None:
                continue
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            for key in ("zh", "example", "private", "title"):
                node.pop(key, None)
            if issubclass(model, Record):
                zh, en = model.field_description(attribute, "zh"), model.field_description(attribute, "en")
            else:
                zh, en = description(info, "zh"), description(info, "en")
            if zh or en:
                _describe(node, zh, en, bool(extra.get("private")))
            if "example" in extra:
                node["examples"] = [extra["example"]]
            if node.get("default", 0) in (None, []):
                del node["default"]  # editors would insert `field: null` on completion
        if issubclass(model, Record):
            kind = kind_of(model)
            json_schema["title"] = model.title_zh
            _describe(json_schema, f"{model.title_zh}（{kind}），制度第 {model.chapter} 章",
                      f"{model.title_en} ({kind}), policy chapter {model.chapter}", False)
        else:  # a nested part: the field that holds it describes it
            json_schema.pop("title", None)
            json_schema.pop("description", None)
        return json_schema


def _years_as_numbers(node: Any, pattern: str | None) -> None:
    """A period written ``2026`` is a number to an editor: accept four-digit years."""
    if isinstance(node, dict):
        if pattern and node.get("type") == "string" and node.get("pattern") == pattern:
            node["type"] = ["string", "integer"]
            node["minimum"], node["maximum"] = 1000, 9999
        for value in node.values():
            _years_as_numbers(value, pattern)
    elif isinstance(node, list):
        for value in node:
            _years_as_numbers(value, pattern)


def _generate(models: tuple[type[Record], ...]) -> tuple[dict[str, str], dict[str, Any]]:
    """Refs of ``models`` and every definition they need, in draft-07 ``definitions``."""
    refs, top = models_json_schema([(model, "validation") for model in models],
                                   ref_template="#/definitions/{model}", schema_generator=_Generator)
    definitions: dict[str, Any] = top.get("$defs", {})
    records = {refs[(model, "validation")]["$ref"].rsplit("/", 1)[1] for model in models}
    for name, node in definitions.items():
        if name not in records:  # a part or a value type: the field that holds it describes it
            node.pop("title", None)
            if not node.get("description"):
                node.pop("description", None)
    _years_as_numbers(definitions, _period_pattern())
    return {kind_of(model): refs[(model, "validation")]["$ref"] for model in models}, definitions


def _one_or_many(ref: str) -> list[dict[str, Any]]:
    return [{"$ref": ref}, {"type": "array", "items": {"$ref": ref}}]


def kind_schema(model: type[Record]) -> dict[str, Any]:
    """The schema of a file of one kind: one record, or a list of them."""
    refs, definitions = _generate((model,))
    kind = kind_of(model)
    schema: dict[str, Any] = {"$schema": DIALECT, "title": f"{model.title_zh}（{kind}）"}
    _describe(schema, f"一条{model.title_zh}记录，或多条组成的列表", f"One {model.title_en.lower()} "
              "record, or a list of them", False)
    schema.update(anyOf=_one_or_many(refs[kind]), definitions=definitions)
    return schema


def combined_schema() -> dict[str, Any]:
    """The schema of any record file: each record's ``kind`` chooses its kind's schema."""
    refs, definitions = _generate(MODELS)
    kinds = sorted(refs)
    kind_node: dict[str, Any] = {"enum": kinds}
    _describe(kind_node, "记录类型，决定其余字段", "Record kind; it decides the other fields", False)
    definitions["AnyRecord"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": kind_node},
        "allOf": [{"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                   "then": {"$ref": refs[kind]}} for kind in kinds],
    }
    schema: dict[str, Any] = {"$schema": DIALECT, "title": "营销团队手册记录"}
    _describe(schema, "任一类型的记录（按 kind 字段选择），或多条组成的列表",
              "A record of any kind (chosen by its kind field), or a list of them", False)
    schema.update(anyOf=_one_or_many("#/definitions/AnyRecord"), definitions=definitions)
    return schema


def render(data: Mapping[str, Any]) -> str:
    """Stable text: sorted keys, two-space indent, Chinese as is, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path(kind: str) -> str:
    return f"{FOLDER}/{kind}.schema.json"


def schema_files() -> dict[str, str]:
    """Every schema file, path relative to the repository root -> text."""
    if COMBINED in KINDS:  # pragma: no cover - a kind named like the combined schema
        raise ValueError(f"a record kind is named {COMBINED!r}: rename schemas.COMBINED")
    files = {schema_path(kind): render(kind_schema(model)) for kind, model in sorted(KINDS.items())}
    files[schema_path(COMBINED)] = render(combined_schema())
    return files


def editor_mapping(records: str) -> dict[str, list[str]]:
    """``yaml.schemas`` for VS Code: schema file -> globs of the folders its records live in.

    ``records`` is the records folder relative to the repository root. A folder that holds
    another kind's folder (budgets/ and budgets/adjustments/) maps only its own files; a
    folder shared by several kinds gets the combined schema.
    """
    by_folder: dict[str, list[str]] = {}
    for kind, model in KINDS.items():
        by_folder.setdefault(model.folder.strip("/"), []).append(kind)
    mapping: dict[str, list[str]] = {}
    for folder, kinds in sorted(by_folder.items()):
        nested = any(other.startswith(folder + "/") for other in by_folder)
        files = "*" if nested else "**/*"
        schema = "./" + schema_path(kinds[0] if len(kinds) == 1 else COMBINED)
        mapping.setdefault(schema, []).extend(f"{records}/{folder}/{files}.{ext}" for ext in ("yaml", "yml"))
    return dict(sorted(mapping.items()))


class SettingsFileError(Exception):
    """``.vscode/settings.json`` exists but is not plain JSON (VS Code allows comments)."""


def _vscode_settings(root: Path, records: str) -> str:
    path = root / VSCODE_SETTINGS
    settings: dict[str, Any] = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise SettingsFileError(f"{VSCODE_SETTINGS} is not plain JSON ({exc}); set "
                                    f"{VSCODE_KEY} in it by hand to {json.dumps(editor_mapping(records))}") from exc
    settings[VSCODE_KEY] = editor_mapping(records)
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def expected_files(root: Path, records: Path) -> dict[str, str]:
    """Every file ``handbook schema`` writes: schemas and the VS Code settings."""
    relative = Path(os.path.relpath(records.resolve(), root.resolve())).as_posix()
    files = schema_files()
    files[VSCODE_SETTINGS.as_posix()] = _vscode_settings(root, relative)
    return files


def stale(root: Path, records: Path) -> list[str]:
    """Files that differ from what ``handbook schema`` would write, with why; [] when current."""
    expected = expected_files(root, records)
    problems = []
    for name, text in expected.items():
        path = root / name
        if not path.exists():
            problems.append(f"{name} (missing)")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{name} (out of date)")
    folder = root / FOLDER
    if folder.is_dir():
        problems.extend(f"{FOLDER}/{p.name} (no such record kind)" for p in sorted(folder.glob("*.schema.json"))
                        if f"{FOLDER}/{p.name}" not in expected)
    return problems


def write(root: Path, records: Path) -> list[str]:
    """Write every schema and the VS Code mapping; remove schemas of kinds that are gone.
    Returns the files changed."""
    changed = []
    expected = expected_files(root, records)
    for name, text in expected.items():
        path = root / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            try:
                write_inside(root, path, text.encode("utf-8"))
            except UnsafeWrite as exc:
                raise SettingsFileError(str(exc)) from exc
            changed.append(name)
    for path in sorted((root / FOLDER).glob("*.schema.json")):
        if f"{FOLDER}/{path.name}" not in expected:
            path.unlink()
            changed.append(f"{FOLDER}/{path.name} (removed)")
    return changed
