"""DingTalk: msgtype markdown with title and text; signing (加签) in the address."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date
from urllib.parse import parse_qs, urlsplit

from checker.notify.digest import Block, Digest, Line, build
from checker.notify.dingtalk import DingTalk, sign
from checker.rules.engine import Report


def test_the_documented_message_shape_with_a_title(company_report: Report) -> None:
    [payload] = DingTalk().messages(build(company_report, "en", within=3))
    assert payload["msgtype"] == "markdown" and set(payload["markdown"]) == {"title", "text"}
    assert payload["markdown"]["title"] == "handbook to-do 2026-11-27"  # passes a keyword filter set to "handbook"
    text = payload["markdown"]["text"]
    assert text.startswith("### handbook to-do 2026-11-27\n\n5 overdue · 2 due within 3 days · 1 to approve\n")
    assert "#### 张伟 (p-zhang)　1 overdue" in text
    assert "- **overdue** 11-02 QT-2 Quote: 宁波东海汽车零部件股份有限公司: " in text


def test_signing_adds_timestamp_and_sign_to_the_address() -> None:
    url, body = DingTalk().signed("https://oapi.dingtalk.com/robot/send?access_token=T", {"a": 1}, "SEC", 1700000000000)
    query = parse_qs(urlsplit(url).query)
    expected = base64.b64encode(hmac.new(b"SEC", b"1700000000000\nSEC", hashlib.sha256).digest()).decode()
    assert query == {"access_token": ["T"], "timestamp": ["1700000000000"], "sign": [expected]}
    assert body == {"a": 1} and sign("SEC", 1700000000000) == expected


def test_errcode_other_than_zero_is_a_refusal() -> None:
    refused = DingTalk().refused({"errcode": 310000, "errmsg": "sign not match"})
    assert refused is not None and refused.en == "DingTalk refused the message: errcode 310000 (sign not match)"
    assert DingTalk().refused({"errcode": 0, "errmsg": "ok"}) is None


def test_record_text_cannot_mention_link_or_format() -> None:
    day = date(2026, 11, 27)
    digest = Digest(day, "zh", 3, [Block("p-1", "X</title><script>alert(9)</script><title> @all", 1, 0, 0, [
        Line("overdue", day, "C-1", '[点我](javascript:alert(3)) <font color="warning">',
             "**急**\n#### 假标题 https://evil.example.cn {{ 7*7 }} | a |")])])
    [payload] = DingTalk().messages(digest)
    text = payload["markdown"]["text"]
    assert "<" not in text and ">" not in text and "](" not in text and "://" not in text
    assert "**急**" not in text and "\n#### 假标题" not in text
    assert "X＜/title＞＜script＞alert(9)＜/script＞＜title＞ @all" in text and "［点我］(javascript:alert(3))" in text
    assert set(payload) == {"msgtype", "markdown"}  # no "at": the robot mentions nobody
