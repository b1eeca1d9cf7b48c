"""required: the record has the content its clause asks for.

- ``fields``: paths that must not be empty (an empty list or text counts as empty).
- ``each``: ``{path: courses, fields: [date, method]}``: every item of a list has them.
- ``includes``: ``{path: indicators[].type, values: [performance, attitude, teamwork]}``:
  the values found there include each of these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context
from checker.rules.paths import value, values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType
from checker.rules.words import Code, Names, Words, fields, pick


class Each(Params):
    path: str
    fields: tuple[str, ...]


class Includes(Params):
    path: str
    values: tuple[str, ...]


class RequiredParams(Params):
    fields: tuple[str, ...] = ()
    each: Each | None = None
    includes: Includes | None = None


def _empty(found: Any) -> bool:
    return found is None or (isinstance(found, (str, tuple, list)) and not found)


class Required(RuleType[RequiredParams]):
    name = "required"
    params = RequiredParams

    def describe(self, params: RequiredParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["fields"] = (pick(lang, "须填写 ", "Filled in: "), *fields(params.fields, lang))
        if params.each is not None:
            said["each"] = (Code(params.each.path), pick(lang, " 的每一项须填写 ", ": every item has "),
                            *fields(params.each.fields, lang))
        if params.includes is not None:
            said["includes"] = (Code(params.includes.path), pick(lang, " 须包括 ", " includes "),
                                *fields(params.includes.values, lang))
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: RequiredParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            out.checked += 1
            record = entry.record
            for path in params.fields:
                if _empty(value(record, path)):
                    out.violation(entry, yaml_path(path), Message(f"{path} 为空", f"{path} is empty"),
                                  field=path)
            if params.each:
                for index, item in enumerate(value(record, params.each.path) or ()):
                    for name in params.each.fields:
                        if _empty(value(item, name)):
                            out.violation(entry, (*yaml_path(params.each.path), index, name), Message(
                                f"{params.each.path} 第 {index + 1} 项缺少 {name}",
                                f"item {index + 1} of {params.each.path} has no {name}"), field=name)
            if params.includes:
                found = {str(v) for v in values(record, params.includes.path)}
                missing = [v for v in params.includes.values if v not in found]
                if missing:
                    out.violation(entry, yaml_path(params.includes.path), Message(
                        f"{params.includes.path} 缺少：{'、'.join(missing)}",
                        f"{params.includes.path} lacks: {', '.join(missing)}"), field=params.includes.path)
