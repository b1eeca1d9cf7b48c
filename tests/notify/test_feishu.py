"""Feishu: msg_type post in the chosen language, plain text elements, body within 20 KB."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import date

from checker.notify.digest import Block, Digest, Line, build
from checker.notify.feishu import Feishu, sign
from checker.rules.engine import Report


def test_the_documented_post_shape_in_the_chosen_language(company_report: Report) -> None:
    [payload] = Feishu().messages(build(company_report, "zh", within=3))
    assert payload["msg_type"] == "post"
    post = payload["content"]["post"]
    assert list(post) == ["zh_cn"] and post["zh_cn"]["title"] == "handbook 今日待办 2026-11-27"
    rows = post["zh_cn"]["content"]
    assert rows[0] == [{"tag": "text", "text": "逾期 5 项 · 3 天内到期 2 项 · 待审批 1 项"}]
    assert all(element["tag"] in ("text", "a") for row in rows for element in row)
    english = Feishu().messages(build(company_report, "en", within=3))[0]["content"]["post"]
    assert list(english) == ["en_us"]


def test_a_link_to_the_persons_page_is_an_a_element(company_report: Report) -> None:
    rows = Feishu().messages(build(company_report, "en", within=3, site_url="https://h.example.cn/"))[0][
        "content"]["post"]["en_us"]["content"]
    assert [{"tag": "a", "text": "Details", "href": "https://h.example.cn/en/status/people/p-li/"}] in rows


def test_the_body_stays_within_20_kb() -> None:
    digest = Digest(date(2026, 11, 27), "zh", 3)
    for n in range(30):
        digest.blocks.append(Block(f"p-{n}", f"员工{n}", 0, 20, 0, [
            Line("soon", date(2026, 11, 28), f"C-{i}", "杭州华新机电有限公司", "重点客户至少每 30 天拜访一次")
            for i in range(20)]))
    messages = Feishu().messages(digest)
    assert len(messages) > 1 and all(len(json.dumps(m, ensure_ascii=False).encode()) <= 20000 for m in messages)


def test_signing_puts_timestamp_and_sign_in_the_body() -> None:
    url, body = Feishu().signed("https://open.feishu.cn/open-apis/bot/v2/hook/X", {"msg_type": "post"}, "SEC",
                                1700000000123)
    expected = base64.b64encode(hmac.new(b"1700000000\nSEC", b"", hashlib.sha256).digest()).decode()
    assert url.endswith("/hook/X") and body == {"timestamp": "1700000000", "sign": expected, "msg_type": "post"}
    assert sign("SEC", 1700000000) == expected


def test_code_other_than_zero_is_a_refusal() -> None:
    assert Feishu().refused({"code": 0, "msg": "success", "data": {}}) is None
    assert Feishu().refused({"StatusCode": 0, "StatusMessage": "success"}) is None
    refused = Feishu().refused({"code": 19021, "msg": "sign match fail"})
    assert refused is not None and refused.zh == "飞书拒绝了消息：code 19021（sign match fail）"


def test_record_text_is_plain_text_in_text_elements() -> None:
    day = date(2026, 11, 27)
    heading = 'X</title><script>alert(9)</script><title> <at user_id="all"></at>'
    digest = Digest(day, "zh", 3, [Block("p-1", heading, 1, 0, 0, [
        Line("overdue", day, "C-1", "[点我](javascript:alert(3))", "**急**\nhttps://evil.example.cn")])])
    [payload] = Feishu().messages(digest)
    rows = payload["content"]["post"]["zh_cn"]["content"]
    assert {element["tag"] for row in rows for element in row} == {"text"}  # no link, no mention
    assert rows[1][0] == {"tag": "text", "text": heading, "style": ["bold"]}
    assert rows[2][1]["text"] == "今天 C-1 [点我](javascript:alert(3))：**急** https://evil.example.cn"
