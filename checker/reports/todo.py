"""One person's agenda for the terminal (``handbook todo``): overdue items, items due
soon, approvals waiting for them and other problems on what they own, grouped by date."""

from __future__ import annotations

from datetime import date

import click

from checker.escaping import terminal_text
from checker.findings import Lang
from checker.people.agenda import SECTIONS, Agenda, Item, Section, by_date
from checker.people.owners import owner_words

WEEKDAYS = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
HEADINGS: dict[Section, tuple[str, str]] = {
    "overdue": ("已逾期", "Overdue"),
    "soon": ("即将到期", "Due soon"),
    "approval": ("等待你审批", "Waiting for your approval"),
    "problem": ("其他待修正的问题", "Other problems to fix"),
}
_COLOURS: dict[Section, str] = {"overdue": "red", "soon": "yellow", "approval": "cyan", "problem": "magenta"}


def day_words(day: date | None, as_of: date, lang: Lang) -> str:
    """"2026-11-20 周五（已逾期 7 天）" / "Fri 2026-11-20 (7 days late)"; "today", "tomorrow"."""
    if day is None:
        return "没有截止日期" if lang == "zh" else "no due date"
    weekday = WEEKDAYS[lang][day.weekday()]
    delta = (day - as_of).days
    if lang == "zh":
        when = ("今天" if delta == 0 else "明天" if delta == 1 else f"已逾期 {-delta} 天" if delta < 0
                else f"{delta} 天后")
        return f"{day} {weekday}（{when}）"
    when = ("today" if delta == 0 else "tomorrow" if delta == 1
            else f"{-delta} day{'s' if delta != -1 else ''} late" if delta < 0 else f"in {delta} days")
    return f"{weekday} {day} ({when})"


def item_lines(item: Item, lang: Lang) -> list[str]:
    """An item: what (with the record and its label), the clause, the fix and where."""
    about = " ".join(terminal_text(part) for part in (item.record, item.label(lang) if item.label else None)
                     if part)
    if item.period and item.period != item.record:
        about = f"{about} {terminal_text(item.period)}".strip()
    clause = ""
    if item.clause:
        clause = f"  [条款 {item.clause}]" if lang == "zh" else f"  [clause {item.clause}]"
    text = terminal_text(item.what(lang))
    lines = [f"    - {about} — {text}{clause}" if about else f"    - {text}{clause}"]
    if item.fix is not None:
        lines.append(f"      {'修正：' if lang == 'zh' else 'fix: '}{terminal_text(item.fix(lang))}")
    if item.section == "approval" and item.owner:
        who = owner_words(item.owner, item.owner_name, lang)
        lines.append(f"      {'负责人：' if lang == 'zh' else 'owner: '}{terminal_text(who)}")
    where = f"{item.file}:{item.line}" if item.line else item.file
    lines.append(f"      {terminal_text(where)}")
    return lines


def render(agenda: Agenda, lang: Lang, color: bool = False) -> str:
    """The agenda as terminal text, one section per kind, items grouped by date."""
    who = terminal_text(owner_words(agenda.person, agenda.name, lang))
    horizon = ""
    if agenda.within is not None:
        horizon = f" · 未来 {agenda.within} 天" if lang == "zh" else f" · next {agenda.within} days"
    title = (f"{who}的待办 · 截至 {agenda.as_of}{horizon}" if lang == "zh"
             else f"To do for {who} · as of {agenda.as_of}{horizon}")
    lines = [click.style(title, bold=True) if color else title, ""]
    for section in SECTIONS:
        items = agenda.section(section)
        if not items:
            continue
        zh, en = HEADINGS[section]
        heading = f"{zh}（{len(items)}）" if lang == "zh" else f"{en} ({len(items)})"
        lines.append(click.style(heading, fg=_COLOURS[section], bold=True) if color else heading)
        for day, group in by_date(items):
            if section != "problem" or day is not None:
                lines.append(f"  {day_words(day, agenda.as_of, lang)}")
            for item in group:
                lines.extend(item_lines(item, lang))
        lines.append("")
    if agenda.empty:
        lines.append("没有待办：没有逾期事项，近期没有到期事项，也没有等待你审批的记录。" if lang == "zh" else
                     "Nothing to do: nothing is overdue, nothing falls due soon and no record waits for your "
                     "approval.")
    else:
        lines.append(f"共 {agenda.count()} 项。" if lang == "zh" else
                     f"{agenda.count()} item{'s' if agenda.count() != 1 else ''} in all.")
    return "\n".join(lines) + "\n"
