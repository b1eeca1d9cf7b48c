"""The handbook builds strictly and its generated pages keep their promises."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.site.conftest import BIN, IMAGE, SCRIPT, BuiltSite

pytestmark = pytest.mark.xdist_group("site")


def test_both_languages_are_built(built_site: BuiltSite) -> None:
    for page in ("index.html", "policy/4-sales/index.html", "status/index.html", "reference/rules/index.html"):
        assert (built_site.site / page).is_file(), page
        assert (built_site.site / "en" / page).is_file(), f"en/{page}"


def test_search_index_is_segmented_for_chinese(built_site: BuiltSite) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b" in texts, "jieba did not segment the Chinese text"


def test_no_page_loads_anything_from_the_internet(built_site: BuiltSite) -> None:
    remote = re.compile(r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="(?:https?:)?//'
                        r'|<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|prefetch)")'
                        r'[^>]*\bhref="(?:https?:)?//', re.IGNORECASE)
    offenders = [str(p.relative_to(built_site.site)) for p in built_site.site.rglob("*.html")
                 if remote.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    css = " ".join(p.read_text(encoding="utf-8") for p in built_site.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_hostile_record_text_is_escaped_in_the_html(built_site: BuiltSite) -> None:
    pipeline = (built_site.site / "status" / "pipeline" / "index.html").read_text(encoding="utf-8")
    assert "C-XSS" in pipeline or "恶意客户" in pipeline
    for page in built_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html, page
        assert IMAGE not in html, page
        assert 'onerror="window.__pwned' not in html, page


def test_private_fields_are_never_published(built_site: BuiltSite) -> None:
    """Every phone number, e-mail and appraisal comment in the records stays off the site."""
    from checker.loading.repository import load
    from checker.records.introspect import private_paths
    from checker.rules.paths import fanned, values

    repository = load(built_site.root, built_site.root / "records")
    secrets = set()
    for entry in repository.entries:
        for path in private_paths(type(entry.record)):
            secrets.update(str(v) for v in values(entry.record, fanned(path)) if len(str(v)) >= 6)
    assert secrets, "the sample should hold private data to protect"
    published = " ".join(p.read_text(encoding="utf-8", errors="ignore")
                         for p in built_site.site.rglob("*") if p.suffix in (".html", ".json", ".svg", ".ics"))
    leaked = sorted(s for s in secrets if s in published)
    assert leaked == []


def test_every_clause_box_points_at_a_real_rule(built_site: BuiltSite) -> None:
    page = (built_site.site / "policy" / "4-sales" / "index.html").read_text(encoding="utf-8")
    assert "quote-approved-by-manager" in page
    english = (built_site.site / "en" / "policy" / "4-sales" / "index.html").read_text(encoding="utf-8")
    assert "A quote is approved by a marketing manager before it is sent" in english


def test_training_calendar_is_downloadable(built_site: BuiltSite) -> None:
    calendars = list((built_site.site / "status").glob("training-*.ics"))
    assert calendars
    text = calendars[0].read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    from tests.site.conftest import build_copy

    build_copy(tmp_path, hostile=False)
    (tmp_path / "docs" / "guide" / "broken.md").write_text("[x](missing-page.md)\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0
