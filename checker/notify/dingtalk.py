"""DingTalk (钉钉) custom group robot: ``msgtype: markdown`` with ``title`` (shown in the
chat list) and ``text``. We keep a message's body within 20,000 bytes (UTF-8).

A robot with a keyword filter passes messages whose text contains the keyword: the title
and text start with "handbook". A robot with signing (加签) gets ``timestamp`` and
``sign`` in the address: HMAC-SHA256 of ``"{timestamp}\\n{secret}"`` keyed with the
secret, Base64, then URL-encoded.

Reply: ``{"errcode": 0, "errmsg": "ok"}``; any other ``errcode`` is a refusal.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any, ClassVar
from urllib.parse import quote_plus

from checker.escaping import chat_markdown
from checker.findings import Message
from checker.notify.digest import Block, Digest, Line
from checker.notify.service import Payload, Service, Unit
from checker.notify.wecom import line_markdown, refusal


class DingTalk(Service):
    name = "dingtalk"
    title: ClassVar[Message] = Message("钉钉", "DingTalk")
    limit = 20000  # bytes of markdown.text

    def head(self, digest: Digest) -> list[Unit]:
        return [digest.summary, ""]

    def heading(self, digest: Digest, block: Block) -> Unit:
        return f"#### {chat_markdown(block.heading)}　{digest.counts(block)}"

    def line(self, digest: Digest, line: Line) -> Unit:
        return f"- **{digest.kind(line)}** {line_markdown(digest, line)}"

    def link(self, digest: Digest, block: Block) -> Unit | None:
        return f"- [{digest.t('查看详情', 'Details')}]({block.link})" if block.link else None

    def note(self, digest: Digest, text: str) -> Unit:
        return f"- {text}"

    def payload(self, digest: Digest, title: str, units: Sequence[Unit]) -> Payload:
        return {"msgtype": "markdown", "markdown": {"title": title, "text": "\n".join([f"### {title}", "", *units])}}

    def size(self, payload: Payload) -> int:
        return len(str(payload["markdown"]["text"]).encode("utf-8"))

    def signed(self, url: str, payload: Payload, secret: str, now_ms: int) -> tuple[str, Payload]:
        return f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={quote_plus(sign(secret, now_ms))}", payload

    def refused(self, reply: Any) -> Message | None:
        return refusal(self.title, reply)


def sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's signature: Base64 of HMAC-SHA256(secret, "{timestamp}\\n{secret}")."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")
