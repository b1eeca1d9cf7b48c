"""Validated records kept between checks, so a repeated check reads, parses and validates
only the files that changed.

Like git's index, the store remembers each record file's stat data (size, mtime, ctime,
inode) and the digest of its bytes. A file whose stat data is unchanged is not read
again, unless it was modified so shortly before the previous load began that one
timestamp could hide a second change ("racily clean", as git says): such a file's
entry is smudged when the index is written, so the next load reads it and compares
digests. What a file loaded to (its records and the findings reading it made) is kept
in one of ``BUCKETS`` files by its path, so an edit rewrites one small file.

Like the parse cache, the store can only speed a check up, never change its result:

- it lives in the cache folder outside the repository (``cache.default_folder``);
- every file name carries a fingerprint of the whole checker (parsing, record models,
  rules and reports) and its libraries, so nothing written by other code is read;
- every file carries a digest of its content, and stored records are read back with an
  unpickler that builds nothing but the checker's own record, finding and report
  classes and plain values (dates, decimals): no other code can run. An entry is used
  only when its shape is right and its digest is the one the index holds for the file.
  Anything else is ignored, with a notice, and written again.

The report of the last check is kept too, with the index generation it was made from:
when nothing under ``records/`` changed and the evaluation date is the same, a check
repeats it without loading a record. So is the output each format and language made
of it (``checker.repeat``), repeated without reading the report.
"""

from __future__ import annotations

import copyreg
import dataclasses
import enum
import hashlib
import io
import marshal
import operator
import os
import pickle
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker import __version__
from checker.construct import constructed

if TYPE_CHECKING:
    from pydantic import BaseModel

FORMAT = 2
BUCKETS = 64
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT keeps 2 s)
_MAGIC = b"handbook-store\n"
_DIGEST = 16
_CODE = Path(__file__).resolve().parent.parent  # the checker package
_PACKAGES = ("pydantic", "pydantic-core", "PyYAML", "yaml-rs")
_PLAIN = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"),
          ("datetime", "timezone"), ("decimal", "Decimal")}

SMUDGED = (-1, 0, 0, 0)  # the stat data an index entry gets when its file must be read next time

# rel -> (stat data (size, mtime_ns, ctime_ns, inode), digest, git blob id or "")
IndexEntry = tuple[tuple[int, int, int, int], bytes, str]


def code_fingerprint(files: Iterable[tuple[str, Path]], packages: Iterable[str]) -> str:
    """A short hash of the named files' contents, the packages' versions, the checker's
    version and Python's: what a stored result depends on."""
    h = hashlib.blake2b(digest_size=8)
    for name, path in files:
        h.update(name.encode() + b"\0" + path.read_bytes())
    for package in packages:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - all are dependencies
            h.update(package.encode())
    h.update(f"{__version__} {sys.version_info[:3]}".encode())
    return h.hexdigest()


@cache
def fingerprint() -> str:
    """Changes whenever any of the checker's code or data, a library it builds records
    with, or the Python version changes."""
    return code_fingerprint(((path.relative_to(_CODE).as_posix(), path) for path in sorted(_CODE.rglob("*"))
                             if path.suffix in (".py", ".yaml", ".j2") and "__pycache__" not in path.parts),
                            _PACKAGES)


def bucket_of(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % BUCKETS


# ----------------------------------------------------------------------------- pickling

_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}  # each model's fields in declaration order


def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    names = _FIELDS.get(model)
    if names is None:
        names = _FIELDS[model] = tuple(model.model_fields)
    return names


def _rebuild(model: type[BaseModel], values: tuple[Any, ...], fields_set: frozenset[str]) -> BaseModel:
    """A validated model as it was stored (written by ``_Pickler``), without validating it
    again (a value count that does not fit the model raises ValueError)."""
    names = _FIELDS[model]
    if len(values) != len(names):
        raise ValueError(f"{len(values)} values stored for the {len(names)} fields of {model.__name__}")
    return constructed(model, dict(zip(names, values, strict=False)), fields_set)  # counted above: faster than strict


_Reducer = Callable[["BaseModel"], Any]
_REDUCERS: dict[type[BaseModel], Callable[[dict[frozenset[str], frozenset[str]]], _Reducer]] = {}


def _reducer_for(model: type[BaseModel]) -> Callable[[dict[frozenset[str], frozenset[str]]], _Reducer]:
    """How ``_Pickler`` writes instances of ``model``, given the pickler's shared field-name sets."""
    names = _field_names(model)
    values: Callable[[dict[str, Any]], Any] = (
        operator.itemgetter(*names) if len(names) > 1 else lambda state: tuple(state[name] for name in names))

    def bind(shapes: dict[frozenset[str], frozenset[str]]) -> _Reducer:
        def reduce(obj: BaseModel) -> Any:
            state = obj.__dict__
            if len(state) != len(names) or obj.__pydantic_extra__ or obj.__pydantic_private__:
                return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # read back as damaged, loaded again
            try:
                stored = values(state)
            except KeyError:
                return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
            shape = frozenset(obj.__pydantic_fields_set__)
            return _rebuild, (model, stored, shapes.setdefault(shape, shape))
        return reduce
    return bind


def _models() -> list[type[BaseModel]]:
    """Every model class there is now."""
    from pydantic import BaseModel  # imported when records are written: reading the index needs none of it

    found: dict[type[BaseModel], None] = {}
    stack = [BaseModel]
    while stack:
        for subclass in stack.pop().__subclasses__():
            if subclass not in found:
                found[subclass] = None
                stack.append(subclass)
    return list(found)


class _Pickler(pickle.Pickler):
    """Models as their field values in declaration order (smaller and faster to read
    back than pydantic's own state, with one shared set of field names per shape).
    They are found by class in a dispatch table: dates, decimals and the checker's
    dataclasses are pickled as usual without a call into Python for each."""

    def __init__(self, out: io.BytesIO) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        shapes: dict[frozenset[str], frozenset[str]] = {}
        table: dict[type, Any] = dict(copyreg.dispatch_table)
        for model in _models():
            bind = _REDUCERS.get(model)
            if bind is None:
                bind = _REDUCERS[model] = _reducer_for(model)
            table[model] = bind(shapes)
        self.dispatch_table = table


def _allowed(module: str, name: str) -> Any:
    """The class or function a stored file may name: the checker's own models, dataclasses
    and enumerations, ``_rebuild``, and the plain value types; nothing else."""
    if (module, name) in _PLAIN:
        return getattr(sys.modules[module], name)
    if (module, name) == (__name__, "_rebuild"):
        return _rebuild
    if module == "checker" or module.startswith("checker."):
        found = getattr(sys.modules.get(module), name, None)
        if isinstance(found, type) and (issubclass(found, enum.Enum) or dataclasses.is_dataclass(found)):
            return found
        from pydantic import BaseModel  # only when the file holds records (a kept output holds none)

        if isinstance(found, type) and issubclass(found, BaseModel):
            _field_names(found)  # known before _rebuild needs it
            return found
    raise pickle.UnpicklingError(f"{module}.{name} may not be read from the store")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        return _allowed(module, name)


def dumps(value: Any) -> bytes:
    """``value`` pickled, behind a header holding the digest of the rest."""
    out = io.BytesIO()
    out.write(_MAGIC + bytes(_DIGEST))  # the digest's place, filled in once the rest is written
    _Pickler(out).dump(value)
    start = len(_MAGIC)
    with out.getbuffer() as view:  # in place: a large report is not copied twice more
        view[start:start + _DIGEST] = hashlib.blake2b(view[start + _DIGEST:], digest_size=_DIGEST).digest()
    return out.getvalue()


def loads(data: bytes) -> Any:
    """What ``dumps`` wrote; raise ValueError when the data is not intact or names
    anything but the allowed classes."""
    head = len(_MAGIC) + _DIGEST
    body = memoryview(data)[head:]
    if data[:len(_MAGIC)] != _MAGIC or hashlib.blake2b(body, digest_size=_DIGEST).digest() != data[len(_MAGIC):head]:
        raise ValueError("damaged")
    try:
        return _Unpickler(io.BytesIO(body)).load()
    except Exception as exc:  # whatever a damaged pickle raises, it is only a damaged file here
        raise ValueError(str(exc)) from exc


# ----------------------------------------------------------------------------- the store

@dataclass
class Index:
    """The stat data and digest of every record file at the last load, in listing order,
    and the entries that were not read as records (``skipped``: path and why)."""

    files: dict[str, IndexEntry] = field(default_factory=dict)
    skipped: tuple[tuple[str, str], ...] = ()
    limit: int = 0
    generation: bytes = b""  # changes whenever a file's content or the listing changes


@dataclass(frozen=True)
class Kept:
    """A check's output as written: the text, the exit code and the notices about the
    records (not the cache) it wrote on standard error."""

    text: str
    exit_code: int
    notices: tuple[str, ...] = ()


class Store:
    """The files of the store in ``folder`` (see the module docs). What a file loaded to
    is opaque here: the loader passes ``valid`` to check each stored value's shape."""

    def __init__(self, folder: Path, warn: Callable[[str], None]) -> None:
        self.folder = folder
        self._warn = warn
        self._prefix = f"store-{fingerprint()}"
        self._buckets: dict[int, dict[str, Any]] | None = None
        self._all: dict[str, Any] = {}
        self._dirty: set[int] = set()
        self.generation = b""  # of the index the last load wrote or found current
        self.current: Index | None = None  # the index as last read or written

    def _path(self, name: str) -> Path:
        return self.folder / f"{self._prefix}-{name}"

    def _read(self, name: str) -> bytes | None:
        try:
            return self._path(name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._warn(f"cannot read the record store ({exc.strerror}); loading the files again: {self._path(name)}")
            return None

    def _write(self, name: str, data: bytes) -> None:
        try:
            write_atomically(self._path(name), data, ".store-")
        except (OSError, ValueError) as exc:
            self._warn(f"cannot write the record store ({exc}): {self._path(name)}")

    # -- the index

    def index(self) -> Index:
        raw = self._read("index.marshal")
        if raw is None:
            return Index()
        try:
            loaded = marshal.loads(raw)
            index = Index(**loaded["index"]) if loaded.get("format") == FORMAT else None
        except (EOFError, ValueError, TypeError, KeyError, AttributeError):
            index = None
        if index is None or not self._index_ok(index):
            self._warn(f"the record store's index is damaged; loading every file again: {self._path('index.marshal')}")
            return Index()
        self.current = index
        return index

    @staticmethod
    def _index_ok(index: Index) -> bool:
        """Every field and entry has the type the loader writes (checked a column at a time:
        the index of 100,000 files is read on every check)."""
        if (type(index.files) is not dict or type(index.skipped) is not tuple or type(index.limit) is not int
                or type(index.generation) is not bytes):
            return False
        entries = list(index.files.values())
        if not _all_of(index.files, str) or not _all_of(entries, tuple) or set(map(len, entries)) - {3}:
            return False
        stats, digests, blobs = zip(*entries, strict=True) if entries else ((), (), ())
        if not _all_of(stats, tuple) or set(map(len, stats)) - {4} or not _all_of(chain.from_iterable(stats), int):
            return False
        if not _all_of(digests, bytes) or not _all_of(blobs, str):
            return False
        return (_all_of(index.skipped, tuple) and not set(map(len, index.skipped)) - {2}
                and _all_of(chain.from_iterable(index.skipped), str))

    def save_index(self, index: Index, started_ns: int) -> None:
        """Write ``index``, smudging the entries of files changed too shortly before
        ``started_ns`` (when this load began) for their timestamps to prove them unchanged."""
        racy_from = started_ns - RACY_NS
        entries = {rel: (SMUDGED, *entry[1:]) if max(entry[0][1], entry[0][2]) >= racy_from else entry
                   for rel, entry in index.files.items()}
        data = {"format": FORMAT, "index": {"files": entries, "skipped": index.skipped, "limit": index.limit,
                                            "generation": index.generation}}
        self._write("index.marshal", marshal.dumps(data))
        self.current = dataclasses.replace(index, files=entries)

    # -- what files loaded to

    def results(self, valid: Callable[[Any], bool]) -> dict[str, Any]:
        """What every stored file loaded to, by path (read once). A bucket that is damaged
        or holds a value ``valid`` refuses is ignored, with a notice, and written again."""
        if self._buckets is not None:
            return self._all
        self._buckets = {}
        for number in range(BUCKETS):
            name = f"{number:02x}.pickle"
            raw = self._read(name)
            found: dict[str, Any] = {}
            if raw is not None:
                try:
                    value = loads(raw)
                    if type(value) is not dict or not all(type(k) is str and valid(v) for k, v in value.items()):
                        raise ValueError("malformed")
                    found = value
                except ValueError:
                    self._warn(f"the record store holds a damaged file; its records are loaded again: "
                               f"{self._path(name)}")
                    self._dirty.add(number)
            self._buckets[number] = found
            self._all.update(found)
        return self._all

    def release(self) -> None:
        """Let go of what the files loaded to (it stays on disk): read again if asked for."""
        self._buckets, self._all = None, {}

    def put(self, rel: str, value: Any) -> None:
        assert self._buckets is not None, "results() first"
        number = bucket_of(rel)
        self._buckets[number][rel] = self._all[rel] = value
        self._dirty.add(number)

    def forget(self, rel: str) -> None:
        """Drop a file's stored result (it is gone, or could not be read)."""
        assert self._buckets is not None, "results() first"
        if rel in self._all:
            number = bucket_of(rel)
            del self._all[rel], self._buckets[number][rel]
            self._dirty.add(number)

    def put_written(self, number: int, results: dict[str, Any], data: bytes) -> None:
        """A whole bucket made elsewhere (a worker process) and already pickled by ``dumps``:
        written as it is."""
        assert self._buckets is not None, "results() first"
        for rel in self._buckets[number]:
            self._all.pop(rel, None)
        self._buckets[number] = results
        self._all.update(results)
        self._write(f"{number:02x}.pickle", data)
        self._dirty.discard(number)

    def save_buckets(self) -> None:
        """Write the buckets that changed."""
        if self._buckets is None:
            return
        for number in sorted(self._dirty):
            self._write(f"{number:02x}.pickle", dumps(self._buckets[number]))
        self._dirty.clear()

    # -- what a check keeps: its report, the base's evaluation, its outputs

    def _kept(self, name: str, shape_ok: Callable[[Any], bool], damaged: str) -> Any | None:
        """What ``_keep`` wrote as ``name``, if anything and ``shape_ok`` accepts it; a file
        that is damaged or of another shape is warned about (``damaged``) and ignored."""
        raw = self._read(name)
        if raw is None:
            return None
        try:
            value = loads(raw)
            if not shape_ok(value):
                raise ValueError("malformed")
        except (ValueError, TypeError):
            self._warn(f"{damaged}: {self._path(name)}")
            return None
        return value

    def _keep(self, name: str, value: Any) -> None:
        try:
            data = dumps(value)
        except (pickle.PicklingError, TypeError, AttributeError):  # a field that does not keep
            return
        self._write(name, data)

    def report(self, generation: bytes, key: tuple[Any, ...]) -> Any | None:
        """The report stored for index ``generation`` and ``key`` (date, settings), if any."""
        if not generation:
            return None
        stored = self._kept("report.pickle", _tuple_of(3), "the stored report is damaged; checking again")
        return stored[2] if stored is not None and stored[:2] == (generation, key) else None

    def save_report(self, generation: bytes, key: tuple[Any, ...], report: Any) -> None:
        self._keep("report.pickle", (generation, key, report))

    def base(self, key: tuple[Any, ...], valid: Callable[[Any], bool]) -> Any | None:
        """The evaluation of a base revision (``check --base``) kept for ``key`` (its tree,
        date and settings), if any and ``valid`` accepts it."""
        stored = self._kept("base.pickle", lambda value: _tuple_of(2)(value) and valid(value[1]),
                            "the kept evaluation of the base is damaged; evaluating it again")
        return stored[1] if stored is not None and stored[0] == key else None

    def save_base(self, key: tuple[Any, ...], value: Any) -> None:
        self._keep("base.pickle", (key, value))

    def output(self, key: tuple[Any, ...], variant: tuple[str, ...]) -> tuple[bytes, Kept] | None:
        """The output kept for ``key`` rendered as ``variant`` (format, language...), if
        any, with the digest of the records folder's listing its report was made from."""
        stored = self._kept(self._output_name(variant), _kept_output_ok, "a kept output is damaged; checking again")
        return (stored[0], stored[3]) if stored is not None and stored[1:3] == (key, variant) else None

    def save_output(self, listing: bytes, key: tuple[Any, ...], variant: tuple[str, ...], kept: Kept) -> None:
        self._keep(self._output_name(variant), (listing, key, variant, kept))

    @staticmethod
    def _output_name(variant: tuple[str, ...]) -> str:
        return f"output-{hashlib.blake2b(repr(variant).encode(), digest_size=8).hexdigest()}.pickle"


def _tuple_of(length: int) -> Callable[[Any], bool]:
    return lambda value: type(value) is tuple and len(value) == length


def _kept_output_ok(stored: Any) -> bool:
    """Whether a kept output has the shape ``save_output`` writes."""
    return (_tuple_of(4)(stored) and type(stored[0]) is bytes and type(stored[3]) is Kept
            and type(stored[3].text) is str and type(stored[3].exit_code) is int
            and type(stored[3].notices) is tuple and _all_of(stored[3].notices, str))


def _all_of(values: Iterable[Any], kind: type) -> bool:
    """Whether every value is exactly of type ``kind`` (not a subclass, as marshal writes them)."""
    return not set(map(type, values)) - {kind}


def write_atomically(path: Path, data: bytes, prefix: str) -> None:
    """Write ``data`` to ``path`` through a temporary file (named ``prefix``...) beside it, so
    a reader never sees half a file; raise OSError (or ValueError) when it cannot be written,
    leaving no temporary file behind."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        temp = None
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def new_generation() -> bytes:
    return hashlib.blake2b(f"{time.time_ns()} {os.getpid()}".encode() + os.urandom(8), digest_size=8).digest()
