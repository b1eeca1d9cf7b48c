"""A page per person (names and roles only, nothing private) with what they must do, the
people index, and the subscribable deadline calendars: one per person and one for the
team, in each language, under ``status/calendar/``."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from checker.escaping import site_anchor
from checker.findings import Lang
from checker.people.agenda import Agenda, Item, agendas
from checker.people.calendar import calendar, stamp_of
from checker.people.owners import handover_words

if TYPE_CHECKING:
    from checker.site.generate import Site

HORIZON_DAYS = 30  # what a person page lists as due soon
CALENDAR_FOLDER = "calendar"


def page_name(person: str) -> str:
    """The file name of a person's page (and calendars): the id, made safe for a path."""
    return site_anchor(person)


def calendar_file(person: str | None, lang: Lang) -> str:
    """``p-li-na-zh.ics``; the team's is ``team-zh.ics``."""
    return f"{page_name(person) if person else 'team'}-{lang}.ics"


def install(site: Site) -> None:
    """Let every template link an owner to their page: ``person_page(id)`` is the page's file
    name (relative to ``status/people/``), or "" for an id that names nobody."""
    site.env.globals["person_page"] = lambda pid: f"{page_name(pid)}.md" if pid in site.people else ""
    site.env.globals["calendar_file"] = calendar_file
    site.env.globals["handover_words"] = handover_words


def _roles(site: Site, person: str) -> dict[Lang, list[str]]:
    found = site.people[person]
    held = sorted(found.roles_on(site.report.as_of))
    return {lang: [(site.roles[r].name_zh if lang == "zh" else site.roles[r].name_en) if r in site.roles else r
                   for r in held] for lang in ("zh", "en")}


def _roles_in(roles: dict[Lang, list[str]], lang: Lang) -> dict[str, Any]:
    return {"roles": roles[lang]}


def _titles(site: Site, lang: Lang) -> dict[str, str]:
    return {rule.id: rule.describe(lang) for rule in site.report.ruleset.rules}


def write(site: Site) -> int:
    """Write the people index, a page per person and the calendars; return how many people."""
    report = site.report
    soon = agendas(report, HORIZON_DAYS)
    everything = agendas(report, None)  # every deadline ahead, for the calendars
    people = sorted(site.people)
    rows: list[dict[str, Any]] = []
    for person in people:
        agenda: Agenda = soon.get(person) or Agenda(person, site.people[person].name, report.as_of, HORIZON_DAYS)
        roles = _roles(site, person)
        rows.append({"id": person, "name": site.people[person].name, "page": f"{page_name(person)}.md",
                     "roles": roles, "overdue": len(agenda.overdue), "soon": len(agenda.soon),
                     "approvals": len(agenda.approvals), "problems": len(agenda.problems)})
        site._page(f"status/people/{page_name(person)}", "status_person.md.j2", agenda=agenda,
                   who={"id": person, "name": site.people[person].name}, horizon=HORIZON_DAYS,
                   per_lang=partial(_roles_in, roles))
    site._page("status/people/index", "status_people.md.j2", rows=rows, horizon=HORIZON_DAYS)
    stamp = stamp_of(report.as_of)
    folder = site.docs / "status" / CALENDAR_FOLDER
    for lang in ("zh", "en"):
        titles = _titles(site, lang)
        team: list[Item] = [item for agenda in everything.values() for item in (*agenda.overdue, *agenda.soon)]
        site._write(folder / calendar_file(None, lang), calendar(
            "营销团队截止事项" if lang == "zh" else "Marketing team deadlines", team, titles, lang, stamp))
        for person in people:
            agenda = everything.get(person) or Agenda(person, site.people[person].name, report.as_of, None)
            name = site.people[person].name
            site._write(folder / calendar_file(person, lang), calendar(
                f"{name}的截止事项" if lang == "zh" else f"{name}'s deadlines",
                [*agenda.overdue, *agenda.soon, *agenda.approvals], titles, lang, stamp))
    return len(people)
