"""The ``handbook`` of tests/test_live_month.py: the checker's command line as of the
simulated day, 09:00 in Shanghai, under ``time_machine.travel(..., tick=False)``.

A month runs the command a few hundred times, and most of each run would be Python
importing the checker. So one process imports it once (``serve``) and forks a child for
each command; the ``handbook`` script on the PATH (``CLIENT``) hands it its arguments,
working folder, environment and standard streams (the file descriptors themselves) and
exits with the child's exit code. The child is a fresh copy of a process that has only
imported modules: it runs ``checker.cli.main`` as a new process would, and the checker
is not patched.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import socket
import struct
import sys
from pathlib import Path

CLIENT = """#!{python} -S
import json, os, socket, struct, sys
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect(os.environ["LIVE_MONTH_SERVER"])
request = json.dumps({{"argv": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}}).encode()
socket.send_fds(connection, [struct.pack("!I", len(request)) + request], [0, 1, 2])
reply = b""
while len(reply) < 4:
    part = connection.recv(4 - len(reply))
    if not part:
        sys.exit("handbook (test shim): the command's process ended without an exit code")
    reply += part
sys.exit(struct.unpack("!i", reply)[0])
"""


def write_client(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    client = folder / "handbook"
    client.write_text(CLIENT.format(python=sys.executable), encoding="utf-8")
    client.chmod(0o755)
    return folder


def _receive(connection: socket.socket) -> tuple[dict[str, object], list[int]]:
    data, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
    size = struct.unpack("!I", data[:4])[0]
    while len(data) < size + 4:
        data += connection.recv(size + 4 - len(data))
    request: dict[str, object] = json.loads(data[4:4 + size].decode())
    return request, list(fds)


def _child(connection: socket.socket) -> None:
    """Run one command in this (forked) process and send its exit code back."""
    import zoneinfo

    import time_machine

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the command waits for its own children (git)
    code = 1
    try:
        request, fds = _receive(connection)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        env = request["env"]
        assert isinstance(env, dict)
        os.environ.clear()
        os.environ.update(env)
        os.chdir(str(request["cwd"]))
        argv = request["argv"]
        assert isinstance(argv, list)
        sys.argv = ["handbook", *argv]
        day = datetime.date.fromisoformat(os.environ["LIVE_MONTH_DAY"])
        nine = datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
        with time_machine.travel(nine, tick=False):
            from checker.cli import main

            try:
                main(args=argv, prog_name="handbook")
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
    except BaseException:  # the command's own crash: shown as a new process would show it
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            connection.sendall(struct.pack("!i", code))
            connection.close()
            os._exit(0)


def serve(path: str) -> None:
    """Import the checker, then fork a child for each command that connects to ``path``."""
    import time_machine  # noqa: F401  (imported before forking, as the checker's modules are)

    import checker.cli
    for name in ("checker.loading.repository", "checker.rules.engine", "checker.reports", "checker.changes",
                 "checker.approvals.commands", "checker.approvals.checks", "checker.commands.notify",
                 "checker.commands.todo", "checker.repeat"):
        __import__(name)
    del checker
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(8)
    print("ready", flush=True)
    while True:
        connection, _ = server.accept()
        if os.fork() == 0:
            server.close()
            _child(connection)
        connection.close()


if __name__ == "__main__":
    serve(sys.argv[1])
