"""A copy of the repository built into a site once per test session, and served on
localhost for the browser tests. Hostile record text is added to the copy so the
tests can prove it is shown as text."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCRIPT = '<script>window.__pwned = "script"</script>'
IMAGE = '<img src="x" onerror="window.__pwned = \'img\'">'

HOSTILE = {
    "records/customers/C-XSS.yaml": f"""kind: customer
id: C-XSS
owner: p-zhang-wei
name: {json.dumps(SCRIPT + IMAGE + ' 恶意客户', ensure_ascii=False)}
class: potential
since: 2026-11-19
strategy: {json.dumps(IMAGE)}
service_plan: 常规服务
""",
    "records/quotes/QT-XSS.yaml": f"""kind: quote
id: QT-XSS
opportunity: {json.dumps(IMAGE)}
owner: p-zhang-wei
customer: C-XSS
lines:
  - product: {json.dumps(IMAGE)}
    quantity: 1
    unit_price: 100.00
total: 100.00
sent: 2026-11-19
status: sent
""",
}


@dataclass
class BuiltSite:
    root: Path
    site: Path
    url: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_copy(target: Path, hostile: bool) -> Path:
    for name in ("docs", "records", "overrides"):
        shutil.copytree(REPO / name, target / name,
                        ignore=shutil.ignore_patterns("status", "reference", ".handbook-cache"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, target / name)
    if hostile:
        for relative, text in HOSTILE.items():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_text(text, encoding="utf-8")
    subprocess.run([str(BIN / "handbook"), "site", "generate", "--root", str(target)], check=True,
                   capture_output=True, text=True)
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(target / "mkdocs.yml")],
                   check=True, capture_output=True, text=True, cwd=target)
    return target / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    root = tmp_path_factory.mktemp("handbook")
    site = build_copy(root, hostile=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None  # type: ignore[method-assign]
    port = _free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(root, site, f"http://127.0.0.1:{port}")
    finally:
        server.shutdown()
