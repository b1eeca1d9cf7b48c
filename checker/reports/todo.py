"""One person's agenda for the terminal (``handbook todo``): overdue items, items due
soon, approvals waiting for them and other problems on what they own, grouped by date;
for a leaver, that they have left and who took over what they owned."""

from __future__ import annotations

from datetime import date

import click

from checker.escaping import terminal_text
from checker.findings import Lang, Message
from checker.people.agenda import SECTIONS, Agenda, Handed, Item, Section, by_date
from checker.people.owners import handover_words, owner_words
from checker.records.types import WEEKDAYS

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
    zh, en = WEEKDAYS[day.weekday()]
    weekday = Message(zh, en[:3])(lang)  # 周五 / Fri
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
    if item.section == "approval" and (item.owner or item.handover):
        who = owner_words(item.owner, item.owner_name, lang, item.handover)
        lines.append(f"      {'负责人：' if lang == 'zh' else 'owner: '}{terminal_text(who)}")
    elif item.handover is not None:
        lines.append(f"      {terminal_text(handover_words(item.handover, lang))}")
    where = f"{item.file}:{item.line}" if item.line else item.file
    lines.append(f"      {terminal_text(where)}")
    return lines


def _count(count: int, lang: Lang) -> str:
    return f"{count} 项" if lang == "zh" else f"{count} item{'s' if count != 1 else ''}"


def _handed(handed: list[Handed], lang: Lang) -> list[str]:
    """"  - 陈静（p-chen）：2 项" per person who took over items, "  - 无人接任：1 项" for those nobody did."""
    nobody = "无人接任" if lang == "zh" else "nobody took over"
    return [f"  - {terminal_text(owner_words(h.person, h.name, lang)) if h.person else nobody}"
            f"{'：' if lang == 'zh' else ': '}{_count(h.count, lang)}" for h in handed]


def left_lines(agenda: Agenda, lang: Lang) -> list[str]:
    """What a leaver's list says instead of items: since when they have left, from which
    role, and to whom what they owned was handed over."""
    who = terminal_text(owner_words(agenda.person, agenda.name, lang))
    role = terminal_text(agenda.last_role(lang)) if agenda.last_role else ""
    if lang == "zh":
        head = f"{who}已离任：最后任职日 {agenda.left}" + (f"（{role}）" if role else "") + "，此后不再有待办。"
        tail = "名下的事项已交接给：" if agenda.handed_to else "名下没有需要交接的事项。"
    else:
        head = (f"{who} has left: last day in a role {agenda.left}" + (f" ({role})" if role else "")
                + "; nothing is on their list any more.")
        tail = ("What they owned was handed over to:" if agenda.handed_to
                else "Nothing they owned was left to hand over.")
    return [head, tail, *_handed(agenda.handed_to, lang)]


def leaving_lines(agenda: Agenda, lang: Lang) -> list[str]:
    """For someone whose last role ends within the list's days: what falls due after it
    goes to whoever takes over."""
    total = sum(h.count for h in agenda.handed_to)
    head = (f"另有 {total} 项在你最后任职日之后到期，已交给接任的人：" if lang == "zh" else
            f"{_count(total, lang).capitalize()} falling due after your last day in a role "
            f"{'go' if total != 1 else 'goes'} to whoever takes over:")
    return [head, *_handed(agenda.handed_to, lang)]


def render(agenda: Agenda, lang: Lang, color: bool = False) -> str:
    """The agenda as terminal text, one section per kind, items grouped by date."""
    who = terminal_text(owner_words(agenda.person, agenda.name, lang))
    horizon = ""
    if agenda.within is not None:
        horizon = f" · 未来 {agenda.within} 天" if lang == "zh" else f" · next {agenda.within} days"
    title = (f"{who}的待办 · 截至 {agenda.as_of}{horizon}" if lang == "zh"
             else f"To do for {who} · as of {agenda.as_of}{horizon}")
    lines = [click.style(title, bold=True) if color else title, ""]
    if agenda.left is not None:
        return "\n".join([*lines, *left_lines(agenda, lang)]) + "\n"
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
    if agenda.handed_to:
        lines += [*leaving_lines(agenda, lang), ""]
    if agenda.empty:
        lines.append("没有待办：没有逾期事项，近期没有到期事项，也没有等待你审批的记录。" if lang == "zh" else
                     "Nothing to do: nothing is overdue, nothing falls due soon and no record waits for your "
                     "approval.")
    else:
        lines.append(f"共 {agenda.count()} 项。" if lang == "zh" else
                     f"{agenda.count()} item{'s' if agenda.count() != 1 else ''} in all.")
    return "\n".join(lines) + "\n"
