"""The training calendar as an iCalendar (.ics) file for people's calendars."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event


def training_calendar(events: list[tuple[str, date, str, str]], year: int) -> bytes:
    """``events`` are (uid, day, summary, description); all-day events."""
    calendar = Calendar()
    calendar.add("prodid", "-//Marketing team handbook//training//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{year} 培训计划 / Training {year}")
    for uid, day, summary, description in events:
        event = Event()
        event.add("uid", f"{uid}@handbook")
        event.add("dtstamp", datetime(year, 1, 1))  # fixed, so builds are reproducible
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
