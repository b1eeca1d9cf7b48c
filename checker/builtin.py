"""Checks built into the checker itself, before and around the policy's rules."""

from __future__ import annotations

from checker.findings import Message

BUILTIN_CHECKS: dict[str, Message] = {
    "file-unreadable": Message("文件必须可以读取，且是 UTF-8 文本", "Files can be read and are UTF-8 text"),
    "file-unsafe": Message("records/ 下只有普通文件（没有链接、设备或超大文件）",
                           "records/ holds regular files only (no links, devices or oversized files)"),
    "file-not-read": Message("records/ 下的文件都是记录文件（.yaml、.yml 或 .md）",
                             "Files under records/ are record files (.yaml, .yml or .md)"),
    "file-name": Message("文件名只含可见文字", "File names hold visible text only"),
    "control-character": Message("文件不含控制字符", "Files hold no control characters"),
    "yaml-syntax": Message("文件必须是有效的 YAML", "Files are valid YAML"),
    "yaml-alias": Message("记录不使用 YAML 锚点和别名", "Records use no YAML anchors or aliases"),
    "yaml-too-deep": Message("记录的嵌套层数有上限", "Records are nested only a few levels deep"),
    "record-schema": Message("记录必须符合其类型的字段定义", "Records match the fields of their kind"),
    "duplicate-id": Message("记录编号全库唯一", "Record ids are unique"),
    "waiver-invalid": Message("豁免须经批准；持续状态的豁免到期即止，已成定局的逾期一直豁免",
                              "Waivers are approved; one of an ongoing state ends on its expiry date, one of a "
                              "settled lateness never ends"),
    "rule-set-invalid": Message("规则集中的每条规则都能执行", "Every rule in the rule set can run"),
    "holiday-calendar": Message("按工作日计算的规则有当年的节假日数据（经批准的节假日日历或 chinese-calendar 软件包）",
                                "Rules that count working days have the year's holiday data (an approved holiday "
                                "calendar or the chinese-calendar package)"),
    "holiday-calendar-record": Message("每年至多一份经批准的节假日日历生效，且与 chinese-calendar 软件包一致"
                                       "（不一致时按日历计算）",
                                       "At most one approved holiday calendar counts for a year, and it agrees with "
                                       "the chinese-calendar package (where it does not, the calendar is used)"),
    "approval-stale": Message("审批之后记录没有再被修改（否则须重新审批）",
                              "A record is not changed after its approval (or it is approved again)"),
    "approval-unverified": Message("审批由审批人本人添加（按仓库设置核对 git 作者或签名）",
                                   "Approvals are added by their approvers (git author or signature, as the "
                                   "repository sets)"),
    "codeowners-stale": Message("CODEOWNERS 与角色和人员记录一致", "CODEOWNERS matches the roles and people records"),
    "rule-set-edited": Message("已生效的规则集版本不再修改，改动写入新版本",
                               "A rule-set version in force is never edited; changes go into a new version"),
}
