"""WeCom (企业微信) group robot: ``msgtype: markdown``, content at most 4096 bytes (UTF-8).

Reply: ``{"errcode": 0, "errmsg": "ok"}``; any other ``errcode`` is a refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from checker.escaping import chat_markdown
from checker.findings import Message
from checker.notify.digest import Block, Digest, Line
from checker.notify.service import Payload, Service, Unit

_COLOURS = {"overdue": "warning", "soon": "info", "approval": "comment"}  # WeCom's three font colours


def line_markdown(digest: Digest, line: Line) -> str:
    """"11-23 C-0021 南京启航机器人科技有限公司：…" with record text escaped for chat Markdown."""
    about = " ".join(chat_markdown(part) for part in (line.record, line.label) if part)
    text = chat_markdown(line.text)
    when = digest.day(line)
    return " ".join(part for part in (when, f"{about}{digest.t('：', ': ')}{text}" if about else text) if part)


def refusal(service: Message, reply: Any, key: str = "errcode", text: str = "errmsg") -> Message | None:
    """A refusal in a ``{errcode, errmsg}`` reply (WeCom, DingTalk), or None when accepted."""
    if not isinstance(reply, dict):
        return Message(f"{service.zh}的回复不是预期的 JSON", f"{service.en} replied with something other than JSON")
    code = reply.get(key)
    if code in (0, "0"):
        return None
    said = str(reply.get(text, ""))[:200]
    return Message(f"{service.zh}拒绝了消息：{key} {code}（{said}）",
                   f"{service.en} refused the message: {key} {code} ({said})")


class WeCom(Service):
    name = "wecom"
    title: ClassVar[Message] = Message("企业微信", "WeCom")
    limit = 4096  # bytes of markdown.content, as WeCom's group robot documentation says

    def head(self, digest: Digest) -> list[Unit]:
        return [digest.summary]

    def heading(self, digest: Digest, block: Block) -> Unit:
        return f"\n**{chat_markdown(block.heading)}**　{digest.counts(block)}"

    def line(self, digest: Digest, line: Line) -> Unit:
        return f'> <font color="{_COLOURS[line.kind]}">{digest.kind(line)}</font> {line_markdown(digest, line)}'

    def link(self, digest: Digest, block: Block) -> Unit | None:
        return f"[{digest.t('查看详情', 'Details')}]({block.link})" if block.link else None

    def note(self, digest: Digest, text: str) -> Unit:
        return f'<font color="comment">{text}</font>'

    def payload(self, digest: Digest, title: str, units: Sequence[Unit]) -> Payload:
        return {"msgtype": "markdown", "markdown": {"content": "\n".join([f"### {title}", *units])}}

    def size(self, payload: Payload) -> int:
        return len(str(payload["markdown"]["content"]).encode("utf-8"))

    def refused(self, reply: Any) -> Message | None:
        return refusal(self.title, reply)
