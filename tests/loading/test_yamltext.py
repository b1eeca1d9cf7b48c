"""Text-preserving YAML: scalars stay as written; both parse paths agree."""

from __future__ import annotations

import pytest

from checker.loading import yamltext
from checker.loading.yamlerror import YamlError
from checker.loading.yamltext import parse_exact, parse_fast, parse_text

CORPUS = [
    "a: x\n",
    "a: no\nb: on\nc: off\nd: yes\ne: y\nf: n\n",
    "a: true\nb: false\nc: True\n",
    "phone: 0571-8888\nphone2: 05718888\n",
    "a: 1:30\n",
    "m: 12.50\nn: 0.10\nbig: 12345678901234.56\n",
    "a: 2026-03-01\nb: 2026-03-01T10:00\n",
    "a: 0x1F\nb: 0o17\nc: 1e3\nd: +12\ne: .inf\nf: .nan\n",
    "a:\nb: ~\nc: null\nd: Null\ne: NULL\n",
    "a: ''\nb: \"\"\nc: 'null'\nd: \"~\"\n",
    "a: |\n  line one\n  line two\n",
    "a: >-\n  folded\n  text\n",
    "a: \"x\\ny\"\nb: 'it''s'\n",
    "list: [1, 2.5, no]\nmap: {k: 07, j: on}\n",
    "items:\n  - name: one\n    n: 1\n  - name: two\n    n: 002\n",
    "- kind: x\n  id: 1\n- kind: y\n  id: 2\n",
    "- a\n- b\n",
    "名称: 华新机电\n金额: 186000.00\n",
    "a: b # a comment\n# only a comment\n",
    "a: !!int 5\nb: !!float 1\n",
    "'01': x\n2: y\n",
    "a: [  ]\nb: {  }\n",
    "",
    "# nothing but a comment\n",
    "plain\n",
    "12.50\n",
    "a: b\n...\n",
]


@pytest.mark.parametrize("text", CORPUS, ids=range(len(CORPUS)))
def test_both_paths_agree(text: str) -> None:
    assert parse_text(text) == parse_exact(text)


@pytest.mark.parametrize("text", CORPUS, ids=range(len(CORPUS)))
def test_every_scalar_is_text_or_none(text: str) -> None:
    stack = [parse_text(text)]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            assert all(isinstance(k, str) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            assert item is None or isinstance(item, str), repr(item)


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
def test_boolean_like_words_stay_text(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("a: no\nb: on\nc: off\nd: yes\ne: true\n") == {
        "a": "no", "b": "on", "c": "off", "d": "yes", "e": "true"}


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
def test_phone_numbers_keep_leading_zero(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("p: 0571-8888\nq: 05718888\nr: 007\n") == {
        "p": "0571-8888", "q": "05718888", "r": "007"}


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
def test_sexagesimal_is_not_a_number(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("t: 1:30\n") == {"t": "1:30"}


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
def test_money_text_is_exact(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("a: 12.50\nb: 0.10\nc: 12345678901234.56\n") == {
        "a": "12.50", "b": "0.10", "c": "12345678901234.56"}


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
def test_nulls(parse) -> None:  # type: ignore[no-untyped-def]
    assert parse("a:\nb: ~\nc: null\nd: 'null'\ne: ''\n") == {
        "a": None, "b": None, "c": None, "d": "null", "e": ""}


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
@pytest.mark.parametrize("text", ["a: x\na: y\n", "a: 1\nb: 2\na: 3\n", "a: x\nb:\n  c: 1\n  c: 2\n",
                                  "- k: 1\n  k: 2\n"])
def test_duplicate_keys_are_errors(parse, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(YamlError) as info:
        parse(text)
    assert "duplicate" in info.value.problem
    assert info.value.line is not None and info.value.line >= 2


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
@pytest.mark.parametrize(("text", "line"), [
    ("a: [1, 2\nb: c\n", 1),          # unclosed bracket: where it opens, not the next line
    ("a:\n  b: 1\n c: 2\n", 3),       # bad indentation
    ("a:\n\tb: 1\n", 2),              # tab indentation
    ("a: 'open\nb: c\n", 1),          # unclosed quote: where it opens, not the end of the stream
    ("a: x\n---\nb: y\n", 2),         # two documents
])
def test_syntax_errors_have_a_position(parse, text: str, line: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(YamlError) as info:
        parse(text)
    assert info.value.line == line
    assert info.value.column is not None and info.value.column >= 1
    assert info.value.problem


@pytest.mark.parametrize("text", ["a: !!str ~\n", "a: !!str null\n", "a: !!str\n"])
def test_explicit_str_tag_agrees(text: str) -> None:
    assert parse_text(text) == parse_exact(text)


def test_byte_order_mark_agrees() -> None:
    assert parse_text("\ufeffa: x\n") == parse_exact("\ufeffa: x\n") == {"a": "x"}


@pytest.mark.parametrize("parse", [parse_text, parse_exact])
def test_complex_key_is_a_yaml_error(parse) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(YamlError):
        parse("? [a, b]\n: c\n")


def test_anchors_are_refused_before_either_parser_runs() -> None:
    with pytest.raises(YamlError) as raised:
        parse_text("a: &anchor {x: 1}\nb: *anchor\n")
    assert (raised.value.code, raised.value.line, raised.value.column) == ("yaml-alias", 1, 4)


def test_text_the_fast_parser_rejects_is_an_error_though_the_exact_parser_reads_it() -> None:
    text = 'kind: customer\nname: "value"# comment\n'
    assert parse_exact(text) == {"kind": "customer", "name": "value"}  # PyYAML is lenient here
    with pytest.raises(YamlError) as raised:
        parse_text(text)
    assert (raised.value.code, raised.value.line, raised.value.column) == ("yaml-syntax", 2, 14)
    assert raised.value.problem == "comments must be separated from other tokens by whitespace"


def test_text_both_parsers_reject_is_worded_by_the_exact_parser() -> None:
    with pytest.raises(YamlError) as raised:
        parse_text("a: [1\nb: 2\n")
    assert raised.value.problem.startswith("while parsing a flow sequence")


@pytest.mark.parametrize("text", [
    "amount: 12.50\nphone: 05718888\nteam: true\nnote: x\n",
    "lines:\n  - product: 传感器\n    quantity: 12\n    unit_price: 100.00  # a comment\n  - 7\n",
    "a: 0x1F\nb: 0o17\nc: 1e3\nd: +12\ne: .inf\nf: .5\ng: FALSE\n",
    "\ufeffamount: 1280.00\n",
    "summary: |\n  amount: 5.0\namount: 5.00\n",  # the same key inside a block of text first
])
def test_numbers_are_read_as_written_without_the_exact_parser(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = parse_exact(text.removeprefix("\ufeff"))

    def refuse(text: str) -> None:
        raise AssertionError("the exact parser ran")

    monkeypatch.setattr(yamltext, "parse_exact", refuse)
    if "summary" in text:  # not provable on its lines: the exact parser must read it
        with pytest.raises(AssertionError):
            parse_text(text)
        return
    assert parse_text(text) == expected


@pytest.mark.parametrize("text", [
    "list: [1, 2.5]\n",                     # in a flow list
    "2: y\n",                              # a key that is a number
    "a: !!int 5\n",                         # a tag
    "a: 5\n  more\n",                       # continued on the next line
    "note: 'x: 12'\nx: 12\n",               # found inside quotes first
    "- 1\n- 2\n",                           # a list at the top
])
def test_numbers_that_cannot_be_found_on_their_line_go_to_the_exact_parser(text: str) -> None:
    try:
        expected = parse_exact(text)
    except YamlError:
        return
    assert parse_fast(text) is None or parse_fast(text) == expected
    assert parse_text(text) == expected
