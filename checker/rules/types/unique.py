"""unique: a value is used by one record only, or records sharing it agree.

``key`` is the path of the value (``receipts[].number``: every receipt of every claim).
Without ``agree``, a value may appear once only: the same receipt number on two claims,
or twice on one claim, is a finding on each later use (later by the record's own date,
then by id), naming the first. With ``agree`` (the path of another field), records
sharing the value must agree on that field: the incentives resting on one appraisal
are all rewards or all penalties; each record that disagrees with the first is a
finding. ``what`` names the value in messages (``{zh: 票据号码, en: receipt number}``).
Values are compared as written, ignoring surrounding spaces and letter case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.dating import judged_on
from checker.records.ruleset import RuleSpec, Text
from checker.rules.context import Context
from checker.rules.paths import located, value, values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType
from checker.rules.words import Code, Names, Words, pick


class UniqueParams(Params):
    key: str
    agree: str | None = None
    what: Text | None = None


def _order(entry: Entry) -> tuple[date, str]:
    return judged_on(entry.record) or date.min, entry.record.id


class Unique(RuleType[UniqueParams]):
    name = "unique"
    params = UniqueParams

    def describe(self, params: UniqueParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["key"] = (Code(params.key), pick(lang, " 的值只能用于一条记录", ": each value on one record only"))
        if params.agree:
            said["key"] = (pick(lang, "共用同一 ", "Records sharing one "), Code(params.key),
                           pick(lang, " 的记录", ""))
            said["agree"] = (pick(lang, "须有相同的 ", "have the same "), Code(params.agree))
        if params.what is not None:
            said["what"] = (pick(lang, "提示中称为：", "Called in messages: ") + params.what(lang),)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: UniqueParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        what = params.what or Text(zh=params.key, en=params.key)
        first: dict[str, tuple[Entry, str | None]] = {}
        for entry in sorted(subjects, key=_order):
            out.checked += 1
            agreed = value(entry.record, params.agree) if params.agree else None
            for index, found in enumerate(values(entry.record, params.key)):
                key = str(found).strip().upper()
                if not key:
                    continue
                if key not in first:
                    first[key] = (entry, None if agreed is None else str(agreed))
                    continue
                where = located(entry.record, params.key)[index][1]  # the same values, in the same order
                earlier, earlier_value = first[key]
                if params.agree is None:
                    other = Message("本记录", "this record") if earlier is entry else Message(
                        f"{earlier.record.id}（{earlier.source.file}）", f"{earlier.record.id} ({earlier.source.file})")
                    out.violation(entry, where, Message(f"{what.zh} {found} 已用于{other.zh}",
                                                        f"{what.en} {found} is already used on {other.en}"),
                                  key=str(found), other=earlier.record.id)
                elif earlier is not entry and str(agreed) != earlier_value:
                    out.violation(entry, yaml_path(params.agree), Message(
                        f"与 {earlier.record.id} 共用{what.zh} {found}，但 {params.agree} 为 {agreed}，"
                        f"{earlier.record.id} 为 {earlier_value}",
                        f"it shares the {what.en} {found} with {earlier.record.id}, but its {params.agree} is "
                        f"{agreed} and that of {earlier.record.id} is {earlier_value}"),
                        key=str(found), other=earlier.record.id)
