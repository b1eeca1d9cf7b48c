"""Adding an approval entry edits the file as text: the new lines go in, in the file's own
layout, and every other byte stays as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.approvals.entry import EntryError, Span, approval_spans, insert, pin, remove
from checker.records import Approval

DIGEST = "sha256:" + "ab" * 32
APPROVAL = Approval(role="marketing-manager", person="p-wang-jun", date=dt.date(2026, 2, 19), digest=DIGEST,
                    note="同意，价格在授权范围内")
ADDED = ('- role: marketing-manager\n  person: p-wang-jun\n  date: 2026-02-19\n'
         f'  digest: {DIGEST}\n  note: "同意，价格在授权范围内"\n')

HEAD = """\
# 华新二期报价 — 框架协议价
kind: quote
id: QT-2026-007
owner: p-zhang-wei
customer: C-1      # 华新

lines:
- product: 激光位移传感器
  quantity: 24
  unit_price: 6800.00
total: 163200.00
"""
APPROVALS = """\
approvals:
# 张经理已口头同意
- role: management
  person: p-zhao-min
  date: 2026-02-18   # 总经理办公会
"""
TAIL = """\

# 发送后更新 status
status: sent
"""


def test_added_after_the_last_approval_and_nothing_else_changes() -> None:
    text = HEAD + APPROVALS + TAIL
    assert insert(text, "q.yaml", (), APPROVAL) == HEAD + APPROVALS + ADDED + TAIL


def test_indented_entries_get_the_same_indentation() -> None:
    approvals = "approvals:\n    - role: management\n      person: p-zhao-min\n      date: 2026-02-18\n"
    added = "".join("    " + line for line in ADDED.splitlines(keepends=True))
    text = HEAD + approvals + TAIL
    assert insert(text, "q.yaml", (), APPROVAL) == HEAD + approvals + added + TAIL


def test_a_record_without_approvals_gets_a_block_at_its_end() -> None:
    text = HEAD + TAIL
    assert insert(text, "q.yaml", (), APPROVAL) == HEAD + TAIL + "approvals:\n" + ADDED


def test_a_last_line_without_a_line_break_gets_one() -> None:
    text = (HEAD + APPROVALS).rstrip("\n")
    assert insert(text, "q.yaml", (), APPROVAL) == HEAD + APPROVALS + ADDED


@pytest.mark.parametrize("line", ["approvals: []", "approvals: []   # 待审批", "approvals:"])
def test_an_empty_approvals_line_becomes_the_blocks_key(line: str) -> None:
    text = HEAD + line + "\n" + TAIL
    comment = line[line.index(" #"):] if " #" in line else ""
    assert insert(text, "q.yaml", (), APPROVAL) == HEAD + "approvals:" + comment + "\n" + ADDED + TAIL


def test_windows_line_endings_and_a_byte_order_mark_are_kept() -> None:
    text = "\ufeff" + (HEAD + APPROVALS + TAIL).replace("\n", "\r\n")
    expected = "\ufeff" + (HEAD + APPROVALS + ADDED + TAIL).replace("\n", "\r\n")
    assert insert(text, "q.yaml", (), APPROVAL) == expected


def test_a_markdown_record_gets_it_in_its_front_matter() -> None:
    front = "kind: meeting\nid: MT-2026-W05\nowner: p-li-na\n"
    body = "---\n\n# 周会纪要\n\n- approvals: 不是字段\n"
    assert insert("---\n" + front + body, "m.md", (), APPROVAL) == "---\n" + front + "approvals:\n" + ADDED + body


def test_the_second_record_of_a_list_file() -> None:
    first = "- kind: customer\n  id: C-1\n  owner: p-zhang-wei\n"
    second = "- kind: customer\n  id: C-2\n  owner: p-zhang-wei\n  name: 东海\n"
    indented = "".join("  " + line for line in ("approvals:\n" + ADDED).splitlines(keepends=True))
    assert insert(first + second + "# end\n", "c.yaml", (1,), APPROVAL) == first + second + indented + "# end\n"


def test_replacing_a_stale_entry_puts_the_new_one_in_its_place() -> None:
    stale = "- role: marketing-manager\n  person: p-wang-jun\n  date: 2026-02-01\n  note: |\n    同意\n    多行\n"
    other = "- role: management\n  person: p-zhao-min\n  date: 2026-02-18\n"
    text = HEAD + "approvals:\n" + stale + other + TAIL
    assert insert(text, "q.yaml", (), APPROVAL, replace=0) == HEAD + "approvals:\n" + ADDED + other + TAIL


def test_a_note_is_quoted_so_it_reads_back_as_written() -> None:
    note = Approval(role="legal", person="p-liu-yang", date=dt.date(2026, 2, 19), note='a: "b" # c \\ d')
    assert 'note: "a: \\"b\\" # c \\\\ d"' in insert(HEAD, "q.yaml", (), note)


@pytest.mark.parametrize(("text", "says"), [
    (HEAD + "approvals: [{role: management, person: p-zhao-min, date: 2026-02-18}]\n", "on one line"),
    (HEAD + "approvals:\n-\n  role: management\n  person: p-zhao-min\n  date: 2026-02-18\n", "not laid out"),
    (HEAD + "approvals: none\n", "not a list"),
    ("kind: [\n", "not valid YAML"),
    (HEAD.replace("\n", "\r", 3), "lone CR"),
])
def test_layouts_it_cannot_extend_safely_are_refused(text: str, says: str) -> None:
    with pytest.raises(EntryError, match=says):
        insert(text, "q.yaml", (), APPROVAL)


def test_spans_cover_each_entry_from_its_first_to_its_last_line() -> None:
    text = HEAD + APPROVALS + ADDED + TAIL
    first = HEAD.count("\n") + 2  # 0-based: the line after "approvals:" and the comment
    assert approval_spans(text, ()) == [Span(first, first + 2), Span(first + 3, first + 7)]


def test_pin_adds_a_digest_line_to_an_entry_and_nothing_else() -> None:
    text = HEAD + APPROVALS + TAIL
    assert pin(text, "q.yaml", (), 0, DIGEST) == HEAD + APPROVALS + f"  digest: {DIGEST}\n" + TAIL


def test_pin_replaces_an_existing_digest_line() -> None:
    other = "sha256:" + "cd" * 32
    text = HEAD + APPROVALS + ADDED + TAIL
    assert pin(text, "q.yaml", (), 1, other) == HEAD + APPROVALS + ADDED.replace(DIGEST, other) + TAIL


def test_remove_takes_out_one_entry_and_nothing_else() -> None:
    text = HEAD + APPROVALS + ADDED + TAIL
    first = approval_spans(text, ())[0]
    lines = text.splitlines(True)
    assert remove(text, "q.yaml", (), 0) == "".join(lines[:first.first] + lines[first.last + 1:])


def test_removing_the_only_entry_removes_its_approvals_line_too() -> None:
    text = HEAD + "approvals:\n- role: legal\n  person: p-liu-yang\n  date: 2026-02-19\n" + TAIL
    assert remove(text, "q.yaml", (), 0) == HEAD + TAIL
