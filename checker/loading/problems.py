"""Findings the loader makes before any rule runs: unreadable files, YAML syntax,
records that do not match their model, duplicate ids. Each says, in both languages,
what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checker.findings import FieldPath, Finding, Message, Severity
from checker.loading import yamlerror
from checker.records import KINDS
from checker.records.base import RecordProblems
from checker.records.introspect import field_names, submodel_at
from checker.records.scaffold import counted

HOWTO = Message(
    "参见手册“如何提交记录”页面中该类记录的完整示例。",
    "See the complete example for this kind on the handbook's 'How to submit records' page.",
)


def _finding(file: str, rule: str, zh: str, en: str, fix_zh: str, fix_en: str, *,
             line: int | None = None, column: int | None = None, path: FieldPath = (),
             record: str | None = None, severity: Severity = "error") -> Finding:
    return Finding(file=file, rule=rule, severity=severity, message=Message(zh, en),
                   fix=Message(fix_zh, fix_en), line=line, column=column, path=path, record=record)


def unreadable(file: str, reason: str) -> Finding:
    return _finding(file, "file-unreadable",
                    f"文件无法读取：{reason}。", f"The file cannot be read: {reason}.",
                    "确认文件存在且有读取权限，然后重新提交。",
                    "Make sure the file exists and can be read, then commit it again.")


def not_utf8(file: str, found: bytes, line: int, column: int) -> Finding:
    shown = found[:1].hex().upper()
    return _finding(file, "file-unreadable",
                    f"文件不是 UTF-8 文本：第 {line} 行第 {column} 列的字节 {shown} 无法识别。",
                    f"The file is not UTF-8 text: the byte {shown} at line {line}, column {column} cannot be read.",
                    "用编辑器把文件另存为 UTF-8 编码（不要用 GBK/GB2312），再检查该处文字。",
                    "Save the file as UTF-8 in your editor (not GBK or GB2312), then check the text at that place.",
                    line=line, column=column)


_NOT_READ = {
    "symlink": ("是符号链接。检查器不跟随链接，链接指向的内容不会被读取或发布",
                "is a symbolic link. Links are never followed, so what it points to is not read or published",
                "删除链接，把记录文件本身放在这里。", "Remove the link and put the record file itself here."),
    "special": ("不是普通文件（设备、管道或套接字），不会被读取", "is not a regular file (a device, pipe or socket) "
                "and is not read", "删除它；records/ 下只放记录文件。", "Remove it; records/ holds record files only."),
    "unreadable": ("无法打开，其中的文件没有被检查", "cannot be opened, so the files in it were not checked",
                   "确认该文件夹有读取权限。", "Make sure the folder can be read."),
    "hidden": ("是隐藏文件（名称以 . 开头），不会被当作记录读取", "is hidden (its name starts with a dot) and is "
               "not read as a record", "去掉名称开头的点；如果它不是记录，把它移出 records/。",
               "Remove the leading dot; if it is not a record, move it out of records/."),
    "suffix": ("不是 .yaml、.yml 或 .md 文件，不会被当作记录读取", "is not a .yaml, .yml or .md file and is not "
               "read as a record", "记录文件以 .yaml 结尾（注意小写）；如果它不是记录，把它移出 records/。",
               "Record files end in .yaml (in lower case); if it is not a record, move it out of records/."),
}


def not_read(file: str, reason: str) -> Finding:
    """A path under records/ that is listed but not read as a record."""
    zh, en, fix_zh, fix_en = _NOT_READ[reason]
    unsafe = reason in ("symlink", "special", "unreadable")
    return _finding(file, "file-unsafe" if unsafe else "file-not-read", f"该路径{zh}。", f"This path {en}.",
                    fix_zh, fix_en, severity="error" if unsafe else "warning")


def unsafe(file: str, reason: str, size: int, limit: int) -> Finding:
    """A file refused when it was opened: a link or special file, or one over the size limit."""
    if reason != "too-large":
        return not_read(file, reason)
    return _finding(file, "file-unsafe",
                    f"文件有 {size:,} 字节，超过记录文件的上限 {limit:,} 字节，没有被读取。",
                    f"The file has {size:,} bytes, more than the limit of {limit:,} bytes for a record; "
                    "it was not read.",
                    "一个文件只写一条记录（或少量记录），把大段材料放到别处并在记录中写明出处；上限由 "
                    "pyproject.toml 中 [tool.handbook] 的 max_file_kib 设定。",
                    "Keep one record (or a few) per file and put large material elsewhere, citing it; the limit is "
                    "max_file_kib under [tool.handbook] in pyproject.toml.")


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\\x")


def unsafe_name(file: str) -> bool:
    """True when a path holds characters that are not text (control characters, line
    separators or bytes that are not UTF-8, which files.display_name shows as \\xNN)."""
    return _UNSAFE_NAME.search(file) is not None


def bad_name(file: str) -> Finding:
    return _finding(file, "file-name",
                    "文件名含有控制字符、换行或无效编码，在报告和网站上无法正确显示。",
                    "The file name holds control characters, line breaks or bytes that are not UTF-8, which "
                    "reports and the site cannot show as they are.",
                    "把文件改名为记录编号加 .yaml，例如 QT-2026-031.yaml。",
                    "Rename the file to the record id plus .yaml, e.g. QT-2026-031.yaml.")


LONE_CR = "U+000D"  # (a CR of CR LF is read as part of the line break)


def unparsable(file: str, code: str, detail: str, line: int | None, column: int | None) -> Finding:
    """A file the screen or the parsers refused (see checker.loading.screen)."""
    if code == "control-character" and detail == LONE_CR:
        return _finding(file, "control-character",
                        f"文件含有单独的回车符 CR（U+000D，第 {line} 行第 {column} 列）：YAML 把它当作换行，"
                        "git 不这样算，行号会对不上。",
                        f"The file holds a lone carriage return (CR, U+000D) at line {line}, column {column}: YAML "
                        "reads it as a line break and git does not, so their line numbers would disagree.",
                        "用编辑器把文件的换行统一为 LF（或 CRLF）后重新保存；VS Code：右下角点“CR”改为“LF”。",
                        "Save the file again with LF (or CR LF) line endings throughout; in VS Code, click the line "
                        "ending in the status bar and choose LF.", line=line, column=column)
    if code == "control-character":
        return _finding(file, "control-character",
                        f"文件含有不可见的控制字符 {detail}（第 {line} 行第 {column} 列），这类字符会截断或打乱记录。",
                        f"The file holds an invisible control character {detail} (line {line}, column {column}); "
                        "such characters cut off or scramble a record.",
                        "删除该字符（常见于从 Word、网页或聊天软件复制的文字），然后重新保存。",
                        "Delete the character (it often comes with text copied from Word, web pages or chat), "
                        "then save again.", line=line, column=column)
    if code == "yaml-alias":
        return _finding(file, "yaml-alias",
                        "记录中不能使用 YAML 锚点或别名（& 和 *）。",
                        "Records cannot use YAML anchors or aliases (& and *).",
                        "把被引用的内容直接写出来：每条记录应能单独读懂。以 & 或 * 开头的文字请加引号。",
                        "Write the referenced content out in full: each record must read on its own. Quote "
                        "text that starts with & or *.", line=line, column=column)
    if code == "yaml-too-deep":
        return _finding(file, "yaml-too-deep",
                        f"记录的嵌套超过 {detail} 层。", f"The record is nested more than {detail} levels deep.",
                        "按手册中的示例写记录：任何记录类型都只需少数几层缩进。",
                        "Write the record as in the handbook's example: no record kind needs more than a few levels.",
                        line=line, column=column)
    return yaml_syntax(file, detail, line, column)


_GENERAL_FIX = ("检查该行及上一行：缩进只用空格且同级对齐，冒号后留一个空格，引号成对，同一字段不要写两次。",
                "Check this line and the one above: indent with spaces only and align siblings, put a "
                "space after each colon, close every quote, and write each field once.")

# What each kind of syntax problem (checker.loading.yamlerror.reason) means, and its fix;
# "{detail}" is what the problem names (a key, an escape, a character).
_SYNTAX: dict[str, tuple[str, str, str, str]] = {
    "unclosed-quote": (
        "这里开始的引号没有闭合，后面直到文件末尾的内容都被当成了同一段文字",
        "the quote that opens here is never closed, so everything after it to the end of the file reads as one text",
        "在这段文字的末尾补上同样的引号（\" 或 '）；文字本身含有引号时，外层改用另一种引号。",
        "Close the quote at the end of the text with the same mark (\" or '); if the text holds that mark "
        "itself, quote it with the other one."),
    "quoted-line-break": (
        "引号中的文字换了行，但续行没有缩进",
        "the quoted text runs onto another line that is not indented",
        "把文字写在一行内；确需多行时，续行比字段名多缩进两个空格，或改用 | 开头的多行文字。",
        "Keep the text on one line, or indent the next lines two spaces more than the field name, or "
        "start a block of text with |."),
    "tab": (
        "这里用了制表符（Tab）缩进，YAML 只允许用空格缩进",
        "a tab is used for indentation here; YAML indents with spaces only",
        "把行首的 Tab 换成空格（每一级两个空格）；可在编辑器中打开“用空格代替 Tab”。",
        "Replace the tab with spaces (two per level); most editors can be set to insert spaces for tabs."),
    "no-space-after-colon": (
        "冒号后面缺少空格，这一行被读成了一整段文字，而不是“字段: 值”",
        "there is no space after the colon, so the line reads as one piece of text instead of 'field: value'",
        "在冒号后加一个空格，例如 id: QT-2026-001。",
        "Put a space after the colon, e.g. id: QT-2026-001."),
    "full-width-colon": (
        "这里用了中文全角冒号“：”，YAML 只认英文冒号“:”",
        "a full-width colon '：' is used here; YAML only reads the ASCII colon ':'",
        "把字段名后的“：”改成英文冒号加一个空格“: ”（切换到英文输入法再输入）。",
        "Replace '：' after the field name with ':' and a space (type it with the English input method)."),
    "colon-in-value": (
        "值中含有“冒号加空格”，后半段被当成了新的字段",
        "the value holds a colon followed by a space, so its second half reads as another field",
        "给整个值加上引号，例如 note: \"时间: 14:30\"。",
        "Put the whole value in quotes, e.g. note: \"time: 14:30\"."),
    "not-a-field": (
        "这一行既不是“字段: 值”，也不是以 - 开头的列表项",
        "this line is neither 'field: value' nor a list item starting with '- '",
        "补上字段名和冒号；如果它接着上一行的文字，把文字写在一行内，或用 | 开头写多行文字。",
        "Add the field name and a colon; if it continues the text above, keep the text on one line or "
        "start a block of text with |."),
    "text-after-quote": (
        "引号结束后还有文字",
        "there is more text after the closing quote",
        "把整段文字都放进引号里，或去掉引号。",
        "Put the whole text inside the quotes, or remove the quotes."),
    "item-in-mapping": (
        "这里出现了列表项（- 开头），但这一层是“字段: 值”，两者不能混在同一层",
        "a list item (starting with '- ') stands among 'field: value' lines at the same level",
        "把列表项写在它所属的字段下面，比该字段多缩进两个空格。",
        "Put the list items under the field they belong to, indented two spaces more than it."),
    "unclosed-bracket": (
        "这里开始的方括号 [ 没有闭合",
        "the square bracket [ that opens here is never closed",
        "在列表末尾补上 ]，各项之间用英文逗号分隔；也可以改为每项一行、以 - 开头。",
        "Close the list with ] and separate items with commas; or write one '- ' item per line instead."),
    "unclosed-brace": (
        "这里开始的花括号 { 没有闭合",
        "the brace { that opens here is never closed",
        "在末尾补上 }，各字段之间用英文逗号分隔；也可以改为每个字段一行。",
        "Close it with } and separate the fields with commas; or write one field per line instead."),
    "duplicate-key": (
        "字段 {detail} 写了两次",
        "the field {detail} is written twice",
        "删除其中一处，或把两处的内容合并到一处。",
        "Delete one of them, or merge the two into one."),
    "bad-escape": (
        "双引号中的反斜杠 {detail} 不是有效的转义",
        "the backslash {detail} inside double quotes is not a valid escape",
        "改用单引号，或把 \\ 写成 \\\\（例如文件路径）。",
        "Use single quotes instead, or write \\ as \\\\ (in a file path, say)."),
    "glued-comment": (
        "# 前缺少空格：注释必须与前面的内容隔开",
        "there is no space before '#': a comment must be set apart from what comes before it",
        "在 # 前加一个空格；如果 # 是文字的一部分，把整段文字放进引号。",
        "Put a space before '#'; if '#' is part of the text, put the whole text in quotes."),
    "second-document": (
        "文件中有第二个以 --- 分隔的文档",
        "the file holds a second document after a --- line",
        "每个文件只写一条记录：删除多余的 --- 行，或把第二条记录放到单独的文件中。",
        "Keep one record per file: remove the extra --- line, or move the second record to a file of its own."),
    "indentation": (
        "缩进不对：这一行与上面同一级的字段没有对齐",
        "the indentation is wrong: this line does not line up with the fields at its level above",
        "让同一级的字段左侧对齐，子字段比上一级多缩进两个空格；只用空格缩进。",
        "Line up the fields of one level, indent a field's sub-fields two spaces more, and indent with "
        "spaces only."),
    "reserved-character": (
        "值不能以 {detail} 开头，YAML 保留了这个字符",
        "a value cannot start with {detail}, which YAML reserves",
        "给整个值加上引号，例如 \"@张伟\"。",
        "Put the whole value in quotes, e.g. \"@Zhang Wei\"."),
    "complex-key": (
        "字段名必须是简单的名称，不能是列表或映射",
        "a field name must be a plain name, not a list or mapping",
        "按手册中的示例写字段名。",
        "Write field names as in the handbook's example."),
}


def yaml_syntax(file: str, problem: str, line: int | None, column: int | None) -> Finding:
    """A file that is not valid YAML, said in the reader's language (the parser's own English
    words only in the English message, and only for a problem not sorted into a kind)."""
    explained = _SYNTAX.get(yamlerror.reason(problem))
    if explained is None:
        return _finding(file, "yaml-syntax", "YAML 格式错误，文件无法读取。",
                        f"YAML syntax error: the file cannot be read ({problem}).", *_GENERAL_FIX,
                        line=line, column=column)
    zh, en, fix_zh, fix_en = explained
    named = yamlerror.detail(problem) or "?"
    return _finding(file, "yaml-syntax", f"YAML 格式错误：{zh.replace('{detail}', named)}。",
                    f"YAML syntax error: {en.replace('{detail}', named)}.", fix_zh, fix_en, line=line, column=column)


def not_a_record(file: str, path: FieldPath, found: Message | str) -> Finding:
    """Something other than a record (a list, a text, nothing) where a record should be; ``found``
    says what, in both languages."""
    found = found if isinstance(found, Message) else Message(found, found)
    return _finding(
        file, "record-schema",
        f"这里应是一条记录（以 kind: 开头的若干字段），实际是{found.zh}。",
        f"A record (fields starting with kind:) is expected here, found {found.en}.",
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


def duplicate_id(file: str, path: FieldPath, record_id: str, first_file: str, kind: str) -> Finding:
    """Two records with one id: most often two branches that each added it, merged. A kind
    whose ids count up (QT-2026-021) takes the next free number, which ``handbook new``
    finds on every branch; an id that names a period or a person means the same record
    twice, to be merged into one."""
    model = KINDS.get(kind)
    said = Message(f"记录编号 {record_id} 重复：{first_file} 中已有同一编号。",
                   f"Record id {record_id} is used twice: {first_file} already has it.")
    why = Message("两条记录不能共用一个编号；常见原因是两个分支各自新建了同一编号的记录，合并后两条都在。",
                  "Two records cannot share an id; usually two branches each added a record with the same id, and "
                  "merging brought both.")
    if model is not None and counted(model):
        fix = Message(
            f"{why.zh}保留先合并的那条，给另一条（通常是本次拉取请求中的那条）换用下一个空闲编号：运行 "
            f".venv/bin/handbook new {kind} --print，它会说出这个编号（已核对 git 知道的所有分支）；把该记录的 id "
            "改成它，文件也改成同名，引用旧编号的记录一并修改。已审批的记录改动后须重新审批。",
            f"{why.en} Keep the one merged first and give the other (usually the one in this pull request) the "
            f"next free id: run .venv/bin/handbook new {kind} --print, which says that id (checked against every "
            "branch git knows); change the record's id to it, rename its file to match, and update the records "
            "that refer to the old id. A record already approved needs its approvals again.")
    else:
        fix = Message(
            f"{why.zh}这类记录的编号表示它所属的期间或对象，两条记录说的是同一件事：把内容合并到先合并的那条中，删除"
            "另一条的文件；如果确实是两件不同的事，给其中一条改用正确的编号，文件也改成同名，引用它的记录一并修改。",
            f"{why.en} The id of this kind names its period or what it is about, so both are the same record: "
            "merge their content into the one merged first and delete the other's file; if they really are two "
            "different things, give one of them its right id, rename its file to match, and update the records "
            "that refer to it.")
    return _finding(file, "duplicate-id", said.zh, said.en, fix.zh, fix.en, path=(*path, "id"), record=record_id)


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


_BOUNDS = {  # pydantic's range errors: the bound's context key, then how each language says it
    "greater_than_equal": ("ge", "不能小于", "must be at least", "不小于", "of at least"),
    "greater_than": ("gt", "必须大于", "must be more than", "大于", "above"),
    "less_than_equal": ("le", "不能大于", "must be at most", "不大于", "of at most"),
    "less_than": ("lt", "必须小于", "must be less than", "小于", "below"),
}


def _out_of_range(name: Message, kind: str, ctx: dict[str, Any], shown: str) -> tuple[str, str, str, str] | None:
    """A number outside its type's range or with too many decimal places (checker.records.types)."""
    if kind in _BOUNDS:
        key, zh, en, fix_zh, fix_en = _BOUNDS[kind]
        bound = ctx.get(key, "")
        if key == "ge" and bound == 0:
            return (f"{name.zh} 不能为负数，实际是 {shown}。", f"{name.en} cannot be negative, found {shown}.",
                    "填写 0 或正数。",
                    "Write zero or a positive number.")
        text = f"{bound:,}" if isinstance(bound, (int, float, Decimal)) else str(bound)
        return (f"{name.zh} {zh} {text}，实际是 {shown}。", f"{name.en} {en} {text}, found {shown}.",
                f"填写{fix_zh} {text} 的数。", f"Write a number {fix_en} {text}.")
    if kind == "decimal_max_places":
        places = ctx.get("decimal_places", 0)
        return (f"{name.zh} 最多保留 {places} 位小数，实际是 {shown}。",
                f"{name.en} takes at most {places} decimal places, found {shown}.",
                f"四舍五入到 {places} 位小数。", f"Round it to {places} decimal places.")
    return None


def _explain(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str, str, str]:
    name = _field_name(error["loc"])
    kind = error["type"]
    value = error.get("input")
    shown = repr(value) if isinstance(value, (str, int, float)) else ""
    shown = shown if len(shown) <= 40 else f"{shown[:30]}…{shown[-1]}"  # a 5,000-digit value stays short
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return (f"缺少必填字段 {name.zh}。", f"Required field {name.en} is missing.",
                f"补上 {name.zh}。", f"Add {name.en}.")
    if value is None and "input" in error:  # left empty, as `handbook new` leaves required fields
        return (f"必填字段 {name.zh} 还没有填写。", f"Required field {name.en} is not filled in.",
                f"按该字段上方的注释填写 {name.zh}。", f"Fill in {name.en} as the comment above it says.")
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
    if (numeric := _out_of_range(name, kind, ctx, shown)) is not None:
        return numeric
    if kind in ("decimal_parsing", "int_parsing", "float_parsing", "decimal_type", "int_type", "finite_number"):
        return (f"{name.zh} 应为数字，实际是 {shown}。", f"{name.en} must be a number, found {shown}.",
                "只写数字，不带单位或货币符号，例如 1250.00。", "Write a plain number such as 1250.00.")
    if kind in ("bool_parsing", "bool_type"):
        return (f"{name.zh} 应为 true 或 false，实际是 {shown}。", f"{name.en} must be true or false, found {shown}.",
                "改为 true 或 false（不接受 yes、no、on、off、1、0 等写法）。",
                "Write true or false (yes, no, on, off, 1 and 0 are not accepted).")
    if kind == "string_type":
        return (f"{name.zh} 应为一段文字。", f"{name.en} must be text.",
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
    findings: list[Finding] = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if not (isinstance(part, str) and "[" in part))
        cause = (detail.get("ctx") or {}).get("error")
        if isinstance(cause, RecordProblems):  # a model's own check: each problem said and placed as it says
            findings.extend(_finding(file, "record-schema", p.message.zh, p.message.en, p.fix.zh, p.fix.en,
                                     path=(*path, *loc, *p.at), record=record_id) for p in cause.problems)
            continue
        zh, en, fix_zh, fix_en = _explain(detail, model)
        findings.append(_finding(file, "record-schema", zh, en, fix_zh, fix_en,
                                 path=(*path, *loc), record=record_id))
    return findings
