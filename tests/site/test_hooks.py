"""The MkDocs hooks: table cells labelled for phone-width cards, the search dialog named,
the page title escaped, and the theme's search worker corrected to try a Chinese query's
last word whole."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.theme import Theme

from checker.site.hooks import (
    TitleNotOverridden,
    WorkerNotPatched,
    cards_for_wide_tables,
    fix_query_segmentation,
    install_page_title,
    label_cells,
    name_search_dialog,
    patch_search_worker,
)

TABLE = ("<table>\n<thead>\n<tr>\n<th>级别</th>\n<th align=\"right\">位置 &amp; \"行\"</th>\n</tr>\n</thead>\n"
         "<tbody>\n<tr>\n<td><span>错误</span></td>\n<td align=\"right\"><code>a/b.yaml:3</code></td>\n</tr>\n"
         "<tr>\n<td>警告</td>\n<td></td>\n</tr>\n</tbody>\n</table>")


def test_cells_in_a_cards_block_carry_their_columns_heading() -> None:
    labelled = label_cells(f'<div class="hb-cards">\n{TABLE}\n</div>')
    assert labelled.count('<td data-label="级别">') == 2
    assert labelled.count('<td data-label="位置 &amp; &quot;行&quot;"') == 2
    assert "<span>错误</span>" in labelled and "<code>a/b.yaml:3</code>" in labelled


def test_tables_outside_a_cards_block_are_left_alone() -> None:
    assert label_cells(TABLE) == TABLE
    page = f'<div class="hb-cards">\n{TABLE}\n</div>\n<p>x</p>\n{TABLE}'
    assert label_cells(page).endswith(TABLE)


def test_the_search_dialog_gets_a_name_in_the_pages_language() -> None:
    page = '<div class="md-search" data-md-component="search" role="dialog">'
    assert 'aria-label="搜索"' in name_search_dialog(page, "zh")
    assert 'aria-label="Search"' in name_search_dialog(page, "en")


THEME = find_spec("material")
assert THEME is not None and THEME.origin is not None
WORKERS = Path(THEME.origin).parent / "templates" / "assets" / "javascripts" / "workers"


def test_the_installed_themes_worker_is_corrected_once() -> None:
    [worker] = WORKERS.glob("search.*.min.js")
    original = worker.read_text(encoding="utf-8")
    fixed = fix_query_segmentation(original)
    assert fixed != original and len(fixed) == len(original) + 1  # "<" became "<="
    assert "<=t.length;o++)t.slice(s,o)in e" in fixed


def test_a_worker_without_the_loop_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(WorkerNotPatched):
        fix_query_segmentation("function segment(){}")
    folder = tmp_path / "assets" / "javascripts" / "workers"
    folder.mkdir(parents=True)
    (folder / "search.x.min.js").write_text("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)")
    patched = patch_search_worker(tmp_path)
    assert "o<=t.length" in patched.read_text()
    with pytest.raises(WorkerNotPatched):
        patch_search_worker(tmp_path / "nowhere")


def test_wide_tables_on_status_pages_become_cards_and_narrow_ones_stay() -> None:
    narrow = TABLE
    wide = TABLE.replace("<th>级别</th>", "<th>a</th><th>b</th><th>级别</th>").replace(
        "<td>警告</td>", "<td>1</td><td>2</td><td>警告</td>")
    page = cards_for_wide_tables(f"{narrow}\n{wide}")
    assert page.startswith(narrow)
    assert '<div class="hb-cards"><table>' in page and '<td data-label="b">2</td>' in page
    already = cards_for_wide_tables(f'<div class="hb-cards">\n{wide}\n</div>')
    assert "data-label=\"a\" data-label" not in already and already.count('data-label="a"') == 2  # one per row


OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


def _title(env: jinja2.Environment, title: str, meta: dict[str, str] | None = None) -> str:
    """The <title> that overrides/main.html writes for a page titled ``title`` (HTML, as MkDocs's)."""
    template = env.get_template("main.html")
    page = SimpleNamespace(title=title, meta=meta or {}, is_homepage=False)
    context = template.new_context({"page": page, "config": {"site_name": "营销团队手册"}})
    return "".join(template.blocks["htmltitle"](context)).strip()


def test_the_themes_title_block_is_replaced_by_an_escaped_title() -> None:
    env = install_page_title(Theme(name="material", custom_dir=str(OVERRIDES), language="zh").get_env())
    hostile = "X&lt;/title&gt;&lt;script&gt;alert(9)&lt;/script&gt;&lt;title&gt;"
    assert _title(env, hostile) == f"<title>{hostile} - 营销团队手册</title>"
    assert _title(env, "张伟") == "<title>张伟 - 营销团队手册</title>"
    typed = {"title": "X</title><script>alert(9)</script>"}  # a front matter title, as written
    assert _title(env, "x", typed) == "<title>Xalert(9) - 营销团队手册</title>"


def test_without_the_filter_the_title_is_not_written() -> None:
    env = Theme(name="material", custom_dir=str(OVERRIDES), language="zh").get_env()
    with pytest.raises(jinja2.TemplateRuntimeError, match="page_title"):
        _title(env, "张伟")


def test_a_theme_without_the_title_block_fails_the_build() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"base.html": "<title>{{ page.title | striptags }}</title>"}))
    with pytest.raises(TitleNotOverridden):
        install_page_title(env)
