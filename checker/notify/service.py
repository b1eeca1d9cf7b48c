"""What every chat service shares: turning the digest into messages no larger than the
service allows (split between people; one person's part too long for a message is cut,
with a count of what was left out), and reading the service's reply."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

from checker.findings import Message
from checker.notify.digest import Block, Digest, Line

Payload = dict[str, Any]
Unit = Any  # one line of a message in the service's own form (Markdown text, or Feishu elements)


class Service:
    """A chat service's group robot. Subclasses give the message format and the limits."""

    name: ClassVar[str]
    title: ClassVar[Message]  # the service's name in both languages
    limit: ClassVar[int]  # the largest message, in bytes, as ``size`` measures it
    max_messages: ClassVar[int] = 10  # per run: the robots take about 20 messages a minute

    # ------------------------------------------------------------------ the message format
    def head(self, digest: Digest) -> list[Unit]:
        """What opens every message (after its title): the day's counts."""
        raise NotImplementedError

    def heading(self, digest: Digest, block: Block) -> Unit:
        raise NotImplementedError

    def line(self, digest: Digest, line: Line) -> Unit:
        raise NotImplementedError

    def link(self, digest: Digest, block: Block) -> Unit | None:
        return None

    def note(self, digest: Digest, text: str) -> Unit:
        raise NotImplementedError

    def payload(self, digest: Digest, title: str, units: Sequence[Unit]) -> Payload:
        raise NotImplementedError

    def size(self, payload: Payload) -> int:
        """How large a message is, as the service counts against ``limit``: by default the
        UTF-8 bytes of the JSON body."""
        return len(json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    # ------------------------------------------------------------------ sending
    def signed(self, url: str, payload: Payload, secret: str, now_ms: int) -> tuple[str, Payload]:
        """The address and body for a robot that checks a signature (no change by default)."""
        return url, payload

    def refused(self, reply: Any) -> Message | None:
        """Why the service refused the message, from its JSON reply; None when accepted."""
        raise NotImplementedError

    # ------------------------------------------------------------------ packing
    def block_units(self, digest: Digest, block: Block) -> list[Unit]:
        units = [self.heading(digest, block), *(self.line(digest, line) for line in block.lines)]
        link = self.link(digest, block)
        return [*units, link] if link is not None else units

    def messages(self, digest: Digest) -> list[Payload]:
        """The digest as messages within ``limit`` and at most ``max_messages`` of them."""
        probe = f"{digest.title} (99/99)"
        head = self.head(digest)

        def fits(units: Sequence[Unit]) -> bool:
            return self.size(self.payload(digest, probe, units)) <= self.limit

        def more(count: int) -> Unit:
            return self.note(digest, digest.t(f"……另有 {count} 项未列出，请用 handbook todo 或在站点上查看",
                                              f"… {count} more not listed: see handbook todo or the site"))

        groups: list[list[Unit]] = []
        current = list(head)
        for block in digest.blocks:
            units = self.block_units(digest, block)
            if fits([*current, *units]):
                current += units
                continue
            if len(current) > len(head):
                groups.append(current)
                current = list(head)
            if fits([*current, *units]):
                current += units
                continue
            body = units[1:]  # too long for one message: keep what fits, count the rest
            kept = 0
            while kept < len(body) and fits([*current, units[0], *body[:kept + 1], more(len(body) - kept - 1)]):
                kept += 1
            groups.append([*current, units[0], *body[:kept], more(len(body) - kept)])
            current = list(head)
        if len(current) > len(head) or not groups:
            groups.append(current)
        if len(groups) > self.max_messages:  # the rest in one line, so the robot is not flooded
            sent, dropped = groups[:self.max_messages - 1], groups[self.max_messages - 1:]
            left = sum(len(group) - len(head) for group in dropped)
            groups = [*sent, [*head, self.note(digest, digest.t(
                f"……另有约 {left} 行未发送（每次最多 {self.max_messages} 条消息），请用 handbook todo 或在站点上查看",
                f"… about {left} more lines not sent (at most {self.max_messages} messages a run): see "
                "handbook todo or the site"))]]
        total = len(groups)
        return [self.payload(digest, f"{digest.title} ({i}/{total})" if total > 1 else digest.title, group)
                for i, group in enumerate(groups, start=1)]
