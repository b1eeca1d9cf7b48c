#!/usr/bin/env python3
"""Benchmark ``handbook check`` on N synthetic records against its performance targets.

    python benchmarks/bench_check.py [--records N] [--keep DIR] [--workers 1,2] [--json]

One run generates N consistent records (see gen_records.py) into a fresh repository and
measures, on the same files:

- read-only: reading every file's bytes (in-process, files in the OS page cache);
- parse-only: ``yaml_rs.loads`` over every file (the fastest parser), PyYAML's
  CBaseLoader for reference, and the checker's own parse step (``parse_text``), in
  process with the texts already read; with ``--workers`` also the checker's parse step
  spread over that many processes, as the loader does;
- a cold ``handbook check`` (a subprocess, cache folder removed first): wall time, CPU
  time and peak memory (ru_maxrss, plus the sampled total of the whole process tree);
- a repeated check with nothing changed (cache warm), best of 3;
- an uncached check (``--no-cache``) for reference;
- the phase split of a check in one fresh process: load (cold and warm), rules
  (per rule), finding positions, JSON rendering, garbage-collector time.

Targets: cold check <= 2x the fastest parse-only time; repeated check < 1 s; peak
memory < 500 MB. Each is printed PASS or MISS with its ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

TARGET_COLD_RATIO = 2.0
TARGET_WARM_S = 1.0
TARGET_MEMORY_MB = 500.0
LOADING_RULES = {"record-schema", "yaml-syntax", "duplicate-id", "file-unreadable"}
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


# ----------------------------------------------------------------------------- helpers

def handbook_command() -> list[str]:
    beside = Path(sys.executable).with_name("handbook")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("handbook")
    return [found] if found else [sys.executable, "-m", "checker"]


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, list[float]]:
    """Best wall time of ``repeat`` calls, with the garbage collector off (as the loader runs)."""
    times = []
    for _ in range(repeat):
        enabled = gc.isenabled()
        gc.disable()
        try:
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
        finally:
            if enabled:
                gc.enable()
        gc.collect()
    return min(times), times


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


def run_measured(command: list[str], sample_tree: bool = False) -> dict[str, Any]:
    """Run ``command`` under the wrapper in a fresh process; wall, CPU and peak memory.

    With ``sample_tree`` a thread also sums the PSS of the whole process tree every 50 ms
    (reading /proc that often slows the child measurably at 10 ms, not at 50 ms; timed
    runs are not sampled at all).
    """
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, *command], stdout=subprocess.PIPE)
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
        raise SystemExit(f"handbook check failed (exit {result['returncode']}):\n{result['stderr']}")
    return result


# ----------------------------------------------------------------------------- in-process

def front_matter(text: str) -> str:
    """The YAML the checker parses from a Markdown record: between the first two '---' lines."""
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[4:end + 1] if end != -1 else ""


def all_text(value: Any) -> bool:
    """Whether every scalar is text or None (the checker's condition for the yaml-rs result)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif item is not None and not isinstance(item, str):
            return False
    return True


def in_process(root: Path, repeat: int, workers: list[int]) -> dict[str, Any]:
    import yaml
    import yaml_rs

    from checker.loading import files
    from checker.loading import repository as repo_mod
    from checker.loading.yamltext import parse_text

    records = root / "records"
    paths = [Path(item.path) for item in files.discover(str(records)) if item.skip is None]
    figures: dict[str, Any] = {"files": len(paths)}

    blobs: list[bytes] = []

    def read() -> None:
        blobs[:] = [p.read_bytes() for p in paths]

    figures["read_s"], figures["read_runs"] = best_of(repeat, read)
    figures["bytes"] = sum(len(b) for b in blobs)
    texts: list[str] = []
    figures["decode_s"], _ = best_of(repeat, lambda: texts.__setitem__(
        slice(None), [b.decode("utf-8-sig") for b in blobs]))
    rels = [p.relative_to(root).as_posix() for p in paths]
    # what the checker hands to the YAML parser: the front matter of Markdown records
    yaml_texts = [front_matter(t) if r.endswith(".md") else t for r, t in zip(rels, texts, strict=True)]

    loader = getattr(yaml, "CBaseLoader", None)
    if loader is None:
        raise SystemExit("PyYAML is built without libyaml: no CBaseLoader to compare with")

    def parse_rs() -> None:
        for t in yaml_texts:
            yaml_rs.loads(t)

    def parse_rs_text() -> None:
        for t in yaml_texts:
            yaml_rs.loads(t, parse_datetime=False)

    def parse_pyyaml() -> None:
        for t in yaml_texts:
            yaml.load(t, Loader=loader)

    def parse_checker() -> None:
        for t in yaml_texts:
            parse_text(t)

    figures["yaml_rs_s"], figures["yaml_rs_runs"] = best_of(repeat, parse_rs)
    figures["yaml_rs_text_s"], figures["yaml_rs_text_runs"] = best_of(repeat, parse_rs_text)
    figures["pyyaml_c_s"], _ = best_of(1, parse_pyyaml)
    figures["checker_parse_s"], figures["checker_parse_runs"] = best_of(repeat, parse_checker)
    figures["parse_fastest_s"] = min(figures["yaml_rs_s"], figures["yaml_rs_text_s"])
    fallback = 0
    for t in yaml_texts:
        try:
            fast = yaml_rs.loads(t, parse_datetime=False)
        except Exception:
            fallback += 1
            continue
        if not (isinstance(fast, dict) and all_text(fast)):
            fallback += 1
    figures["fallback_files"] = fallback
    parse_all = getattr(repo_mod, "_parse_all", None)  # the loader's parallel parse step
    pending = list(zip(rels, texts, strict=True))
    for count in workers:
        if count >= 2 and parse_all is not None:
            figures[f"checker_parse_w{count}_s"], _ = best_of(
                repeat, lambda count=count: parse_all(pending, count))
    return figures


# ----------------------------------------------------------------------------- phase split

def phases(root: Path, profile: bool) -> dict[str, Any]:
    """Run in a fresh process: time the parts of one check as the CLI runs them.

    Uses the public entry points (load, Engine, the JSON report); per-rule and
    finding-position times are taken by wrapping Engine._evaluate and the locate step
    when they exist, and the load split uses the loader's helpers when present, so the
    benchmark keeps working (with fewer figures) as the checker's internals change.
    """
    start = time.perf_counter()
    from checker.loading import repository as repo_mod
    from checker.reports import FORMATS
    from checker.rules.engine import Engine
    from checker.settings import Settings
    out: dict[str, Any] = {"import_s": time.perf_counter() - start}

    gc_time = [0.0, 0.0]  # accumulated, start of the current collection

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            gc_time[1] = time.perf_counter()
        else:
            gc_time[0] += time.perf_counter() - gc_time[1]

    gc.callbacks.append(on_gc)
    rule_times: dict[str, float] = {}
    locate_time = [0.0]

    def timing(func: Callable[..., Any], into: Callable[[Any, float], None]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                into(args, time.perf_counter() - begin)
        return wrapped

    class TimedEngine(Engine):
        pass

    if hasattr(Engine, "_evaluate"):
        TimedEngine._evaluate = timing(  # type: ignore[method-assign]
            Engine._evaluate, lambda a, t: rule_times.__setitem__(a[2].id, t))
    if hasattr(Engine, "_locate"):  # older checkers locate findings in the engine
        TimedEngine._locate = timing(  # type: ignore[attr-defined]
            Engine._locate, lambda a, t: locate_time.__setitem__(0, locate_time[0] + t))

    settings = Settings.load(root)
    as_of = settings.as_of
    cache = root / ".handbook-cache"

    def timed(key: str, func: Callable[[], Any]) -> Any:
        gc_before = gc_time[0]
        begin = time.perf_counter()
        value = func()
        out[key] = time.perf_counter() - begin
        out[key.removesuffix("_s") + "_gc_s"] = gc_time[0] - gc_before
        return value

    repository = timed("load_uncached_s", lambda: repo_mod.load(root, settings.records, None))
    if callable(getattr(repository, "locate", None)):
        repository.locate = timing(  # type: ignore[method-assign]
            repository.locate, lambda a, t: locate_time.__setitem__(0, locate_time[0] + t))
    engine = timed("engine_init_s", lambda: TimedEngine(repository, as_of))
    report = timed("engine_run_s", engine.run)
    out["locate_s"] = locate_time[0]
    out["rules_s"] = sum(rule_times.values()) if rule_times else None
    out["rule_times"] = dict(sorted(rule_times.items(), key=lambda kv: -kv[1]))
    out["findings"] = len(report.findings)
    out["located_files"] = len({f.file for f in report.findings})
    timed("render_json_s", lambda: FORMATS["json"](report, "zh", False))
    del report, engine, repository
    gc.collect()
    timed("load_cached_s", lambda: repo_mod.load(root, settings.records, cache))
    gc.collect()
    try:
        out.update(_load_split(root, settings.records, repo_mod))
    except (AttributeError, TypeError) as exc:  # the loader's helpers changed
        out["split_error"] = repr(exc)
    gc.collect()

    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        repository = repo_mod.load(root, settings.records, None)
        report = Engine(repository, as_of).run()
        FORMATS["json"](report, "zh", False)
        profiler.disable()
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(35)
        out["profile"] = stream.getvalue()
    gc.callbacks.remove(on_gc)
    return out


def _load_split(root: Path, folder: Path, repo_mod: Any) -> dict[str, float]:
    """The steps load() takes, timed one by one with the garbage collector off, as in load."""
    from checker.loading import files
    from checker.loading.cache import digest

    out: dict[str, float] = {}
    gc.disable()
    try:
        begin = time.perf_counter()
        paths = [Path(item.path) for item in files.discover(str(folder)) if item.skip is None]
        out["split_discover_s"] = time.perf_counter() - begin
        begin = time.perf_counter()
        sources, pending, raw_all = {}, [], []
        for path in paths:
            rel = path.relative_to(root).as_posix()
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig")
            markdown = rel.endswith(".md")
            sources[rel] = repo_mod.Source(rel, str(path), 1 if markdown else 0, _text=text if markdown else None)
            pending.append((rel, text))
            raw_all.append(raw)
        out["split_read_s"] = time.perf_counter() - begin
        begin = time.perf_counter()
        for path, raw in zip(paths, raw_all, strict=True):
            digest(raw, path.suffix)
        out["split_digest_s"] = time.perf_counter() - begin
        begin = time.perf_counter()
        results = repo_mod._parse_all(pending, min(2, os.cpu_count() or 1))
        out["split_parse_s"] = time.perf_counter() - begin
        parsed = {rel: result for (rel, _), result in zip(pending, results, strict=True)}
        begin = time.perf_counter()
        entries = list(repo_mod._validate(parsed, sources, []))
        out["split_validate_s"] = time.perf_counter() - begin
        del entries
    finally:
        gc.enable()
    return out


# ----------------------------------------------------------------------------- report

def _fmt_s(value: float) -> str:
    return f"{value:8.3f} s"


def print_table(fig: dict[str, Any]) -> None:
    n = fig["records"]

    def row(label: str, seconds: float | None, extra: str = "") -> None:
        if seconds is None:
            return
        rate = f"{n / seconds:11,.0f} rec/s" if seconds > 0 else ""
        print(f"  {label:46} {_fmt_s(seconds)} {rate:>17}  {extra}")

    print(f"\nhandbook check benchmark: {n:,} records, {fig['files']:,} files, "
          f"{fig['bytes'] / MB:.1f} MB ({fig['bytes'] / fig['files']:.0f} bytes/file); "
          f"{fig['cpus']} CPUs, Python {fig['python']}")
    print(f"  checker as of its newest file, {fig['checker_newest_file']}; run started {fig['started']}")
    print(f"  generated in {fig['generate_s']:.2f} s into {fig['root']}"
          f"{' (numbers quoted)' if fig['quote_numbers'] else ''}")
    print(f"  {fig['fallback_files']:,} of {fig['files']:,} files need the PyYAML fallback "
          "(a non-text scalar: number, boolean)\n")
    print("  in process (texts already read; best of "
          f"{fig['repeat']}; PyYAML once)")
    row("read only (bytes of every file)", fig["read_s"])
    row("decode UTF-8", fig["decode_s"])
    row("parse only: yaml_rs.loads(text)", fig["yaml_rs_s"])
    row("parse only: yaml_rs.loads(text, parse_datetime=False)", fig["yaml_rs_text_s"])
    row("parse only: PyYAML CBaseLoader (reference)", fig["pyyaml_c_s"])
    row("checker parse step (parse_text), 1 process", fig["checker_parse_s"])
    for key in sorted(k for k in fig if k.startswith("checker_parse_w")):
        row(f"checker parse step, {key[15:-2]} worker processes", fig[key])
    print("\n  handbook check (subprocess, wall clock)")
    cold = fig["cold"]
    row("cold check (no .handbook-cache)", cold["wall"],
        f"cpu {cold['cpu']:.2f} s, peak {cold['peak_rss_mb']:.0f} MB")
    warm = fig["warm"]
    row("repeated check, nothing changed (best of 3)", warm["best"],
        f"runs {', '.join(f'{w:.2f}' for w in warm['runs'])}; peak {warm['peak_rss_mb']:.0f} MB")
    if fig.get("uncached"):
        unc = fig["uncached"]
        row("check --no-cache (reference)", unc["wall"],
            f"cpu {unc['cpu']:.2f} s, peak {unc['peak_rss_mb']:.0f} MB (tree {unc['peak_tree_pss_mb']:.0f} MB)")
    by_rule = ", ".join(f"{k} {v}" for k, v in fig["findings_by_rule"].items())
    print(f"  findings: {fig['findings_total']:,} ({by_rule})")
    ph = fig.get("phases")
    if ph:
        print("\n  phase split (one fresh process, in the order the CLI runs them)")
        row("import checker", ph["import_s"])
        row("load, no cache (read, parse, validate)", ph["load_uncached_s"], f"gc {ph['load_uncached_gc_s']:.2f} s")
        row("  ~ discover files", ph.get("split_discover_s"))
        row("  ~ read + decode + Source objects", ph.get("split_read_s"))
        row("  ~ content digests", ph.get("split_digest_s"))
        row("  ~ parse (the loader's parse step and workers)", ph.get("split_parse_s"))
        row("  ~ validate against the record models", ph.get("split_validate_s"))
        if ph.get("split_error"):
            print(f"  (load split unavailable: {ph['split_error']})")
        row("load, cache warm", ph["load_cached_s"], f"gc {ph['load_cached_gc_s']:.2f} s")
        row("engine init", ph["engine_init_s"])
        row("engine run (all rules + positions + sort)", ph["engine_run_s"], f"gc {ph['engine_run_gc_s']:.2f} s")
        row("  rules", ph.get("rules_s"))
        row(f"  finding positions ({ph['findings']:,} findings in {ph['located_files']:,} files)",
            ph["locate_s"])
        row("render JSON", ph["render_json_s"], f"gc {ph['render_json_gc_s']:.2f} s")
        top = list(ph["rule_times"].items())[:5]
        if top:
            print("  slowest rules: " + ", ".join(f"{k} {v:.3f} s" for k, v in top))
    print("\n  targets")
    for target in fig["targets"]:
        print(f"  {'PASS' if target['pass'] else 'MISS'}  {target['name']:52} {target['detail']}")
    if fig.get("profile"):
        print("\n" + fig["profile"])


def targets(fig: dict[str, Any]) -> list[dict[str, Any]]:
    cold, fastest = fig["cold"]["wall"], fig["parse_fastest_s"]
    ratio = cold / fastest
    peak = max(fig["cold"]["peak_rss_mb"], fig["warm"]["peak_rss_mb"], fig["uncached"]["peak_rss_mb"])
    tree = fig["uncached"]["peak_tree_pss_mb"]
    return [
        {"name": "cold check <= 2x fastest parse-only time", "pass": ratio <= TARGET_COLD_RATIO,
         "ratio": ratio, "detail": f"{cold:.3f} s / {fastest:.3f} s = {ratio:.2f}x (target {TARGET_COLD_RATIO:.0f}x)"},
        {"name": "repeated check < 1 s", "pass": fig["warm"]["best"] < TARGET_WARM_S,
         "ratio": fig["warm"]["best"] / TARGET_WARM_S,
         "detail": f"{fig['warm']['best']:.3f} s = {fig['warm']['best'] / TARGET_WARM_S:.2f}x of 1 s"},
        {"name": "peak memory < 500 MB", "pass": peak < TARGET_MEMORY_MB,
         "ratio": peak / TARGET_MEMORY_MB,
         "detail": f"{peak:.0f} MB ru_maxrss = {peak / TARGET_MEMORY_MB:.2f}x of 500 MB "
                   f"(all processes together, PSS sampled in the --no-cache run: {tree:.0f} MB)"},
    ]


# ----------------------------------------------------------------------------- main

def check_command(root: Path, output: Path, *extra: str) -> list[str]:
    return [*handbook_command(), "check", "--root", str(root), "--format", "json",
            "--output", str(output), *extra]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000, help="number of records (default 10000)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate into DIR (new or empty) and keep it afterwards")
    parser.add_argument("--workers", default="1,2",
                        help="comma-separated worker counts for the parallel parse-only reference "
                             "(default 1,2; the loader itself uses min(2, CPUs))")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many in-process runs")
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--quote-numbers", action="store_true",
                        help="quote numbers and booleans, so every file takes the yaml-rs fast path")
    parser.add_argument("--no-phases", action="store_true", help="skip the in-process phase split")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of load + rules")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--phases-only", type=Path, help=argparse.SUPPRESS)  # internal
    args = parser.parse_args()

    if args.phases_only:
        print(json.dumps(phases(args.phases_only, args.profile)))
        return
    if not 1 <= args.records <= 100000:
        parser.error("--records must be between 1 and 100000")
    workers = [int(w) for w in args.workers.split(",") if w.strip()]

    from gen_records import write_repository

    if args.keep:
        root = args.keep.resolve()
        if root.exists() and any(root.iterdir()):
            parser.error(f"--keep {root}: the folder must be new or empty")
        temp = None
    else:
        temp = tempfile.mkdtemp(prefix="handbook-bench-")
        root = Path(temp)
    try:
        checker_files = list((REPO / "checker").rglob("*.py"))
        newest = max(checker_files, key=lambda f: f.stat().st_mtime)
        fig: dict[str, Any] = {"records": args.records, "root": str(root), "repeat": args.repeat,
                               "checker_newest_file": f"{newest.relative_to(REPO)} "
                               f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(newest.stat().st_mtime))}",
                               "started": time.strftime("%Y-%m-%d %H:%M:%S"),
                               "quote_numbers": args.quote_numbers, "cpus": os.cpu_count(),
                               "python": sys.version.split()[0], "seed": args.seed}
        begin = time.perf_counter()
        fig["kinds"] = write_repository(root, args.records, args.seed, args.quote_numbers)
        fig["generate_s"] = time.perf_counter() - begin
        def log(message: str) -> None:
            print(message, file=sys.stderr, flush=True)

        log(f"generated {args.records} records in {fig['generate_s']:.2f} s; measuring in process...")
        fig.update(in_process(root, args.repeat, workers))

        report = Path(tempfile.mkdtemp(prefix="handbook-bench-out-")) / "report.json"
        cache = root / ".handbook-cache"
        os.environ["HANDBOOK_CACHE_DIR"] = str(cache)  # the checks below keep their cache here
        log("cold check...")
        shutil.rmtree(cache, ignore_errors=True)
        fig["cold"] = run_measured(check_command(root, report))
        fig.update(verify(report, args.records))
        log("repeated checks (cache warm)...")
        runs = [run_measured(check_command(root, report)) for _ in range(3)]
        best = min(runs, key=lambda r: r["wall"])
        fig["warm"] = {"best": best["wall"], "runs": [r["wall"] for r in runs],
                       "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
                       "cpu": best["cpu"]}
        verify(report, args.records)
        log("uncached check...")
        fig["uncached"] = run_measured(check_command(root, report, "--no-cache"), sample_tree=True)
        for key in ("cold", "uncached"):
            fig[key].pop("stderr", None)
        shutil.rmtree(report.parent, ignore_errors=True)  # also removed on success below
        if not args.no_phases:
            log("phase split...")
            command = [sys.executable, str(Path(__file__).resolve()), "--phases-only", str(root)]
            if args.profile:
                command.append("--profile")
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"phase split failed:\n{done.stderr}")
            fig["phases"] = json.loads(done.stdout)
            fig["profile"] = fig["phases"].pop("profile", None)
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
