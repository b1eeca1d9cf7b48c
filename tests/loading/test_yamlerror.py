"""YAML syntax errors where the fix goes, in the reader's language: each common mistake is
sorted into its kind, pointed at the place that opened it, and worded in Chinese with no
parser English in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.loading import problems
from checker.loading.repository import load
from checker.loading.yamlerror import YamlError, reason
from checker.loading.yamltext import parse_text

QUOTE = ("kind: quote\nid: QT-1\nowner: p-li-na\ncustomer: C-1\nsent: 2026-01-05\nstatus: sent\n"
         'note: "还没有写完\nlines:\n  - product: A\n')


def _error(text: str) -> YamlError:
    with pytest.raises(YamlError) as raised:
        parse_text(text)
    return raised.value


def _english_words(text: str) -> list[str]:
    """ASCII words in a Chinese message, less the names YAML and Tab (the key's name)."""
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ("YAML", "Tab")]


# (case, text, kind, line, column, words the Chinese message holds)
CASES = [
    ("unclosed double quote, opened on line 7", QUOTE, "unclosed-quote", 7, 7, "引号没有闭合"),
    ("unclosed single quote", "a: 'open\nb: c\n", "unclosed-quote", 1, 4, "引号没有闭合"),
    ("tab before a list item", "kind: quote\nlines:\n\t- a\n", "tab", 3, 1, "制表符"),
    ("tab before a field", "kind: quote\n\tid: x\n", "tab", 2, 1, "制表符"),
    ("no space after a colon", "kind: quote\nid:QT-1\nowner: x\n", "no-space-after-colon", 2, 3, "冒号后面缺少空格"),
    ("no space after the first colon", "kind:quote\nid: x\n", "no-space-after-colon", 1, 5, "冒号后面缺少空格"),
    ("full-width colon", "kind：quote\nid: x\n", "full-width-colon", 1, 5, "全角冒号"),
    ("colon and space inside a value", "kind: visit\nnote: 时间: 14:30\n", "colon-in-value", 2, 9, "冒号加空格"),
    ("unclosed bracket", "kind: quote\nroles: [a, b\nid: x\n", "unclosed-bracket", 2, 8, "方括号 [ 没有闭合"),
    ("unclosed brace", "kind: quote\nwithin: {days: 3\nid: x\n", "unclosed-brace", 2, 9, "花括号 { 没有闭合"),
    ("duplicate key", "kind: quote\nid: a\nid: b\n", "duplicate-key", 3, 1, "字段 id 写了两次"),
    ("field indented too far", "kind: quote\n  id: x\n", "indentation", 2, 5, "缩进不对"),
    ("list field out of line", "lines:\n  - product: a\n   quantity: 1\n", "indentation", 3, 4, "缩进不对"),
    ("list item among fields", "kind: quote\nid: x\n- a\n", "item-in-mapping", 3, 1, "列表项"),
    ("text after a closing quote", 'kind: quote\nname: "abc" def\n', "text-after-quote", 2, 13, "引号结束后"),
    ("comment glued to a quote", 'name: "值"# 注释\n', "glued-comment", 1, 10, "# 前缺少空格"),
    ("a value starting with @", "owner: @张伟\n", "reserved-character", 1, 8, "不能以 @ 开头"),
    ("a line that is not a field", "note: |\nb\n", "not-a-field", 2, 1, "既不是"),
    ("a second document", "a: 1\n---\nb: 2\n", "second-document", 2, 1, "第二个"),
    ("a backslash in double quotes", 'path: "C:\\q"\n', "bad-escape", 1, 10, "反斜杠 \\q"),
]


@pytest.mark.parametrize(("text", "kind", "line", "column", "words"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_common_mistake_is_named_at_the_place_to_fix(text: str, kind: str, line: int, column: int,
                                                          words: str) -> None:
    error = _error(text)
    assert (reason(error.problem), error.line, error.column) == (kind, line, column)
    finding = problems.unparsable("x.yaml", error.code, error.problem, error.line, error.column)
    assert words in finding.message.zh
    assert _english_words(finding.message.zh.replace("id", "").replace("@", "")) == [], finding.message.zh
    assert _english_words(finding.fix.zh.replace("id: QT-2026-001", "").replace("note", "")) == [], finding.fix.zh
    assert finding.message.en.startswith("YAML syntax error: ") and finding.fix.en


def test_the_unclosed_quote_is_reported_where_it_opens_in_chinese(tmp_path: Path) -> None:
    """The file has 9 lines; the parser gives up past its end (10:1) but says line 7 itself."""
    records = tmp_path / "records"
    records.mkdir()
    (records / "QT-1.yaml").write_text(QUOTE, encoding="utf-8")
    [finding] = load(tmp_path, records).findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 7, 7)
    assert finding.message.zh == ("YAML 格式错误：这里开始的引号没有闭合，后面直到文件末尾的内容都被当成了同一段文字。")
    assert "scanning" not in finding.message.zh and "stream" not in finding.message.zh
    assert "never closed" in finding.message.en


def test_a_tab_says_tab_in_both_languages() -> None:
    error = _error("kind: quote\nlines:\n\t- a\n")
    finding = problems.unparsable("x.yaml", error.code, error.problem, error.line, error.column)
    assert "Tab" in finding.message.zh and "tab" in finding.message.en
    assert "cannot start any token" not in finding.message.en


def test_a_problem_of_no_known_kind_keeps_the_parsers_words_out_of_chinese() -> None:
    finding = problems.yaml_syntax("x.yaml", "while parsing something odd found something else", 3, 1)
    assert finding.message.zh == "YAML 格式错误，文件无法读取。"
    assert "something odd" in finding.message.en


def test_the_place_in_a_markdown_record_is_the_files_line(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "m.md").write_text("---\nkind: meeting\nnote: '开会\n---\n正文\n", encoding="utf-8")
    [finding] = load(tmp_path, records).findings
    assert (finding.line, finding.column) == (3, 7)
