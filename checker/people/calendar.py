"""Deadlines as subscribable iCalendar (.ics) files: one per person, one for the team.

Every deadline is an all-day event on its due date: what is overdue (marked so), what is
still ahead, and for an approver the records waiting for their approval. An event's UID
says what it is about (the rule, the record or subject, and the period when the subject
has several), never its date or its place in the list, so when a date moves or a duty is
done the calendar updates or removes that same event instead of adding another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote

from icalendar import Calendar, Event

from checker.findings import Lang
from checker.people.agenda import Item
from checker.people.owners import owner_words

REFRESH = "PT12H"  # how often a subscribed calendar is asked to fetch the file again


def uid(item: Item) -> str:
    """``due/<rule>/<subject>[/<period>]@handbook`` (``approve/…`` for an approval waiting),
    ASCII, stable while the duty stands."""
    prefix = "approve" if item.section == "approval" else "due"
    return f"{prefix}/{quote(item.key, safe='/-._')}@handbook"


def _summary(item: Item, title: str, lang: Lang) -> str:
    about = " ".join(part for part in (item.record, item.label(lang) if item.label else None) if part)
    mark = {"overdue": ("【逾期】", "[Overdue] "), "approval": ("【待你审批】", "[To approve] ")}.get(item.section)
    head = (mark[0] if lang == "zh" else mark[1]) if mark else ""
    return f"{head}{about} — {title}" if about else f"{head}{title}"


def _description(item: Item, lang: Lang) -> str:
    zh = lang == "zh"
    lines = [item.what(lang)]
    if item.fix is not None:
        lines.append(("修正：" if zh else "Fix: ") + item.fix(lang))
    lines.append(("负责人：" if zh else "Owner: ") + owner_words(item.owner, item.owner_name, lang))
    if item.clause:
        lines.append(f"条款 {item.clause}" if zh else f"Clause {item.clause}")
    lines.append(item.file)
    return "\n".join(lines)


def calendar(name: str, items: Iterable[Item], titles: dict[str, str], lang: Lang, stamp: datetime) -> bytes:
    """An .ics file named ``name`` with one all-day event per dated item.

    ``titles`` gives each rule's short title for event summaries; ``stamp`` (the evaluation
    date) is every event's DTSTAMP, so the same records give the same file.
    """
    cal = Calendar()
    cal.add("prodid", "-//Marketing team handbook//deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    seen: set[str] = set()
    for item in sorted(items, key=lambda i: (i.due or date.max, i.key)):
        if item.due is None:
            continue
        event_id = uid(item)
        if event_id in seen:  # one event per duty: the earliest date it is due
            continue
        seen.add(event_id)
        event = Event()
        event.add("uid", event_id)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", _summary(item, titles.get(item.rule, item.what(lang)), lang))
        event.add("description", _description(item, lang))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if item.section == "overdue":
            event.add("categories", ["逾期" if lang == "zh" else "Overdue"])
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical


def stamp_of(as_of: date) -> datetime:
    """The DTSTAMP of a build: midnight UTC of the evaluation date."""
    return datetime.combine(as_of, time(), tzinfo=UTC)
