"""Where things live on the site: policy clauses, findings of a rule."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checker.escaping import site_anchor


@cache
def chapter_pages(docs: Path) -> dict[str, str]:
    """Chapter number to its policy page, e.g. ``"4" -> "policy/4-sales.md"``."""
    pages = {}
    for page in sorted((docs / "policy").glob("[0-9]-*.md")):
        if page.name.count(".") == 1:  # the default-language page, not *.en.md
            pages[page.name.split("-", 1)[0]] = f"policy/{page.name}"
    return pages


def clause_link(docs: Path, clause: str, from_folder: str) -> str:
    """Relative link from a page in ``from_folder`` to a clause's anchor."""
    chapter = clause.split(".", 1)[0]
    page = chapter_pages(docs).get(chapter)
    if page is None:
        return ""
    up = "../" * (from_folder.count("/") + 1) if from_folder else ""
    return f"{up}{page}#c{site_anchor(clause.replace('.', '-'))}"


def findings_link(rule: str, from_folder: str) -> str:
    up = "../" * (from_folder.count("/") + 1) if from_folder else ""
    return f"{up}status/findings.md#rule-{site_anchor(rule)}"
