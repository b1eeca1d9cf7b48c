"""Load every record under ``records/``: read, parse (cached, in parallel when many),
validate against its model, and report what cannot be loaded as findings."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.findings import FieldPath, Finding, Message
from checker.loading import files, problems, screen
from checker.loading.cache import ParseCache, digest
from checker.loading.gitsource import GitTree, blob_id
from checker.loading.locate import Locator
from checker.loading.store import Index, IndexEntry, Store, bucket_of, dumps, loads, new_generation
from checker.loading.yamlerror import YamlError
from checker.loading.yamltext import parse_checked, parse_fast
from checker.records import KINDS, Record
from checker.records.ruleset import RuleSet


@dataclass(slots=True)
class Source:
    """One file under records/, with what is needed to point at its lines later.

    Its text is read again only when a finding needs a line number, so a large
    repository does not hold every file's text in memory.
    """

    file: str
    path: str
    line_offset: int = 0
    limit: int = files.DEFAULT_MAX_FILE_BYTES
    _text: str | None = field(default=None, repr=False)
    _locator: Locator | None = field(default=None, repr=False)
    key: bytes = b""  # digest of the file's bytes (cache.digest)
    blob: str = ""  # git's id for the file's bytes, when asked for (load's blob_ids)

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                self._text = decode(files.read(self.path, self.limit))
            except (OSError, files.UnsafeFile, UnicodeDecodeError):
                self._text = ""
        return self._text

    def locate(self, path: FieldPath) -> tuple[int, int] | None:
        if self._locator is None:
            yaml_text = _yaml_of(self.file, self.text)
            self._locator = Locator(yaml_text or "", self.line_offset)
        return self._locator.locate(path)


@dataclass(slots=True)
class Entry:
    record: Record
    source: Source
    path: FieldPath  # where the record sits in its file: () or (index,)


@dataclass
class Repository:
    entries: list[Entry]
    findings: list[Finding]
    files: int
    sources: dict[str, Source]
    notices: list[str] = field(default_factory=list)  # about the run, not the records (e.g. the cache)
    # per file: its validated records (duplicates included) and the findings validating it made
    by_file: dict[str, tuple[list[Entry], list[Finding]]] = field(default_factory=dict)
    # records that failed validation: id -> (kind, file), so links to them are not "missing" too
    invalid: dict[str, tuple[str, str]] = field(default_factory=dict)
    prefix: str = ""  # the records folder, relative to the root, with a trailing slash

    def locate(self, findings: Iterable[Finding]) -> None:
        """Fill in line and column of findings that have only a field path, a file at a
        time; a file's parsed nodes are let go once its findings are placed (thousands of
        findings would otherwise keep thousands of node trees alive)."""
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            if finding.line is None and finding.file in self.sources:
                by_file[finding.file].append(finding)
        for file, found in by_file.items():
            source = self.sources[file]
            for finding in found:
                position = source.locate(finding.path)
                if position:
                    finding.line, finding.column = position
            source._locator = None


def decode(raw: bytes) -> str:
    """A record file's text: UTF-8 (with or without a byte order mark), CR LF read as LF.

    A lone CR is kept: YAML would count it as a line break and git does not, so the
    lines the checker reports and attributes to commits would differ from git's. The
    screen refuses it at the place git counts (see checker.loading.screen)."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n") if "\r" in text else text


def _decode_error(rel: str, raw: bytes, exc: UnicodeDecodeError) -> Finding:
    """Where the first byte that is not UTF-8 sits, as line and column."""
    before = raw[:exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    return problems.not_utf8(rel, raw[exc.start:exc.end], line, column)


def _split_front_matter(text: str) -> tuple[str | None, str]:
    """Markdown records keep their fields in front matter between '---' lines."""
    if not text.startswith("---"):
        return None, text
    end = text.find("\n---", 3)
    if end == -1:
        return None, text
    body_start = text.find("\n", end + 4)
    return text[4:end + 1], "" if body_start == -1 else text[body_start + 1:]


_NO_FRONT_MATTER = ("yaml-syntax", "a Markdown record starts with front matter between --- lines", 1, 1)


def _yaml_of(file: str, text: str) -> str | None:
    return _split_front_matter(text)[0] if file.endswith(".md") else text


def _offset(file: str) -> int:
    return 1 if file.endswith(".md") else 0  # front matter starts on the file's second line


def _parse_fast(file: str, text: str) -> Any:
    """Parsed data, a problem tuple, or None / a YamlError objection when the exact parser must read it."""
    refused = screen.characters(text)
    if refused is not None:
        return refused.as_tuple()
    yaml_text = _yaml_of(file, text)
    if yaml_text is None:
        return _NO_FRONT_MATTER
    refused = screen.structure(yaml_text)
    if refused is not None:
        return refused.as_tuple(_offset(file))
    return parse_fast(yaml_text)


def _parse_exact(batch: list[tuple[str, str, YamlError | None]]) -> list[Any]:
    """Parsed data, or a problem tuple (code, detail, line, column) with the line in the file."""
    results = []
    for file, text, objection in batch:
        try:
            results.append(parse_checked(_yaml_of(file, text) or "", objection))
        except YamlError as exc:
            results.append(exc.as_tuple(_offset(file)))
    return results


@dataclass
class LoadTimings:
    """Where one load's time went, in seconds. Work done in worker processes is summed
    over them, so the steps may add up to more than ``total``."""

    total: float = 0.0  # wall clock of the whole load
    listing: float = 0.0  # listing the folder, with stat data when there is a store
    store_read: float = 0.0  # reading the store's index and stored records
    read: float = 0.0  # opening and reading files, decoding, digests
    parse: float = 0.0  # screening and parsing (both parsers)
    validate: float = 0.0  # validating against the record models
    store_write: float = 0.0  # pickling and writing what changed
    files: int = 0  # record files listed
    reused: int = 0  # taken from the store
    loaded: int = 0  # read, parsed and validated
    exact: int = 0  # of those, read by the exact parser
    workers: int = 0  # worker processes started

    def add(self, other: LoadTimings) -> None:
        for name in ("read", "parse", "validate", "store_write", "loaded", "exact"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Loaded:
    """What one file's bytes load to: its records, each with where it sits in the file, and
    the findings reading it made. Its Source and Entry objects are made when a load takes
    it (they are the same for every file, and cheaper made than stored)."""

    digest: bytes
    records: tuple[tuple[FieldPath, Record], ...]
    findings: tuple[Finding, ...]
    readable: bool = True  # False for bytes that are not UTF-8 text
    invalid: tuple[tuple[str, str], ...] = ()  # (id, kind) of each record that failed validation


def _loaded_ok(value: Any) -> bool:
    """Whether a value read from the store has the shape of a Loaded."""
    if (type(value) is not Loaded or type(value.digest) is not bytes or type(value.records) is not tuple
            or type(value.readable) is not bool or type(value.findings) is not tuple
            or type(value.invalid) is not tuple):
        return False
    for item in value.records:
        if type(item) is not tuple or len(item) != 2 or type(item[0]) is not tuple or not isinstance(item[1], Record):
            return False
    return all(type(finding) is Finding for finding in value.findings)


WORKER_THRESHOLD = 2000  # files to load; below this, starting workers costs more than it saves

_ReadProblem = tuple[str, str, int]  # why a file could not be read: ("unsafe", reason, size) or ("error", text, 0)
_Read = tuple[bytes, files.Stat] | _ReadProblem
_Outcome = Loaded | _ReadProblem


def _load_bytes(rel: str, raw: bytes, timings: LoadTimings, parsed: ParseCache | None = None,
                ) -> tuple[Loaded, str | None]:
    """Decode, screen, parse (or take the parse from ``parsed``) and validate one file's
    bytes; also its text (None when it is not UTF-8)."""
    begin = time.perf_counter()
    key = digest(raw, os.path.splitext(rel)[1])  # .md and .yaml parse differently
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        timings.read += time.perf_counter() - begin
        return Loaded(key, (), (_decode_error(rel, raw, exc),), readable=False), None
    parsing = time.perf_counter()
    data = parsed.get(key) if parsed is not None else None
    if data is None:
        data = _parse_fast(rel, text)
        if data is None or isinstance(data, YamlError):
            [data] = _parse_exact([(rel, text, data)])
            timings.exact += 1
        if parsed is not None:
            parsed.put(key, data)
    validating = time.perf_counter()
    found: list[Finding] = []
    invalid: dict[str, tuple[str, str]] = {}
    records = tuple(_validate(rel, data, text, found, invalid))
    done = time.perf_counter()
    timings.read += parsing - begin
    timings.parse += validating - parsing
    timings.validate += done - validating
    timings.loaded += 1
    return Loaded(key, records, tuple(found), invalid=tuple((i, kind) for i, (kind, _) in invalid.items())), text


def _read(path: str, limit: int) -> _Read:
    try:
        return files.read_with_stat(path, limit)
    except files.UnsafeFile as exc:
        return ("unsafe", exc.reason, exc.size)
    except OSError as exc:
        return ("error", exc.strerror or str(exc), 0)


def _load_batch(batch: list[tuple[str, str]], limit: int, blob_ids: bool,
                ) -> tuple[bytes, dict[str, tuple[files.Stat, str] | _ReadProblem], LoadTimings]:
    """Read and load files ``(rel, path)`` in a worker process: what they loaded to, pickled
    for the store (and the caller); each file's stat data and git blob id, or why it could
    not be read; the timings."""
    gc.disable()  # a worker builds many small objects and no cycles
    timings = LoadTimings()
    results: dict[str, Loaded] = {}
    info: dict[str, tuple[files.Stat, str] | _ReadProblem] = {}
    for rel, path in batch:
        begin = time.perf_counter()
        got = _read(path, limit)
        timings.read += time.perf_counter() - begin
        if len(got) == 3:
            info[rel] = got
            continue
        raw, stat = got
        results[rel], _ = _load_bytes(rel, raw, timings)
        info[rel] = (stat, blob_id(raw) if blob_ids else "")
    begin = time.perf_counter()
    data = dumps(results)
    timings.store_write += time.perf_counter() - begin
    return data, info, timings


def _fork_pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked from this process (the checker already imported) where the system can fork."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


@dataclass
class _Scan:
    """The listing of the records folder beside the store's index: whether anything
    changed, and the bytes of the files read to find out."""

    started_ns: int
    listing: list[files.Listed]
    index: Index
    read: dict[str, _Read]
    unchanged: bool  # every record file holds what the index says, none was added, removed or refused


def _scan(folder: Path, prefix: str, store: Store, limit: int, timings: LoadTimings,
          walked: files.Walk | None = None) -> _Scan:
    """Compare the records folder with the store's index; ``walked``: a walk of the folder
    with stat data already made (by checker.repeat), used instead of walking again."""
    if walked is not None and (walked.folder != str(folder) or not walked.with_stat):
        walked = None
    started_ns = walked.started_ns if walked else time.time_ns()  # files changed from shortly before are racy
    begin = time.perf_counter()
    index = store.index()
    timings.store_read += time.perf_counter() - begin
    begin = time.perf_counter()
    # no index: no stat data to compare
    listing = files.listed(walked) if walked else files.discover(str(folder), with_stat=bool(index.files))
    timings.listing += time.perf_counter() - begin
    read: dict[str, _Read] = {}
    known = index.files
    unchanged = index.limit == limit and len(known) == sum(1 for item in listing if item.skip is None)
    skipped = []
    for listed in listing:
        if listed.skip is not None:
            skipped.append((prefix + listed.rel, listed.skip))
            continue
        if not unchanged:
            continue
        rel = prefix + listed.rel
        entry = known.get(rel)
        if entry is None:
            unchanged = False
        elif listed.stat != entry[0]:  # changed, or smudged: the bytes tell
            begin = time.perf_counter()
            got = read[rel] = _read(listed.path, limit)
            timings.read += time.perf_counter() - begin
            unchanged = len(got) == 2 and digest(got[0], os.path.splitext(rel)[1]) == entry[1]
    unchanged = unchanged and tuple(skipped) == index.skipped
    return _Scan(started_ns, listing, index, read, unchanged)


def _scanned(folder: Path, root: Path, cache: ParseCache, limit: int, timings: LoadTimings) -> _Scan | None:
    """The scan of the working tree for ``cache``'s store, made once per cache until a load takes it."""
    if cache.store is None:
        return None
    key = (str(folder), str(root), limit)
    if cache.scan is None or cache.scan[0] != key:
        prefix = files.relative_prefix(str(folder), str(root))
        cache.scan = (key, _scan(folder, prefix, cache.store, limit, timings, cache.walked))
        cache.walked = None  # taken
    scan: _Scan = cache.scan[1]
    return scan


def unchanged_report(root: Path, folder: Path, cache: ParseCache, max_file_bytes: int,
                     key: tuple[Any, ...]) -> Any | None:
    """The report ``keep_report`` kept for ``key`` (the evaluation date and settings), when
    no record file changed since that check; None otherwise. Loads no record."""
    scan = _scanned(folder, root, cache, max_file_bytes, LoadTimings())
    if scan is None or cache.store is None or not scan.unchanged:
        return None
    report = cache.store.report(scan.index.generation, key)
    if report is not None:
        cache.store.generation = scan.index.generation  # what outputs rendered from the report are kept for
    if report is not None and scan.read:  # smudged files proved unchanged: note their stat data
        for rel, got in scan.read.items():
            if len(got) == 2:
                scan.index.files[rel] = (got[1], *scan.index.files[rel][1:])
        cache.store.save_index(scan.index, scan.started_ns)
    return report


def keep_report(cache: ParseCache, report: Any, key: tuple[Any, ...]) -> None:
    """Keep ``report`` as the report on what the last load with ``cache`` found in the
    working tree, for ``unchanged_report``: without its facts (only the pages show them)
    and its entries but the rule-set versions' (``check --base`` compares them)."""
    if cache.store is not None and cache.store.generation:
        versions = [dataclasses.replace(e, source=dataclasses.replace(e.source, _text=None, _locator=None))
                    for e in report.entries if isinstance(e.record, RuleSet)]
        cache.store.save_report(cache.store.generation, key, dataclasses.replace(report, entries=versions, facts={}))


def load(root: Path, folder: Path, cache_folder: Path | ParseCache | None = None,
         max_file_bytes: int = files.DEFAULT_MAX_FILE_BYTES, tree: GitTree | None = None,
         reuse: Repository | None = None, blob_ids: bool = False, timings: LoadTimings | None = None) -> Repository:
    """Load every record file under ``folder``, from disk or, given ``tree``, from that git
    revision; paths in findings are relative to ``root``. A ParseCache may be passed in
    to share one cache between loads; from disk, its store gives what the files that did
    not change loaded to (see ``checker.loading.store``). With ``blob_ids`` each source
    notes git's id for its bytes; loading a ``tree``, a file whose blob is the same file's
    in ``reuse`` is not read: it takes that repository's validated records (the base
    revision of ``check --base`` mostly holds the working tree's files). ``timings`` is
    filled with where the time went."""
    cache = cache_folder if isinstance(cache_folder, ParseCache) else ParseCache(cache_folder)
    timings = timings if timings is not None else LoadTimings()
    started = time.perf_counter()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the loader builds many small objects and no cycles
    try:
        if tree is not None:
            return _load_tree(root, folder, cache, max_file_bytes, tree, reuse, blob_ids, timings)
        return _load_disk(root, folder, cache, max_file_bytes, blob_ids, timings)
    finally:
        if tree is not None:
            tree.close()
        if gc_was_enabled:
            gc.enable()
        timings.total = time.perf_counter() - started


def _load_disk(root: Path, folder: Path, cache: ParseCache, limit: int, blob_ids: bool,
               timings: LoadTimings) -> Repository:
    store = cache.store
    prefix = files.relative_prefix(str(folder), str(root))
    scan = _scanned(folder, root, cache, limit, timings)
    cache.scan = None  # a later load looks again
    if scan is None or store is None:
        begin = time.perf_counter()
        listing, index, read = files.discover(str(folder)), Index(), {}
        timings.listing += time.perf_counter() - begin
        stored: dict[str, Any] = {}
    else:
        listing, index, read = scan.listing, scan.index, scan.read
        begin = time.perf_counter()
        stored = store.results(_loaded_ok) if index.files and index.limit == limit else {}
        timings.store_read += time.perf_counter() - begin
    known = index.files if index.limit == limit else {}
    outcomes: dict[str, _Outcome] = {}
    changed: dict[str, IndexEntry] = {}  # index entries of files read in this load
    pending: list[tuple[str, str]] = []
    for listed in listing:
        if listed.skip is not None:
            continue
        rel = prefix + listed.rel
        entry = known.get(rel)
        if entry is not None:
            if listed.stat == entry[0] and (entry[2] or not blob_ids):
                found = stored.get(rel)
                if found is not None and found.digest == entry[1]:
                    outcomes[rel] = found
                    timings.reused += 1
                    continue
            got = read.get(rel) or _read(listed.path, limit)  # changed stat data, or smudged: the bytes tell
            if len(got) == 2:
                raw, stat = got
                found = stored.get(rel)
                if found is not None and found.digest == entry[1] == digest(raw, os.path.splitext(rel)[1]):
                    outcomes[rel] = found
                    changed[rel] = (stat, entry[1], blob_id(raw) if blob_ids else entry[2])
                    timings.reused += 1
                    continue
            read[rel] = got
        if rel in read:
            _take(rel, listed.path, read[rel], limit, blob_ids, outcomes, changed, timings)
        else:
            pending.append((rel, listed.path))
    timings.files = len(outcomes) + len(pending)
    workers = min(2, os.cpu_count() or 1)
    if len(pending) >= WORKER_THRESHOLD and workers >= 2:
        _load_in_workers(pending, limit, blob_ids, workers, outcomes, changed, store, timings)
    else:
        for rel, path in pending:
            begin = time.perf_counter()
            got = _read(path, limit)
            timings.read += time.perf_counter() - begin
            _take(rel, path, got, limit, blob_ids, outcomes, changed, timings)
    blobs = {rel: (changed.get(rel) or known[rel])[2] for rel in outcomes if rel in changed or rel in known
             } if blob_ids else {}
    repository = _assemble(listing, prefix, outcomes, limit, blobs, {}, {}, cache)
    if store is not None and scan is not None:
        begin = time.perf_counter()
        _save(store, index, listing, prefix, outcomes, changed, limit, scan.started_ns)
        timings.store_write += time.perf_counter() - begin
    return repository


def _take(rel: str, path: str, got: _Read, limit: int, blob_ids: bool, outcomes: dict[str, _Outcome],
          changed: dict[str, IndexEntry], timings: LoadTimings) -> None:
    """Load bytes read in this process."""
    if len(got) == 3:
        outcomes[rel] = got
        return
    raw, stat = got
    loaded = outcomes[rel] = _load_bytes(rel, raw, timings)[0]
    changed[rel] = (stat, loaded.digest, blob_id(raw) if blob_ids else "")


def _load_in_workers(pending: list[tuple[str, str]], limit: int, blob_ids: bool, workers: int,
                     outcomes: dict[str, _Outcome], changed: dict[str, IndexEntry], store: Store | None,
                     timings: LoadTimings) -> None:
    """Load ``pending`` files in worker processes, a bucket of the store at a time; a bucket
    loaded whole is written to the store as the worker pickled it."""
    by_bucket: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for item in pending:
        by_bucket[bucket_of(item[0])].append(item)
    whole = store is not None and not store.results(_loaded_ok)  # nothing stored: every bucket is loaded whole
    timings.workers = workers
    with _fork_pool(workers) as pool:
        futures = {pool.submit(_load_batch, batch, limit, blob_ids): number for number, batch in by_bucket.items()}
        for future in as_completed(list(futures)):
            number = futures.pop(future)  # a done future holds its result: let it go once taken
            data, info, spent = future.result()
            del future
            timings.add(spent)
            begin = time.perf_counter()
            results: dict[str, Loaded] = loads(data)
            for rel, got in info.items():
                if len(got) == 3:
                    outcomes[rel] = got
                else:
                    loaded = outcomes[rel] = results[rel]
                    changed[rel] = (got[0], loaded.digest, got[1])
            timings.store_read += time.perf_counter() - begin
            if store is not None and whole and len(results) == len(info):
                begin = time.perf_counter()
                store.put_written(number, results, data)
                timings.store_write += time.perf_counter() - begin


def _save(store: Store, index: Index, listing: list[files.Listed], prefix: str, outcomes: dict[str, _Outcome],
          changed: dict[str, IndexEntry], limit: int, started_ns: int) -> None:
    """Bring the store up to date with this load: what the files read again loaded to,
    and the index (a new generation when any content or the listing changed)."""
    known = index.files if index.limit == limit else {}
    skipped = tuple((prefix + item.rel, item.skip) for item in listing if item.skip is not None)
    stored = store.results(_loaded_ok)
    files_now: dict[str, IndexEntry] = {}
    content_changed = skipped != index.skipped or index.limit != limit or not index.generation
    for rel, outcome in outcomes.items():
        if not isinstance(outcome, Loaded):
            content_changed = True  # not readable now: read it again next time
            store.forget(rel)
            continue
        entry = changed.get(rel)
        if entry is None:
            files_now[rel] = known[rel]
            continue
        files_now[rel] = entry
        before = known.get(rel)
        content_changed = content_changed or before is None or before[1] != entry[1]
        if stored.get(rel) is not outcome:
            store.put(rel, outcome)
    if len(files_now) != len(known) or list(files_now) != list(known):
        content_changed = True
        for rel in known.keys() - files_now.keys():
            store.forget(rel)
    generation = new_generation() if content_changed else index.generation
    store.generation = generation
    store.save_buckets()
    if changed or generation != index.generation or files_now.keys() != known.keys():
        store.save_index(Index(files=files_now, skipped=skipped, limit=limit, generation=generation), started_ns)


def _load_tree(root: Path, folder: Path, cache: ParseCache, limit: int, tree: GitTree,
               reuse: Repository | None, blob_ids: bool, timings: LoadTimings) -> Repository:
    prefix = files.relative_prefix(str(folder), str(root))
    begin = time.perf_counter()
    listing = tree.listing()
    timings.listing += time.perf_counter() - begin
    outcomes: dict[str, _Outcome] = {}
    texts: dict[str, str] = {}
    blobs: dict[str, str] = {}
    reused: dict[str, tuple[Source, tuple[list[Entry], list[Finding]]]] = {}
    for listed in listing:
        if listed.skip is not None:
            continue
        rel = prefix + listed.rel
        timings.files += 1
        same = reuse.sources.get(rel) if reuse else None
        if reuse and same and same.blob == listed.path and rel in reuse.by_file:
            reused[rel] = (same, reuse.by_file[rel])
            timings.reused += 1
            continue
        begin = time.perf_counter()
        try:
            raw = tree.read(listed, limit)
        except files.UnsafeFile as exc:
            outcomes[rel] = ("unsafe", exc.reason, exc.size)
            continue
        except OSError as exc:
            outcomes[rel] = ("error", exc.strerror or str(exc), 0)
            continue
        finally:
            timings.read += time.perf_counter() - begin
        outcomes[rel], text = _load_bytes(rel, raw, timings, cache)
        if text is not None:
            texts[rel] = text  # a source read from git cannot be read again to find a line
        if blob_ids:
            blobs[rel] = blob_id(raw)
    cache.save()
    repository = _assemble(listing, prefix, outcomes, limit, blobs, texts, reused, cache)
    if reuse is not None:  # a record taken over that failed validation still names a known id
        for record_id, (kind, rel) in reuse.invalid.items():
            if rel in reused:
                repository.invalid.setdefault(record_id, (kind, rel))
    return repository


def _assemble(listing: list[files.Listed], prefix: str, outcomes: dict[str, _Outcome], limit: int,
              blobs: dict[str, str], texts: dict[str, str],
              reused: dict[str, tuple[Source, tuple[list[Entry], list[Finding]]]], cache: ParseCache) -> Repository:
    """The repository from what each listed file loaded to, in the listing's order:
    findings about the listing and reading first, then each file's, then duplicate ids.
    ``blobs`` holds git's ids of the files' bytes (when asked for), ``texts`` the texts
    to keep (of files read from git, which cannot be read again for line numbers)."""
    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    by_file: dict[str, tuple[list[Entry], list[Finding]]] = {}
    invalid: dict[str, tuple[str, str]] = {}
    skipped = 0
    text_of, blob_of = texts.get, blobs.get
    for listed in listing:
        rel = prefix + listed.rel
        if listed.skip is not None:
            findings.append(problems.not_read(rel, listed.skip))
            skipped += 1
            continue
        if problems.unsafe_name(rel):
            findings.append(problems.bad_name(rel))
        if rel in reused:
            sources[rel], by_file[rel] = reused[rel]
            continue
        outcome = outcomes[rel]
        if not isinstance(outcome, Loaded):
            problem, reason, size = outcome
            findings.append(problems.unsafe(rel, reason, size, limit) if problem == "unsafe"
                            else problems.unreadable(rel, reason))
            skipped += 1
        elif not outcome.readable:
            findings.extend(outcome.findings)
            skipped += 1
        else:
            source = sources[rel] = Source(rel, listed.path, _offset(rel), limit, text_of(rel),
                                           key=outcome.digest, blob=blob_of(rel, ""))
            by_file[rel] = ([Entry(record, source, path) for path, record in outcome.records], list(outcome.findings))
            if outcome.invalid:
                for record_id, kind in outcome.invalid:
                    invalid.setdefault(record_id, (kind, rel))
    entries = [entry for found, _ in by_file.values() for entry in found]
    findings.extend(finding for _, made in by_file.values() for finding in made)
    entries = _drop_duplicates(entries, findings)
    return Repository(entries=entries, findings=findings, files=len(sources) + skipped, sources=sources,
                      notices=cache.warnings, by_file=by_file, invalid=invalid, prefix=prefix)


def _describe(value: Any) -> Message:
    """What was found where a record should be, in both languages."""
    if isinstance(value, list):
        return Message("一个列表", "a list")
    if value is None:
        return Message("空内容", "nothing")
    shown = str(value)[:30]
    return Message(f"一段文字“{shown}”", f"the text {shown!r}")


_KIND_NAMES = sorted(KINDS)


def _validate(rel: str, data: Any, text: str, findings: list[Finding],
              invalid: dict[str, tuple[str, str]]) -> list[tuple[FieldPath, Record]]:
    """Validate each record parsed from file ``rel`` (``text``: the file's text, for the body
    of a Markdown record); one that fails is a finding, and its id and kind go to ``invalid``."""
    if isinstance(data, tuple):
        findings.append(problems.unparsable(rel, *data))
        return []
    items: Iterable[tuple[FieldPath, Any]] = (
        (((index,), item) for index, item in enumerate(data)) if isinstance(data, list) else (((), data),))
    valid: list[tuple[FieldPath, Record]] = []
    for path, item in items:
        if not isinstance(item, dict):
            findings.append(problems.not_a_record(rel, path, _describe(item)))
            continue
        model = KINDS.get(item.get("kind"))  # type: ignore[arg-type]
        if model is None:
            findings.append(problems.unknown_kind(rel, path, item.get("kind"), _KIND_NAMES))
            continue
        if rel.endswith(".md"):
            body = _split_front_matter(text)[1]
            if body.strip():
                if model.body_field is None:
                    findings.append(problems.markdown_body(rel, str(item["kind"])))
                    continue
                item = {**item, model.body_field: body}
        try:
            valid.append((path, model.model_validate(item)))
        except ValidationError as exc:
            record_id = item.get("id") if isinstance(item.get("id"), str) else None
            findings.extend(problems.schema_errors(rel, path, record_id, exc, model))
            if record_id:
                invalid.setdefault(record_id, (str(item["kind"]), rel))
    return valid


def _drop_duplicates(entries: list[Entry], findings: list[Finding]) -> list[Entry]:
    first: dict[str, Entry] = {}
    kept = []
    for entry in entries:
        seen = first.get(entry.record.id)
        if seen is not None:
            findings.append(problems.duplicate_id(entry.source.file, entry.path, entry.record.id,
                                                  seen.source.file, entry.record.kind))
            continue
        first[entry.record.id] = entry
        kept.append(entry)
    return kept
