"""The day's digest for the team chat: per person, what is overdue and what falls due soon
(approvals waiting for them included), in one language, ready for any chat service.

It never names a leaver: nothing is theirs (``checker.people.owners`` hands it over), an
item handed over from one says only "handed over", and an item about one (their person
record, their appraisal) says "a former team member" instead of their id and name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from checker.escaping import site_anchor
from checker.findings import Lang
from checker.people.agenda import Agenda, Item, agendas
from checker.people.labels import Labeller
from checker.people.owners import last_role, owner_words
from checker.records.general import Person, Role
from checker.rules.engine import Report

Kind = Literal["overdue", "soon", "approval"]
TEXT_LIMIT = 300  # characters of one item's text, so one item always fits a message
KIND_WORDS: dict[Kind, tuple[str, str]] = {"overdue": ("逾期", "overdue"), "soon": ("到期", "due"),
                                          "approval": ("待审批", "to approve")}


@dataclass(frozen=True)
class Line:
    """One item of a person's part: its kind, due date, record and what is to be done.
    Texts come from the records: each service escapes them for its message format."""

    kind: Kind
    due: date | None
    record: str | None
    label: str | None
    text: str
    handed: bool = False  # the item was handed over from a leaver (who is not named)


@dataclass
class Block:
    """One person's part of the digest (person None: items nobody could be placed for)."""

    person: str | None
    heading: str  # "李娜（p-li-na）"
    overdue: int
    soon: int
    approvals: int
    lines: list[Line]
    link: str | None = None  # the person's page on the published site


@dataclass
class Digest:
    as_of: date
    lang: Lang
    within: int
    blocks: list[Block] = field(default_factory=list)

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    @property
    def title(self) -> str:
        """The message title; "handbook" in it lets a chat robot's keyword filter pass it."""
        return self.t(f"handbook 今日待办 {self.as_of}", f"handbook to-do {self.as_of}")

    @property
    def summary(self) -> str:
        overdue = sum(b.overdue for b in self.blocks)
        soon = sum(b.soon for b in self.blocks)
        approvals = sum(b.approvals for b in self.blocks)
        parts = [(overdue, f"逾期 {overdue} 项", f"{overdue} overdue"),
                 (soon, f"{self.within} 天内到期 {soon} 项", f"{soon} due within {self.within} days"),
                 (approvals, f"待审批 {approvals} 项", f"{approvals} to approve")]
        return " · ".join(self.t(zh, en) for count, zh, en in parts if count) or self.t("没有待办", "nothing to do")

    def counts(self, block: Block) -> str:
        parts = [(block.overdue, "逾期", "overdue"), (block.soon, "即将到期", "due soon"),
                 (block.approvals, "待审批", "to approve")]
        return " · ".join(self.t(f"{zh} {n}", f"{n} {en}") for n, zh, en in parts if n)

    def kind(self, line: Line) -> str:
        """"逾期" / "overdue", "到期" / "due", "待审批" / "to approve"."""
        zh, en = KIND_WORDS[line.kind]
        return self.t(zh, en)

    def day(self, line: Line) -> str:
        if line.due is None:
            return ""
        delta = (line.due - self.as_of).days
        if delta == 0:
            return self.t("今天", "today")
        if delta == 1:
            return self.t("明天", "tomorrow")
        return f"{line.due:%m-%d}"

    @property
    def empty(self) -> bool:
        return not self.blocks


HANDED = ("（交接）", " (handed over)")
FORMER = ("已离任人员", "a former team member")


def _line(item: Item, kind: Kind, lang: Lang, titles: dict[str, str], about_leaver: bool = False) -> Line:
    """An item in a line: an overdue one by its duty's title (the finding's full message,
    with the fix, is on the site and in ``handbook todo``), the rest by what is due; one
    handed over from a leaver marked so, one about a leaver without their id and name."""
    text = titles.get(item.rule, item.what(lang)) if kind == "overdue" else item.what(lang)
    handed = item.handover is not None and kind != "approval"  # an approval is the approver's own
    text = text[:TEXT_LIMIT] + ((HANDED[0] if lang == "zh" else HANDED[1]) if handed else "")
    if about_leaver:
        return Line(kind=kind, due=item.due, record=None, label=FORMER[0] if lang == "zh" else FORMER[1],
                    text=text, handed=handed)
    return Line(kind=kind, due=item.due, record=item.record,
                label=item.label(lang) if item.label else None, text=text, handed=handed)


def _leavers(report: Report) -> set[str]:
    """Everyone who has left by the report's date, by person id."""
    roles = {e.record.id: e.record for e in report.entries if isinstance(e.record, Role)}
    return {e.record.id for e in report.entries
            if isinstance(e.record, Person) and last_role(e.record, roles, report.as_of) is not None}


def _about(report: Report, leavers: set[str]) -> set[str]:
    """The records an item may be about whose label or id would name a leaver."""
    if not leavers:
        return set()
    labeller = Labeller({})
    return {e.record.id for e in report.entries if labeller.about(e.record) in leavers}


def _page(site_url: str | None, person: str | None, lang: Lang) -> str | None:
    if not site_url or person is None:
        return None
    base = site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "")
    return f"{base}status/people/{site_anchor(person)}/"


def build(report: Report, lang: Lang, within: int = 3, site_url: str | None = None) -> Digest:
    """The digest as of the report's date: everyone with something overdue or due within
    ``within`` days (or an approval waiting that is due by then), people in id order,
    items nobody could be placed for last."""
    horizon = report.as_of + timedelta(days=within)
    digest = Digest(report.as_of, lang, within)
    everyone = agendas(report, within)
    titles = {rule.id: rule.describe(lang) for rule in report.ruleset.rules}
    leavers = _leavers(report)
    about = _about(report, leavers) | leavers
    order = sorted(p for p in everyone if p is not None) + ([None] if None in everyone else [])
    for person in order:
        agenda: Agenda = everyone[person]
        approvals = [i for i in agenda.approvals if i.due is None or i.due <= horizon]
        lines = ([_line(i, "overdue", lang, titles, i.record in about) for i in agenda.overdue]
                 + [_line(i, "soon", lang, titles, i.record in about) for i in agenda.soon]
                 + [_line(i, "approval", lang, titles, i.record in about) for i in approvals])
        if not lines or person in leavers:  # a leaver owns nothing: never addressed
            continue
        heading = owner_words(person, agenda.name, lang)[:80] if person else digest.t("未指定负责人", "No owner")
        digest.blocks.append(Block(person, heading, len(agenda.overdue), len(agenda.soon), len(approvals),
                                   lines, _page(site_url, person, lang)))
    return digest
