"""Feishu (飞书) custom bot: ``msg_type: post`` (rich text) in the chosen language
(``zh_cn`` or ``en_us``), each line a paragraph of ``text`` (plain, never markup) and
``a`` (link) elements. The request body stays within 20 KB.

A bot with signature verification (签名校验) gets ``timestamp`` (seconds) and ``sign`` in
the body: Base64 of HMAC-SHA256 keyed with ``"{timestamp}\\n{secret}"`` over nothing.

Reply: ``{"code": 0, "msg": "success", ...}`` (older bots: ``StatusCode: 0``); any other
code is a refusal.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any, ClassVar

from checker.escaping import chat_plain
from checker.findings import Message
from checker.notify.digest import Block, Digest, Line
from checker.notify.service import Payload, Service, Unit

Paragraph = list[dict[str, Any]]


def _text(text: str, bold: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {"tag": "text", "text": text}
    if bold:
        element["style"] = ["bold"]
    return element


class Feishu(Service):
    name = "feishu"
    title: ClassVar[Message] = Message("飞书", "Feishu")
    limit = 20 * 1000  # bytes of the JSON request body (Feishu allows 20 KB)

    def head(self, digest: Digest) -> list[Unit]:
        return [[_text(digest.summary)]]

    def heading(self, digest: Digest, block: Block) -> Unit:
        return [_text(chat_plain(block.heading), bold=True), _text(f"　{digest.counts(block)}")]

    def line(self, digest: Digest, line: Line) -> Unit:
        about = " ".join(chat_plain(part) for part in (line.record, line.label) if part)
        text = chat_plain(line.text)
        body = f"{about}{digest.t('：', ': ')}{text}" if about else text
        when = digest.day(line)
        return [_text(f"【{digest.kind(line)}】", bold=line.kind == "overdue"),
                _text(" ".join(part for part in (when, body) if part))]

    def link(self, digest: Digest, block: Block) -> Unit | None:
        return [{"tag": "a", "text": digest.t("查看详情", "Details"), "href": block.link}] if block.link else None

    def note(self, digest: Digest, text: str) -> Unit:
        return [_text(text)]

    def payload(self, digest: Digest, title: str, units: Sequence[Unit]) -> Payload:
        language = "zh_cn" if digest.lang == "zh" else "en_us"
        return {"msg_type": "post", "content": {"post": {language: {"title": title, "content": list(units)}}}}

    def signed(self, url: str, payload: Payload, secret: str, now_ms: int) -> tuple[str, Payload]:
        timestamp = now_ms // 1000
        return url, {"timestamp": str(timestamp), "sign": sign(secret, timestamp), **payload}

    def refused(self, reply: Any) -> Message | None:
        if not isinstance(reply, dict):
            return Message("飞书的回复不是预期的 JSON", "Feishu replied with something other than JSON")
        code = reply.get("code", reply.get("StatusCode"))
        if code in (0, "0"):
            return None
        said = str(reply.get("msg", reply.get("StatusMessage", "")))[:200]
        return Message(f"飞书拒绝了消息：code {code}（{said}）", f"Feishu refused the message: code {code} ({said})")


def sign(secret: str, timestamp: int) -> str:
    """Feishu's signature: Base64 of HMAC-SHA256 keyed with "{timestamp}\\n{secret}" over an empty message."""
    digest = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")
