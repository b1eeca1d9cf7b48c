#!/usr/bin/env python3
"""Benchmark ``handbook check`` (and the site on a bad day) on N synthetic records.

    python benchmarks/bench_check.py [--records N] [--keep DIR] [--json] [--no-site]

One run generates N consistent records (see gen_records.py) into a fresh repository and
measures, on the same files:

- the floor: reading every file, the fastest parse (yaml-rs) and validating every record
  against its model, in one process;
- a cold ``handbook check`` (its cache folder removed), a repeated check with nothing
  changed, and a check after editing one record (each a fresh subprocess: wall clock,
  CPU time, peak memory); the edited report must equal an uncached check's, byte for byte;
- the peak memory of the whole process tree (workers included) during a cold check;
- ``check --base main`` on a branch that edits one visit against a plain check of the
  same branch, cold and with nothing changed; its report must equal an uncached one's;
- in one fresh process, the loader's own phase timings (``LoadTimings``), cold and from
  the store, and each rule's time; the rules again on N/4 records, for how each scales;
- a bad day: the same records with visits naming records that do not exist, about N/10
  findings in all (10,000 at 100,000 records), ``handbook site generate`` plus
  ``mkdocs build``, and the largest page built.

Targets, each printed PASS or MISS with its ratio: cold check <= 1.5x the floor; nothing
changed <= 1 s; one record edited <= 2 s; peak memory <= 500 MB; all rules <= 1 s and
none slower than linear; check --base <= 1.5x a plain check, cold and warm; site on a bad
day <= 30 s with no page over 2 MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

TARGET_COLD_RATIO = 1.5
TARGET_WARM_S = 1.0
TARGET_EDIT_S = 2.0
TARGET_MEMORY_MB = 500.0
TARGET_RULES_S = 1.0
TARGET_SCALING = 1.25  # a rule's time grows at most as (size ratio) ** this between N/4 and N
SCALING_FLOOR_S = 0.02  # rules faster than this at N are too quick to time for scaling
TARGET_BASE_RATIO = 1.5
TARGET_SITE_S = 30.0
TARGET_PAGE_MB = 2.0
LOADING_RULES = {"record-schema", "yaml-syntax", "duplicate-id", "file-unreadable"}
SITE_FILES = ("mkdocs.yml", "docs", "overrides")  # the hand-written site the generated pages join
MB = 1024 * 1024

# Runs one command and reports its wall time and its own getrusage(RUSAGE_CHILDREN), so
# ru_maxrss is that command's peak (the largest process among it and the processes it
# waited for), not the maximum over every child the benchmark ever started.
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "returncode": proc.returncode, "maxrss_kib": usage.ru_maxrss,
                  "user": usage.ru_utime, "sys": usage.ru_stime,
                  "stderr": proc.stderr.decode("utf-8", "replace")[-4000:]}))
"""


# Fills the store for the repository argv[1] in the cache folder argv[2], in a process of its own.
FILL_STORE = """
import sys
from pathlib import Path
from checker.loading.cache import ParseCache
from checker.loading.repository import load
from checker.settings import Settings
settings = Settings.load(Path(sys.argv[1]))
load(settings.root, settings.records, ParseCache(Path(sys.argv[2])))
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- processes

def handbook_command() -> list[str]:
    beside = Path(sys.executable).with_name("handbook")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("handbook")
    return [found] if found else [sys.executable, "-m", "checker"]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found.extend(int(x) for x in handle.read().split())
    except (OSError, ValueError):
        pass
    return found


def _memory_kib(pid: int) -> int:
    """Proportional set size (shared pages split between sharers), else resident size."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of every descendant of ``pid`` (not ``pid`` itself)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kib = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            stack, total = _children(self.pid), 0
            while stack:
                child = stack.pop()
                total += _memory_kib(child)
                stack.extend(_children(child))
            self.peak_kib = max(self.peak_kib, total)
            self.samples += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_measured(command: list[str], sample_tree: bool = False, cwd: Path | None = None) -> dict[str, Any]:
    """Run ``command`` under the wrapper in a fresh process; wall, CPU and peak memory.

    With ``sample_tree`` a thread also sums the PSS of the whole process tree every 50 ms
    (sampling slows the command a little, so timed runs are not sampled).
    """
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, *command], stdout=subprocess.PIPE, cwd=cwd)
    sampler = TreeSampler(wrapper.pid)
    if sample_tree:
        sampler.start()
    out, _ = wrapper.communicate()
    if sample_tree:
        sampler.stop()
    if wrapper.returncode != 0:
        raise SystemExit(f"measuring wrapper failed for {command}")
    result: dict[str, Any] = json.loads(out)
    result["peak_rss_mb"] = result["maxrss_kib"] / 1024
    result["peak_tree_pss_mb"] = sampler.peak_kib / 1024 if sample_tree else None
    result["cpu"] = result["user"] + result["sys"]
    if result["returncode"] not in (0, 1):
        raise SystemExit(f"{' '.join(command[-4:])} failed (exit {result['returncode']}):\n{result['stderr']}")
    return result


def in_fresh_process(flag: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), flag, *args], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{flag} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def best_of(repeat: int, func: Callable[[], Any]) -> float:
    """Best wall time of ``repeat`` calls, with the garbage collector off (as the loader runs)."""
    times = []
    for _ in range(repeat):
        gc.disable()
        try:
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
        gc.collect()
    return min(times)


# ----------------------------------------------------------------------------- the floor

def floor(root: Path, repeat: int) -> dict[str, Any]:
    """Read, fastest parse and model validation of every record file, in this process."""
    import yaml_rs

    from checker.loading import files
    from checker.loading.yamltext import parse_text
    from checker.records import KINDS

    paths = [item.path for item in files.discover(str(root / "records")) if item.skip is None]
    blobs: list[bytes] = []

    def read() -> None:
        blobs[:] = [Path(path).read_bytes() for path in paths]

    out: dict[str, Any] = {"files": len(paths), "read_s": best_of(repeat, read)}
    out["bytes"] = sum(map(len, blobs))
    texts = [blob.decode("utf-8-sig") for blob in blobs]
    yaml_texts, bodies = [], []
    for path, text in zip(paths, texts, strict=True):
        if path.endswith(".md"):  # front matter between the first two '---' lines, then the body
            end = text.find("\n---", 3)
            yaml_texts.append(text[4:end + 1])
            bodies.append(text[text.find("\n", end + 4) + 1:])
        else:
            yaml_texts.append(text)
            bodies.append("")
    def parse(dates: bool) -> None:
        for text in yaml_texts:
            yaml_rs.loads(text, parse_datetime=dates)

    parse_runs = {name: best_of(repeat, partial(parse, dates)) for name, dates in (("yaml_rs", True),
                                                                                 ("yaml_rs_text", False))}
    out["parse_fastest_s"] = min(parse_runs.values())
    out["parse_runs"] = parse_runs
    data = [parse_text(t) for t in yaml_texts]
    items = []
    for record, body in zip(data, bodies, strict=True):
        model = KINDS[record["kind"]]
        items.append((model, {**record, model.body_field: body} if body.strip() and model.body_field else record))
    out["validate_s"] = best_of(repeat, lambda: [model.model_validate(record) for model, record in items])
    out["floor_s"] = out["read_s"] + out["parse_fastest_s"] + out["validate_s"]
    return out


# ----------------------------------------------------------------------------- phases

def _rule_timer(times: dict[str, float]) -> None:
    """Time each rule type's check (CPU seconds), by rule id (the engine's own steps around it
    are not counted)."""
    from checker.rules.types import RULE_TYPES

    for rule_type in RULE_TYPES.values():
        check = type(rule_type).check.__get__(rule_type)  # the method, not an earlier wrapper

        def timed(rule: Any, *args: Any, _check: Callable[..., Any] = check) -> Any:
            begin = time.process_time()  # CPU time: a busy machine does not make a rule look slower
            try:
                return _check(rule, *args)
            finally:
                times[rule.id] = times.get(rule.id, 0.0) + time.process_time() - begin
        setattr(rule_type, "check", timed)  # noqa: B010 - an instance attribute over the method


def phases(root: Path, cache: Path, rules_only: bool) -> dict[str, Any]:
    """In a fresh process: import and the loader's timings cold and from the store; or
    (``rules_only``) the records from the store, then the engine with each rule's time and
    JSON rendering."""
    start = time.perf_counter()
    from checker.loading.cache import ParseCache
    from checker.loading.repository import LoadTimings, load
    from checker.reports import FORMATS
    from checker.rules.engine import Engine
    from checker.settings import Settings
    out: dict[str, Any] = {"import_s": time.perf_counter() - start}
    settings = Settings.load(root)
    as_of = settings.as_of or date.today()
    if not rules_only:
        cold = LoadTimings()
        load(root, settings.records, None, timings=cold)
        out["load_cold"] = vars(cold)
        gc.collect()
    shutil.rmtree(cache, ignore_errors=True)
    subprocess.run([sys.executable, "-c", FILL_STORE, str(root), str(cache)], check=True)  # not here: one load only
    warm = LoadTimings()
    repository = load(root, settings.records, ParseCache(cache), timings=warm)
    out["load_warm"] = vars(warm)
    if not rules_only:  # the rules are timed in a process of their own: loads before would scatter the heap
        return out
    gc.freeze()  # as the command does: the records live to the end
    runs: list[dict[str, float]] = []
    for _ in range(2):  # each rule's best of two: a busy machine adds noise to short times
        times: dict[str, float] = {}
        _rule_timer(times)
        gc.disable()  # as the command runs the rule pass
        begin = time.process_time()
        report = Engine(repository, as_of).run()
        out["engine_s"] = min(out.get("engine_s", math.inf), time.process_time() - begin)
        gc.enable()
        runs.append(times)
    best = {rule: min(run.get(rule, math.inf) for run in runs) for rule in runs[0]}
    out["rules_s"] = sum(best.values())
    out["rule_times"] = dict(sorted(best.items(), key=lambda kv: -kv[1]))
    out["findings"] = len(report.findings)
    begin = time.perf_counter()
    FORMATS["json"](report, "zh", False)
    out["render_json_s"] = time.perf_counter() - begin
    out["records"] = len(repository.entries)
    return out


# ----------------------------------------------------------------------------- the check

def check_command(root: Path, output: Path, *extra: str) -> list[str]:
    return [*handbook_command(), "check", "--root", str(root), "--format", "json", "--output", str(output), *extra]


def verify(output: Path, n: int) -> dict[str, Any]:
    """The report must show N valid records: no YAML or schema findings."""
    document = json.loads(output.read_text(encoding="utf-8"))
    bad = [f for f in document["findings"] if f["rule"] in LOADING_RULES]
    if bad:
        lines = "\n".join(f"  {f['file']}: {f['rule']}: {f['message_en']}" for f in bad[:20])
        raise SystemExit(f"{len(bad)} files are not valid records; the benchmark would not "
                         f"measure real records:\n{lines}")
    summary = document["summary"]
    if summary["files"] != n or summary["records"] != n:
        raise SystemExit(f"expected {n} files and records, the check saw {summary['files']} files "
                         f"and {summary['records']} records")
    by_rule: dict[str, int] = {}
    for f in document["findings"]:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    return {"findings_total": len(document["findings"]),
            "findings_by_rule": dict(sorted(by_rule.items(), key=lambda kv: -kv[1]))}


def edit_one(root: Path, number: int) -> Path:
    """Edit one visit's summary (the ``number``-th of a few spread over the visits)."""
    visits = sorted((root / "records" / "visits").rglob("*.yaml"))
    path = visits[len(visits) * (number + 1) // 4]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", f"summary: 补记{number}：", 1), encoding="utf-8")
    return path


def measure_check(root: Path, n: int, repeat: int) -> dict[str, Any]:
    out_dir = Path(tempfile.mkdtemp(prefix="handbook-bench-out-"))
    report, reference = out_dir / "report.json", out_dir / "reference.json"
    cache = root.parent / "cache"
    os.environ["HANDBOOK_CACHE_DIR"] = str(cache)  # the checks below keep their cache here
    fig: dict[str, Any] = {}
    try:
        log("cold check...")
        shutil.rmtree(cache, ignore_errors=True)
        fig["cold"] = run_measured(check_command(root, report))
        fig.update(verify(report, n))
        log("repeated checks, nothing changed...")
        runs = [run_measured(check_command(root, report)) for _ in range(repeat)]
        fig["warm"] = {"best": min(r["wall"] for r in runs), "runs": [r["wall"] for r in runs],
                       "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}
        log("checks after editing one record...")
        edits = []
        for number in range(repeat):
            edit_one(root, number)
            edits.append(run_measured(check_command(root, report)))
        fig["edit"] = {"best": min(r["wall"] for r in edits), "runs": [r["wall"] for r in edits],
                       "peak_rss_mb": max(r["peak_rss_mb"] for r in edits)}
        log("uncached check (memory of the process tree sampled)...")
        fig["uncached"] = run_measured(check_command(root, reference, "--no-cache"), sample_tree=True)
        fig["edit"]["identical"] = report.read_bytes() == reference.read_bytes()
        log("cold check again (memory of the process tree sampled)...")
        shutil.rmtree(cache, ignore_errors=True)
        fig["cold_sampled"] = run_measured(check_command(root, report), sample_tree=True)
        for key in ("cold", "uncached", "cold_sampled"):
            fig[key].pop("stderr", None)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return fig


# ----------------------------------------------------------------------------- check --base

def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.com", *args],
                   check=True, capture_output=True)


def measure_base(root: Path, repeat: int) -> dict[str, Any]:
    """A pull request: ``root`` committed as main, a branch that edits one visit; a plain
    check and ``check --base main`` of the branch, cold (best of ``repeat`` below 20,000
    records, else one run each: a cold check takes long) and with nothing changed (best of
    ``repeat``). The --base report must equal an uncached one, byte for byte."""
    out_dir = Path(tempfile.mkdtemp(prefix="handbook-bench-out-"))
    report, reference = out_dir / "report.json", out_dir / "reference.json"
    cache = root.parent / "cache"
    os.environ["HANDBOOK_CACHE_DIR"] = str(cache)
    try:
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        git(root, "checkout", "-q", "-b", "change")
        visit = sorted((root / "records" / "visits").rglob("*.yaml"))[1]  # not one measure_check edited
        visit.write_text(visit.read_text(encoding="utf-8").replace("summary: ", "summary: 分支：", 1), encoding="utf-8")
        git(root, "commit", "-q", "-m", "one visit edited", "--", str(visit))
        colds = repeat if len(list((root / "records").rglob("*.yaml"))) < 20000 else 1
        fig: dict[str, Any] = {}
        for name, extra in (("plain", ()), ("base", ("--base", "main"))):
            log(f"{'check --base main' if extra else 'plain check'} of the branch, cold and warm...")
            cold = []
            for _ in range(colds):
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(run_measured(check_command(root, report, *extra))["wall"])
            warm = [run_measured(check_command(root, report, *extra))["wall"] for _ in range(repeat)]
            fig[name] = {"cold": min(cold), "cold_runs": cold, "warm": min(warm), "warm_runs": warm}
        run_measured(check_command(root, reference, "--base", "main", "--no-cache"))
        fig["identical"] = report.read_bytes() == reference.read_bytes()
        fig["new_findings"] = sum(f.get("change") == "new"
                                  for f in json.loads(report.read_text(encoding="utf-8"))["findings"])
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return fig


# ----------------------------------------------------------------------------- the site

def measure_site(root: Path) -> dict[str, Any]:
    """``handbook site generate`` and ``mkdocs build`` in ``root``; the largest page built."""
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("status", "reference"))
        else:
            shutil.copy2(source, root / name)
    generate = run_measured([*handbook_command(), "site", "generate", "--root", str(root)], cwd=root)
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or "mkdocs"
    build = run_measured([mkdocs, "build", "--quiet", "--site-dir", str(root / "site")], cwd=root)
    if build["returncode"] != 0:
        raise SystemExit(f"mkdocs build failed:\n{build['stderr']}")
    pages = list((root / "site").rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {"generate": generate, "build": build, "total_s": generate["wall"] + build["wall"], "pages": len(pages),
            "largest_page": str(largest.relative_to(root / "site")), "largest_mb": largest.stat().st_size / MB,
            "site_mb": sum(p.stat().st_size for p in pages) / MB}


# ----------------------------------------------------------------------------- report

def targets(fig: dict[str, Any]) -> list[dict[str, Any]]:
    cold, floor_s = fig["cold"]["wall"], fig["floor"]["floor_s"]
    peak = max(fig["cold_sampled"]["peak_tree_pss_mb"], fig["uncached"]["peak_tree_pss_mb"])
    largest_rss = max(fig[k]["peak_rss_mb"] for k in ("cold", "warm", "edit", "uncached", "cold_sampled"))
    ph = fig["rules"]
    found = [
        {"name": f"cold check <= {TARGET_COLD_RATIO}x the floor", "pass": cold <= TARGET_COLD_RATIO * floor_s,
         "detail": f"{cold:.2f} s / {floor_s:.2f} s = {cold / floor_s:.2f}x"},
        {"name": f"nothing changed <= {TARGET_WARM_S:.0f} s", "pass": fig["warm"]["best"] <= TARGET_WARM_S,
         "detail": f"{fig['warm']['best']:.2f} s = {fig['warm']['best'] / TARGET_WARM_S:.2f}x"},
        {"name": f"one record edited <= {TARGET_EDIT_S:.0f} s", "pass": fig["edit"]["best"] <= TARGET_EDIT_S
         and fig["edit"]["identical"],
         "detail": f"{fig['edit']['best']:.2f} s = {fig['edit']['best'] / TARGET_EDIT_S:.2f}x; report "
                   f"{'byte-identical to' if fig['edit']['identical'] else 'DIFFERS from'} --no-cache"},
        {"name": f"peak memory <= {TARGET_MEMORY_MB:.0f} MB, all processes", "pass": peak <= TARGET_MEMORY_MB,
         "detail": f"{peak:.0f} MB = {peak / TARGET_MEMORY_MB:.2f}x (PSS of the process tree, sampled; "
                   f"largest single process {largest_rss:.0f} MB)"},
        {"name": f"all rules <= {TARGET_RULES_S:.0f} s", "pass": ph["rules_s"] <= TARGET_RULES_S,
         "detail": f"{ph['rules_s']:.2f} s = {ph['rules_s'] / TARGET_RULES_S:.2f}x "
                   f"(engine with its own steps {ph['engine_s']:.2f} s)"},
    ]
    if fig.get("scaling"):
        worst = max(fig["scaling"].items(), key=lambda kv: kv[1]["exponent"], default=None)
        found.append({"name": "no rule slower than linear", "pass": worst is None
                      or worst[1]["exponent"] <= TARGET_SCALING,
                      "detail": "" if worst is None else f"steepest {worst[0]}: time ~ size^"
                      f"{worst[1]['exponent']:.2f} ({worst[1]['small_s'] * 1000:.0f} -> "
                      f"{worst[1]['full_s'] * 1000:.0f} ms for 4x the records; target ^{TARGET_SCALING})"})
    if fig.get("base"):
        plain, base = fig["base"]["plain"], fig["base"]["base"]
        cold, warm = base["cold"] / plain["cold"], base["warm"] / plain["warm"]
        found.append({"name": f"check --base <= {TARGET_BASE_RATIO}x a plain check",
                      "pass": max(cold, warm) <= TARGET_BASE_RATIO and fig["base"]["identical"],
                      "detail": f"cold {base['cold']:.2f} / {plain['cold']:.2f} s = {cold:.2f}x, nothing changed "
                                f"{base['warm']:.2f} / {plain['warm']:.2f} s = {warm:.2f}x; report "
                                f"{'byte-identical to' if fig['base']['identical'] else 'DIFFERS from'} --no-cache"})
    if fig.get("site"):
        site = fig["site"]
        found.append({"name": f"site on a bad day <= {TARGET_SITE_S:.0f} s, pages <= {TARGET_PAGE_MB:.0f} MB",
                      "pass": site["total_s"] <= TARGET_SITE_S and site["largest_mb"] <= TARGET_PAGE_MB,
                      "detail": f"{site['total_s']:.1f} s = {site['total_s'] / TARGET_SITE_S:.2f}x; largest page "
                                f"{site['largest_mb']:.2f} MB ({site['largest_page']})"})
    return found


def _row(label: str, seconds: float | None, extra: str = "", n: int = 0) -> None:
    if seconds is None:
        return
    rate = f"{n / seconds:11,.0f} rec/s" if seconds > 0 and n else ""
    print(f"  {label:50} {seconds:8.3f} s {rate:>17}  {extra}")


def print_table(fig: dict[str, Any]) -> None:
    n, fl = fig["records"], fig["floor"]

    def row(label: str, seconds: float | None, extra: str = "") -> None:
        _row(label, seconds, extra, n)

    print(f"\nhandbook check benchmark: {n:,} records, {fl['files']:,} files, {fl['bytes'] / MB:.1f} MB; "
          f"{fig['cpus']} CPUs, Python {fig['python']}; started {fig['started']}")
    print(f"  generated in {fig['generate_s']:.1f} s into {fig['root']}")
    print("\n  the floor (one process, best of {}):".format(fig["repeat"]))
    row("read every file", fl["read_s"])
    row("parse, fastest (yaml-rs)", fl["parse_fastest_s"])
    row("validate every record against its model", fl["validate_s"])
    row("floor: read + parse + validate", fl["floor_s"])
    print("\n  handbook check (subprocess, wall clock)")
    cold, warm, edit = fig["cold"], fig["warm"], fig["edit"]
    row("cold check (no cache)", cold["wall"], f"cpu {cold['cpu']:.2f} s, peak {cold['peak_rss_mb']:.0f} MB")
    row("nothing changed (best)", warm["best"], "runs " + ", ".join(f"{w:.2f}" for w in warm["runs"]))
    row("one record edited (best)", edit["best"], "runs " + ", ".join(f"{w:.2f}" for w in edit["runs"]))
    unc = fig["uncached"]
    row("check --no-cache (reference)", unc["wall"], f"tree {unc['peak_tree_pss_mb']:.0f} MB")
    row("cold check, memory sampled", fig["cold_sampled"]["wall"],
        f"tree {fig['cold_sampled']['peak_tree_pss_mb']:.0f} MB")
    print(f"  findings: {fig['findings_total']:,}  " + ", ".join(f"{k} {v}" for k, v in
                                                             list(fig["findings_by_rule"].items())[:6]))
    if fig.get("base"):
        print("\n  a branch editing one visit: plain check and check --base main (subprocess, wall clock, best)")
        for name, label in (("plain", "plain check"), ("base", "check --base main")):
            b = fig["base"][name]
            row(f"{label}, cold", b["cold"], "runs " + ", ".join(f"{w:.2f}" for w in b["cold_runs"]))
            row(f"{label}, nothing changed", b["warm"], "runs " + ", ".join(f"{w:.2f}" for w in b["warm_runs"]))
    ph = fig["phases"]
    print("\n  one fresh process (the loader's own LoadTimings; workers' steps summed)")
    row("import the checker", ph["import_s"])
    for key, label in (("load_cold", "load, no cache"), ("load_warm", "load from the store")):
        t = ph[key]
        row(label, t["total"], f"{t['workers']} workers; {t['loaded']:,} loaded ({t['exact']:,} by the exact "
            f"parser), {t['reused']:,} from the store")
        for step in ("listing", "store_read", "read", "parse", "validate", "store_write"):
            if t[step] >= 0.0005:
                row(f"  ~ {step.replace('_', ' ')}", t[step])
    ru = fig["rules"]
    print("\n  rules (another fresh process, records from the store; CPU seconds, best of two runs)")
    row("engine (rules, findings, positions)", ru["engine_s"], f"{ru['findings']:,} findings")
    row("  ~ all rules", ru["rules_s"])
    row("render JSON", ru["render_json_s"])
    top = list(ru["rule_times"].items())[:5]
    print("  slowest rules: " + ", ".join(f"{k} {v:.3f} s" for k, v in top))
    if fig.get("scaling"):
        steep = sorted(fig["scaling"].items(), key=lambda kv: -kv[1]["exponent"])[:3]
        print("  steepest growth N/4 -> N: " + ", ".join(f"{k} ^{v['exponent']:.2f}" for k, v in steep))
    if fig.get("site"):
        site = fig["site"]
        print(f"\n  a bad day: {fig['site_findings']:,} findings")
        row("handbook site generate", site["generate"]["wall"])
        row("mkdocs build", site["build"]["wall"], f"{site['pages']:,} pages, {site['site_mb']:.0f} MB; largest "
            f"{site['largest_mb']:.2f} MB ({site['largest_page']})")
    print("\n  targets")
    for target in fig["targets"]:
        print(f"  {'PASS' if target['pass'] else 'MISS'}  {target['name']:44} {target['detail']}")


# ----------------------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000, help="number of records (default 10000)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (new or empty) and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--findings", type=int, help="about this many findings on the bad day (default N/10)")
    parser.add_argument("--no-site", action="store_true", help="skip the bad day's site")
    parser.add_argument("--no-scaling", action="store_true", help="skip the rules on N/4 records")
    parser.add_argument("--no-base", action="store_true", help="skip check --base on a git branch")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--floor-only", type=Path, help=argparse.SUPPRESS)  # internal: one fresh process
    parser.add_argument("--phases-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rules-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.floor_only:
        print(json.dumps(floor(args.floor_only, args.repeat)))
        return
    if args.phases_only or args.rules_only:
        root = args.phases_only or args.rules_only
        print(json.dumps(phases(root, root.parent / "phase-cache", bool(args.rules_only))))
        return
    if not 200 <= args.records <= 100000:
        parser.error("--records must be between 200 and 100000")

    from gen_records import write_repository

    if args.keep:
        work = args.keep.resolve()
        if work.exists() and any(work.iterdir()):
            parser.error(f"--keep {work}: the folder must be new or empty")
        temp = None
    else:
        temp = tempfile.mkdtemp(prefix="handbook-bench-")
        work = Path(temp)
    n = args.records
    try:
        fig: dict[str, Any] = {"records": n, "root": str(work), "repeat": args.repeat, "cpus": os.cpu_count(),
                               "python": sys.version.split()[0], "seed": args.seed,
                               "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        root = work / "repo"
        begin = time.perf_counter()
        fig["kinds"] = write_repository(root, n, args.seed)
        fig["generate_s"] = time.perf_counter() - begin
        log(f"generated {n} records in {fig['generate_s']:.1f} s; the floor...")
        fig["floor"] = in_fresh_process("--floor-only", str(root), "--repeat", str(args.repeat))
        fig.update(measure_check(root, n, args.repeat))
        log("phases in one process...")
        fig["phases"] = in_fresh_process("--phases-only", str(root))
        fig["rules"] = in_fresh_process("--rules-only", str(root))
        if not args.no_scaling:
            log(f"the rules on {n // 4} records...")
            small = work / "quarter" / "repo"
            write_repository(small, max(n // 4, 200), args.seed)
            quarter = in_fresh_process("--rules-only", str(small))
            fig["scaling"] = {
                rule: {"full_s": spent, "small_s": quarter["rule_times"].get(rule, 0.0),
                       "exponent": math.log(spent / max(quarter["rule_times"].get(rule, 0.0), 1e-6))
                       / math.log(n / max(n // 4, 200))}
                for rule, spent in fig["rules"]["rule_times"].items() if spent >= SCALING_FLOOR_S}
            shutil.rmtree(small.parent, ignore_errors=True)
        if not args.no_base:
            fig["base"] = measure_base(root, args.repeat)
        if not args.no_site:
            bad = work / "bad-day" / "repo"
            wanted = args.findings if args.findings is not None else n // 10
            faults = max(0, wanted - fig["findings_total"]) // 2  # a broken link also breaks a visit cadence
            log(f"a bad day: {faults} visits naming records that do not exist (about {wanted} findings), "
                "site generate and mkdocs build...")
            write_repository(bad, n, args.seed, findings=faults)
            out = bad.parent / "report.json"
            run_measured(check_command(bad, out))
            fig["site_findings"] = len(json.loads(out.read_text(encoding="utf-8"))["findings"])
            fig["site"] = measure_site(bad)
        fig["targets"] = targets(fig)
        if args.json:
            print(json.dumps(fig, indent=2, ensure_ascii=False))
        else:
            print_table(fig)
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
