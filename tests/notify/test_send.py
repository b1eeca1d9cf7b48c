"""Posting to a robot on 127.0.0.1: what arrives, and every way delivery can fail."""

from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

import pytest

from checker.notify.dingtalk import DingTalk
from checker.notify.send import DeliveryError, WebhookMissing, post, webhook
from checker.notify.wecom import WeCom
from tests.notify.conftest import Robot

MESSAGES = [{"msgtype": "markdown", "markdown": {"content": "### 一"}},
            {"msgtype": "markdown", "markdown": {"content": "### 二"}}]


def test_each_message_arrives_as_json_in_order(robot: Robot) -> None:
    assert post(WeCom(), robot.url, MESSAGES) == 2
    assert robot.payloads == MESSAGES
    path, headers, _ = robot.requests[0]
    assert path == "/cgi-bin/webhook/send?key=SECRET-KEY-123"
    assert headers["Content-Type"] == "application/json; charset=utf-8"


def test_an_errcode_in_the_reply_stops_and_says_which_message(robot: Robot) -> None:
    robot.reply = {"errcode": 93000, "errmsg": "invalid webhook url: key SECRET-KEY-123"}
    with pytest.raises(DeliveryError) as caught:
        post(WeCom(), robot.url, MESSAGES)
    assert len(robot.requests) == 1
    assert caught.value.message.en == ("WeCom refused the message: errcode 93000 (invalid webhook url: key ***); "
                                       "message 1 of 2 was not delivered.")
    assert "SECRET-KEY-123" not in caught.value.message.zh + caught.value.message.en


def test_an_http_error_status_is_a_delivery_error(robot: Robot) -> None:
    robot.status, robot.reply = 500, {"error": "boom"}
    with pytest.raises(DeliveryError) as caught:
        post(WeCom(), robot.url, MESSAGES)
    assert caught.value.message.zh == "企业微信返回 HTTP 500，第 1/2 条消息没有发出。"


def test_an_unreachable_robot_is_a_delivery_error_without_the_address() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    url = f"http://127.0.0.1:{port}/robot/send?access_token=TOKEN-XYZ"
    with pytest.raises(DeliveryError) as caught:
        post(DingTalk(), url, MESSAGES[:1])
    text = caught.value.message.en
    assert text.startswith("Could not reach DingTalk (") and "TOKEN-XYZ" not in text and str(port) not in text


def test_a_signed_robot_gets_timestamp_and_sign(robot: Robot) -> None:
    post(DingTalk(), robot.url, MESSAGES[:1], secret="SEC", clock=lambda: 1700000000.0)
    query = parse_qs(urlsplit(robot.requests[0][0]).query)
    assert query["timestamp"] == ["1700000000000"] and query["sign"][0]


def test_the_address_comes_from_the_environment_and_must_be_https() -> None:
    assert webhook({"HANDBOOK_WEBHOOK_URL": " https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K "}) == \
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K"
    assert webhook({"HANDBOOK_WEBHOOK_URL": "http://127.0.0.1:8080/x"}) == "http://127.0.0.1:8080/x"
    for bad in ({}, {"HANDBOOK_WEBHOOK_URL": ""}, {"HANDBOOK_WEBHOOK_URL": "http://robot.example.cn/send?key=K"},
                {"HANDBOOK_WEBHOOK_URL": "ftp://x/y"}):
        with pytest.raises(WebhookMissing) as caught:
            webhook(bad)
        assert "key=K" not in caught.value.message.en
