"""JSON Schemas of the record kinds: current, valid draft 7, Chinese descriptions, and in
agreement with the models on what authors write (every sample record, and value by value)."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from checker.records import KINDS
from checker.records.schemas import (
    COMBINED,
    VSCODE_KEY,
    VSCODE_SETTINGS,
    combined_schema,
    editor_mapping,
    kind_schema,
    render,
    schema_files,
    schema_path,
    stale,
)
from checker.settings import Settings
from tests.conftest import PROJECT

RECORDS = Settings.load(PROJECT).records
SAMPLES = sorted(p for p in RECORDS.rglob("*") if p.suffix in (".yaml", ".yml", ".md"))
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def generated() -> dict[str, str]:
    return schema_files()


@cache
def validator(kind: str) -> jsonschema.Draft7Validator:
    schema = combined_schema() if kind == COMBINED else kind_schema(KINDS[kind])
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(kind: str, document: Any) -> list[str]:
    """Every error, with those under anyOf (one record or a list) spelled out."""
    found: list[str] = []
    pending = list(validator(kind).iter_errors(document))
    while pending:
        error = pending.pop(0)
        found.append(f"{list(error.absolute_path)}: {error.message[:200]}")
        pending.extend(error.context or ())
    return found


def as_editor_sees(value: Any) -> Any:
    """YAML-parsed data with dates as the ISO text an editor (YAML 1.2) keeps them as."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    return value


@cache
def sample(path: Path) -> Any:
    """A sample file as parsed YAML; a Markdown record's body goes into its body field."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return as_editor_sees(yaml.load(text, Loader=SafeLoader))
    _, front, body = text.split("---\n", 2)
    data = as_editor_sees(yaml.load(front, Loader=SafeLoader))
    body_field = KINDS[data["kind"]].body_field
    if body.strip() and body_field:
        data[body_field] = body
    return data


def test_committed_schemas_are_current() -> None:
    problems = stale(PROJECT, RECORDS)
    assert not problems, ("the JSON Schemas no longer match the record models: " + ", ".join(problems)
                          + "; run `handbook schema` and commit the result")


def test_generation_is_deterministic_sorted_and_ends_with_a_newline() -> None:
    first, second = schema_files(), schema_files()
    assert first == second
    for name, text in first.items():
        assert text.endswith("}\n"), name
        assert text == render(json.loads(text)), f"{name}: keys not sorted or not stable"


def test_one_schema_per_kind_and_one_for_any_kind() -> None:
    assert set(generated()) == {schema_path(kind) for kind in [*KINDS, COMBINED]}


@pytest.mark.parametrize("name", sorted(schema_path(kind) for kind in [*KINDS, COMBINED]))
def test_every_schema_is_valid_draft_7(name: str) -> None:
    schema = json.loads(generated()[name])
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_sample_record_validates_against_its_kind_and_the_combined_schema() -> None:
    assert len(SAMPLES) > 500
    problems: list[str] = []
    for path in SAMPLES:
        data = sample(path)
        kinds = {item["kind"] for item in (data if isinstance(data, list) else [data])}
        for kind in (*kinds, COMBINED):
            problems.extend(f"{path.relative_to(PROJECT)} ({kind}) {e}" for e in errors(kind, data))
    assert not problems, "\n".join(problems[:20])


def _glob(pattern: str) -> re.Pattern[str]:
    """yaml-language-server's reading of a yaml.schemas glob: anywhere in the path ('**/'
    before it), '**/' any folders, '*' within one name."""
    regex, rest = "", "**/" + pattern.lstrip("/")
    while rest:
        if rest.startswith("**/"):
            regex, rest = regex + "(?:[^/]*/)*", rest[3:]
        elif rest[0] == "*":
            regex, rest = regex + "[^/]*", rest[1:]
        else:
            regex, rest = regex + re.escape(rest[0]), rest[1:]
    return re.compile(regex + "$")


def test_vscode_maps_every_sample_yaml_file_to_the_schema_of_its_kind() -> None:
    mapping = json.loads((PROJECT / VSCODE_SETTINGS).read_text(encoding="utf-8"))[VSCODE_KEY]
    globs = {schema: [_glob(p) for p in patterns] for schema, patterns in mapping.items()}
    wrong = []
    for path in SAMPLES:
        if path.suffix == ".md":  # the YAML extension does not read Markdown front matter
            continue
        data = sample(path)
        kind = (data[0] if isinstance(data, list) else data)["kind"]
        chosen = {schema for schema, regexes in globs.items() if any(r.match(path.as_posix()) for r in regexes)}
        if chosen != {f"./{schema_path(kind)}"}:
            wrong.append(f"{path.relative_to(PROJECT)}: {sorted(chosen)}")
    assert not wrong, "\n".join(wrong[:10])


def test_a_folder_holding_another_kinds_folder_maps_only_its_own_files() -> None:
    mapping = editor_mapping("records")
    assert mapping["./schemas/budget.schema.json"] == ["records/budgets/*.yaml", "records/budgets/*.yml"]
    assert mapping["./schemas/budget-adjustment.schema.json"][0] == "records/budgets/adjustments/**/*.yaml"


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((PROJECT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_descriptions_are_chinese_with_the_english_below() -> None:
    schema = kind_schema(KINDS["quote"])
    quote = schema["definitions"]["Quote"]["properties"]
    assert quote["total"]["description"] == "报价总额（折后）"
    assert quote["total"]["markdownDescription"] == "报价总额（折后）\n\n*Total after discount*"
    assert quote["kind"]["description"] == "记录类型"  # the envelope's, for a kind that only narrows it
    assert quote["status"]["examples"] == ["sent"]
    line = schema["definitions"]["QuoteLine"]["properties"]
    assert line["quantity"]["description"] == "数量"


def test_no_pydantic_leftovers_reach_the_editor() -> None:
    for name, text in generated().items():
        for node in _walk(json.loads(text)):
            properties = node.get("properties", {})
            for field_name, field_schema in properties.items():
                assert not {"zh", "example", "private"} & set(field_schema), f"{name}: {field_name}"
                assert field_schema.get("default", 0) is not None, f"{name}: {field_name} default null"


def test_private_fields_say_they_are_never_published() -> None:
    person = kind_schema(KINDS["person"])["definitions"]["Person"]["properties"]
    assert "🔒" in person["phone"]["markdownDescription"]
    assert "🔒" not in person["name"]["markdownDescription"]


# Values as written in YAML, and whether the model takes them; the schema must agree.
QUOTE = {"kind": "quote", "id": "QT-1", "owner": "p-a", "customer": "C-1", "status": "sent",
         "lines": [{"product": "传感器", "quantity": "12", "unit_price": "12500.00"}], "total": "150000.00"}
COMPLAINT = {"kind": "complaint", "id": "CP-1", "owner": "p-a", "customer": "C-1", "received": "2026-01-22T09:40",
             "channel": "电话", "description": "读数漂移"}
ROLE = {"kind": "role", "id": "r", "owner": "p-a", "name_zh": "角色", "name_en": "Role", "team": "false",
        "responsibilities": ["审核"]}
SALES_REPORT = {"kind": "sales-report", "id": "SR-1", "owner": "p-a", "period": "2026-03", "submitted": "2026-04-08",
                "revenue": "100.00", "volume": "3", "profit": "10.00", "analysis": "无", "measures": ["加强"]}

CASES: list[tuple[dict[str, Any], str, str, bool]] = [
    (QUOTE, "total", "142500.00", True),
    (QUOTE, "total", "142500", True),
    (QUOTE, "total", "142,500.00", True),
    (QUOTE, "total", "1250.00 USD", True),
    (QUOTE, "total", "-5.00", False),
    (QUOTE, "total", "abc", False),
    (QUOTE, "total", "[1, 2]", False),
    (QUOTE, "discount_percent", "5", True),
    (QUOTE, "discount_percent", "150", False),
    (QUOTE, "sent", "2026-03-30", True),
    (QUOTE, "sent", "", True),
    (QUOTE, "sent", "next week", False),
    (QUOTE, "status", "accepted", True),
    (QUOTE, "status", "lost", False),
    (QUOTE, "customer", "12345", True),  # a number to an editor, text to the checker
    (QUOTE, "owner", "", False),
    (QUOTE, "colour", "red", False),
    (COMPLAINT, "received", "2026-01-22T09:40", True),
    (COMPLAINT, "received", "2026-01-22 09:40:00", True),
    (COMPLAINT, "received", "2026-01-22T09:40:00+08:00", True),
    (COMPLAINT, "received", "yesterday", False),
    (ROLE, "team", "true", True),
    (ROLE, "team", "yes", False),  # a YAML 1.1 word: text to an editor, refused by the checker
    (ROLE, "team", "on", False),
    (ROLE, "team", "maybe", False),
    (SALES_REPORT, "period", "2026", True),
    (SALES_REPORT, "period", "2026-Q1", True),
    (SALES_REPORT, "period", "March", False),
    (SALES_REPORT, "volume", "412", True),
    (SALES_REPORT, "volume", "-1", False),
    (SALES_REPORT, "profit", "-1000.00", True),
]


@pytest.mark.parametrize(("record", "name", "written", "valid"), CASES,
                         ids=[f"{r['kind']}.{n}={w!r}" for r, n, w, _ in CASES])
def test_schema_and_model_agree_on_what_authors_write(record: dict[str, Any], name: str, written: str,
                                                      valid: bool) -> None:
    line = f"{name}: {written}"
    yaml_1_1_word = written.lower() in ("yes", "no", "on", "off", "y", "n")  # text in YAML 1.2, as editors read it
    parsed = written if yaml_1_1_word else as_editor_sees(yaml.safe_load(line)[name]) if written else None
    as_text: Any = yaml.load(line, Loader=yaml.BaseLoader)[name] if written else None  # the loader keeps text
    model = KINDS[record["kind"]]
    try:
        model.model_validate({**record, name: as_text})
        model_ok = True
    except ValidationError:
        model_ok = False
    schema_ok = not errors(record["kind"], {**record, name: parsed})
    assert (model_ok, schema_ok) == (valid, valid)


def test_combined_schema_chooses_the_kind_by_its_kind_field() -> None:
    assert not errors(COMBINED, QUOTE)
    assert not errors(COMBINED, [QUOTE, SALES_REPORT])
    assert errors(COMBINED, {**QUOTE, "kind": "contract"})  # a quote's fields are not a contract's
    assert any("'nonsense' is not one of" in e for e in errors(COMBINED, {**QUOTE, "kind": "nonsense"}))
    assert errors(COMBINED, {"id": "X"})  # no kind


def test_a_kind_schema_takes_one_record_or_a_list_and_only_its_kind() -> None:
    assert not errors("quote", QUOTE)
    assert not errors("quote", [QUOTE, {**QUOTE, "id": "QT-2"}])
    assert errors("quote", [QUOTE, SALES_REPORT])
    assert errors("quote", {key: value for key, value in QUOTE.items() if key != "total"})
