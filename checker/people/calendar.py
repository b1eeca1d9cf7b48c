"""Deadlines as subscribable iCalendar (.ics) files: one per person, one for the team.

Every deadline is an all-day event on its due date: what is overdue (marked so), what is
still ahead, and for an approver the records waiting for their approval. An event's UID
says what it is about (the rule, the record or subject, and the period when the subject
has several), never its date or its place in the list, so when a date moves or a duty is
done the calendar updates or removes that same event instead of adding another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote

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
    lines.append(("负责人：" if zh else "Owner: ") + owner_words(item.owner, item.owner_name, lang, item.handover))
    if item.clause:
        lines.append(f"条款 {item.clause}" if zh else f"Clause {item.clause}")
    lines.append(item.file)
    return "\n".join(lines)


_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # control characters a TEXT value may not hold


def _text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, every line
    break (CR LF, LF or a lone CR) as ``\\n``, other control characters as U+FFFD."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _NOT_TEXT.sub("\ufffd", value)


def _fold(line: str) -> bytes:
    """A content line as UTF-8, folded before 75 octets (RFC 5545, 3.1) between characters
    and never inside a backslash escape."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    parts, at, limit = [], 0, 75
    while len(data) - at > limit:
        cut = at + limit
        while data[cut] & 0xC0 == 0x80:  # not inside a character
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > at:  # not between a backslash and what it escapes
            cut -= 1
        parts.append(data[at:cut])
        at, limit = cut, 74  # a folded line starts with a space
    parts.append(data[at:])
    return b"\r\n ".join(parts) + b"\r\n"


def calendar(name: str, items: Iterable[Item], titles: dict[str, str], lang: Lang, stamp: datetime) -> bytes:
    """An .ics file named ``name`` with one all-day event per dated item.

    ``titles`` gives each rule's short title for event summaries; ``stamp`` (the evaluation
    date) is every event's DTSTAMP, so the same records give the same file. Written line by
    line: a team's calendar holds every deadline, tens of thousands of events.
    """
    dtstamp = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [b"BEGIN:VCALENDAR\r\n", b"VERSION:2.0\r\n", b"PRODID:-//Marketing team handbook//deadlines//ZH\r\n",
             b"CALSCALE:GREGORIAN\r\n", b"METHOD:PUBLISH\r\n", _fold(f"X-WR-CALNAME:{_text(name)}"),
             b"X-WR-TIMEZONE:Asia/Shanghai\r\n", f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}\r\n".encode(),
             f"X-PUBLISHED-TTL:{REFRESH}\r\n".encode()]
    overdue = _text("逾期" if lang == "zh" else "Overdue")
    seen: set[str] = set()
    for item in sorted(items, key=lambda i: (i.due or date.max, i.key)):
        if item.due is None:
            continue
        event_id = uid(item)
        if event_id in seen:  # one event per duty: the earliest date it is due
            continue
        seen.add(event_id)
        lines += (b"BEGIN:VEVENT\r\n", _fold(f"UID:{_text(event_id)}"), f"DTSTAMP:{dtstamp}\r\n".encode(),
                  f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}\r\n".encode(),
                  f"DTEND;VALUE=DATE:{item.due + timedelta(days=1):%Y%m%d}\r\n".encode(),
                  _fold(f"SUMMARY:{_text(_summary(item, titles.get(item.rule, item.what(lang)), lang))}"),
                  _fold(f"DESCRIPTION:{_text(_description(item, lang))}"),
                  b"TRANSP:TRANSPARENT\r\n")  # a deadline does not make anyone busy
        if item.section == "overdue":
            lines.append(_fold(f"CATEGORIES:{overdue}"))
        lines.append(b"END:VEVENT\r\n")
    lines.append(b"END:VCALENDAR\r\n")
    return b"".join(lines)


def stamp_of(as_of: date) -> datetime:
    """The DTSTAMP of a build: midnight UTC of the evaluation date."""
    return datetime.combine(as_of, time(), tzinfo=UTC)
