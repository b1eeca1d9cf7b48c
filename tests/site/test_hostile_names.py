"""Hostile text in every field that reaches a heading, a page's <title>, a table, a card, a
calendar or a chat message: a person named ``X</title><script>alert(9)</script><title>``,
a colleague, two roles, a customer, an opportunity, a course, a session, two rule titles and
a record file whose name holds a newline and an HTML tag. Every page of the site in both
languages shows them as text, with every table whole; the calendars and the chat digests
carry them as text, never as a property, a link or a mention.

A small repository (the shared test company with these names, the real rule set, a few
hostile records) is generated and built with ``--strict`` once for the module."""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from checker.findings import Lang
from checker.notify.digest import build as build_digest
from checker.notify.dingtalk import DingTalk
from checker.notify.feishu import Feishu
from checker.notify.service import Service
from checker.notify.wecom import WeCom
from checker.rules.engine import Report
from checker.site import status
from checker.site.generate import LIST_LIMIT
from tests.conftest import PROJECT, dump, run, world, write_repo
from tests.site.conftest import BIN

pytestmark = pytest.mark.xdist_group("site")

AS_OF = "2026-11-20"
TITLE = "X</title><script>alert(9)</script><title>"
IMAGE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
SVG = '"><svg onload=alert(2)>'
JINJA = "{{ 7*7 }}"
LINK = "[x](javascript:alert(3))"
CELL = "| a |"
ICS = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected"  # a new event, if a calendar let a line break through

PERSON = TITLE  # p-zhang-wei: the heading and <title> of his page, the owner in most tables
COLLEAGUE = f"{SVG} {JINJA} {CELL}\nEND:VCALENDAR"  # p-chen-jing
SALESPERSON = (f"{IMAGE} 销售 {CELL}", f"{LINK} {SVG}")  # a role held on the person pages
MANAGER = (f"{JINJA} 经理 {SVG}", f"{IMAGE} manager")  # the role a quote waits for: approval messages
CUSTOMER = f"{SCRIPT} 客户 {IMAGE} {LINK}"
COURSE = f"{JINJA} {IMAGE} {CELL}{ICS}"
SESSION = f"{SVG} {LINK}"
RULE_TITLE = (f"{TITLE} 报价 {LINK}", f"{IMAGE} quote {CELL}")
# Rules whose title is made hostile: an approval rule (findings, rule box, digest) and the
# weekly meeting (a heading of the team page). Their titles in the real rule set, as written there.
RULE_TITLES = [
    ("报价在发送给客户前经营销经理审核批准", "A quote is approved by a marketing manager before it is sent"),
    ("每周召开团队周会（整周放假的一周除外）", "The team meets every week (except a week that is all holiday)"),
]
SITE_NAMES = {"zh": "营销团队手册", "en": "Marketing Team Handbook"}
HOSTILE_NAME = f"QT-X\n{IMAGE}.yaml"
PAGES = ("status/index.html", "status/findings/index.html", "status/deadlines/index.html")
PERSON_PAGE = "status/people/p-zhang-wei/index.html"


def one_line(text: str) -> str:
    """How a page shows record text: every run of line breaks and spaces as one space."""
    return " ".join(text.split())


def _records() -> list[dict[str, Any]]:
    names = {"p-zhang-wei": PERSON, "p-chen-jing": COLLEAGUE}
    roles = {"salesperson": SALESPERSON, "marketing-manager": MANAGER}
    company = []
    for record in world():
        if record["kind"] == "person" and record["id"] in names:
            record = {**record, "name": names[record["id"]]}
        if record["kind"] == "role" and record["id"] in roles:
            record = {**record, "name_zh": roles[record["id"]][0], "name_en": roles[record["id"]][1]}
        company.append(record)
    customer = {"kind": "customer", "id": "C-X", "owner": "p-zhang-wei", "name": CUSTOMER,
                "class": "potential", "since": "2026-11-01", "strategy": SCRIPT, "service_plan": IMAGE}
    opportunity = {"kind": "opportunity", "id": f"OP-X {IMAGE}", "owner": "p-zhang-wei", "customer": "C-X",
                   "title": f"{SCRIPT}\n{IMAGE}", "discovered": "2026-11-02", "entered": "2026-11-02",
                   "stage": "qualified", "strategy": f"[x](javascript:alert(1)) {IMAGE}"}
    plan = {"kind": "training-plan", "id": "TP-2026", "owner": "p-li-na", "year": "2026", "prepared": "2025-12-15",
            "courses": [{"title": COURSE, "date": "2026-11-25", "hours": "6", "method": "internal",
                         "roles": ["salesperson"]}]}
    session = {"kind": "training-session", "id": "TS-X", "owner": "p-li-na", "plan": "TP-2026", "course": SESSION,
               "date": "2026-11-10", "method": "internal", "trainer": f"{TITLE}{ICS}", "attendees": ["p-zhang-wei"]}
    return [*company, customer, opportunity, plan, session]


def _quote() -> str:
    """A quote sent without the manager's approval: an error of an approval rule, so a finding
    on the findings page, the deadlines page (overdue) and the dashboard (most urgent)."""
    return dump({"kind": "quote", "id": "QT-X", "owner": "p-zhang-wei", "customer": "C-X",
                 "lines": [{"product": f"{SCRIPT}{IMAGE}", "quantity": 1, "unit_price": "100.00"}],
                 "total": "100.00", "sent": "2026-11-10", "status": "sent"})


def _hostile_rule_titles(rules: Path) -> None:
    """The rule set as written (edited as text: YAML 1.1 would read its ``on:`` keys as true)."""
    text = rules.read_text(encoding="utf-8")
    for zh, en in RULE_TITLES:
        for old, new in ((zh, RULE_TITLE[0]), (en, RULE_TITLE[1])):
            line = f"{'zh' if old == zh else 'en'}: {old}\n"
            assert text.count(line) == 1, f"the real rule set no longer says {old!r}"
            text = text.replace(line, f"{line[:4]}{json.dumps(new, ensure_ascii=False)}\n")
    rules.write_text(text, encoding="utf-8")


@dataclass
class Built:
    root: Path
    site: Path
    report: Report


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("hostile-names")
    write_repo(root, _records(), real_rules=True, with_world=False,
               pyproject=f'[tool.handbook]\nrecords = "records"\nlang = "zh"\nas_of = "{AS_OF}"\n')
    _hostile_rule_titles(root / "records" / "policy" / "rules.yaml")
    # Directly under records/, so its findings sort first and reach the dashboard's ten most urgent.
    (root / "records" / HOSTILE_NAME).write_text(_quote(), encoding="utf-8")
    for name in ("docs", "overrides"):
        shutil.copytree(PROJECT / name, root / name, ignore=shutil.ignore_patterns("status", "reference"))
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    generate = subprocess.run([str(BIN / "handbook"), "site", "generate", "--root", str(root)],
                              capture_output=True, text=True)
    assert generate.returncode == 0, generate.stderr
    build = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(root / "mkdocs.yml")],
                           capture_output=True, text=True, cwd=root)
    assert build.returncode == 0, build.stderr
    yield Built(root, root / "site", run(root, AS_OF))


class _Article(HTMLParser):
    """The tags, attributes and table rows inside a page's <article>."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[int]] = []  # cells per row, per table
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


class _Document(HTMLParser):
    """Everything in a whole page that the payloads would make live, and its <h1>'s text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.titles = 0
        self.h1: list[str] = []
        self._in: str | None = None  # "script" or "h1"
        self._permalink = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.titles += tag == "title"
        href = found.get("href") or ""
        if ([name for name in found if name.startswith("on")] or (tag == "img" and found.get("src") == "x")
                or tag in ("iframe", "object", "embed")
                or re.match(r"\s*(javascript|data|vbscript):", href, re.IGNORECASE)):
            self.live.append(f"<{tag} {found}>")
        if tag in ("script", "h1"):
            self._in = tag
        self._permalink = self._permalink or (tag == "a" and found.get("class") == "headerlink")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None
        if tag == "a":
            self._permalink = False

    def handle_data(self, data: str) -> None:
        if self._in == "script" and "alert(" in data:
            self.live.append(f"<script>{data[:40]}")
        elif self._in == "h1" and not self._permalink:
            self.h1.append(data)


def _read(built: Built, lang: str, page: str) -> str:
    return (built.site / ("en/" if lang == "en" else "") / page).read_text(encoding="utf-8")


def _page(built: Built, lang: str, page: str) -> tuple[str, _Article]:
    source = _read(built, lang, page)
    article = _Article(source)
    assert article.tags, f"no article in {lang}/{page}"
    return source, article


def _title(source: str) -> str:
    """The <title> as a browser reads it: its content is text up to the first end tag."""
    found = re.search(r"<title>(.*?)</title>", source, re.DOTALL)
    assert found, "no <title>"
    return html.unescape(found.group(1))


def _expected_rows(report: Report, page: str) -> list[int]:
    """Body rows of each table of the page that holds findings (a list shows its first
    LIST_LIMIT rows and says how many more there are)."""
    findings, waived = report.findings, report.waived
    if page == "status/findings/index.html":
        by_rule: dict[str, int] = {}
        for finding in findings:
            by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
        return [*(min(n, LIST_LIMIT) for n in by_rule.values()), *([len(waived)] if waived else [])]
    if page == "status/deadlines/index.html":
        overdue, upcoming = len(status.overdue(report)), len(status.upcoming(report))
        return [min(n, LIST_LIMIT) for n in (overdue, upcoming) if n]
    errors = sum(1 for f in findings if f.severity == "error")
    return [min(errors, 10)] if errors else []


# ------------------------------------------------------------------ every page, every title


def test_no_page_of_the_site_has_live_markup_or_a_second_title(built: Built) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 100
    problems = []
    for path in pages:
        document = _Document(path.read_text(encoding="utf-8"))
        if document.live or document.titles != 1:
            problems.append((str(path.relative_to(built.site)), document.titles, document.live[:3]))
    assert problems == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_hostile_persons_page_title_and_heading_are_the_name_as_text(built: Built, lang: str) -> None:
    source = _read(built, lang, PERSON_PAGE)
    assert _title(source) == f"{PERSON} - {SITE_NAMES[lang]}"
    assert "".join(_Document(source).h1).strip() == PERSON


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chinese_name_is_the_title_and_heading_of_its_page_as_written(built: Built, lang: str) -> None:
    source = _read(built, lang, "status/people/p-li-na/index.html")
    assert _title(source) == f"李娜 - {SITE_NAMES[lang]}"
    assert "".join(_Document(source).h1).strip() == "李娜"


def test_search_holds_names_as_escaped_text(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["status/people/p-li-na/"] == "李娜"
    assert titles["status/people/p-zhang-wei/"] == html.escape(PERSON, quote=False)
    assert titles["en/status/people/p-zhang-wei/"] == html.escape(PERSON, quote=False)
    markup = re.compile(r"<(?!/?(?:p|code|pre|li|ol|ul|sub|sup)>)")  # the tags the theme's index keeps
    assert [doc["location"] for doc in index["docs"] if markup.search(doc["title"] + doc["text"])] == []


# ------------------------------------------------------------------ tables, cards and text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_live_tag_from_records_or_file_names(built: Built, lang: str, page: str) -> None:
    source, article = _page(built, lang, page)
    assert IMAGE not in source and "<img src=x" not in source and SCRIPT not in source
    for tag, attrs in article.tags:
        assert tag not in ("script", "iframe", "object", "embed", "style"), (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "img":  # only the site's own charts
            assert (attrs.get("src") or "").startswith("charts/") or "/charts/" in (attrs.get("src") or ""), attrs
        if tag == "a":
            href = attrs.get("href") or ""
            assert not re.match(r"\s*(javascript|data|vbscript):", href, re.IGNORECASE), href


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_table_keeps_its_rows_and_columns(built: Built, lang: str, page: str) -> None:
    _, article = _page(built, lang, page)
    for table in article.tables:
        assert len(set(table)) == 1, f"a row with a different number of cells: {table}"
    finding_tables = [table for table in article.tables if table and table[0] in (4, 6)]  # waived: 4 columns
    if page == "status/index.html":  # the dashboard's findings table has 6 columns (owner included); the others fewer
        finding_tables = [table for table in article.tables if table and table[0] == 6]
    assert sorted(len(table) - 1 for table in finding_tables) == sorted(_expected_rows(built.report, page))


def test_every_table_of_every_generated_page_keeps_its_columns(built: Built) -> None:
    pages = [p for folder in ("status", "en/status", "reference", "en/reference") for p in
             (built.site / folder).rglob("index.html")]
    assert len(pages) > 40
    uneven = {}
    for path in pages:
        tables = _Article(path.read_text(encoding="utf-8")).tables
        if [table for table in tables if len(set(table)) != 1]:
            uneven[str(path.relative_to(built.site))] = tables
    assert uneven == {}


def test_the_people_index_lists_everyone_once(built: Built) -> None:
    people = [r for r in world() if r["kind"] == "person"]
    _, article = _page(built, "zh", "status/people/index.html")
    [table] = article.tables
    assert len(table) - 1 == len(people)


# (language, page, text it shows): each hostile value shown whole, as written, on one line.
SHOWN = [
    ("zh", PERSON_PAGE, SALESPERSON[0]),
    ("en", PERSON_PAGE, SALESPERSON[1]),
    ("zh", "status/people/index.html", PERSON),
    ("zh", "status/people/index.html", COLLEAGUE),
    ("en", "status/people/index.html", COLLEAGUE),
    ("zh", "status/pipeline/index.html", CUSTOMER),
    ("zh", "status/training/index.html", COURSE),
    ("en", "status/training/index.html", SESSION),
    ("zh", "status/team/index.html", RULE_TITLE[0]),
    ("en", "status/team/index.html", RULE_TITLE[1]),
    ("zh", "status/findings/index.html", RULE_TITLE[0]),
    ("zh", "policy/4-sales/index.html", RULE_TITLE[0]),  # the clause's rule box
    ("en", "policy/4-sales/index.html", RULE_TITLE[1]),
    ("zh", "reference/roles/index.html", MANAGER[0]),
    ("en", "reference/roles/index.html", MANAGER[1]),
    ("zh", "reference/roles/index.html", COLLEAGUE),  # a holder of the role
]


@pytest.mark.parametrize(("lang", "page", "text"), SHOWN)
def test_hostile_values_show_as_written(built: Built, lang: str, page: str, text: str) -> None:
    _, article = _page(built, lang, page)
    assert one_line(text) in one_line("".join(article.text))


def test_template_syntax_in_a_name_is_not_evaluated(built: Built) -> None:
    _, article = _page(built, "zh", "status/people/index.html")
    shown = "".join(article.text)
    assert "{{ 7*7 }}" in shown and "49" not in shown


def test_hostile_headings_are_headings_of_their_text(built: Built) -> None:
    team = _read(built, "zh", "status/team/index.html")
    headings = [one_line(html.unescape(re.sub(r"<[^>]+>", "", h)))
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", team, re.DOTALL)]
    assert one_line(RULE_TITLE[0]) + "¶" in headings  # the permalink's mark follows the text
    roles = _read(built, "en", "reference/roles/index.html")
    assert re.search(r'<h2 id="salesperson">.*?\[x\]\(javascript:alert\(3\)\) &quot;&gt;&lt;svg', roles)


class _Cards(HTMLParser):
    """Per row of each card table: the column headings and each cell's data-label."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[list[str]] = []
        self.rows: list[list[str | None]] = []
        self._heading: list[str] | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.headings.append([])
        elif tag == "th":
            self._heading = []
        elif tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append(dict(attrs).get("data-label"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._heading is not None:
            self.headings[-1].append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_the_hostile_persons_cards_every_cell_is_under_its_own_column(built: Built, lang: str) -> None:
    source = _read(built, lang, PERSON_PAGE)
    cards = re.findall(r'<div class="hb-cards"[^>]*>(.*?)</div>', source, re.DOTALL)
    assert cards
    for card in cards:
        parsed = _Cards(card)
        [headings] = parsed.headings
        body = [row for row in parsed.rows if row]
        assert body and all(row == headings for row in body), (headings, body[:2])


# ------------------------------------------------------------------ calendars


def _unfolded(ics: bytes) -> list[str]:
    return ics.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


PROPERTY = re.compile(r"[A-Z][A-Z-]*[;:]")


@pytest.mark.parametrize("name", ["calendar/p-chen-jing-zh.ics", "calendar/p-zhang-wei-zh.ics",
                                  "calendar/p-wang-jun-en.ics", "calendar/team-zh.ics", "training-2026.ics"])
def test_every_calendar_line_is_a_property_and_every_event_its_own(built: Built, name: str) -> None:
    ics = (built.root / "docs" / "status" / name).read_bytes()
    lines = _unfolded(ics)
    assert [line for line in lines if not PROPERTY.match(line)] == []
    assert lines.count("BEGIN:VCALENDAR") == 1 and lines.count("END:VCALENDAR") == 1
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert lines.count("BEGIN:VEVENT") == len(events) == len({str(e["UID"]) for e in events})
    assert "injected" not in [str(e["SUMMARY"]) for e in events]


def test_calendars_carry_the_hostile_text_as_written(built: Built) -> None:
    folder = built.root / "docs" / "status"
    colleague = _unfolded((folder / "calendar" / "p-chen-jing-zh.ics").read_bytes())
    assert f"X-WR-CALNAME:{COLLEAGUE}的截止事项".replace("\n", "\\n") in colleague  # the line break escaped
    person = Calendar.from_ical((folder / "calendar" / "p-zhang-wei-zh.ics").read_bytes())
    assert str(person["X-WR-CALNAME"]) == f"{PERSON}的截止事项"
    assert any(CUSTOMER[:20] in str(e["SUMMARY"]) for e in person.walk("VEVENT"))
    training = Calendar.from_ical((folder / "training-2026.ics").read_bytes())
    summaries = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in training.walk("VEVENT")}
    assert COURSE.replace("\r\n", "\n") in summaries
    assert summaries[SESSION] == f"{TITLE}{ICS}".replace("\r\n", "\n")


# ------------------------------------------------------------------ chat messages

SITE_URL = "https://handbook.example.cn/"
OUR_LINK = re.compile(r"\[(?:查看详情|Details)\]\(https://handbook\.example\.cn/[a-z/-]+/\)")
OUR_TAG = re.compile(r'</?font(?: color="(?:warning|info|comment)")?>')


def _markdown(service: Service, payload: Any) -> str:
    return str(payload["markdown"]["content" if service.name == "wecom" else "text"])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("service", [WeCom(), DingTalk()], ids=["wecom", "dingtalk"])
def test_chat_markdown_holds_hostile_text_without_a_link_tag_or_mention(built: Built, lang: Lang,
                                                                      service: Service) -> None:
    digest = build_digest(built.report, lang, within=3, site_url=SITE_URL)
    assert any(block.person == "p-zhang-wei" for block in digest.blocks)
    payloads = service.messages(digest)
    text = "\n".join(_markdown(service, p) for p in payloads)
    assert "p-zhang-wei" in text and "alert(9)" in text  # the hostile person's part is there
    rest = re.sub(r"^> ", "", OUR_TAG.sub("", OUR_LINK.sub("", text)), flags=re.MULTILINE)  # WeCom's quote
    assert "<" not in rest and ">" not in rest  # no tag, no <@user> mention
    assert "](" not in rest and "[" not in rest and "://" not in rest  # no link of the record's
    assert all(set(p) == {"msgtype", "markdown"} for p in payloads)  # no "at": nobody is mentioned


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feishu_holds_hostile_text_in_text_elements_only(built: Built, lang: Lang) -> None:
    payloads = Feishu().messages(build_digest(built.report, lang, within=3, site_url=SITE_URL))
    elements = [element for payload in payloads for post in payload["content"]["post"].values()
                for paragraph in post["content"] for element in paragraph]
    assert {element["tag"] for element in elements} == {"text", "a"}
    links = [element for element in elements if element["tag"] == "a"]
    assert all(e["text"] in ("查看详情", "Details") and e["href"].startswith(SITE_URL) for e in links)
    assert any(e["text"].startswith(PERSON) for e in elements if e["tag"] == "text")  # the heading, as written


# ------------------------------------------------------------------ file names


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_the_hostile_file_name_and_record_text_show_as_text(built: Built, lang: str, page: str) -> None:
    report = built.report
    listed = {"status/findings/index.html": report.findings, "status/deadlines/index.html": status.overdue(report),
              "status/index.html": [f for f in report.findings if f.severity == "error"][:10]}[page]
    _, article = _page(built, lang, page)
    shown = "".join(article.text)
    if page == "status/findings/index.html":
        assert any(f.file.endswith(HOSTILE_NAME) for f in listed)
    if any(f.file.endswith(HOSTILE_NAME) for f in listed):
        assert "QT-X\\n" + IMAGE + ".yaml" in shown  # the newline as \n, the tag as text
    if any(f.record == f"OP-X {IMAGE}" for f in listed):
        assert f"OP-X {IMAGE}" in shown


def test_the_hostile_file_name_is_the_location_of_findings(built: Built) -> None:
    located = [f for f in built.report.findings if f.file.endswith(HOSTILE_NAME)]
    assert located, "the loader may refuse the name or read the record; either way a finding points at it"


# ------------------------------------------------------------------ in a browser

BROWSER_PAGES = (PERSON_PAGE, "status/people/p-chen-jing/index.html", "status/people/index.html", *PAGES,
                 "status/training/index.html", "status/team/index.html", "status/pipeline/index.html",
                 "reference/roles/index.html", "policy/4-sales/index.html")


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def tab(served: str) -> Iterator[tuple[Any, list[str]]]:
    """One browser tab, and every dialog (alert) or page error it saw, with the page's address."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from tests.site.test_browser import ARGS, CHROMIUM

    seen: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()

            def on_dialog(dialog: Any) -> None:
                seen.append(f"dialog {page.url}: {dialog.message}")
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.on("pageerror", lambda error: seen.append(f"error {page.url}: {error}"))
            yield page, seen
        finally:
            browser.close()


_LIVE = """() => [...document.querySelectorAll("script, svg[onload], img[src='x'], [onerror], [onload]")]
    .filter(el => el.tagName !== "SCRIPT" || el.textContent.includes("alert("))
    .map(el => el.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_script_runs_in_a_browser(tab: tuple[Any, list[str]], served: str, lang: str) -> None:
    """The pages in headless Chromium: no dialog opens (the payloads call alert), no page error,
    no element of a payload exists, and the hostile person's page is titled with the name."""
    page, seen = tab
    seen.clear()
    live = {}
    for name in BROWSER_PAGES:
        page.goto(f"{served}/{lang}{name.removesuffix('index.html')}")  # until "load": every payload has run
        assert page.locator("article").count() == 1
        if found := page.evaluate(_LIVE):
            live[name] = found
        if name == PERSON_PAGE:
            assert page.title() == f"{PERSON} - {SITE_NAMES['en' if lang else 'zh']}"
            assert page.evaluate("document.querySelector('article h1').firstChild.textContent") == PERSON
    assert seen == []
    assert live == {}


def _search(page: Any, url: str, query: str) -> list[tuple[str, str]]:
    """The address and the text of each result the search dialog shows for ``query``."""
    page.goto(url)
    page.click("label.md-search__icon, .md-search__input")
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # the theme reads the query on key-up
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    found: list[tuple[str, str]] = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => [new URL(e.href).pathname, e.innerText])")
    return found


def test_search_results_show_a_payload_as_text(tab: tuple[Any, list[str]], served: str) -> None:
    page, seen = tab
    seen.clear()
    results = _search(page, f"{served}/", "onerror")
    assert any(IMAGE in text for _, text in results), results[:3]
    assert page.evaluate(_LIVE) == []
    assert seen == []


def test_search_finds_a_chinese_name_by_its_page_title(tab: tuple[Any, list[str]], served: str) -> None:
    page, _ = tab
    [(first, text), *_] = _search(page, f"{served}/", "李娜")
    assert first == "/status/people/p-li-na/"
    assert text.splitlines()[0] == "李娜"
