"""Templates of records built from the models, so a template, the how-to pages and the
schema cannot drift apart.

``template`` is what ``handbook new`` writes: it cannot pass the check by accident. It
carries no approval (approvals are given with ``handbook approve``), required fields are
left empty for the author (the check names each one until it is filled in), and the
models' examples appear only in the comments, with the current year. ``example`` is the
filled-in record the handbook's record-kind pages show. ``default_id`` and
``folder_for`` give a new record an id in the repository's own pattern and put it in
the folder where its kind's records live (a visit in its month's folder);
``choose_id`` also passes over the ids other branches have taken, so that two branches
do not both add QT-2026-021.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from checker.records import Record, kind_of
from checker.records.fields import description
from checker.records.introspect import _unwrap

_PLAIN = re.compile(r"^[\w\u4e00-\u9fff][\w\u4e00-\u9fff .,/+()（）、，。·-]*$")
_SAMPLE_YEAR = "2026"  # the year the models' examples are written in
NOT_IN_TEMPLATES = ("approvals",)  # given by the approver with `handbook approve`, never typed in


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN.match(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _this_year(value: Any, year: int | None) -> Any:
    """An example with the sample's year replaced by ``year``."""
    if year is None:
        return value
    if isinstance(value, str):
        return re.sub(rf"(?<!\d){_SAMPLE_YEAR}(?!\d)", str(year), value)
    if isinstance(value, (list, tuple)):
        return [_this_year(v, year) for v in value]
    return value


def _choices(annotation: Any) -> tuple[str, ...]:
    core, _ = _unwrap(annotation)
    if typing.get_origin(core) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(core))
    return ()


def _describe(model: type[BaseModel], attribute: str, lang: str, hint: Any = None) -> str:
    info = model.model_fields[attribute]
    text = (model.field_description(attribute, lang) if issubclass(model, Record)
            else description(info, lang))
    required = info.is_required()
    mark = ("必填" if required else "可选") if lang == "zh" else ("required" if required else "optional")
    said = f"{text} ({mark})" if text else f"({mark})"
    choices = _choices(info.annotation)
    if choices and len(choices) > 1:
        return said + ("，可选值：" + "、".join(choices) if lang == "zh" else "; one of: " + ", ".join(choices))
    if hint is not None and hint != []:
        shown = ", ".join(_scalar(v) for v in hint) if isinstance(hint, (list, tuple)) else _scalar(hint)
        return said + (f" 例如：{shown}" if lang == "zh" else f" e.g. {shown}")
    return said


def _example(info: FieldInfo) -> Any:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get("example")


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, typing.Annotated) or str(origin) == "types.UnionType":
        return any(_is_list(a) for a in typing.get_args(annotation))
    return origin in (tuple, list)


def _nullable(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _nullable(typing.get_args(annotation)[0])
    return (origin in (typing.Union,) or str(origin) == "types.UnionType") and type(None) in typing.get_args(
        annotation)


def _lines(model: type[BaseModel], lang: str, indent: str, overrides: dict[str, Any], filled: bool,
           year: int | None) -> list[str]:
    lines: list[str] = []
    for attribute, info in model.model_fields.items():
        name = info.alias or attribute
        if name in NOT_IN_TEMPLATES:
            continue
        core, _ = _unwrap(info.annotation)
        many = _is_list(info.annotation)
        example = _example(info)
        value = overrides.get(name, example)
        nested = (isinstance(core, type) and issubclass(core, BaseModel) and value is None
                  and (many or info.is_required()))
        if value is None and not nested:
            continue
        given = name in overrides
        hint = None if filled or given or nested else _this_year(example, year)
        if nested and not filled and not info.is_required():  # an optional list of parts: shown, left empty
            parts = ", ".join(core.model_fields[a].alias or a for a in core.model_fields)
            said = _describe(model, attribute, lang)
            lines.append(f"{indent}# {said}" + (f"，每项包含 {parts}" if lang == "zh" else f"; each with {parts}"))
            lines.append(f"{indent}{name}: []")
            continue
        lines.append(f"{indent}# {_describe(model, attribute, lang, hint)}")
        if nested and many:
            # the first field's comment goes above the dash, its key onto the dash line
            first_comment, first_field, *rest = _lines(core, lang, indent + "    ", {}, filled, year)
            lines.append(f"{indent}{name}:")
            lines += [first_comment, f"{indent}  - {first_field.lstrip()}", *rest]
        elif nested:
            lines.append(f"{indent}{name}:")
            lines.extend(_lines(core, lang, indent + "  ", {}, filled, year))
        elif not filled and not given:
            lines.append(_empty(indent, name, info, many))
        elif isinstance(value, (list, tuple)):
            lines.append(f"{indent}{name}:")
            lines.extend(f"{indent}  - {_scalar(v)}" for v in value)
        else:
            lines.append(f"{indent}{name}: {_scalar(value)}")
    return lines


def _empty(indent: str, name: str, info: FieldInfo, many: bool) -> str:
    """A field left for the author: empty when required (so the check asks for it), its
    default when optional (what leaving it out would mean)."""
    if info.is_required():
        return f"{indent}{name}:\n{indent}  -" if many else f"{indent}{name}:"
    if _nullable(info.annotation) or info.default is None:
        return f"{indent}{name}:"
    default = info.default
    if isinstance(default, (list, tuple)):
        return f"{indent}{name}: [{', '.join(_scalar(v) for v in default)}]"
    return f"{indent}{name}: {_scalar(default)}"


def template(model: type[Record], lang: str = "zh", record_id: str | None = None, year: int | None = None) -> str:
    """The file ``handbook new`` writes: every field with a comment, the required ones
    empty, examples (in ``year``) only in the comments, no approvals."""
    kind = kind_of(model)
    overrides = {"kind": kind, "id": record_id or model.id_example}
    return "\n".join(_lines(model, lang, "", overrides, False, year)) + "\n"


def example(model: type[Record], lang: str = "zh") -> str:
    """A complete record of ``model`` filled with its examples (for the handbook's pages)."""
    kind = kind_of(model)
    overrides = {"kind": kind, "id": model.id_example}
    return "\n".join(_lines(model, lang, "", overrides, True, None)) + "\n"


# ---------------------------------------------------------------------- ids and folders

# Kinds whose id names a period: the first such period from today on without a record.
_PERIOD_IDS = {"monthly-plan": "month", "sales-report": "month", "promotion-plan": "quarter",
               "market-research": "quarter", "meeting": "week", "annual-plan": "year", "budget": "year",
               "training-plan": "year", "holiday-calendar": "year"}
# Kinds kept in a subfolder per period (the sample's layout), when the folder shows none yet.
_KEPT_BY = {"visit": "month", "expense-claim": "month", "appraisal": "quarter", "meeting": "year"}
# Kinds whose id names a person, a role or another record: the author gives it.
NAMED_IDS = ("role", "person", "rule-set", "kpi-set", "appraisal", "career-plan")


def _period(kind: str, day: date) -> str:
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if kind == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return str(day.year)


def _step(kind: str, day: date) -> date:
    if kind == "week":
        return day + timedelta(days=7)
    if kind == "year":
        return date(day.year + 1, 1, 1)
    months = 1 if kind == "month" else 3
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def existing_ids(records: Path, model: type[Record]) -> set[str]:
    """The ids already used by files of ``model``'s folder (any depth), by file name."""
    folder = records / model.folder
    if not folder.is_dir():
        return set()
    return {path.stem for path in folder.rglob("*") if path.suffix in (".yaml", ".yml", ".md")}


def default_id(model: type[Record], records: Path, today: date) -> str | None:
    """A new id in the pattern of the kind's example, for the current year or period, not
    yet used in the working tree; None when the id must name something only the author
    knows (a person)."""
    return choose_id(model, records, today)[0]


def choose_id(model: type[Record], records: Path, today: date,
              elsewhere: Collection[str] = ()) -> tuple[str | None, list[str]]:
    """``default_id`` free in the working tree and in ``elsewhere`` too (the ids on other
    branches, see checker.loading.branches), and the ids of ``elsewhere`` it passed over
    (what a colleague's branch already took), in order."""
    kind = kind_of(model)
    if kind in NAMED_IDS:
        return None, []
    here = existing_ids(records, model)
    other = set(elsewhere) - here
    example_id = model.id_example
    if kind in _PERIOD_IDS:
        unit = _PERIOD_IDS[kind]
        found = re.search(r"\d{4}(?:-(?:Q\d|W\d{2}|\d{2}))?", example_id)
        assert found is not None, example_id
        day = today
        passed: list[str] = []
        for _ in range(600):
            candidate = example_id[:found.start()] + _period(unit, day) + example_id[found.end():]
            if candidate in other:
                passed.append(candidate)
            elif candidate not in here:
                return candidate, passed
            day = _step(unit, day)
        return None, passed
    counter = re.search(r"(\d+)(?!.*\d)", example_id)
    assert counter is not None, example_id
    width = len(counter.group(1))
    prefix = _this_year(example_id[:counter.start()], today.year)
    shape = re.compile(re.escape(prefix) + r"(\d+)$")
    used = max((int(m.group(1)) for name in here if (m := shape.match(name))), default=0)
    beyond = sorted((int(m.group(1)), name) for name in other if (m := shape.match(name)) and int(m.group(1)) > used)
    last = max((number for number, _ in beyond), default=used)
    return f"{prefix}{last + 1:0{width}d}", [name for _, name in beyond]


def counted(model: type[Record]) -> bool:
    """Whether the kind's ids count up in a series (QT-2026-021, C-0033), so that a clash is
    undone by taking the next number, rather than naming a period or a person."""
    return kind_of(model) not in NAMED_IDS and kind_of(model) not in _PERIOD_IDS


def folder_for(model: type[Record], records: Path, record_id: str, today: date) -> Path:
    """Where a new record goes: its kind's folder, and within it the period subfolder the
    kind's records are kept in (``visits/2026-03/``), for the period its id names or today."""
    folder = records / model.folder
    layouts = {"month": r"\d{4}-\d{2}", "quarter": r"\d{4}-Q[1-4]", "year": r"\d{4}"}
    subfolders = [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    kept = [u for u, pattern in layouts.items() if subfolders and all(re.fullmatch(pattern, n) for n in subfolders)]
    unit = kept[0] if kept else None if subfolders else _KEPT_BY.get(kind_of(model))
    if unit is None:
        return folder
    named = re.search(rf"(?<!\d){layouts[unit]}(?!\d)", record_id)
    if unit != "month" and named:  # an id names its quarter or year (AR-2026-Q3-..., MT-2026-W05), not its month
        return folder / named.group()
    return folder / _period(unit, today)
