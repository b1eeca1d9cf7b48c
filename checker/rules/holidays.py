"""The team's holiday calendars: which of them count working days, and what the check
says about them.

A holiday-calendar record (``checker.records.calendar``) decides which days are working
days, and so the deadline of every rule that counts them. Any member can open a pull
request, so a calendar must not count on its author's word: a salesperson would move
their own deadlines. It counts only when it carries every approval the rule set asks of
its kind: the ``approval`` rules for holiday-calendar of the version that judges it (the
one in force today: a calendar is not an event of its year), as ``handbook approve``,
``approvals pending`` and ``codeowners`` read them
(``checker.rules.needs``), each met by a valid approval by the one definition the
rules use (``Context.valid_approvals``: someone in the people register holding the role
that day, not the owner, dated by the evaluation date, its digest current and, at the
``author`` and ``signed`` levels, added by the approver in git). A rule set that names
no approver for calendars lets none count. Without its approvals a calendar changes no
day; the approval rule's finding says so.

Whether a calendar counts rests on approvals alone, never on a working day, so it can be
decided before any rule runs and cannot depend on the calendars it decides: the engine
decides it first and only then makes the working days from the verdict; while it is
decided, asking for a working day is an error.

Of the calendars that count, one a year is used. Two that count for the same year count
for nothing (an error on each: which is meant is not the checker's guess). A calendar used
for a year the chinese-calendar package also has, and disagreeing with it, is a warning
naming the days: the team's approved decision is used.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from checker.findings import FieldPath, Finding, Message, Severity
from checker.loading.repository import Entry
from checker.records.calendar import HolidayCalendar
from checker.records.ruleset import RuleSet
from checker.rules.context import Context
from checker.rules.needs import judging_among, needs, roles_by_kind, satisfied
from checker.rules.words import lowered
from checker.rules.workdays import TeamYear, Workdays

KIND = "holiday-calendar"
RULE = "holiday-calendar-record"  # the check's own findings about calendars (checker.builtin)
SHOWN = 10  # days a message names; more are counted


class _Deciding(Workdays):
    """The working days while it is decided which calendars count: there are none yet."""

    def working(self, day: date) -> bool:
        raise RuntimeError("whether a holiday calendar counts was made to depend on working days; it must rest "
                           "on approvals alone (checker.rules.holidays)")


@dataclass
class Calendars:
    """What the team's calendars decide in one check."""

    years: dict[int, TeamYear] = field(default_factory=dict)  # the calendar used for each year
    findings: list[Finding] = field(default_factory=list)
    waiting: dict[int, list[str]] = field(default_factory=dict)  # per year, recorded calendars that do not count
    approvers: tuple[str, ...] = ()  # the roles that approve a calendar, by the version in force

    def workdays(self) -> Workdays:
        return Workdays(self.years)


def file_of(year: int, records: str) -> str:
    """Where the calendar of ``year`` belongs (``records``: the records folder, with its slash)."""
    return f"{records}{HolidayCalendar.folder}/{id_of(year)}.yaml"


def id_of(year: int) -> str:
    return f"{HolidayCalendar.id_example.rsplit('-', 1)[0]}-{year}"


def decide(ctx: Context, versions: list[Entry]) -> Calendars:
    """Which calendars count as of ``ctx.as_of``; ``versions``: the rule-set versions in force,
    oldest first (the one that judges a calendar says who approves it)."""
    current = versions[-1].record
    assert isinstance(current, RuleSet)
    found = Calendars(approvers=tuple(sorted(roles_by_kind(current).get(KIND, ()))))
    counting: dict[int, list[Entry]] = defaultdict(list)
    before, ctx.workdays = ctx.workdays, _Deciding()
    try:
        for entry in ctx.by_kind.get(KIND, []):
            calendar = entry.record
            assert isinstance(calendar, HolidayCalendar)
            year = calendar.year.start.year
            wanted = needs(entry, judging_among(versions, entry, ctx.as_of), ctx)
            if wanted and all(satisfied(ctx, entry, need) for need in wanted):
                counting[year].append(entry)
                continue
            found.waiting.setdefault(year, []).append(calendar.id)
            if not wanted:
                found.findings.append(_unruled(entry))
    finally:
        ctx.workdays = before
    who = approvers(ctx, found.approvers)
    for year, chosen in sorted(counting.items()):
        if len(chosen) > 1:
            found.findings.extend(_several(entry, year, chosen, who) for entry in chosen)
            continue
        [entry] = chosen
        calendar = entry.record
        assert isinstance(calendar, HolidayCalendar)
        team = found.years[year] = TeamYear(calendar.id, year, calendar.days_off(), calendar.days_worked())
        differing = team.differences()
        if differing:
            found.findings.append(_differs(entry, team, differing, who))
    return found


def approvers(ctx: Context, roles: tuple[str, ...]) -> Message:
    """Who approves a calendar, in words."""
    return ctx.role_names(roles) if roles else Message("规则集规定的审批人", "the approver the rule set names")


def _finding(entry: Entry, severity: Severity, path: FieldPath, message: Message, fix: Message) -> Finding:
    return Finding(file=entry.source.file, rule=RULE, severity=severity, message=message, fix=fix,
                   record=entry.record.id, path=(*entry.path, *path))


def _unruled(entry: Entry) -> Finding:
    record = entry.record.id
    return _finding(entry, "warning", ("approvals",),
                    Message(f"节假日日历 {record} 不影响任何期限：规则集没有规定由谁批准节假日日历。",
                            f"Holiday calendar {record} changes no deadline: the rule set does not say who approves "
                            "holiday calendars."),
                    Message("在规则集的新版本中加入节假日日历的审批规则（approval 规则，kinds: [holiday-calendar]，"
                            "如示例规则集的 holiday-calendar-approved），经批准后日历才能生效。",
                            "Add an approval rule for holiday calendars to a new version of the rule set (type "
                            "approval, kinds: [holiday-calendar], as holiday-calendar-approved in the sample's rule "
                            "set); only then can an approved calendar count."))


def _several(entry: Entry, year: int, chosen: list[Entry], who: Message) -> Finding:
    ids = Message("、".join(e.record.id for e in chosen), ", ".join(e.record.id for e in chosen))
    return _finding(entry, "error", ("year",),
                    Message(f"{year} 年有 {len(chosen)} 份经批准的节假日日历（{ids.zh}），无法确定以哪一份为准，"
                            f"所以都不使用：{year} 年的工作日按 chinese-calendar 软件包（没有该年数据时按周一至周五）"
                            "计算。",
                            f"{year} has {len(chosen)} approved holiday calendars ({ids.en}), so which one is meant "
                            f"is unclear and none is used: working days in {year} count by the chinese-calendar "
                            "package (Monday to Friday when it does not have the year)."),
                    Message(f"每年只保留一份日历：删除多余的一份；两份内容不同时，对照通知改成一份，并请{who.zh}重新批准。",
                            "Keep one calendar a year: delete the extra one; if they differ, make one of them right "
                            f"by the notice and have {lowered(who.en)} approve it again."))


def _differs(entry: Entry, team: TeamYear, days: list[date], who: Message) -> Finding:
    calendar = entry.record
    assert isinstance(calendar, HolidayCalendar)
    said = Message("、".join(f"{d}（日历：{'上班' if team.working(d) else '休息'}；软件包："
                            f"{'休息' if team.working(d) else '上班'}）" for d in days[:SHOWN]),
                   ", ".join(f"{d} (calendar: {'worked' if team.working(d) else 'off'}; package: "
                             f"{'off' if team.working(d) else 'worked'})" for d in days[:SHOWN]))
    if len(days) > SHOWN:
        said = Message(f"{said.zh}，另有 {len(days) - SHOWN} 天", f"{said.en}, and {len(days) - SHOWN} more")
    return _finding(entry, "warning", _where(calendar, days[0]),
                    Message(f"节假日日历 {calendar.id} 与 chinese-calendar 软件包的 {team.year} 年数据有 {len(days)} "
                            f"天不一致：{said.zh}。检查按经批准的日历计算工作日。",
                            f"Holiday calendar {calendar.id} disagrees with the chinese-calendar package on "
                            f"{len(days)} day{'s' * (len(days) > 1)} of {team.year}: {said.en}. The check counts "
                            "working days by the approved calendar."),
                    Message(f"对照国务院办公厅的通知核对这些日子。日历有误时改正它，并请{who.zh}重新批准；"
                            "日历无误时，是软件包的数据有误，可向 chinese-calendar 的维护者报告，"
                            "在此之前检查继续按日历计算。",
                            "Check these days against the State Council's notice. If the calendar is wrong, correct "
                            f"it and have {lowered(who.en)} approve it again; if it is right, the package's data is "
                            "wrong: report it to the chinese-calendar maintainers; until then the check keeps "
                            "counting by the calendar."))


def _where(calendar: HolidayCalendar, day: date) -> FieldPath:
    """The item of the calendar that makes ``day`` what it is: its holiday or make-up working day."""
    for index, holiday in enumerate(calendar.holidays):
        if holiday.start <= day <= holiday.end:
            return ("holidays", index)
    if day in calendar.workdays:
        return ("workdays", calendar.workdays.index(day))
    return ("holidays",)  # a day the package has off or worked and the calendar does not list


def fallback_fix(years: list[int], calendars: Calendars, ctx: Context, records: str) -> Message:
    """How to give working-day rules the years they counted Monday to Friday: record each
    year's calendar, approved, or upgrade the package."""
    who = approvers(ctx, calendars.approvers)
    files = Message("、".join(file_of(year, records) for year in years),
                    ", ".join(file_of(year, records) for year in years))
    first = id_of(years[0])
    fix = Message(
        f"把国务院办公厅公布的当年放假安排记为节假日日历：运行 .venv/bin/handbook new holiday-calendar --id {first}，"
        f"照通知填写放假日期和调休上班日（{files.zh}），并请{who.zh}批准（由其本人运行 handbook approve {first}）；"
        "批准后检查按日历计算这一年的工作日。或者在 chinese-calendar 发布包含这一年的新版本后升级它"
        "（.venv/bin/pip install -U chinese-calendar）。",
        f"Record the year's schedule, as the State Council's notice gives it, as a holiday calendar: run "
        f".venv/bin/handbook new holiday-calendar --id {first} and fill in the holidays and make-up working days "
        f"({files.en}), then have {lowered(who.en)} approve it (they run handbook approve {first} themselves); once "
        "approved, the check counts the year's working days by it. Or upgrade chinese-calendar once a release has "
        "the year (.venv/bin/pip install -U chinese-calendar).")
    waiting = [record for year in years for record in calendars.waiting.get(year, [])]
    if waiting:
        shown = Message("、".join(waiting), ", ".join(waiting))
        fix = Message(f"{shown.zh} 已经记下，但还没有{who.zh}的有效批准，所以不影响任何期限：请{who.zh}审批。{fix.zh}",
                      f"{shown.en} {'is' if len(waiting) == 1 else 'are'} recorded but not validly approved by "
                      f"{lowered(who.en)}, so {'it changes' if len(waiting) == 1 else 'they change'} no deadline: "
                      f"have {lowered(who.en)} approve {'it' if len(waiting) == 1 else 'them'}. {fix.en}")
    return fix

