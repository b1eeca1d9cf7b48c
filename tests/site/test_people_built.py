"""The built handbook: a page per person in both languages, and calendars the pages link."""

from __future__ import annotations

import posixpath
import re

import pytest
from icalendar import Calendar

from tests.site.conftest import BuiltSite

pytestmark = pytest.mark.xdist_group("site")


def _linked_files(built_site: BuiltSite, page: str, suffix: str) -> list[str]:
    html = (built_site.site / page / "index.html").read_text(encoding="utf-8")
    return [posixpath.normpath(posixpath.join(page, href)) for href in re.findall(r'href="([^"#]+)"', html)
            if href.endswith(suffix)]


@pytest.mark.parametrize("page", ["status/people/p-huang-lei", "en/status/people/p-huang-lei"])
def test_a_person_page_links_calendars_that_are_published(built_site: BuiltSite, page: str) -> None:
    calendars = _linked_files(built_site, page, ".ics")
    assert len(calendars) == 2
    for path in calendars:
        assert (built_site.site / path).is_file(), path
        assert Calendar.from_ical((built_site.site / path).read_bytes()).walk("VEVENT")


def test_the_people_index_is_in_the_navigation_and_links_every_person(built_site: BuiltSite) -> None:
    html = (built_site.site / "status" / "people" / "index.html").read_text(encoding="utf-8")
    for person in ("p-li-na", "p-huang-lei", "p-zhao-min"):
        assert f'href="{person}/"' in html
    dashboard = (built_site.site / "status" / "index.html").read_text(encoding="utf-8")
    assert 'href="people/"' in dashboard


def test_the_deadlines_page_links_owners_to_their_pages(built_site: BuiltSite) -> None:
    html = (built_site.site / "status" / "deadlines" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../people/p-huang-lei/">黄磊</a>' in html
    assert _linked_files(built_site, "status/deadlines", ".ics") == ["status/calendar/team-zh.ics"]


def test_every_event_of_the_team_calendar_has_a_distinct_id(built_site: BuiltSite) -> None:
    events = Calendar.from_ical((built_site.site / "status" / "calendar" / "team-en.ics").read_bytes()).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert uids and len(uids) == len(set(uids))
