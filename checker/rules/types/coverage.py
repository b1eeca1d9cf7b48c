"""coverage: every team role, or every team member, has what the clause requires.

``subjects`` is ``team-roles`` (roles marked ``team: true``) or ``members`` (people
holding a team role on the evaluation date). ``by`` names the covering records and
the field naming the subject (``{kind: kpi-set, field: role}``).

With ``scope: repository`` each subject must be covered by some record (optionally
only by records whose ``current`` period contains the evaluation date); the finding
points at the subject. With ``current``, a subject not yet covered for the next period
(next year's KPI set) is announced as due on the current period's last day: from the
next period's first day it is a finding. With ``scope: record`` each record the rule applies to must
by itself cover every subject (a training plan's courses covering every role).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.general import Person
from checker.records.ruleset import RuleSpec
from checker.records.types import Period
from checker.rules.context import Context
from checker.rules.paths import value, values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType
from checker.rules.words import Code, Names, Words, of, pick


class Cover(Params):
    kind: str
    field: str
    current: str | None = None


class CoverageParams(Params):
    subjects: Literal["team-roles", "members"]
    by: Cover
    scope: Literal["repository", "record"] = "repository"


class Coverage(RuleType[CoverageParams]):
    name = "coverage"
    params = CoverageParams
    needs_kinds = False

    def describe(self, params: CoverageParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["subjects"] = (pick(lang, "营销团队的每个岗位", "Every team role") if params.subjects == "team-roles"
                            else pick(lang, "每位团队成员", "Every team member"),)
        by: list[str | Code] = [pick(lang, "由", "Covered by the "), *of(params.by.field, params.by.kind, lang, names),
                                pick(lang, " 覆盖", "")]
        if params.by.current:
            by += [pick(lang, "（只计 ", " (only those whose "), Code(params.by.current),
                   pick(lang, " 包含评估日期的）", " holds the evaluation date)")]
        said["by"] = tuple(by)
        said["scope"] = (pick(lang, "每条记录本身须覆盖全部", "Each record by itself covers them all")
                         if params.scope == "record" else
                         pick(lang, "全部记录合起来覆盖即可", "The records together cover them all"),)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def _subjects(self, params: CoverageParams, ctx: Context) -> list[tuple[str, Entry | None, Message]]:
        if params.subjects == "team-roles":
            return [(role.id, ctx.by_id.get(role.id), Message(role.name_zh, role.name_en))
                    for role in ctx.team_roles]
        found: list[tuple[str, Entry | None, Message]] = []
        for entry in ctx.by_kind.get("person", []):
            person = entry.record
            if isinstance(person, Person) and ctx.member_throughout(person, ctx.as_of, ctx.as_of):
                found.append((person.id, entry, Message(person.name, person.name)))
        return found

    def check(self, rule: RuleSpec, params: CoverageParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        wanted = self._subjects(params, ctx)
        if params.scope == "record":
            for entry in subjects:
                out.checked += 1
                covered = {str(v) for v in values(entry.record, params.by.field)}
                missing = [name for key, _, name in wanted if key not in covered]
                if missing:
                    out.violation(entry, yaml_path(params.by.field), Message(
                        f"没有覆盖：{'、'.join(m.zh for m in missing)}",
                        f"not covered: {', '.join(m.en for m in missing)}"))
            return
        covered = self._covered(params, ctx, ctx.as_of)
        for key, subject, name in wanted:
            out.checked += 1
            if key not in covered:
                out.violation(subject, ("id",), Message(
                    f"{name.zh}（{key}）还没有 {params.by.kind} 记录",
                    f"{name.en} ({key}) has no {params.by.kind} record"), subject=key)
        self._announce_next(params, ctx, wanted, out)

    def _covered(self, params: CoverageParams, ctx: Context, day: date) -> set[str]:
        """The subjects covered on ``day``: by any record, or with ``current`` by those whose
        period holds ``day``."""
        covered: set[str] = set()
        for entry in ctx.by_kind.get(params.by.kind, []):
            if params.by.current:
                period = value(entry.record, params.by.current)
                if not (isinstance(period, Period) and period.start <= day <= period.end):
                    continue
            covered.update(str(v) for v in values(entry.record, params.by.field))
        return covered

    def _announce_next(self, params: CoverageParams, ctx: Context,
                       wanted: list[tuple[str, Entry | None, Message]], out: Outcome) -> None:
        """Each subject not covered for the next period, due on the current period's last day.
        The period's length is read off the covering records (a year for ``year: 2026``)."""
        if not params.by.current:
            return
        units = {period.unit for entry in ctx.by_kind.get(params.by.kind, [])
                 if isinstance(period := value(entry.record, params.by.current), Period)}
        if len(units) != 1:
            return  # no covering record yet (today's finding says so), or periods of mixed lengths
        current = Period.of(units.pop(), ctx.as_of)
        upcoming = current.next()
        covered = self._covered(params, ctx, upcoming.start)
        for key, subject, name in wanted:
            if key not in covered:
                out.upcoming(subject, current.end, Message(
                    f"{name.zh}（{key}）{upcoming} 的 {params.by.kind} 记录：截止 {current.end}",
                    f"{name.en} ({key}): the {params.by.kind} record for {upcoming}, due by {current.end}"),
                    subject=key, period=upcoming.text)
