"""Hostile files: each case is a small repository (generated here where large) and the
exact finding the loader makes of it. None may crash the loader, be followed out of
the repository, or quote what it points at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import FORMAT_NAMES, main
from checker.loading.repository import load
from tests.conftest import PROJECT, rule_set, write_repo

CUSTOMER = "kind: customer\nid: C-1\nowner: p-x\nname: 华新机电\nclass: key\nsince: 2026-01-10\n"
BOMB = ("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)))


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]  # writes into records/
    file: str
    rule: str
    severity: str
    line: int | None
    column: int | None


def _write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def make(records: Path) -> None:
        path = records / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return make


def _symlink(name: str, target: str | Callable[[Path], Path], directory: bool = False) -> Callable[[Path], None]:
    def make(records: Path) -> None:
        to = target(records) if callable(target) else Path(target)
        (records / name).symlink_to(to, target_is_directory=directory)
    return make


def _outside_customer(records: Path) -> Path:
    outside = records.parent.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "customer.yaml").write_text(CUSTOMER.replace("华新机电", "OUTSIDE-SECRET"), encoding="utf-8")
    return outside


def _fifo(records: Path) -> None:
    os.mkfifo(records / "pipe.yaml")


CASES = [
    Case("symlink to /etc/passwd", _symlink("passwd.yaml", "/etc/passwd"),
         "passwd.yaml", "file-unsafe", "error", None, None),
    Case("symlink to /dev/zero", _symlink("zero.yaml", "/dev/zero"), "zero.yaml", "file-unsafe", "error", None, None),
    Case("symlink to a customer outside", _symlink("c.yaml", lambda r: _outside_customer(r) / "customer.yaml"),
         "c.yaml", "file-unsafe", "error", None, None),
    Case("symlinked folder", _symlink("linked", _outside_customer, directory=True),
         "linked", "file-unsafe", "error", None, None),
    Case("fifo", _fifo, "pipe.yaml", "file-unsafe", "error", None, None),
    Case("billion laughs", _write("bomb.yaml", BOMB), "bomb.yaml", "yaml-alias", "error", 1, 4),
    Case("deep text block sequence", _write("deep.yaml", "- " * 2500 + "x\n"),
         "deep.yaml", "yaml-too-deep", "error", 1, 49),
    Case("deep sequence with a number", _write("deep2.yaml", "".join("  " * i + "-\n" for i in range(800)) + " " * 1600
                                               + "- 1\n"), "deep2.yaml", "yaml-too-deep", "error", 25, 49),
    Case("NUL ends nothing", _write("nul.yaml", "kind: customer\nid: C-1\x00\nclass: bogus\n"),
         "nul.yaml", "control-character", "error", 2, 8),
    Case("escape sequence", _write("esc.md", "---\nkind: meeting\n---\n正文\x1b[2J\n"),
         "esc.md", "control-character", "error", 4, 3),
    Case("not UTF-8", _write("gbk.yaml", "kind: customer\nname: 华新\n".encode("gbk")),
         "gbk.yaml", "file-unreadable", "error", 2, 7),
    Case("too large", _write("big.yaml", "kind: customer\nnote: " + "x" * (1024 * 1024) + "\n"),
         "big.yaml", "file-unsafe", "error", None, None),
    Case("comment glued to a quote", _write("glued.yaml", 'kind: customer\nname: "value"# comment\n'),
         "glued.yaml", "yaml-syntax", "error", 2, 14),
    Case("file name with a line break and markup", _write("evil\n<img src=x onerror=alert(1)>.yaml", CUSTOMER),
         "evil\n<img src=x onerror=alert(1)>.yaml", "file-name", "error", None, None),
    Case("hidden record file", _write(".C-2.yaml", CUSTOMER), ".C-2.yaml", "file-not-read", "warning", None, None),
    Case("upper-case suffix", _write("C-3.YAML", CUSTOMER), "C-3.YAML", "file-not-read", "warning", None, None),
]


def _repository(tmp_path: Path, case: Case) -> Path:
    records = tmp_path / "repo" / "records"
    records.mkdir(parents=True)
    case.make(records)
    return records


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_gives_exactly_its_finding(tmp_path: Path, case: Case) -> None:
    records = _repository(tmp_path, case)
    repository = load(records.parent, records)
    mine = [(f.file, f.rule, f.severity, f.line, f.column) for f in repository.findings
            if f.rule == case.rule]
    assert mine == [(f"records/{case.file}", case.rule, case.severity, case.line, case.column)]
    for finding in repository.findings:
        for text in (finding.message.zh, finding.message.en):
            assert "root:" not in text and "OUTSIDE-SECRET" not in text
    assert all("OUTSIDE-SECRET" not in str(entry.record) for entry in repository.entries)


_LIMITED = textwrap.dedent("""
    import resource, sys, time
    from pathlib import Path

    from checker.loading.repository import load

    def vm_size() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
        raise SystemExit("no VmSize")

    headroom = 100 * 1024 * 1024
    used = vm_size()
    resource.setrlimit(resource.RLIMIT_AS, (used + headroom, used + headroom))
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu.ru_utime + cpu.ru_stime) + 2,) * 2)
    records = Path(sys.argv[1])
    start = time.perf_counter()
    repository = load(records.parent, records, None)
    elapsed = time.perf_counter() - start
    print(sorted({f.rule for f in repository.findings}), elapsed < 1.0)
""")


@pytest.mark.parametrize("name", ["billion laughs", "deep text block sequence", "deep sequence with a number",
                                  "symlink to /dev/zero", "too large"])
def test_hostile_file_is_refused_within_a_second_and_100_mb(tmp_path: Path, name: str) -> None:
    [case] = [c for c in CASES if c.name == name]
    records = _repository(tmp_path, case)
    result = subprocess.run([sys.executable, "-c", _LIMITED, str(records)], capture_output=True, text=True,
                            cwd=PROJECT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"['{case.rule}'] True"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One repository holding every case (the world's people and roles, no rules)."""
    root = tmp_path_factory.mktemp("corpus")
    write_repo(root, [], ruleset=rule_set([]))
    for case in CASES:
        case.make(root / "records")
    return root


@pytest.mark.parametrize("output_format", FORMAT_NAMES)
def test_every_format_reports_the_whole_corpus_without_a_traceback(corpus: Path, output_format: str) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(corpus), "--as-of", "2026-03-01", "--no-cache",
                                       "--format", output_format])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    result.output.encode("utf-8")  # nothing that cannot be written out


def test_json_report_holds_each_case_once(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(corpus), "--as-of", "2026-03-01", "--no-cache",
                                       "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    for case in CASES:
        [finding] = [f for f in found if (f["file"], f["rule"]) == (f"records/{case.file}", case.rule)]
        if case.line is not None:  # a file-level finding on a readable file points at its start
            assert (finding["line"], finding["column"]) == (case.line, case.column), case.name
