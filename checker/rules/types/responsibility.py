"""responsibility: the person who did something held the role the clause names.

``person`` is the path of the person id (default ``owner``), ``on`` the path of the date
it was done, ``roles`` the roles any of which is enough.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.findings import Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context
from checker.rules.paths import value, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType, as_date


class ResponsibilityParams(Params):
    roles: tuple[str, ...]
    on: str
    person: str = "owner"


class Responsibility(RuleType[ResponsibilityParams]):
    name = "responsibility"
    params = ResponsibilityParams

    def check(self, rule: RuleSpec, params: ResponsibilityParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        for entry in subjects:
            person = value(entry.record, params.person)
            day = as_date(value(entry.record, params.on))
            if person is None or day is None:
                continue
            out.checked += 1
            if not any(ctx.holds(str(person), role, day) for role in params.roles):
                names = ctx.role_names(params.roles)
                who = ctx.person_name(str(person))
                out.violation(entry, yaml_path(params.person), Message(
                    f"{who} 在 {day} 并未担任{names.zh}", f"{who} did not hold the role {names.en} on {day}"))
