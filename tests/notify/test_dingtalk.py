"""DingTalk: msgtype markdown with title and text; signing (加签) in the address."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

from checker.notify.digest import build
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
