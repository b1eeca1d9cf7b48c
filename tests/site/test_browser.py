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
    page.requests = []
    page.console_errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
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


# ------------------------------------------------------------------ people on phones


CARD_PAGES = ("/status/findings/", "/status/deadlines/", "/status/training/", "/en/status/findings/")


@pytest.mark.parametrize("path", CARD_PAGES)
def test_at_phone_width_every_value_is_on_screen_under_its_column_name(browser: object, built_site: BuiltSite,
                                                                      path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{built_site.url}{path}")
    page.wait_for_load_state("networkidle")
    cells = page.eval_on_selector_all(".hb-cards td", """tds => tds.map(td => {
        const box = td.getBoundingClientRect();
        return {left: box.left, right: box.right, label: td.dataset.label || "",
                before: getComputedStyle(td, "::before").content, display: getComputedStyle(td).display};
    })""")
    context.close()
    assert cells, path
    for cell in cells:
        assert cell["display"] == "block"
        assert cell["left"] >= 0 and cell["right"] <= 390, cell
        assert cell["label"] and cell["before"] == f'"{cell["label"]}"', cell


@pytest.mark.parametrize("path", CARD_PAGES[:3])
def test_at_desktop_width_the_tables_stay_tables_and_fit_the_text(browser: object, built_site: BuiltSite,
                                                                 path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{built_site.url}{path}")
    page.wait_for_load_state("networkidle")
    found = page.evaluate("""() => {
        const article = document.querySelector("article").getBoundingClientRect();
        const tables = [...document.querySelectorAll(".hb-cards table")];
        return {display: tables.map(t => getComputedStyle(t).display),
                overflow: tables.map(t => t.getBoundingClientRect().right - article.right)};
    }""")
    context.close()
    assert found["display"] and set(found["display"]) == {"table"}
    assert max(found["overflow"]) <= 1, found  # the fix column is not pushed out of view


def test_file_paths_wrap_only_between_folders(browser: object, built_site: BuiltSite) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{built_site.url}/status/findings/")
    heights = page.eval_on_selector_all("code.hb-path span", "spans => spans.map(s => s.getClientRects().length)")
    context.close()
    assert heights and set(heights) == {1}  # each folder or file name on one line


def _search(page: object, url: str, query: str) -> list[str]:
    page.goto(url)  # type: ignore[attr-defined]
    page.click("label.md-search__icon, .md-search__input")  # type: ignore[attr-defined]
    page.fill(".md-search__input", query)  # type: ignore[attr-defined]
    page.press(".md-search__input", "End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=30_000)  # type: ignore[attr-defined]
    links: list[str] = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "els => els.map(e => new URL(e.href).pathname)")
    return links


@pytest.mark.parametrize(("base", "query", "first", "soon"), [
    ("/", "报价", "/policy/4-sales/", "/reference/records/quote/"),        # not 报销 or 报告
    ("/", "客户拜访", "/policy/3-customers/", "/reference/records/visit/"),
    ("/", "投诉", "/policy/3-customers/", "/reference/records/complaint/"),
    ("/", "报销", "/policy/9-expenses/", "/reference/records/expense-claim/"),
    ("/en/", "quote", "/en/policy/4-sales/", "/en/reference/records/quote/"),   # chapter 4 says "quotation"
])
def test_a_readers_first_search_result_is_the_chapter(page: object, built_site: BuiltSite, base: str, query: str,
                                                       first: str, soon: str) -> None:
    links = _search(page, f"{built_site.url}{base}", query)
    assert links[0] == first, links[:6]
    assert soon in links[:4], links[:6]
    if query == "报价":
        assert not any("sales-report" in link or "expense-claim" in link for link in links[:4]), links[:6]


def test_generated_pages_have_their_own_search_summary(built_site: BuiltSite) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    generated = [doc for doc in index["docs"] if "#" not in doc["location"]
                 and doc["location"].startswith(("status/", "reference/records/", "en/status/"))]
    assert len(generated) > 20
    for doc in generated:
        assert "handbook site generate" not in doc["text"], doc["location"]
    openings = {doc["text"][:40] for doc in generated if doc["text"]}
    assert len(openings) > len(generated) // 2  # real summaries, not one sentence everywhere


# ------------------------------------------------------------------ accessibility

AXE_PAGES = ("/", "/status/", "/status/findings/", "/status/deadlines/", "/status/training/", "/status/budgets/",
             "/status/pipeline/", "/status/customers/", "/status/team/", "/policy/4-sales/", "/guide/findings/",
             "/reference/roles/", "/reference/records/quote/", "/en/status/findings/", "/en/reference/records/quote/")


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_serious_accessibility_problem(browser: object, built_site: BuiltSite, width: int) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    problems = []
    for path in AXE_PAGES:
        page.goto(f"{built_site.url}{path}")
        page.wait_for_load_state("networkidle")
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((path, violation["id"], [n["target"] for n in violation["nodes"]][:3]))
    context.close()
    assert problems == []
