"""reference: links between records resolve, to records of the right kind and state.

With ``field``, that field must name an existing record of ``target_kind`` (and, with
``target_when``, one in the required state, e.g. an approved quote); ``required: true``
makes an empty field a finding too. With ``state_by`` (the path of a date on the
record, such as a contract's ``signed``), the record named must have been in that state
on that date: an approval given later does not count. A record that exists but failed
validation is reported once, where it is: links to it are not also reported missing.
Without ``field``, every link the record models declare (customer, owner, approver,
plan, ...) must resolve to a record of a kind the model allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.introspect import links
from checker.records.ruleset import Condition, RuleSpec, Text
from checker.records.types import Flag
from checker.rules.conditions import matches
from checker.rules.context import Context
from checker.rules.paths import fanned, located, reader_for, value, values, yaml_path
from checker.rules.suggest import did_you_mean
from checker.rules.types.base import Outcome, Params, RuleType, as_date
from checker.rules.words import Code, Names, Words, condition, pick

_LinkPath = tuple[tuple[str, ...], str, tuple[str, ...], Callable[[Any], list[Any]]]


@cache
def _link_paths(model: type[BaseModel]) -> tuple[_LinkPath, ...]:
    """Each declared link of ``model``: its path, the same as a rule path, its kinds and
    what reads it."""
    return tuple((path, fanned(path), kinds, reader_for(model, fanned(path))) for path, kinds in links(model))


_LinkGroup = tuple[tuple[str, ...], Callable[[Any], list[Any]]]


@cache
def _link_groups(model: type[BaseModel]) -> tuple[_LinkGroup, ...]:
    """The links of ``model`` by the kinds they may name, each group with what reads all its ids."""
    grouped: dict[tuple[str, ...], list[Callable[[Any], list[Any]]]] = {}
    for _, _, kinds, read in _link_paths(model):
        grouped.setdefault(kinds, []).append(read)
    return tuple((kinds, readers[0] if len(readers) == 1 else _joined(tuple(readers)))
                 for kinds, readers in grouped.items())


def _joined(readers: tuple[Callable[[Any], list[Any]], ...]) -> Callable[[Any], list[Any]]:
    return lambda record: [found for read in readers for found in read(record)]


class ReferenceParams(Params):
    field: str | None = None
    target_kind: str | None = None
    target_when: Condition | None = None
    target_state: Text | None = None  # the state in plain words, for messages
    state_by: str | None = None
    required: Flag = False


class Reference(RuleType[ReferenceParams]):
    name = "reference"
    params = ReferenceParams

    def describe(self, params: ReferenceParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        if params.field:
            said["field"] = (Code(params.field), pick(lang, " 须指向存在的记录", " names an existing record"))
        if params.target_kind:
            said["target_kind"] = (pick(lang, "被引用的须是", "The record named is a "),
                                   *names.kind(params.target_kind, lang))
        if params.target_when is not None:
            said["target_when"] = (pick(lang, "被引用的记录须满足：", "The record named must be: "),
                                   *condition(params.target_when, lang, names))
        if params.target_state is not None:
            said["target_state"] = (pick(lang, "提示中对该状态的说法：", "That state in messages: ")
                                    + params.target_state(lang),)
        if params.state_by:
            said["state_by"] = (pick(lang, "须在本记录的 ", "In that state by this record's "), Code(params.state_by),
                                pick(lang, " 当天已处于该状态", ""))
        said["required"] = (pick(lang, "必须填写", "Must be filled in") if params.required
                            else pick(lang, "可以不填", "May be left empty"),)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: ReferenceParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        if params.field is None:
            self._all_links(subjects, ctx, out)
            return
        for entry in subjects:
            out.checked += 1
            targets = values(entry.record, params.field)
            where = yaml_path(params.field)
            by = as_date(value(entry.record, params.state_by)) if params.state_by else None
            if not targets and params.required:
                out.violation(entry, where, Message(f"没有填写 {params.field}", f"{params.field} is empty"))
            for target in targets:
                found = ctx.by_id.get(str(target))
                if found is None and ctx.kind_of(str(target)) is not None and (
                        params.target_kind in (None, ctx.kind_of(str(target)))):
                    continue  # it exists but is invalid: reported once, where it is
                if found is None or (params.target_kind and found.record.kind != params.target_kind):
                    hint = did_you_mean(str(target), (params.target_kind,) if params.target_kind
                                        else tuple(ctx.by_kind), ctx)
                    out.violation(entry, where, Message(
                        f"引用的 {target} 不存在{f'（应为 {params.target_kind} 记录）' if params.target_kind else ''}"
                        f"{hint.zh}",
                        f"{target} does not exist{f' as a {params.target_kind} record' if params.target_kind else ''}"
                        f"{hint.en}"), target=str(target))
                elif not matches(params.target_when, found.record, ctx, by):
                    state = params.target_state or Text(zh="要求的状态", en="the required state")
                    if by is not None and matches(params.target_when, found.record, ctx):
                        detail = Message(f"引用的 {target} 在 {by}（{params.state_by}）时尚未{state.zh}，"
                                         f"之后才{state.zh}",
                                         f"{target} was not yet {state.en} on {by} ({params.state_by}); "
                                         f"it was only later")
                    else:
                        detail = Message(f"引用的 {target} 尚未{state.zh}", f"{target} is not {state.en}")
                    out.violation(entry, where, detail, target=str(target))

    def _all_links(self, subjects: Sequence[Entry], ctx: Context, out: Outcome) -> None:
        """Every declared link of every record. The records are many and scattered in
        memory, so each is visited once, all its links read together: all the ids that
        may name the same kinds are looked up at once, and only a record where one does
        not resolve is looked at path by path."""
        ids: dict[tuple[str, ...], frozenset[str]] = {}  # kinds -> the ids of the valid records of those kinds
        for entry in subjects:
            out.checked += 1
            record = entry.record
            for kinds, read in _link_groups(type(record)):
                allowed = ids.get(kinds)
                if allowed is None:
                    by_id = ctx.by_id  # the entry an id resolves to, as everywhere else
                    allowed = ids[kinds] = frozenset(e.record.id for kind in kinds for e in ctx.by_kind.get(kind, ())
                                                     if by_id[e.record.id] is e)
                if not allowed.issuperset(read(record)):  # an id written as a number is looked at below
                    self._broken_links(entry, ctx, out)
                    break

    @staticmethod
    def _broken_links(entry: Entry, ctx: Context, out: Outcome) -> None:
        """Each link of the record that does not resolve, in the order the model declares them."""
        record = entry.record
        for path, dotted, kinds, _ in _link_paths(type(record)):
            for target, where in located(record, dotted):
                if ctx.kind_of(str(target)) not in kinds:
                    hint = did_you_mean(str(target), kinds, ctx)
                    out.violation(entry, where, Message(
                        f"{'.'.join(path)} 引用的 {target} 不存在（应为 {' 或 '.join(kinds)} 记录）{hint.zh}",
                        f"{'.'.join(path)} names {target}, which is not a {' or '.join(kinds)} record"
                        f"{hint.en}"), target=str(target))
