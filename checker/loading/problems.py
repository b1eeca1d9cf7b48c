"""Findings the loader makes before any rule runs: unreadable files, YAML syntax,
records that do not match their model, duplicate ids. Each says, in both languages,
what is wrong and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checker.findings import FieldPath, Finding, Message
from checker.records.introspect import field_names, submodel_at

HOWTO = Message(
    "参见手册“如何提交记录”页面中该类记录的完整示例。",
    "See the complete example for this kind on the handbook's 'How to submit records' page.",
)


def _finding(file: str, rule: str, zh: str, en: str, fix_zh: str, fix_en: str, *,
             line: int | None = None, column: int | None = None, path: FieldPath = (),
             record: str | None = None) -> Finding:
    return Finding(file=file, rule=rule, severity="error", message=Message(zh, en),
                   fix=Message(fix_zh, fix_en), line=line, column=column, path=path, record=record)


def unreadable(file: str, reason: str) -> Finding:
    return _finding(file, "file-unreadable",
                    f"文件无法按 UTF-8 文本读取：{reason}", f"The file cannot be read as UTF-8 text: {reason}",
                    "确认文件可以读取，并用 UTF-8 编码保存。", "Make sure the file can be read and is saved as UTF-8.")


def yaml_syntax(file: str, problem: str, line: int | None, column: int | None) -> Finding:
    return _finding(
        file, "yaml-syntax",
        f"YAML 格式错误，文件无法读取（{problem}）。",
        f"YAML syntax error: the file cannot be read ({problem}).",
        "检查该行及上一行：缩进只用空格且同级对齐，冒号后留一个空格，引号成对，同一字段不要写两次。",
        "Check this line and the one above: indent with spaces only and align siblings, put a "
        "space after each colon, close every quote, and write each field once.",
        line=line, column=column)


def not_a_record(file: str, path: FieldPath, found: str) -> Finding:
    return _finding(
        file, "record-schema",
        f"这里应是一条记录（以 kind: 开头的若干字段），实际是{found}。",
        f"A record (fields starting with kind:) is expected here, found {found}.",
        "每个文件写一条记录，或写一个记录列表；每条记录以 kind 和 id 开头。",
        "Write one record per file, or a list of records; each starts with kind and id.",
        path=path)


def unknown_kind(file: str, path: FieldPath, kind: Any, kinds: Sequence[str]) -> Finding:
    if kind is None:
        return _finding(file, "record-schema", "记录缺少 kind 字段，无法判断记录类型。",
                        "The record has no kind field, so its type is unknown.",
                        f"在记录开头加上 kind: 类型，可选：{', '.join(kinds)}。",
                        f"Add kind: at the top of the record; one of: {', '.join(kinds)}.",
                        path=path)
    guess = difflib.get_close_matches(str(kind), kinds, n=1)
    hint_zh = f"是否想写 {guess[0]}？" if guess else f"可选：{', '.join(kinds)}。"
    hint_en = f"Did you mean {guess[0]}?" if guess else f"Use one of: {', '.join(kinds)}."
    return _finding(file, "record-schema", f"未知的记录类型 kind: {kind}。", f"Unknown record kind: {kind}.",
                    hint_zh, hint_en, path=(*path, "kind"))


def duplicate_id(file: str, path: FieldPath, record_id: str, first_file: str) -> Finding:
    return _finding(
        file, "duplicate-id",
        f"记录编号 {record_id} 重复：{first_file} 中已有同一编号。",
        f"Record id {record_id} is used twice: {first_file} already has it.",
        "给其中一条记录换一个未被使用的编号（引用它的记录也要一并修改）。",
        "Give one of the records an unused id (and update the records that refer to it).",
        path=(*path, "id"), record=record_id)


def markdown_body(file: str, kind: str) -> Finding:
    return _finding(file, "record-schema",
                    f"{kind} 类记录不能带 Markdown 正文。", f"A {kind} record cannot have a Markdown body.",
                    "把正文内容移到相应字段中，或改用 .yaml 文件。",
                    "Move the text into the proper field, or use a .yaml file.")


def _field_name(loc: Iterable[int | str]) -> Message:
    """A location such as ("lines", 0, "quantity") in words: "lines 第 1 项的 quantity"."""
    zh, en = "", ""
    for part in loc:
        if isinstance(part, int):
            zh, en = f"{zh} 第 {part + 1} 项", f"item {part + 1} of {en}"
        else:
            zh = f"{zh}的 {part}" if zh else part
            en = f"{part} in {en}" if en else part
    return Message(zh or "（记录）", en or "(record)")


def _did_you_mean(name: str, allowed: Iterable[str]) -> tuple[str, str]:
    guess = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    if guess:
        return f"是否想写 {guess[0]}？", f"Did you mean {guess[0]}?"
    return "删除该字段，或查阅该类记录允许的字段。", "Remove it, or check the fields this kind allows."


def _explain(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str, str, str]:
    name = _field_name(error["loc"])
    kind = error["type"]
    value = error.get("input")
    shown = repr(value) if isinstance(value, (str, int, float)) else ""
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return (f"缺少必填字段 {name.zh}。", f"Required field {name.en} is missing.",
                f"补上 {name.zh}。", f"Add {name.en}.")
    if kind == "extra_forbidden":
        parent = submodel_at(model, tuple(error["loc"][:-1]))
        allowed = field_names(parent) if parent else ()
        hint_zh, hint_en = _did_you_mean(str(error["loc"][-1]), allowed)
        return (f"未知字段 {name.zh}。", f"Unknown field {name.en}.", hint_zh, hint_en)
    if kind.startswith(("date", "datetime", "time")):
        with_time = kind.startswith("datetime")
        return (f"{name.zh} 不是有效的{'日期时间' if with_time else '日期'}：{shown}。",
                f"{name.en} is not a valid {'date and time' if with_time else 'date'}: {shown}.",
                "日期写成 2026-03-01，时间写成 2026-03-01T14:30；确认该日期在日历上存在。",
                "Write dates as 2026-03-01 and times as 2026-03-01T14:30, and check the day exists.")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return (f"{name.zh} 的值 {shown} 不在允许范围内。", f"{name.en} has a value {shown} that is not allowed.",
                f"改为以下之一：{expected.replace(' or ', ', ').replace(', ', '、')}。", f"Use one of: {expected}.")
    if kind in ("decimal_parsing", "int_parsing", "float_parsing", "decimal_type", "int_type"):
        return (f"{name.zh} 应为数字，实际是 {shown}。", f"{name.en} must be a number, found {shown}.",
                "只写数字，不带单位或货币符号，例如 1250.00。", "Write a plain number such as 1250.00.")
    if kind in ("bool_parsing", "bool_type"):
        return (f"{name.zh} 应为 true 或 false，实际是 {shown}。", f"{name.en} must be true or false, found {shown}.",
                "改为 true 或 false。", "Write true or false.")
    if kind == "string_type":
        return (f"{name.zh} 应为一段文字。", f"{name.en} must be a text.",
                "写成一行文字；多行文字用 | 开头。", "Write one line of text, or start a block with |.")
    if kind in ("tuple_type", "list_type"):
        return (f"{name.zh} 应为列表（每项一行，以 - 开头）。", f"{name.en} must be a list (one '- ' item per line).",
                "把每一项写在单独一行，以 - 开头。", "Put each item on its own line starting with '- '.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"{name.zh} 应包含若干子字段。", f"{name.en} must be a set of fields.",
                "参照示例写出它的子字段。", "Write its fields as in the example.")
    if kind == "string_pattern_mismatch":
        return (f"{name.zh} 的格式不对：{shown}。", f"{name.en} is not in the expected format: {shown}.",
                f"格式应符合 {ctx.get('pattern', '')}。", f"It must match {ctx.get('pattern', '')}.")
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return (f"{name.zh} 的值无效：{message}", f"{name.en} is not valid: {message}", HOWTO.zh, HOWTO.en)


def schema_errors(file: str, path: FieldPath, record_id: str | None, error: ValidationError,
                  model: type[BaseModel]) -> list[Finding]:
    findings = []
    for detail in error.errors(include_url=False):
        zh, en, fix_zh, fix_en = _explain(detail, model)
        loc = tuple(part for part in detail["loc"] if not (isinstance(part, str) and "[" in part))
        findings.append(_finding(file, "record-schema", zh, en, fix_zh, fix_en,
                                 path=(*path, *loc), record=record_id))
    return findings
