"""deadline: something happens within a time of a starting date.

The due date is the ``start`` value plus ``within`` (which may be negative: ``{days: -1}``
from the start of a plan year is the last day of the year before). The ``end`` date
must be on or before the due date; when it is still empty, the record is a finding
once the due date has passed and an upcoming deadline until then. With
``direction: after`` the order is reversed: ``end`` must come on or after the due date
(a decision only after coaching, for instance). An ``end`` dated after the evaluation
date has not happened yet. Times are compared on the team's clock (China time). Each
record's start, end, due moment and limit are reported for the status pages.

Parameters:

- ``start``: path of the date or time the clock starts from.
- ``end``: path of the date or time that must come in time.
- ``within``: ``{days: N}`` or ``{hours: N}``.
- ``pick``: ``earliest`` or ``latest``, when a path yields several dates.
- ``direction``: ``by`` (default) or ``after``.
- ``day_count``: ``calendar`` (default: every day counts) or ``working`` (``days`` are
  working days in mainland China: no weekends or public holidays, make-up working days
  count; ``hours`` stay clock hours).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any, Literal

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records.ruleset import RuleSpec
from checker.rules.context import Context
from checker.rules.facts import Elapsed
from checker.rules.paths import values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType, Span, as_date
from checker.rules.words import Code, DayCount, Names, Words, counting, pick


class DeadlineParams(Params):
    start: str
    end: str
    within: Span = Span()
    pick: Literal["earliest", "latest"] = "earliest"
    direction: Literal["by", "after"] = "by"
    day_count: DayCount = "calendar"


def _moment(found: Any) -> datetime | None:
    if isinstance(found, datetime):
        return found
    if isinstance(found, date):
        return datetime.combine(found, time())
    return None


def _show(moment: datetime, with_time: bool) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if with_time else moment.date().isoformat()


class Deadline(RuleType[DeadlineParams]):
    name = "deadline"
    params = DeadlineParams

    def describe(self, params: DeadlineParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        within = params.within
        length = within.words(params.day_count, lang)
        if within.days < 0 or within.hours < 0:
            limit = pick(lang, f"起算日之前 {length}", f"{length} before the start")
        elif within.days or within.hours:
            limit = pick(lang, f"起算后 {length}内", f"within {length} of the start")
        else:
            limit = pick(lang, "起算当天", "the start day")
        said["start"] = (pick(lang, "从 ", "Counted from "), Code(params.start), pick(lang, " 起算", ""))
        said["within"] = (pick(lang, "期限：", "Time allowed: ") + limit,)
        if params.direction == "by":
            said["end"] = (Code(params.end), pick(lang, f" 不晚于{limit}", f" is no later than {limit}"))
        else:
            said["end"] = (Code(params.end), pick(lang, f" 不早于{limit}", f" is no earlier than {limit}"))
        said["direction"] = (
            pick(lang, "期限是最晚时间", "The time allowed is a latest time") if params.direction == "by"
            else pick(lang, "期限是最早时间：须在起算之后", "The time allowed is an earliest time: after the start"),)
        said["pick"] = (
            pick(lang, "一个字段有多个日期时取最早的", "Where a field holds several dates, the earliest counts")
            if params.pick == "earliest"
            else pick(lang, "一个字段有多个日期时取最晚的", "Where a field holds several dates, the latest counts"),)
        said["day_count"] = counting(params.day_count, lang)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def _pick(self, record: object, path: str, pick: str) -> datetime | None:
        moments = [m for m in (_moment(v) for v in values(record, path)) if m is not None]
        if not moments:
            return None
        return min(moments) if pick == "earliest" else max(moments)

    def check(self, rule: RuleSpec, params: DeadlineParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        with_time = bool(params.within.hours)
        for entry in subjects:
            start = self._pick(entry.record, params.start, params.pick)
            if start is None:
                continue
            out.checked += 1
            due = params.within.after(start, ctx.workdays if params.day_count == "working" else None)
            end = self._pick(entry.record, params.end, params.pick)
            if end is not None and not ctx.happened(end.date()):
                end = None  # dated after the evaluation date: not done yet as of then
            shown_due = _show(due, with_time)
            where = yaml_path(params.end)
            overdue = end is None and params.direction == "by" and due.date() < ctx.as_of
            out.fact(Elapsed(record=entry.record.id, start=start, end=end, due=due, late=overdue or (
                end is not None and (end > due if params.direction == "by" else end < due)), limit=Message(
                params.within.words(params.day_count, "zh"), params.within.words(params.day_count, "en")),
                in_hours=with_time))
            if end is None:
                if params.direction == "by" and as_date(due) is not None and due.date() < ctx.as_of:
                    out.violation(entry, where, Message(
                        f"截止 {shown_due} 已过，仍未记录", f"it was due by {shown_due} and is still not recorded"),
                        due=shown_due)
                elif params.direction == "by":
                    out.upcoming(entry, due.date(), Message(f"截止 {shown_due}", f"due {shown_due}"),
                                 entry.record.id)
                continue
            late = end > due if params.direction == "by" else end < due
            if late:
                shown_end = _show(end, with_time)
                detail = (Message(f"实际为 {shown_end}，晚于截止时间 {shown_due}",
                                  f"it happened {shown_end}, after the deadline {shown_due}")
                          if params.direction == "by" else
                          Message(f"{shown_end} 早于允许的最早日期 {shown_due}",
                                  f"{shown_end} is before {shown_due}, the earliest allowed"))
                out.violation(entry, where, detail, due=shown_due, actual=shown_end)
