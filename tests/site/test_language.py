"""Every text a reader sees is in the page's language: names of categories, statuses and
roles, punctuation, and the words around record text."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.site.conftest import BuiltSite

pytestmark = pytest.mark.xdist_group("site")


def _text(built_site: BuiltSite, path: str) -> str:
    html = (built_site.site / path / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    return unescape(re.sub(r"<[^>]+>", " ", article))


def test_the_dashboard_ends_its_english_sentences_with_a_full_stop(built_site: BuiltSite) -> None:
    text = _text(built_site, "en/status")
    assert "。" not in text
    assert re.search(r"More on\s+Deadlines\s+\.", text)


def test_quote_statuses_on_the_chinese_pipeline_page_are_chinese(built_site: BuiltSite) -> None:
    html = (built_site.site / "status/pipeline/index.html").read_text(encoding="utf-8")
    words = "sent|accepted|rejected|draft|expired|已发送|已接受|被拒绝|草稿|已过期"
    statuses = re.findall(rf"<td[^>]*>({words})</td>", html)
    assert statuses and not {"sent", "accepted", "rejected", "draft", "expired"} & set(statuses)


def test_the_training_page_names_roles_not_role_ids(built_site: BuiltSite) -> None:
    zh, en = _text(built_site, "status/training"), _text(built_site, "en/status/training")
    assert "marketing-manager" not in zh and "marketing-manager" not in en
    assert "营销经理" in zh and "Marketing manager" in en


def test_record_kind_pages_use_the_pages_parentheses(built_site: BuiltSite) -> None:
    en = (built_site.site / "en/reference/records/quote/index.html").read_text(encoding="utf-8")
    zh = (built_site.site / "reference/records/quote/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Quote \(quote\)", en) and re.search(r"<h1[^>]*>销售报价（quote）", zh)


def test_the_english_roles_page_has_no_chinese_punctuation_around_its_labels(built_site: BuiltSite) -> None:
    text = _text(built_site, "en/reference/roles")
    assert "Role id：" not in text and "Held by：" not in text and "Clauses：" not in text
    assert "Role id:" in text.replace(" :", ":")


def test_the_english_roles_page_gives_responsibilities_in_english(built_site: BuiltSite) -> None:
    zh, en = _text(built_site, "reference/roles"), _text(built_site, "en/reference/roles")
    assert "Approves expense claims up to 50,000 CNY" in en and "审批 5 万元以内的费用报销" not in en
    assert "审批 5 万元以内的费用报销" in zh
