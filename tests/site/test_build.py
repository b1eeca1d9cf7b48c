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
    secrets: set[str] = set()
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


def _page(built_site: BuiltSite, path: str) -> str:
    return (built_site.site / path / "index.html").read_text(encoding="utf-8")


def test_rule_boxes_mark_team_settings_and_quote_the_policy(built_site: BuiltSite) -> None:
    zh = _page(built_site, "policy/3-customers")
    assert re.search(r'两次之间不超过 30 个自然日。<span class="hb-tag hb-team">团队设定</span> '
                     r'[^<]*（制度原文：“定期拜访客户”）', zh)
    assert re.search(r'<span class="hb-tag hb-policy">制度原文</span> “[^”<]+”', zh)
    assert "target_state = {" not in _page(built_site, "policy/4-sales")  # sentences, not raw rule data
    en = _page(built_site, "en/policy/3-customers")
    assert re.search(r'No more than 30 calendar days between two\. <span class="hb-tag hb-team">Team setting</span>'
                     r' [^<]*\(the policy says: “visit customers regularly”\)', en)


def test_the_catalogue_marks_every_parameter_with_its_source(built_site: BuiltSite) -> None:
    catalogue = _page(built_site, "reference/rules")
    assert catalogue.count("hb-team") > 20 and catalogue.count("hb-policy") > 50
    assert "3 个工作日" in catalogue and "天数按工作日计算" in catalogue


def test_drafted_rules_are_labelled_in_their_box_and_the_catalogue(built_site: BuiltSite) -> None:
    expenses = _page(built_site, "policy/9-expenses")
    assert expenses.count('<span class="hb-tag hb-drafted">草拟条款</span>') == 2  # 9.3.1 and 9.3.2
    assert "确认采用前，本规则的问题只作为警告" in expenses
    assert '<span class="hb-tag hb-drafted">drafted clause</span>' in _page(built_site, "en/reference/rules")


def test_the_roles_page_marks_duties_the_team_set(built_site: BuiltSite) -> None:
    roles = _page(built_site, "reference/roles")
    assert '审批 5 万元以内的费用报销 <span class="hb-tag hb-team">团队设定</span>' in roles
    assert "每年年底前组织制定下一年度营销计划</li>" in roles  # the policy's own duty, unmarked


def test_the_policy_index_says_the_text_is_incomplete(built_site: BuiltSite) -> None:
    zh, en = _page(built_site, "policy"), _page(built_site, "en/policy")
    assert "已閱讀5頁,還剩2頁未讀" in zh and "已閱讀5頁,還剩2頁未讀" in en
    assert "制度》全文" not in zh and "不是制度全文" in zh
    assert "the full text of the company" not in en and "not the full text" in en
