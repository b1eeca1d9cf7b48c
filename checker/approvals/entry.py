"""Where approval entries sit in a record file, and adding one without touching the rest.

``handbook approve`` edits the file as text: it inserts the new entry's lines after the
last approval (or an ``approvals:`` block at the end of the record when there is none)
in the indentation the file already uses, and leaves every other byte as it was:
comments, blank lines, key order, quoting, line endings. Replacing one's own stale
approval removes that entry's lines and puts the new ones in their place. The edited
text is then read back and must hold the same record with exactly one approval more
(or the stale one replaced); anything else is refused and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from checker.findings import FieldPath
from checker.records import Approval

try:
    _Composer: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    _Composer = yaml.BaseLoader


class EntryError(Exception):
    """The file cannot be edited safely as asked."""


def yaml_part(file: str, text: str) -> tuple[str, int]:
    """The YAML of a record file and the line it starts on (0-based): a Markdown record
    keeps it in front matter, from the file's second line."""
    if not file.endswith(".md"):
        return text, 0
    if not text.startswith("---"):
        raise EntryError(f"{file}: a Markdown record starts with front matter between --- lines")
    end = text.find("\n---", 3)
    if end == -1:
        raise EntryError(f"{file}: the front matter has no closing --- line")
    return text[text.index("\n") + 1:end + 1], 1


def _compose(yaml_text: str) -> yaml.Node:
    try:
        node = yaml.compose(yaml_text, Loader=_Composer)
    except yaml.YAMLError as exc:
        raise EntryError(f"the file is not valid YAML ({exc})") from exc
    if node is None:
        raise EntryError("the file holds no record")
    return node


def _record_node(root: yaml.Node, record_path: FieldPath) -> yaml.MappingNode:
    node = root
    for step in record_path:
        if not isinstance(node, yaml.SequenceNode) or not isinstance(step, int) or step >= len(node.value):
            raise EntryError("the record is not where the loader found it")
        node = node.value[step]
    if not isinstance(node, yaml.MappingNode):
        raise EntryError("the record is not a mapping of fields")
    return node


def _value(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def last_line(node: yaml.Node) -> int:
    """The 0-based line holding the last character of ``node``'s own text."""
    if isinstance(node, yaml.MappingNode) and node.value and node.flow_style is not True:
        return last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is not True:
        return last_line(node.value[-1])
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:  # a block scalar ends at the next line's start
        return int(end.line) - 1
    return int(end.line)


@dataclass(frozen=True)
class Span:
    """Lines of one approval entry, 0-based, ``first`` to ``last`` inclusive, in the YAML text."""

    first: int
    last: int


def approval_spans(yaml_text: str, record_path: FieldPath) -> list[Span]:
    """The lines of each approval entry of the record at ``record_path``, in order."""
    record = _record_node(_compose(yaml_text), record_path)
    found = _value(record, "approvals")
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return []
    spans = []
    for item in found[1].value:
        first = int(item.start_mark.line)
        spans.append(Span(first, max(first, last_line(item))))
    return spans


def _entries(text: str, file: str, record_path: FieldPath,
             index: int) -> tuple[str, str, str, int, tuple[yaml.Node, yaml.SequenceNode]]:
    """``text``'s byte order mark, the rest, its YAML part and the line that starts on, and
    the ``approvals`` key and list of the record at ``record_path``, which has entry ``index``."""
    body = text.lstrip("\ufeff")
    bom = text[:len(text) - len(body)]
    yaml_text, offset = yaml_part(file, body.replace("\r\n", "\n"))
    record = _record_node(_compose(yaml_text), record_path)
    found = _value(record, "approvals")
    if found is None or not isinstance(found[1], yaml.SequenceNode) or index >= len(found[1].value):
        raise EntryError(f"{file}: no approval entry {index + 1}")
    return bom, body, yaml_text, offset, (found[0], found[1])


def pin(text: str, file: str, record_path: FieldPath, index: int, digest: str) -> str:
    """``text`` with the approval entry number ``index`` of the record at ``record_path``
    pinned to ``digest``: its ``digest:`` line replaced, or one added as its last line."""
    bom, body, _, offset, found = _entries(text, file, record_path, index)
    item = found[1].value[index]
    if not isinstance(item, yaml.MappingNode) or item.flow_style:
        raise EntryError(f"{file}: approval entry {index + 1} is not a block of 'key: value' lines")
    lines = _lines(body)
    newline = _newline(body)
    column = int(item.start_mark.column)
    line = f"{' ' * column}digest: {digest}{newline}"
    existing = _value(item, "digest")
    if existing is not None:
        at = int(existing[0].start_mark.line) + offset
        if existing[1].end_mark.line != existing[0].start_mark.line:
            raise EntryError(f"{file}: the digest of approval entry {index + 1} spans several lines")
        lines[at] = line
    else:
        at = last_line(item) + 1 + offset
        if at == len(lines) and not lines[-1].endswith("\n"):
            lines[-1] += newline
        lines.insert(at, line)
    return bom + "".join(lines)


def render(approval: Approval, indent: str, dash: str) -> list[str]:
    """The lines of one entry: ``dash`` before its first key, ``indent`` before the others."""
    fields: list[tuple[str, str]] = [("role", approval.role), ("person", approval.person),
                                     ("date", approval.date.isoformat())]
    if approval.digest:
        fields.append(("digest", approval.digest))
    if approval.note:
        fields.append(("note", _quoted(approval.note)))
    return [f"{dash if i == 0 else indent}{key}: {value}" for i, (key, value) in enumerate(fields)]


def _quoted(text: str) -> str:
    """A one-line note as a YAML double-quoted scalar (always read back as the same text)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _lines(text: str) -> list[str]:
    """Lines with their endings; the last one may have none."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def remove(text: str, file: str, record_path: FieldPath, index: int) -> str:
    """``text`` without the approval entry number ``index`` of the record at ``record_path``
    (and without its ``approvals:`` line when it was the only one); every other line unchanged.
    A re-approval removes the earlier entry in one commit and adds the fresh one in the next,
    so that git shows every line of the new entry as the approver's."""
    if "\r" in text.replace("\r\n", ""):
        raise EntryError(f"{file}: lines end in a lone CR; save the file with LF or CR LF line endings")
    bom, body, yaml_text, offset, found = _entries(text, file, record_path, index)
    if found[1].flow_style:
        raise EntryError(f"{file}: approvals are written on one line ([...]); write them as a block list, one '- ' "
                         "entry per approval, and run the command again")
    lines = _lines(body)
    span = approval_spans(yaml_text, record_path)[index]
    first, last = span.first + offset, span.last + offset
    if len(found[1].value) == 1:
        key_line = int(found[0].start_mark.line) + offset
        between = lines[key_line + 1:first]
        if not re.fullmatch(r"\s*approvals:\s*(#.*)?\s*", lines[key_line]) or any(
                line.strip() and not line.strip().startswith("#") for line in between):
            raise EntryError(f"{file}: the approvals: line holds more than the key; remove the approval by hand")
        first = key_line
    del lines[first:last + 1]
    return bom + "".join(lines)


def insert(text: str, file: str, record_path: FieldPath, approval: Approval,
           replace: int | None = None) -> str:
    """``text`` with ``approval`` added to the record at ``record_path`` (or put in place
    of its entry number ``replace``); every other line unchanged."""
    if "\r" in text.replace("\r\n", ""):
        raise EntryError(f"{file}: lines end in a lone CR; save the file with LF or CR LF line endings")
    body = text.lstrip("\ufeff")
    bom = text[:len(text) - len(body)]
    yaml_text, offset = yaml_part(file, body.replace("\r\n", "\n"))
    record = _record_node(_compose(yaml_text), record_path)
    lines = _lines(body)
    newline = _newline(body)
    found = _value(record, "approvals")
    key_column = int(record.value[0][0].start_mark.column) if record.value else 0
    if found is not None:
        key_column = int(found[0].start_mark.column)
    if found is not None and isinstance(found[1], yaml.SequenceNode) and found[1].value:
        sequence = found[1]
        if sequence.flow_style:
            raise EntryError(f"{file}: approvals are written on one line ([...]); write them as a block list, "
                             "one '- ' entry per approval, and run the command again")
        items = sequence.value
        first = items[0]
        start_line = lines[int(first.start_mark.line) + offset].rstrip("\r\n")
        item_column = int(first.start_mark.column)
        dash = start_line[:item_column]
        if dash.strip() != "-":
            raise EntryError(f"{file}: the approval entries are not laid out one '- key: value' block each; "
                             "add the approval by hand")
        new = render(approval, " " * item_column, dash)
        if replace is not None:
            span = approval_spans(yaml_text, record_path)[replace]
            at, drop = span.first + offset, span.last - span.first + 1
        else:
            at, drop = last_line(items[-1]) + 1 + offset, 0
    else:
        new_key = f"{' ' * key_column}approvals:"
        entry = render(approval, " " * (key_column + 2), " " * key_column + "- ")
        if found is not None:  # approvals: [] or approvals: (empty): this one line becomes the block's key
            key, value = found
            empty = (isinstance(value, yaml.SequenceNode) and value.start_mark.line == key.start_mark.line) or (
                isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style)
            if not empty:
                raise EntryError(f"{file}: approvals is not a list; write it as a block list and run again")
            at, drop = int(key.start_mark.line) + offset, 1
            old = lines[at]
            comment = old[old.find(" #"):].rstrip("\r\n") if " #" in old else ""
            new = [new_key + comment, *entry]
        else:
            at, drop = last_line(record) + 1 + offset, 0
            new = [new_key, *entry]
    if at > 0 and at == len(lines) and not lines[-1].endswith("\n"):
        lines[-1] += newline  # the file's last line gets the line break it lacked
    lines[at:at + drop] = [line + newline for line in new]
    return bom + "".join(lines)

