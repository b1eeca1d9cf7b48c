"""MkDocs hooks of the handbook (``overrides/hooks.py`` loads them; ``mkdocs.yml`` names it).

- Tables a page wraps in ``<div class="hb-cards">``, and every table of four columns or more
  on the status pages, get each cell labelled with its column's heading (``data-label``), so
  the stylesheet can show every row as a card on a phone, with the labels, and keep the
  table on a desktop. No script runs in the reader's browser.
- Every page's ``<title>`` is the text of its title, escaped (``checker.escaping.page_title``,
  the ``page_title`` filter of ``overrides/main.html``): the theme's own title block writes
  ``page.title | striptags``, which decodes ``&lt;`` in a heading made from a record into a
  real ``<``, so a person named ``X</title><script>…`` ran a script. The build fails if the
  theme no longer has the block the override replaces.
- The search dialog gets an accessible name in the page's language.
- The theme's search worker splits a Chinese query into words found in the index, but never
  tries the whole of a word at the end of the query: ``报价`` became ``报*`` (and found 报销
  and 报告 first), and the last word of ``客户拜访`` was cut to ``拜*``. After the build,
  the worker is corrected to try every end of the query; the build fails if the worker no
  longer has that code, so a theme upgrade cannot silently undo it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from checker.escaping import page_title

_CARDS = re.compile(r'(<div class="hb-cards"[^>]*>)(.*?)(</div>)', re.DOTALL)
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_HEADING = re.compile(r"<th[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td(?![^>]*data-label)(?=[\s>])")
_TAG = re.compile(r"<[^>]+>")


def _label_table(table: str) -> str:
    headings = [html.unescape(_TAG.sub("", h)).strip() for h in _HEADING.findall(table)]
    if not headings:
        return table

    def label_row(row: re.Match[str]) -> str:
        cells = iter(headings)
        return "<tr>" + _CELL.sub(lambda _: f'<td data-label="{html.escape(next(cells, ""), quote=True)}"',
                                  row.group(1)) + "</tr>"

    return _ROW.sub(label_row, table)


def label_cells(content: str) -> str:
    """Every cell of the tables in ``hb-cards`` blocks labelled with its column's heading."""
    if 'class="hb-cards"' not in content:
        return content
    return _CARDS.sub(lambda m: m.group(1) + _TABLE.sub(lambda t: _label_table(t.group()), m.group(2))
                      + m.group(3), content)


WIDE = 4  # columns from which a status table is shown as cards on a phone


def cards_for_wide_tables(content: str) -> str:
    """Every table of ``WIDE`` columns or more in an ``hb-cards`` block, labelled: on a phone a
    wide table would otherwise scroll sideways, hiding columns (and a scrolling region that
    holds nothing to focus is out of reach from the keyboard)."""
    def wrap(table: re.Match[str]) -> str:
        if len(_HEADING.findall(table.group())) < WIDE:
            return table.group()
        return f'<div class="hb-cards">{_label_table(table.group())}</div>'

    return _TABLE.sub(wrap, label_cells(content))


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
_SEARCH_NAMES = {"zh": "搜索", "en": "Search"}


def name_search_dialog(output: str, lang: str) -> str:
    """The search dialog with an accessible name (the theme gives the dialog none)."""
    name = _SEARCH_NAMES.get(lang, _SEARCH_NAMES["en"])
    return output.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG} aria-label="{name}"', 1)


# In the minified worker: for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)
_SEGMENT_LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in (\w)")


class WorkerNotPatched(RuntimeError):
    """The theme's search worker changed: the query segmentation fix must be looked at again."""


def fix_query_segmentation(script: str) -> str:
    """The search worker with its Chinese query segmentation trying whole words at the end."""
    fixed, count = _SEGMENT_LOOP.subn(lambda m: m.group().replace(f"{m.group(1)}<{m.group(3)}.length",
                                                                  f"{m.group(1)}<={m.group(3)}.length"), script)
    if count != 1:
        raise WorkerNotPatched("the theme's search worker no longer has the query segmentation loop this "
                               "hook corrects; check Chinese search (tests/site) and update checker/site/hooks.py")
    return fixed


def patch_search_worker(site_dir: Path) -> Path:
    """Correct the built site's search worker in place; returns the file."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise WorkerNotPatched(f"expected one search worker in the built site, found {len(workers)}")
    worker = workers[0]
    worker.write_text(fix_query_segmentation(worker.read_text(encoding="utf-8")), encoding="utf-8")
    return worker


TITLE_BLOCK = "htmltitle"  # the theme's block that writes <title>, replaced in overrides/main.html


class TitleNotOverridden(RuntimeError):
    """The theme's base template changed: the override of its <title> must be looked at again."""


def install_page_title(env: Any) -> Any:
    """The theme's templates with the ``page_title`` filter; fails if the theme's base template
    no longer has the block whose title ``overrides/main.html`` escapes."""
    if TITLE_BLOCK not in env.get_template("base.html").blocks:
        raise TitleNotOverridden(f"the theme's base.html has no {TITLE_BLOCK!r} block: its <title> may hold "
                                 "record text unescaped; update overrides/main.html and checker/site/hooks.py")
    env.filters["page_title"] = page_title
    return env


# ------------------------------------------------------------------ MkDocs events


def on_env(env: Any, config: Any, files: Any) -> Any:
    return install_page_title(env)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if str(page.file.src_uri).startswith("status/"):  # generated pages of tables
        return cards_for_wide_tables(html)
    return label_cells(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return name_search_dialog(output, str(config["theme"]["language"]))


def on_post_build(config: Any) -> None:
    patch_search_worker(Path(config["site_dir"]))
