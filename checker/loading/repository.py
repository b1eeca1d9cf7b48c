"""Load every record under ``records/``: read, parse (cached, in parallel when many),
validate against its model, and report what cannot be loaded as findings."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.findings import FieldPath, Finding
from checker.loading import files, problems, screen
from checker.loading.cache import ParseCache, digest
from checker.loading.gitsource import GitTree, blob_id
from checker.loading.locate import Locator
from checker.loading.yamlerror import YamlError
from checker.loading.yamltext import parse_checked, parse_fast
from checker.records import KINDS, Record

PARALLEL_THRESHOLD = 800  # exact parses; below this, starting workers costs more than it saves


@dataclass
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


@dataclass
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

    def locate(self, findings: Iterable[Finding]) -> None:
        """Fill in line and column of findings that have only a field path."""
        for finding in findings:
            if finding.line is None and finding.file in self.sources:
                position = self.sources[finding.file].locate(finding.path)
                if position:
                    finding.line, finding.column = position


def decode(raw: bytes) -> str:
    """A record file's text: UTF-8 (with or without a byte order mark), every line break
    (CR LF, or a lone CR as YAML reads it) as \\n so lines count alike everywhere."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _decode_error(rel: str, raw: bytes, exc: UnicodeDecodeError) -> Finding:
    """Where the first byte that is not UTF-8 sits, as line and column."""
    before = raw[:exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    return problems.not_utf8(rel, raw[exc.start:exc.end], line, column)


def _prefix(path: str, base: str) -> str:
    """``path`` relative to ``base`` in POSIX form with a trailing slash, "" for ``base`` itself."""
    relative = os.path.relpath(path, base)
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


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


def _parse_all(pending: list[tuple[str, str]], workers: int) -> list[Any]:
    """Every file through the screen and the fast parser here; the rest through the exact
    one, in worker processes when there are enough of them to pay for starting the workers."""
    results = [_parse_fast(file, text) for file, text in pending]
    slow = [i for i, result in enumerate(results) if result is None or isinstance(result, YamlError)]
    batch = [(*pending[i], results[i]) for i in slow]
    if len(batch) < PARALLEL_THRESHOLD or workers < 2:
        exact = _parse_exact(batch)
    else:  # this process takes one share, each worker another
        share = -(-len(batch) // workers)
        with ProcessPoolExecutor(max_workers=workers - 1) as pool:
            futures = [pool.submit(_parse_exact, batch[i:i + share]) for i in range(share, len(batch), share)]
            exact = _parse_exact(batch[:share])
            for future in futures:
                exact.extend(future.result())
    for i, result in zip(slow, exact, strict=True):
        results[i] = result
    return results


def load(root: Path, folder: Path, cache_folder: Path | ParseCache | None = None,
         max_file_bytes: int = files.DEFAULT_MAX_FILE_BYTES, tree: GitTree | None = None,
         reuse: Repository | None = None, blob_ids: bool = False) -> Repository:
    """Load every record file under ``folder``, from disk or, given ``tree``, from that git
    revision; paths in findings are relative to ``root``. A ParseCache may be passed in
    to share one cache between loads. With ``blob_ids`` each source notes git's id for
    its bytes; loading a ``tree``, a file whose blob is the same file's in ``reuse`` is
    not read: it takes that repository's validated records (the base revision of
    ``check --base`` mostly holds the working tree's files)."""
    cache = cache_folder if isinstance(cache_folder, ParseCache) else ParseCache(cache_folder)
    reused: dict[str, tuple[list[Entry], list[Finding]]] = {}
    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    parsed: dict[str, Any] = {}  # in the order files were listed, whatever the cache held
    pending: list[tuple[str, str]] = []
    keys: dict[str, bytes] = {}
    skipped = 0
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the loader builds many small objects and no cycles
    try:
        prefix = _prefix(str(folder), str(root))
        for listed in tree.listing() if tree else files.discover(str(folder)):
            rel = prefix + listed.rel
            if listed.skip is not None:
                findings.append(problems.not_read(rel, listed.skip))
                skipped += 1
                continue
            same = reuse.sources.get(rel) if reuse and tree else None
            if reuse and same and same.blob == listed.path and rel in reuse.by_file:
                sources[rel], reused[rel] = same, reuse.by_file[rel]
                parsed[rel] = None  # keeps its place in the listing order
                continue
            if problems.unsafe_name(rel):
                findings.append(problems.bad_name(rel))
            try:
                raw = tree.read(listed, max_file_bytes) if tree else files.read(listed.path, max_file_bytes)
            except files.UnsafeFile as exc:
                findings.append(problems.unsafe(rel, exc.reason, exc.size, max_file_bytes))
                skipped += 1
                continue
            except OSError as exc:
                findings.append(problems.unreadable(rel, exc.strerror or str(exc)))
                skipped += 1
                continue
            try:
                text = decode(raw)
            except UnicodeDecodeError as exc:
                findings.append(_decode_error(rel, raw, exc))
                skipped += 1
                continue
            key = keys[rel] = digest(raw, os.path.splitext(rel)[1])  # .md and .yaml parse differently
            keep = tree is not None or rel.endswith(".md")  # a Markdown body is read during validation
            sources[rel] = Source(rel, listed.path, _offset(rel), max_file_bytes, text if keep else None, key=key,
                                  blob=blob_id(raw) if blob_ids else "")
            hit = cache.get(key)
            parsed[rel] = hit
            if hit is None:
                pending.append((rel, text))
        results = _parse_all(pending, min(2, os.cpu_count() or 1))
        for (rel, _), result in zip(pending, results, strict=True):
            parsed[rel] = result
            cache.put(keys[rel], result)
        cache.save()
        by_file: dict[str, tuple[list[Entry], list[Finding]]] = {rel: ([], []) for rel in parsed}
        checked: list[Finding] = []
        for entry in _validate({rel: data for rel, data in parsed.items() if rel not in reused}, sources, checked):
            by_file[entry.source.file][0].append(entry)
        for finding in checked:
            by_file[finding.file][1].append(finding)
        by_file.update(reused)
        entries = [entry for found, _ in by_file.values() for entry in found]
        findings.extend(finding for _, made in by_file.values() for finding in made)
    finally:
        if tree is not None:
            tree.close()
        if gc_was_enabled:
            gc.enable()
    entries = _drop_duplicates(entries, findings)
    return Repository(entries=entries, findings=findings, files=len(sources) + skipped, sources=sources,
                      notices=cache.warnings, by_file=by_file)


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "一个列表 / a list"
    if value is None:
        return "空内容 / nothing"
    return f"一段文字 / a text ({str(value)[:30]!r})"


def _validate(parsed: dict[str, Any], sources: dict[str, Source],
              findings: list[Finding]) -> Iterator[Entry]:
    kinds = sorted(KINDS)
    for rel, data in parsed.items():
        source = sources[rel]
        if isinstance(data, tuple):
            findings.append(problems.unparsable(rel, *data))
            continue
        items: Iterable[tuple[FieldPath, Any]] = (
            (((index,), item) for index, item in enumerate(data)) if isinstance(data, list) else (((), data),))
        for path, item in items:
            if not isinstance(item, dict):
                findings.append(problems.not_a_record(rel, path, _describe(item)))
                continue
            model = KINDS.get(item.get("kind"))  # type: ignore[arg-type]
            if model is None:
                findings.append(problems.unknown_kind(rel, path, item.get("kind"), kinds))
                continue
            if rel.endswith(".md"):
                body = _split_front_matter(source.text)[1]
                if body.strip():
                    if model.body_field is None:
                        findings.append(problems.markdown_body(rel, str(item["kind"])))
                        continue
                    item = {**item, model.body_field: body}
            record_id = item.get("id") if isinstance(item.get("id"), str) else None
            try:
                record = model.model_validate(item)
            except ValidationError as exc:
                findings.extend(problems.schema_errors(rel, path, record_id, exc, model))
                continue
            yield Entry(record, source, path)


def _drop_duplicates(entries: list[Entry], findings: list[Finding]) -> list[Entry]:
    first: dict[str, Entry] = {}
    kept = []
    for entry in entries:
        seen = first.get(entry.record.id)
        if seen is not None:
            findings.append(problems.duplicate_id(entry.source.file, entry.path, entry.record.id,
                                                  seen.source.file))
            continue
        first[entry.record.id] = entry
        kept.append(entry)
    return kept
