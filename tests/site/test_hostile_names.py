"""A record file whose name holds a newline and an HTML tag, and records whose text holds
<script>: the status pages in both languages show them as text, with every table whole.

A small repository (the shared test company, the real rule set, a few hostile records) is
generated and built once for the module."""

from __future__ import annotations

import functools
import http.server
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

from checker.rules.engine import Report
from checker.site import status
from checker.site.generate import LIST_LIMIT
from tests.conftest import PROJECT, dump, run, write_repo
from tests.site.conftest import BIN

pytestmark = pytest.mark.xdist_group("site")

AS_OF = "2026-11-20"
IMAGE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
HOSTILE_NAME = f"QT-X\n{IMAGE}.yaml"
PAGES = ("status/index.html", "status/findings/index.html", "status/deadlines/index.html")


def _records() -> list[dict[str, Any]]:
    customer = {"kind": "customer", "id": "C-X", "owner": "p-zhang-wei", "name": f"{SCRIPT} 客户 {IMAGE}",
                "class": "potential", "since": "2026-11-01", "strategy": SCRIPT, "service_plan": IMAGE}
    opportunity = {"kind": "opportunity", "id": f"OP-X {IMAGE}", "owner": "p-zhang-wei", "customer": "C-X",
                   "title": f"{SCRIPT}\n{IMAGE}", "discovered": "2026-11-02", "entered": "2026-11-02",
                   "stage": "qualified", "strategy": f"[x](javascript:alert(1)) {IMAGE}"}
    return [customer, opportunity]


def _quote() -> str:
    """A quote sent without the manager's approval: an error of an approval rule, so a finding
    on the findings page, the deadlines page (overdue) and the dashboard (most urgent)."""
    return dump({"kind": "quote", "id": "QT-X", "owner": "p-zhang-wei", "customer": "C-X",
                 "lines": [{"product": f"{SCRIPT}{IMAGE}", "quantity": 1, "unit_price": "100.00"}],
                 "total": "100.00", "sent": "2026-11-10", "status": "sent"})


@dataclass
class Built:
    root: Path
    site: Path
    report: Report


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("hostile-names")
    write_repo(root, _records(), real_rules=True,
               pyproject=f'[tool.handbook]\nrecords = "records"\nlang = "zh"\nas_of = "{AS_OF}"\n')
    # Directly under records/, so its findings sort first and reach the dashboard's ten most urgent.
    (root / "records" / HOSTILE_NAME).write_text(_quote(), encoding="utf-8")
    for name in ("docs", "overrides"):
        shutil.copytree(PROJECT / name, root / name, ignore=shutil.ignore_patterns("status", "reference"))
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    generate = subprocess.run([str(BIN / "handbook"), "site", "generate", "--root", str(root)],
                              capture_output=True, text=True)
    assert generate.returncode == 0, generate.stderr
    build = subprocess.run([str(BIN / "mkdocs"), "build", "-f", str(root / "mkdocs.yml")],
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


def _page(built: Built, lang: str, page: str) -> tuple[str, _Article]:
    source = (built.site / ("en/" if lang == "en" else "") / page).read_text(encoding="utf-8")
    article = _Article(source)
    assert article.tags, f"no article in {lang}/{page}"
    return source, article


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


def test_no_script_runs_in_a_browser(built: Built) -> None:
    """The pages in headless Chromium: no dialog opens (the payloads call alert) and no page error."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from tests.site.test_browser import ARGS, CHROMIUM

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    dialogs: list[str] = []
    errors: list[str] = []
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                page = browser.new_page()

                def on_dialog(dialog: Any) -> None:
                    dialogs.append(f"{page.url}: {dialog.message}")
                    dialog.dismiss()

                page.on("dialog", on_dialog)
                page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
                for lang in ("", "en/"):
                    for name in PAGES:
                        page.goto(f"{url}/{lang}{name.removesuffix('index.html')}")
                        page.wait_for_load_state("networkidle")
                        assert page.locator("article table").count() > 0
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert dialogs == []
    assert errors == []
