"""Posting messages to a group robot's webhook.

The webhook address carries the robot's key, so it lives only in the environment
(``HANDBOOK_WEBHOOK_URL``, a CI secret) and is never printed: not in errors, not in the
dry run. It must be an ``https://`` address (``http://`` only for this machine, as tests
use). A robot that checks signatures gets them from ``HANDBOOK_WEBHOOK_SECRET``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl, urlsplit

from checker.findings import Message
from checker.notify.service import Payload, Service

URL_VARIABLE = "HANDBOOK_WEBHOOK_URL"
SECRET_VARIABLE = "HANDBOOK_WEBHOOK_SECRET"
TIMEOUT_SECONDS = 10
_LOCAL = {"127.0.0.1", "localhost", "::1"}


class DeliveryError(Exception):
    """The service could not be reached or refused a message (exit code 1)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class WebhookMissing(Exception):
    """No usable webhook address in the environment (a usage problem, exit code 2)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def webhook(environ: Mapping[str, str]) -> str:
    """The webhook address from the environment, checked; never echoed back."""
    url = environ.get(URL_VARIABLE, "").strip()
    if not url:
        raise WebhookMissing(Message(
            f"没有设置环境变量 {URL_VARIABLE}：请把群机器人的 webhook 地址放在这个环境变量里（在 CI 中用密钥），"
            "不要写进仓库；只想看看消息内容，请加 --dry-run。",
            f"{URL_VARIABLE} is not set: put the group robot's webhook address in this environment variable "
            "(a secret in CI), never in the repository; to see the message without sending it, add --dry-run."))
    parts = urlsplit(url)
    if not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOCAL)) or not parts.hostname:
        raise WebhookMissing(Message(
            f"环境变量 {URL_VARIABLE} 里的地址不是 https:// 开头的 webhook 地址（为保密，不显示该地址）。",
            f"The address in {URL_VARIABLE} is not an https:// webhook address (it is not shown, to keep it secret)."))
    return url


def _redact(text: str, url: str) -> str:
    """``text`` without the webhook address or anything of it that may be its key: the
    query, its values, the path and its longer segments."""
    parts = urlsplit(url)
    secrets = [url, parts.query, parts.path, *(value for _, value in parse_qsl(parts.query)),
               *(segment for segment in parts.path.split("/") if len(segment) >= 8)]
    for secret in sorted((s for s in secrets if len(s) > 1), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


Opener = Callable[[urllib.request.Request, float], object]


def post(service: Service, url: str, payloads: list[Payload], secret: str | None = None,
         clock: Callable[[], float] = time.time) -> int:
    """Post each message in turn; return how many were accepted. Raise DeliveryError at
    the first that cannot be delivered or is refused."""
    for index, payload in enumerate(payloads, start=1):
        target, body = (service.signed(url, payload, secret, int(clock() * 1000)) if secret else (url, payload))
        request = urllib.request.Request(target, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                         headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
        which = Message(f"第 {index}/{len(payloads)} 条消息", f"message {index} of {len(payloads)}")
        name = service.title
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                status, raw = response.status, response.read(65536)
        except urllib.error.HTTPError as exc:
            raise DeliveryError(Message(f"{name.zh}返回 HTTP {exc.code}，{which.zh}没有发出。",
                                        f"{name.en} answered HTTP {exc.code}; {which.en} was not delivered.")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = _redact(str(getattr(exc, "reason", exc)), url)
            raise DeliveryError(Message(
                f"无法连接{name.zh}（{reason}），{which.zh}没有发出。",
                f"Could not reach {name.en} ({reason}); {which.en} was not delivered.")) from None
        if status != 200:
            raise DeliveryError(Message(f"{name.zh}返回 HTTP {status}，{which.zh}没有发出。",
                                        f"{name.en} answered HTTP {status}; {which.en} was not delivered."))
        try:
            reply = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            reply = None
        refused = service.refused(reply)
        if refused is not None:
            raise DeliveryError(Message(_redact(f"{refused.zh}；{which.zh}没有发出。", url),
                                        _redact(f"{refused.en}; {which.en} was not delivered.", url)))
    return len(payloads)
