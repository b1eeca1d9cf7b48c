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
from checker.loading import problems
from checker.loading.cache import ParseCache, digest
from checker.loading.locate import Locator
from checker.loading.yamltext import YamlError, parse_exact, parse_fast
from checker.records import KINDS, Record

SUFFIXES = (".yaml", ".yml", ".md")
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
    _text: str | None = field(default=None, repr=False)
    _locator: Locator | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                with open(self.path, "rb") as handle:
                    self._text = _decode(handle.read())
            except (OSError, UnicodeDecodeError):
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

    def locate(self, findings: Iterable[Finding]) -> None:
        """Fill in line and column of findings that have only a field path."""
        for finding in findings:
            if finding.line is None and finding.file in self.sources:
                position = self.sources[finding.file].locate(finding.path)
                if position:
                    finding.line, finding.column = position


def _decode(raw: bytes) -> str:
    """A record file's text: UTF-8 (with or without a byte order mark), newlines as \\n."""
    return raw.decode("utf-8-sig").replace("\r\n", "\n")


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


_NO_FRONT_MATTER = ("yaml-error", "a Markdown record starts with front matter between --- lines", 1, 1)


def _yaml_of(file: str, text: str) -> str | None:
    return _split_front_matter(text)[0] if file.endswith(".md") else text


def _parse_fast(file: str, text: str) -> Any | None:
    yaml_text = _yaml_of(file, text)
    return _NO_FRONT_MATTER if yaml_text is None else parse_fast(yaml_text)


def _parse_exact(batch: list[tuple[str, str]]) -> list[Any]:
    """Parsed data, or ("yaml-error", problem, line, column) with the line in the file."""
    results = []
    for file, text in batch:
        try:
            results.append(parse_exact(_yaml_of(file, text) or ""))
        except YamlError as exc:
            offset = 1 if file.endswith(".md") else 0  # front matter starts on the second line
            results.append(("yaml-error", exc.problem, exc.line + offset if exc.line else None, exc.column))
    return results


def discover(folder: Path) -> list[tuple[str, str]]:
    """Record files under ``folder`` as (absolute path, path relative to ``folder``), sorted."""
    found: list[tuple[str, str]] = []
    base = str(folder)
    for directory, subdirs, names in os.walk(base):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        prefix = _prefix(directory, base)
        found.extend((os.path.join(directory, n), prefix + n) for n in sorted(names)
                     if n.endswith(SUFFIXES) and not n.startswith("."))
    return found


def _parse_all(pending: list[tuple[str, str]], workers: int) -> list[Any]:
    """Every file through the fast parser here; the rest through the exact one, in
    worker processes when there are enough of them to pay for starting the workers."""
    results = [_parse_fast(file, text) for file, text in pending]
    slow = [i for i, result in enumerate(results) if result is None]
    batch = [pending[i] for i in slow]
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


def load(root: Path, folder: Path, cache_folder: Path | None = None) -> Repository:
    """Load every record file under ``folder``; paths in findings are relative to ``root``."""
    cache = ParseCache(cache_folder)
    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    parsed: dict[str, Any] = {}
    pending: list[tuple[str, str]] = []
    keys: dict[str, bytes] = {}
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the loader builds many small objects and no cycles
    try:
        prefix = _prefix(str(folder), str(root))
        for path, inside in discover(folder):
            rel = prefix + inside
            try:
                with open(path, "rb") as handle:
                    raw = handle.read()
                text = _decode(raw)
            except (OSError, UnicodeDecodeError) as exc:
                findings.append(problems.unreadable(rel, str(exc)))
                continue
            markdown = rel.endswith(".md")  # its body is read during validation: keep the text
            sources[rel] = Source(rel, path, 1 if markdown else 0, text if markdown else None)
            key = keys[rel] = digest(raw, os.path.splitext(path)[1])  # .md and .yaml parse differently
            hit = cache.get(key)
            if hit is None:
                pending.append((rel, text))
            else:
                parsed[rel] = hit
        results = _parse_all(pending, min(2, os.cpu_count() or 1))
        for (rel, _), result in zip(pending, results, strict=True):
            parsed[rel] = result
            cache.put(keys[rel], result)
        cache.save()
        entries = list(_validate(parsed, sources, findings))
    finally:
        if gc_was_enabled:
            gc.enable()
    entries = _drop_duplicates(entries, findings)
    return Repository(entries=entries, findings=findings, files=len(sources) + sum(
        1 for f in findings if f.rule == "file-unreadable"), sources=sources)


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
            _, problem, line, column = data
            findings.append(problems.yaml_syntax(rel, problem, line, column))
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
