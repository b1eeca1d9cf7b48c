"""Property tests: whatever bytes or YAML-shaped text a file holds, the loader gives
records or findings, never an exception, and the cache never changes the outcome."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.loading.repository import load
from checker.loading.yamlerror import YamlError
from checker.loading.yamltext import parse_exact, parse_fast, parse_text

_TOKENS = ["kind: ", "customer", "visit", "id: ", "C-1", "- ", "  ", "\n", ": ", "[", "]", "{", "}", ",",
           "'", '"', "#", "&a ", "*a", "!!str ", "|", ">", "? ", "---", "...", "\t", "\r", "\x00", "\u2028",
           "2026-03-01", "12.50", "no", "~", "名称", "华新", "\ufeff", "%YAML 1.2", "\\"]
yamlish = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _outcome(folder: Path, cache: Path | None) -> tuple[list[str], list[tuple[str, str, int | None]]]:
    repository = load(folder.parent, folder, cache)
    return ([e.record.id for e in repository.entries],
            [(f.file, f.rule, f.line) for f in repository.findings])


@_SETTINGS
@given(text=yamlish)
def test_parse_text_returns_data_or_raises_yaml_error(text: str) -> None:
    try:
        parse_text(text)
    except YamlError as error:
        assert error.code in ("yaml-syntax", "yaml-alias", "yaml-too-deep", "control-character")


_NUMBERS = ["12", "12.50", "0571", "true", "FALSE", "0x1F", "0o7", "1e3", ".inf", "-3", "+1", ".5", "a: ", "b: ",
            "  - ", " #c", "- ", "\n", "  ", ": ", "[", "]", "'", '"', "|", "名称", "x", "!!int "]
numberish = st.lists(st.sampled_from(_NUMBERS), max_size=30).map("".join)


def _scalars(value: object) -> list[object]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _scalars(v)]
    if isinstance(value, list):
        return [s for v in value for s in _scalars(v)]
    return [value]


@_SETTINGS
@given(text=numberish)
def test_numbers_read_by_the_fast_parser_are_what_the_exact_parser_reads(text: str) -> None:
    fast = parse_fast(text)
    if fast is None or isinstance(fast, YamlError):
        return
    assert all(s is None or isinstance(s, str) for s in _scalars(fast))
    try:
        exact = parse_exact(text)
    except YamlError:
        return  # the exact parser is stricter here; the fast parser's reading is still as written
    assert fast == exact


@_SETTINGS
@given(data=st.binary(max_size=300) | yamlish.map(lambda t: t.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from([".yaml", ".md"]))
def test_any_file_gives_records_or_findings_alike_with_and_without_cache(tmp_path: Path, data: bytes,
                                                                          suffix: str) -> None:
    folder = tmp_path / "records"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / f"f{suffix}").write_bytes(data)
    cache = tmp_path / "cache"
    cold = _outcome(folder, None)
    assert _outcome(folder, cache) == cold
    assert _outcome(folder, cache) == cold  # from the cache
    for _, _, line in cold[1]:
        assert line is None or line >= 1
