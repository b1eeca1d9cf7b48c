"""handbook notify: dry run, delivery to a local robot, and its exit codes (0, 1, 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker.cli import main
from tests.conftest import rule_set, write_repo
from tests.notify.conftest import Robot
from tests.people.conftest import COMPANY, RULES, build


@pytest.fixture
def company(tmp_path: Path) -> Path:
    return build(tmp_path)


def notify(root: Path, *args: str, url: str | None = None) -> Result:
    env = {"HANDBOOK_WEBHOOK_URL": url or "", "HANDBOOK_WEBHOOK_SECRET": "", "HANDBOOK_SITE_URL": ""}
    return CliRunner().invoke(main, ["notify", "--root", str(root), "--as-of", "2026-11-27", *args], env=env)


@pytest.mark.parametrize("service", ["wecom", "dingtalk", "feishu"])
def test_dry_run_prints_the_messages_as_json_without_an_address(company: Path, service: str) -> None:
    result = notify(company, "--service", service, "--dry-run")
    assert result.exit_code == 0, result.output
    messages = json.loads(result.stdout)
    assert len(messages) == 1 and ("msgtype" in messages[0] or messages[0]["msg_type"] == "post")


def test_sends_to_the_robot_what_the_dry_run_shows(company: Path, robot: Robot) -> None:
    shown = json.loads(notify(company, "--service", "wecom", "--dry-run", "--lang", "en").stdout)
    result = notify(company, "--service", "wecom", "--lang", "en", url=robot.url)
    assert result.exit_code == 0, result.output
    assert robot.payloads == shown
    assert result.stdout == "Sent 1 message(s) to WeCom.\n"


def test_no_address_is_a_usage_problem_exit_2(company: Path) -> None:
    result = notify(company, "--service", "feishu", "--lang", "en")
    assert result.exit_code == 2
    assert "HANDBOOK_WEBHOOK_URL is not set" in result.output and "--dry-run" in result.output


def test_a_refusal_is_exit_1_with_the_reason_and_never_the_address(company: Path, robot: Robot) -> None:
    robot.reply = {"errcode": 93000, "errmsg": "invalid webhook url"}
    result = notify(company, "--service", "wecom", url=robot.url)
    assert result.exit_code == 1
    assert "企业微信拒绝了消息：errcode 93000（invalid webhook url）" in result.stderr
    assert "SECRET-KEY-123" not in result.output and "127.0.0.1" not in result.output


def test_an_http_error_is_exit_1(company: Path, robot: Robot) -> None:
    robot.status = 404
    result = notify(company, "--service", "dingtalk", "--lang", "en", url=robot.url)
    assert result.exit_code == 1 and "DingTalk answered HTTP 404" in result.stderr


def test_feishu_reply_codes_are_read(company: Path, robot: Robot) -> None:
    robot.reply = {"code": 19001, "msg": "param invalid: incoming webhook access token invalid"}
    result = notify(company, "--service", "feishu", url=robot.url)
    assert result.exit_code == 1 and "飞书拒绝了消息：code 19001" in result.stderr


def test_nothing_due_sends_nothing(tmp_path: Path, robot: Robot) -> None:
    people_only = [r for r in COMPANY if r["kind"] in ("role", "person")]
    root = write_repo(tmp_path / "quiet", people_only, ruleset=rule_set(RULES[4:5], effective="2026-11-01"),
                      with_world=False)
    result = notify(root, "--service", "wecom", "--lang", "en", url=robot.url)
    assert result.exit_code == 0 and robot.requests == []
    assert result.stdout == "Nothing is overdue or due soon today; no message was sent.\n"
