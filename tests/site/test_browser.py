"""End to end in headless Chromium (Debian's package), against the built site on localhost."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.site.conftest import BIN, BuiltSite

pytestmark = pytest.mark.xdist_group("site")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object, built_site: BuiltSite) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    context.close()


def _check_json(built_site: BuiltSite) -> dict[str, int]:
    result = subprocess.run([str(BIN / "handbook"), "check", "--root", str(built_site.root), "--format", "json"],
                            capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["summary"]  # type: ignore[no-any-return]


def test_dashboard_shows_the_counts_of_the_check(page: object, built_site: BuiltSite) -> None:
    summary = _check_json(built_site)
    page.goto(f"{built_site.url}/status/")  # type: ignore[attr-defined]
    shown = {key: page.inner_text(f'[data-count="{key}"]') for key in ("errors", "warnings", "waived")}  # type: ignore[attr-defined]
    assert shown == {"errors": str(summary["errors"]), "warnings": str(summary["warnings"]),
                     "waived": str(summary["waived"])}
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_language_switch_lands_on_the_same_page(page: object, built_site: BuiltSite) -> None:
    page.goto(f"{built_site.url}/policy/4-sales/")  # type: ignore[attr-defined]
    page.hover(".md-header__option .md-select")  # type: ignore[attr-defined]
    page.click('.md-select__link[hreflang="en"]')  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert urlparse(page.url).path == "/en/policy/4-sales/"  # type: ignore[attr-defined]
    assert "Sales process management" in page.inner_text("h1")  # type: ignore[attr-defined]


def test_searching_a_chinese_term_finds_its_chapter(page: object, built_site: BuiltSite) -> None:
    page.goto(f"{built_site.url}/")  # type: ignore[attr-defined]
    page.click("label.md-search__icon, .md-search__input")  # type: ignore[attr-defined]
    page.fill(".md-search__input", "销售报价")  # type: ignore[attr-defined]
    # Chinese text arrives as one input event without key events; the theme reads the
    # query on key-up, so send one, as a person's keyboard would.
    page.press(".md-search__input", "End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=30_000)  # type: ignore[attr-defined]
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")  # type: ignore[attr-defined]
    assert any("/policy/4-sales/" in link for link in links), links


def test_no_request_leaves_localhost_and_no_console_errors(page: object, built_site: BuiltSite) -> None:
    for path in ("/", "/status/", "/status/budgets/", "/status/pipeline/", "/en/status/customers/",
                 "/policy/9-expenses/", "/reference/rules/", "/en/reference/records/quote/"):
        page.goto(f"{built_site.url}{path}")  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith("data:")}  # type: ignore[attr-defined]
    assert hosts == {"127.0.0.1"}
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_hostile_record_text_shows_as_text_and_runs_nothing(page: object, built_site: BuiltSite) -> None:
    page.goto(f"{built_site.url}/status/pipeline/")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    body = page.inner_text("article")  # type: ignore[attr-defined]
    assert '<script>window.__pwned = "script"</script>' in body
    assert '<img src="x" onerror=' in body
    assert page.evaluate("window.__pwned === undefined")  # type: ignore[attr-defined]
