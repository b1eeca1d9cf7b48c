"""cadence: a duty done every period, for every group it applies to.

Groups are the whole team (``groups: team``), each record the rule applies to
(``records``: each customer, each contract, each annual plan) or each team member
(``members``: every person holding a team role throughout the period). Events are
records of another kind that name the group (``events: {kind: visit, link: customer}``)
or dates inside the group record itself (``events: {in_record: follow_ups[].date}``).

Two modes:

- calendar periods (``period: week|month|quarter|year``): every period needs at least
  one event dated in it (or, with a period field such as ``month``, covering it). A
  period is late once its due date has passed: the period's end (or start, with
  ``due_from: start``) plus ``due``.
- rolling intervals (``every: {days: N}``): the first event within ``first_within`` of
  the start (default ``every``), then no gap longer than ``every``.

Obligations begin on the later of the rule set's effective date and the group's
``start`` (e.g. a customer's ``since``), and stop at the group's ``end`` when it has one.
With ``first_only: true`` only the first event is required (a new customer's first
follow-up), and only for groups that started on or after the effective date.

Events dated after the evaluation date have not happened yet and do not count (an
event dated by a period field, such as next year's plan, counts once it exists). A duty
due before its period begins (``due_from: start`` with a negative ``due``: next year's
plan by the end of this year) is looked at one period ahead. A team-wide duty that is
missing points at the file it belongs in: ``events.file``, a pattern such as
``meetings/{year}/MT-{period}.yaml`` (``{period}``, ``{year}`` and ``{number}``, the
week, month or quarter number, which ``{number:02d}`` pads with zeros; no other name or
format), by default the kind's folder and its id pattern
(``sales-reports/SR-{period}.yaml``).

The rule reports each period's state per group (done, late, overdue, open, ahead) and,
for rolling intervals, the interval in force, the last event and the next due date,
for the status pages.

``day_count``: ``calendar`` (default: every day counts) or ``working`` (``due``, ``every``
and ``first_within`` count working days in mainland China, and a period with no working
day at all, such as a week of the Spring Festival holiday, needs no event).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, Literal

from pydantic import field_validator

from checker.findings import Lang, Message
from checker.loading.repository import Entry
from checker.records import KINDS
from checker.records.general import Person
from checker.records.ruleset import DIGITS, TEXT, Condition, RuleSpec, TextError, fill, template_problem
from checker.records.types import Flag, Period
from checker.rules.conditions import compiled
from checker.rules.context import Context
from checker.rules.facts import Interval, PeriodState, PeriodStatus
from checker.rules.paths import reader, value, values, yaml_path
from checker.rules.types.base import Outcome, Params, RuleType, Span, as_date
from checker.rules.words import Code, DayCount, Names, Words, condition, counting, pick

Unit = Literal["week", "month", "quarter", "year"]
_UNIT_ZH = {"week": "周", "month": "月", "quarter": "季度", "year": "年"}


_FILE_NAMES = {"period": TEXT, "year": TEXT, "number": DIGITS}


class Events(Params):
    kind: str | None = None
    link: str | None = None
    date: str = "date"
    when: Condition | None = None
    in_record: str | None = None
    file: str | None = None

    @field_validator("file")
    @classmethod
    def _file_pattern(cls, pattern: str | None) -> str | None:
        problem = template_problem(pattern, _FILE_NAMES) if pattern is not None else None
        if problem is not None:
            raise TextError(f"{problem.zh}；文件名模式可用 {{period}}、{{year}} 和 {{number}}（补零到两位："
                            "{number:02d}，最多 9 位），花括号本身写作 {{ 和 }}",
                            f"{problem.en}; the pattern can use {{period}}, {{year}} and {{number}} (padded with "
                            "zeros to two digits: {number:02d}, up to 9), and a brace itself is written {{ or }}")
        return pattern


class CadenceParams(Params):
    groups: Literal["team", "records", "members"] = "records"
    events: Events
    period: Unit | None = None
    due: Span = Span()
    due_from: Literal["start", "end"] = "end"
    every: Span | None = None
    first_within: Span | None = None
    start: str | None = None
    end: str | None = None
    first_only: Flag = False
    day_count: DayCount = "calendar"


def _state(done: list[tuple[date, str, bool]], due: date, as_of: date) -> PeriodState:
    """A period's state as of ``as_of``; ``done`` holds the events covering it."""
    if not done:
        return "overdue" if due < as_of else "open"
    if all(dated and day > due for day, _, dated in done):
        return "late"
    return "done" if due <= as_of else "ahead"


def _day(found: Any) -> date | None:
    if isinstance(found, Period):
        return found.start
    return as_date(found)


class Cadence(RuleType[CadenceParams]):
    name = "cadence"
    params = CadenceParams
    needs_kinds = False

    def describe(self, params: CadenceParams, lang: Lang, names: Names) -> dict[str, Words]:
        said = super().describe(params, lang, names)
        said["groups"] = ({
            "team": pick(lang, "对整个团队检查", "Checked for the whole team"),
            "records": pick(lang, "对每条适用的记录分别检查", "Checked for each record it applies to"),
            "members": pick(lang, "对每位团队成员分别检查", "Checked for each team member")}[params.groups],)
        events = params.events
        if events.in_record:
            said["events"] = (pick(lang, "事件：本记录中的日期 ", "Events: the dates "), Code(events.in_record),
                              pick(lang, "", " in the record itself"))
        elif events.kind:
            found: list[str | Code] = [pick(lang, "事件：", "Events: "), *names.kind(events.kind, lang)]
            if events.link:
                found += [pick(lang, "，其 ", " whose "), Code(events.link),
                          pick(lang, " 指向被检查的记录", " names the record checked")]
            found += [pick(lang, "，日期取 ", ", dated by "), Code(events.date)]
            if events.when is not None:
                found += [pick(lang, "，且 ", ", where "), *condition(events.when, lang, names)]
            said["events"] = tuple(found)
        if params.period:
            said["period"] = (pick(lang, f"每{_UNIT_ZH[params.period]}至少一次", f"At least once a {params.period}"),)
        from_end = params.due_from == "end"
        if params.due.days or params.due.hours:
            length = params.due.words(params.day_count, lang)
            said["due"] = (pick(lang, f"截止：每期{'结束' if from_end else '开始'}后 {length}内",
                                f"Due within {length} of the period's {'end' if from_end else 'start'}"),)
        said["due_from"] = (pick(lang, f"截止时间从每期的{'最后一天' if from_end else '第一天'}起算",
                                 f"The deadline counts from the period's {'last' if from_end else 'first'} day"),)
        if params.every is not None:
            length = params.every.words(params.day_count, lang)
            said["every"] = (pick(lang, f"两次之间不超过 {length}", f"No more than {length} between two"),)
        if params.first_within is not None:
            length = params.first_within.words(params.day_count, lang)
            said["first_within"] = (pick(lang, f"首次不晚于起算后 {length}",
                                         f"The first within {length} of the start"),)
        if params.start:
            said["start"] = (pick(lang, "从每条记录的 ", "From each record's "), Code(params.start),
                             pick(lang, " 起算", ""))
        if params.end:
            said["end"] = (pick(lang, "到 ", "Until its "), Code(params.end), pick(lang, " 为止", ""))
        said["first_only"] = (pick(lang, "只要求首次（只对规则集生效后新建的记录）",
                                   "Only the first is required (for records new since the rule set took effect)"),)
        said["day_count"] = counting(params.day_count, lang)
        return {name: words for name, words in said.items() if name in params.model_fields_set}

    def check(self, rule: RuleSpec, params: CadenceParams, subjects: Sequence[Entry],
              ctx: Context, out: Outcome) -> None:
        if (params.period is None) == (params.every is None):
            raise ValueError("give either 'period' or 'every'")
        for group, entry, begin, stop in self._groups(params, subjects, ctx):
            events = self._events(params, group, entry, ctx)
            dates = [day for day, _, _ in events]
            out.checked += 1
            if params.period is not None:
                self._periods(params, params.period, entry, group, events, begin, stop, ctx, out)
            else:
                self._rolling(params, entry, group, dates, begin, stop, ctx, out)

    def _groups(self, params: CadenceParams, subjects: Sequence[Entry],
                ctx: Context) -> Iterator[tuple[str, Entry | None, date, date | None]]:
        if params.groups == "team":
            yield "", None, ctx.effective, None
            return
        if params.groups == "members":
            for entry in ctx.by_kind.get("person", []):
                if isinstance(entry.record, Person) and any(
                        ctx.member_throughout(entry.record, day, day)
                        for day in (ctx.as_of, ctx.effective)):
                    yield entry.record.id, entry, ctx.effective, None
            return
        for entry in subjects:
            start = _day(value(entry.record, params.start)) if params.start else None
            end = as_date(value(entry.record, params.end)) if params.end else None
            if params.start and start is None:
                continue  # not started yet (e.g. a contract not signed)
            if params.end and isinstance(value(entry.record, params.end), Period):
                end = value(entry.record, params.end).end
            if params.first_only and (start is None or start < ctx.effective):
                continue  # not new under this rule set
            yield entry.record.id, entry, max(start or ctx.effective, ctx.effective), end

    def _events(self, params: CadenceParams, group: str, entry: Entry | None,
                ctx: Context) -> list[tuple[date, str, bool]]:
        """The group's events in order. Records of another kind that name the group are
        found once per run for every rule that counts the same events (the customers'
        visits serve several rules): the list is shared, so it is never changed."""
        spec = params.events
        if spec.in_record or not (spec.link and group):
            return sorted(self._event_dates(params, group, entry, ctx))
        shared: dict[str, dict[str, list[tuple[date, str, bool]]]] = ctx.__dict__.setdefault("_cadence_events", {})
        by_group = shared.setdefault(repr(spec), {})
        found = by_group.get(group)
        if found is None:
            found = by_group[group] = sorted(self._event_dates(params, group, entry, ctx))
        return found

    def _event_dates(self, params: CadenceParams, group: str, entry: Entry | None,
                     ctx: Context) -> Iterator[tuple[date, str, bool]]:
        """Each event that has happened by the evaluation date: its date, its record id and
        whether that is the day it happened (not the first day of a period it covers)."""
        events = params.events
        if events.in_record:
            if entry is not None:
                yield from ((d, entry.record.id, True) for d in map(_day, values(entry.record, events.in_record))
                            if d and ctx.happened(d))
            return
        assert events.kind is not None
        if events.link and group:
            candidates = ctx.referencing(events.kind, events.link).get(group, [])
        else:
            candidates = ctx.by_kind.get(events.kind, [])
        counts = compiled(events.when) if events.when is not None else None
        read_date = reader(events.date)
        for event in candidates:
            record = event.record
            if counts is None or counts(record, ctx, None):
                written = read_date(record)
                found = _day(written[0]) if written else None
                dated = not isinstance(written[0], Period) if written else True
                if found is not None and (not dated or ctx.happened(found)):
                    yield found, record.id, dated

    def _periods(self, params: CadenceParams, unit: Unit, entry: Entry | None, group: str,
                 events: list[tuple[date, str, bool]], begin: date, stop: date | None, ctx: Context,
                 out: Outcome) -> None:
        covered: dict[Period, list[tuple[date, str, bool]]] = {}
        for event in events:
            covered.setdefault(Period.of(unit, event[0]), []).append(event)
        period = Period.of(unit, begin)
        person = isinstance(entry.record, Person) if entry else False
        workdays = ctx.workdays if params.day_count == "working" else None
        while True:
            due = params.due.after(period.end if params.due_from == "end" else period.start, workdays)
            if period.start > (stop or ctx.as_of) and not (stop is None and due < period.start):
                break  # past the last period, unless its duty falls due before it begins
            if workdays is not None and not workdays.any_working(period.start, period.end):
                period = period.next()
                continue  # no working day in the period: nothing can be due
            if person and entry and not ctx.member_throughout(entry.record, period.start,  # type: ignore[arg-type]
                                                              period.end):
                period = period.next()
                continue
            done = covered.get(period, [])
            out.fact(PeriodStatus(group=group, period=str(period), due=due, events=tuple(r for _, r, _ in done),
                                  state=_state(done, due, ctx.as_of)))
            if not done:
                span = f"{period}（{period.start} ~ {period.end}）"
                if due < ctx.as_of:
                    where = self._missing_file(params, period) if entry is None else None
                    out.violation(entry, ("id",) if entry else (), Message(
                        f"{span} 没有记录，截止 {due} 已过",
                        f"nothing is recorded for {period} ({period.start} to {period.end}); it was due by {due}"),
                        subject=group or str(period), period=str(period), due=due.isoformat(),
                        expected_file=where)
                else:
                    out.upcoming(entry, due, Message(f"{period}：截止 {due}", f"{period}: due {due}"),
                                 group or str(period), period=str(period),
                                 file=self._missing_file(params, period) if entry is None else None)
                    if period.start > ctx.as_of:
                        break
            elif period.start > ctx.as_of:
                break
            period = period.next()

    @staticmethod
    def _missing_file(params: CadenceParams, period: Period) -> str | None:
        """Where the missing record of a team-wide duty belongs, under the records folder."""
        pattern = params.events.file
        model = KINDS.get(params.events.kind or "")
        if pattern is None and model is not None:
            prefix = re.match(r"^[^0-9]*", model.id_example)
            pattern = f"{model.folder}/{prefix.group(0) if prefix else ''}{{period}}.yaml"
        if pattern is None:
            return None
        number = int(re.findall(r"[0-9]+", period.text)[-1])
        return fill(pattern, {"period": period.text, "year": period.text[:4], "number": number})

    def _rolling(self, params: CadenceParams, entry: Entry | None, group: str, dates: list[date],
                 begin: date, stop: date | None, ctx: Context, out: Outcome) -> None:
        assert params.every is not None
        every = params.every
        first = params.first_within or params.every
        workdays = ctx.workdays if params.day_count == "working" else None
        before = [d for d in dates if d <= begin]
        previous, allowance = (before[-1], every) if before else (begin, first)
        limit = min(stop, ctx.as_of) if stop else ctx.as_of
        where = yaml_path(params.events.in_record) if params.events.in_record else ("id",)
        if params.first_only:
            self._first(entry, group, dates, begin, first.after(begin, workdays), where, ctx, out)
            return
        last = max((d for d in dates if d <= limit), default=None)
        for day in (d for d in dates if begin < d <= limit):
            if day > allowance.after(previous, workdays):
                allowed = Message(allowance.words(params.day_count, "zh"), allowance.words(params.day_count, "en"))
                out.violation(entry, where, Message(
                    f"{previous} 到 {day} 间隔 {(day - previous).days} 天，超过规定的 {allowed.zh}",
                    f"{(day - previous).days} days passed between {previous} and {day}, more than {allowed.en}"),
                    subject=group, due=allowance.after(previous, workdays).isoformat(), situation="late")
            previous, allowance = day, every
        due = allowance.after(previous, workdays)
        out.fact(Interval(group=group, every=every.days, last=last, due=due, overdue=due < ctx.as_of
                          and not (stop is not None and stop < ctx.as_of and due > stop)))
        if stop is not None and stop < ctx.as_of and due > stop:
            return  # the duty ended before the next event fell due
        if due < ctx.as_of:
            out.violation(entry, where, Message(
                f"自 {previous} 起已 {(ctx.as_of - previous).days} 天没有记录，应在 {due} 前完成",
                f"nothing since {previous} ({(ctx.as_of - previous).days} days); it was due by {due}"),
                subject=group, due=due.isoformat())
        else:
            out.upcoming(entry, due, Message(f"下次截止 {due}", f"next due {due}"), group)

    def _first(self, entry: Entry | None, group: str, dates: list[date], begin: date,
               due: date, where: tuple[str, ...], ctx: Context, out: Outcome) -> None:
        after = [d for d in dates if d >= begin]
        if after and after[0] <= due:
            return
        if after:
            out.violation(entry, where, Message(
                f"首次跟进在 {after[0]}，晚于截止日期 {due}", f"the first follow-up on {after[0]} came after {due}"),
                subject=group, due=due.isoformat(), situation="late")
        elif due < ctx.as_of:
            out.violation(entry, where, Message(
                f"建档于 {begin}，至今没有跟进，应在 {due} 前完成",
                f"entered on {begin} and never followed up; it was due by {due}"),
                subject=group, due=due.isoformat())
        else:
            out.upcoming(entry, due, Message(f"首次跟进截止 {due}", f"first follow-up due {due}"), group)
