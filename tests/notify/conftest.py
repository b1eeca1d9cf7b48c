"""A robot webhook on 127.0.0.1 for the notify tests: it records each request and answers
as told (status and JSON reply), in a thread that stops with the test."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from checker.rules.engine import Report
from tests.conftest import run
from tests.people.conftest import AFTER, AS_OF, COMPANY, LATE, LATE_RULES, build, leaving


@dataclass
class Robot:
    url: str
    status: int = 200
    reply: Any = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})
    requests: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)

    @property
    def payloads(self) -> list[Any]:
        return [body for _, _, body in self.requests]

    def take(self) -> list[Any]:
        """The messages posted since the last take."""
        taken, self.requests = self.payloads, []
        return taken


@contextmanager
def serving_robot(key: str = "SECRET-KEY-123") -> Iterator[Robot]:
    """A robot on 127.0.0.1 until the block ends; its webhook address carries ``key``."""
    state = Robot(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(min(length, 1_000_000))
            state.requests.append((self.path, dict(self.headers), json.loads(raw.decode("utf-8"))))
            body = json.dumps(state.reply).encode("utf-8")
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key={key}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def robot() -> Iterator[Robot]:
    with serving_robot() as state:
        yield state


@pytest.fixture
def company_report(tmp_path: Path) -> Report:
    return run(build(tmp_path), AS_OF)


@pytest.fixture
def late_report(tmp_path: Path) -> Report:
    """The company with work done only late next to work still undone (tests.people.conftest.LATE)."""
    return run(build(tmp_path, [*COMPANY, *LATE], LATE_RULES), AS_OF)


@pytest.fixture
def left_report(tmp_path: Path) -> Report:
    """Two days after 张伟 (p-zhang) left; 孙丽 (p-sun) sells on (tests.people.conftest.leaving)."""
    return run(build(tmp_path, leaving()), AFTER)
