"""responsibility: the person who did something held the role the clause names.

``person`` is the path of the person id (default ``owner``), or several paths, the first
that holds a value counting (``[drafted_by, owner]``: who drafted a contract, when it
says, else its owner: the owner may change on a hand-over, the drafter never does);
``on`` the path of the date it was done, ``roles`` the roles any of which is enough.
With ``each`` (the path of a list, such as a contract's ``follow_ups``), every item is
checked: ``person`` and ``on`` are then read from the item (``by`` and ``date``).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context
from checker.rules.paths import value, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType, as_date
from checker.rules.words import Code, Names, Words, pick


class ResponsibilityParams(Params):
    roles: tuple[str, ...]
    on: str
    person: str | tuple[str, ...] = "owner"
    each: str | None = None

    @property
    def persons(self) -> tuple[str, ...]:
        return (self.person,) if isinstance(self.person, str) else self.person


class Responsibility(RuleType[ResponsibilityParams]):
    name = "responsibility"
    params = ResponsibilityParams

    def describe(self, params: ResponsibilityParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["roles"] = (pick(lang, f"由{names.roles(params.roles, lang)}负责",
                              f"Done by a {names.roles(params.roles, lang)}"),)
        said["on"] = (pick(lang, "以 ", "As held on the day of "), Code(params.on), pick(lang, " 当天的任职为准", ""))
        first, *rest = params.persons
        said["person"] = (pick(lang, "负责人取 ", "The person is "), Code(first),
                          *(part for path in rest for part in (pick(lang, "，未填时取 ", ", else "), Code(path))))
        if params.each:
            said["each"] = (pick(lang, "逐项检查 ", "Checked for every item of "), Code(params.each))
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: ResponsibilityParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            items: list[tuple[object, tuple[str | int, ...]]] = [(entry.record, ())]
            if params.each is not None:
                items = [(item, (*yaml_path(params.each), index))
                         for index, item in enumerate(value(entry.record, params.each) or ())]
            counted = False
            for item, where in items:
                path, person = next(((p, found) for p in params.persons if (found := value(item, p)) is not None),
                                    (params.persons[0], None))
                day = as_date(value(item, params.on))
                if person is None or day is None:
                    continue
                counted = True
                if not any(ctx.holds(str(person), role, day) for role in params.roles):
                    names = ctx.role_names(params.roles)
                    who = ctx.person_name(str(person))
                    out.violation(entry, (*where, *yaml_path(path)), Message(
                        f"{who} 在 {day} 并未担任{names.zh}", f"{who} did not hold the role {names.en} on {day}"))
            out.checked += counted
