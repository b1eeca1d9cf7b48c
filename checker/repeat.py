"""A repeated ``handbook check`` when nothing it depends on changed: the output of the
last check, written again byte for byte with its exit code, without loading a record,
reading the record store, importing the rules or the output formats, or rendering.

An output is kept (``Store.save_output``) with what its report was made from: the
digest of the records folder's listing as the record store's index had it (each record
file's path and stat data, and the entries that are not read), the report key
(evaluation date, settings, CODEOWNERS), for ``--base`` what the comparison rests on (the
merge base, its records tree and settings file, the files the change touches) and the
variant (format, language, colour, which errors fail). It is repeated only when the folder lists the same today, as git
trusts its index: a file changed too shortly before the index was written for its stat
data to tell has none there, so a listing with it never matches. Any doubt, and the full
check runs: it reads what changed, and keeps its output again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from operator import itemgetter

from checker.loading import files
from checker.loading.cache import default_folder
from checker.loading.gitsource import GitError, changed_paths, merge_base, object_ids
from checker.loading.store import Index, Kept, Store
from checker.settings import CODEOWNERS, Settings

Variant = tuple[str, ...]  # what an output's bytes depend on besides its report

_by_path = itemgetter(0)
_CHUNK = 4096  # lines hashed at a time


def report_key(settings: Settings, when: date) -> tuple[str, ...] | None:
    """What a report depends on besides the records and the checker's code: the date, the
    settings and CODEOWNERS (checker.approvals.checks). None when it depends on git too
    (approvals verified against commits): such a report is never kept."""
    if settings.approvals != "text":
        return None
    try:
        stat = (settings.root / CODEOWNERS).lstat()
        seen = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_ino}"
    except OSError:
        seen = "none"
    return (when.isoformat(), repr(settings), seen)


def listing_digest(records: list[tuple[str, files.Stat | None]], skipped: list[tuple[str, str]],
                   limit: int) -> bytes:
    """A digest of record files with their stat data and the entries not read, in any order."""
    digest = hashlib.blake2b(f"{len(records)} {len(skipped)} {limit}\n".encode(), digest_size=16)
    for entries in (sorted(records, key=_by_path), sorted(skipped)):
        for start in range(0, len(entries), _CHUNK):  # never the whole listing as one text (100,000 files: 10 MB)
            digest.update("".join([f"{rel}\0{value}\n" for rel, value in entries[start:start + _CHUNK]]).encode(
                "utf-8", "surrogateescape"))
    return digest.digest()


def _index_digest(index: Index) -> bytes:
    return listing_digest([(rel, entry[0]) for rel, entry in index.files.items()], list(index.skipped), index.limit)


def comparison_key(settings: Settings, revision: str) -> tuple[str, ...] | None:
    """What a comparison with ``revision`` rests on besides the working tree's records:
    where the branch left it, the records tree and settings file there, and the files the
    change touches (which also follow the ignore rules); None when git cannot tell."""
    folder = settings.records.relative_to(settings.root).as_posix()
    try:
        commit = merge_base(settings.root, revision)
        ids = object_ids(settings.root, commit, folder, "pyproject.toml")
        touched = changed_paths(settings.root, commit, folder)
    except GitError:
        return None
    return None if ids is None else (commit, *ids, *sorted(touched))


def kept_output(settings: Settings, when: date, variant: Variant, comparison: tuple[str, ...],
                warn: Callable[[str], None]) -> tuple[Kept | None, files.Walk | None]:
    """The output a check of ``settings`` as of ``when`` (compared as ``comparison`` says,
    () without --base) rendered as ``variant`` would give, when it is kept and nothing
    changed since; else None (``warn`` hears of a damaged output, which the full check
    writes again). With it, the walk of the records folder made to find out, if one was:
    the full check uses it rather than walking again."""
    key = report_key(settings, when)
    cache_folder = default_folder(settings.root)
    kept = Store(cache_folder, warn).output((*key, *comparison), variant) if key and cache_folder else None
    if kept is None:
        return None, None  # the records folder is not even listed
    folder = str(settings.records)
    walked = files.walk(folder, with_stat=True)
    records, skipped = files.stat_listing(walked, files.relative_prefix(folder, str(settings.root)))
    same = listing_digest(records, list(skipped), settings.max_file_kib * 1024) == kept[0]
    return (kept[1] if same else None), walked


def keep_output(store: Store | None, key: tuple[str, ...] | None, variant: Variant, kept: Kept) -> None:
    """Keep an output rendered from the report on the records ``store`` last took part in
    loading (or found unchanged), for ``kept_output``; ``key`` is the report key and the
    comparison's."""
    if store is None or key is None or not store.generation:
        return
    index = store.current
    if index is None or index.generation != store.generation or not index.files:
        return
    store.save_output(_index_digest(index), key, variant, kept)
