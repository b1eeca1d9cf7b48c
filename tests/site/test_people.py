"""Person pages, the people index, owners on the status pages and the deadline calendars,
generated for a small company (the built sample site is checked in test_people_built.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from checker.site.generate import generate
from tests.conftest import run
from tests.people.conftest import AFTER, AS_OF, COMPANY, build, leaving


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    hostile = {"kind": "person", "id": "p-evil", "owner": "p-wang", "name": "<img src=x onerror=alert(1)>[x](y)",
               "department": "营销部", "roles": [{"role": "salesperson", "start": "2026-01-01"}],
               "email": "evil@example.cn"}
    root = build(tmp_path, [*COMPANY, hostile])
    generate(run(root, AS_OF), root)
    return root / "docs" / "status"


def test_a_page_per_person_in_both_languages(docs: Path) -> None:
    for person in ("p-zhao", "p-wang", "p-li", "p-chen", "p-zhang", "p-evil"):
        assert (docs / "people" / f"{person}.md").is_file() and (docs / "people" / f"{person}.en.md").is_file()


def test_a_person_page_shows_names_and_roles_and_nothing_private(docs: Path) -> None:
    page = (docs / "people" / "p-wang.en.md").read_text(encoding="utf-8")
    assert page.startswith("# 王军\n") and "holds Marketing manager" in page
    assert "wang.jun@example.cn" not in page and "0571-88880001" not in page
    everything = " ".join(p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file())
    assert "evil@example.cn" not in everything and "Zhang.Wei@Example.cn" not in everything


def test_a_person_page_lists_their_items_with_labels(docs: Path) -> None:
    page = (docs / "people" / "p-zhang.md").read_text(encoding="utf-8")
    overdue = page.split("## 已逾期")[1].split("## ")[0]
    assert "| 2026-11-02 | QT-2 · 销售报价：宁波东海汽车零部件股份有限公司 |" in overdue
    assert "C-1 · 杭州华新机电有限公司" in page.split("## 30 天内到期")[1]


def test_an_approvers_page_lists_what_waits_for_them_with_the_owner(docs: Path) -> None:
    waiting = (docs / "people" / "p-wang.md").read_text(encoding="utf-8").split("## 等待审批")[1]
    assert "QT-1 · 销售报价：杭州华新机电有限公司" in waiting and "[张伟](p-zhang.md)" in waiting


def test_a_person_page_links_their_calendar_the_teams_and_how_to_subscribe(docs: Path) -> None:
    page = (docs / "people" / "p-li.en.md").read_text(encoding="utf-8")
    assert "(../calendar/p-li-en.ics)" in page and "(../calendar/team-en.ics)" in page
    assert "(../../guide/today.md#subscribe)" in page


def test_record_text_in_a_name_is_text_on_the_page(docs: Path) -> None:
    page = (docs / "people" / "p-evil.md").read_text(encoding="utf-8")
    assert "<img" not in page and "](y)" not in page
    index = (docs / "people" / "index.md").read_text(encoding="utf-8")
    assert "[&lt;img src=x onerror=alert\\(1\\)&gt;\\[x\\]\\(y\\)](p-evil.md)" in index


def test_the_deadlines_page_names_owners_and_links_their_pages(docs: Path) -> None:
    page = (docs / "deadlines.en.md").read_text(encoding="utf-8")
    assert "| Severity | Where | Record | Owner | Problem | How to fix |" in page
    assert "| QT-2 · Quote: 宁波东海汽车零部件股份有限公司 | [张伟](people/p-zhang.md) |" in page
    assert "[李娜](people/p-li.md)" in page  # the weekly meeting is the supervisor's
    assert "(calendar/team-en.ics)" in page and "(people/index.md)" in page


def test_the_dashboard_and_findings_pages_name_owners(docs: Path) -> None:
    assert "[张伟](people/p-zhang.md)" in (docs / "index.md").read_text(encoding="utf-8")
    assert "| C-1 · 杭州华新机电有限公司 | [张伟](people/p-zhang.md) | C-1：strategy 为空 |" in \
        (docs / "findings.md").read_text(encoding="utf-8")


def _events(path: Path) -> dict[str, str]:
    return {str(e["UID"]): str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_a_calendar_per_person_and_for_the_team_in_each_language(docs: Path) -> None:
    names = {p.name for p in (docs / "calendar").iterdir()}
    assert {"team-zh.ics", "team-en.ics", "p-zhang-zh.ics", "p-zhang-en.ics", "p-zhao-en.ics"} <= names


def test_the_team_calendar_has_every_deadline_once(docs: Path) -> None:
    team = _events(docs / "calendar" / "team-en.ics")
    assert set(team) == {
        "due/weekly-meeting/2026-W44@handbook", "due/weekly-meeting/2026-W45@handbook",
        "due/weekly-meeting/2026-W46@handbook", "due/weekly-meeting/2026-W47@handbook",
        "due/weekly-meeting/2026-W48@handbook", "due/monthly-meeting/2026-11@handbook",
        "due/career-plan-for-everyone/2026@handbook", "due/key-customers-visited/C-1@handbook",
        "due/key-customers-visited/C-2@handbook", "due/quote-approved-by-manager/QT-1@handbook",
        "due/quote-approved-by-manager/QT-2@handbook"}
    assert team["due/quote-approved-by-manager/QT-2@handbook"].startswith("[Overdue] ")


def test_a_calendar_is_named_for_its_person(docs: Path) -> None:
    calendar = Calendar.from_ical((docs / "calendar" / "p-zhang-zh.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "张伟的截止事项"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT12H"


def test_a_leavers_page_says_they_left_and_who_took_over_and_the_successors_items_say_from_whom(
        tmp_path: Path) -> None:
    root = build(tmp_path, leaving())
    generate(run(root, AFTER), root)
    people = root / "docs" / "status" / "people"
    zhang = (people / "p-zhang.md").read_text(encoding="utf-8")
    assert ("\n已离任：最后任职日 2026-11-30（销售人员），此后不再有待办。"
            "名下的事项已交接给：[孙丽](p-sun.md)（5 项）。\n") in zhang
    assert "## 已逾期" not in zhang and ".ics" not in zhang  # no empty lists and no calendar for a leaver
    assert ("\nHas left: last day in a role 2026-11-30 (Salesperson); nothing is on their list any more. What they "
            "owned was handed over to: [孙丽](p-sun.md) (5 items).\n") in (people / "p-zhang.en.md").read_text(
                encoding="utf-8")
    sun = (people / "p-sun.md").read_text(encoding="utf-8")
    assert ("| C-2 · 宁波东海汽车零部件股份有限公司 | 标题 key-customers-visited：下次截止 2026-12-10"
            "（交接自张伟（p-zhang，") in sun
    deadlines = (root / "docs" / "status" / "deadlines.md").read_text(encoding="utf-8")
    assert "| [孙丽](people/p-sun.md)（交接自张伟（p-zhang，最后任职日 2026-11-30）） |" in deadlines
    wang = (people / "p-wang.md").read_text(encoding="utf-8")
    assert "交接" not in wang.split("## 已逾期")[1].split("## 等待审批")[0]  # his own duties, not handed over
