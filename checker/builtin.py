"""Checks built into the checker itself, before and around the policy's rules."""

from __future__ import annotations

from checker.findings import Message

BUILTIN_CHECKS: dict[str, Message] = {
    "file-unreadable": Message("文件必须是 UTF-8 文本", "Files are UTF-8 text"),
    "yaml-syntax": Message("文件必须是有效的 YAML", "Files are valid YAML"),
    "record-schema": Message("记录必须符合其类型的字段定义", "Records match the fields of their kind"),
    "duplicate-id": Message("记录编号全库唯一", "Record ids are unique"),
    "waiver-invalid": Message("豁免必须经批准且未到期", "Waivers are approved and unexpired"),
    "rule-set-invalid": Message("规则集中的每条规则都能执行", "Every rule in the rule set can run"),
}
