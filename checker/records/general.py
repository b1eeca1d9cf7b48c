"""Chapter 1 (general): roles and the people who hold them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import StringConstraints

from checker.records.base import Part, Record
from checker.records.fields import field
from checker.records.types import Flag, RoleRef


class TeamDuty(Part):
    """A responsibility the team gave the role: the policy names no role for it, or its limit
    is a team setting. The roles page marks it as such."""

    team: str = field("由团队确定的职责（非制度原文）", "A responsibility the team decided (not the policy's words)",
                      example="审批 5 万元以内的费用报销")


class Duty(Part):
    """A responsibility in both languages; ``team: true`` when the team decided it (the
    policy names no role for it, or its limit or frequency is a team setting)."""

    zh: str = field("职责（中文）", "Responsibility in Chinese", example="组织制定年度营销计划")
    en: str = field("职责（英文）", "Responsibility in English", example="Draws up the annual marketing plan")
    team: Flag = field("由团队确定（非制度原文）", "Decided by the team (not the policy's words)", default=False)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Role(Record):
    chapter = "1"
    folder = "roles"
    id_example = "key-account-manager"
    title_zh = "角色"
    title_en = "Role"

    kind: Literal["role"]
    name_zh: str = field("角色中文名称", "Role name in Chinese", example="营销经理")
    name_en: str = field("角色英文名称", "Role name in English", example="Marketing manager")
    team: Flag = field("是否营销团队岗位（考核、培训、职业规划覆盖的对象）",
                       "Whether this is a marketing-team position (appraised, trained, career-planned)",
                       example=True)
    responsibilities: tuple[Duty | str | TeamDuty, ...] = field(
        "岗位职责，中英文各一：{zh: …, en: …}；制度没有规定、由团队确定的（如审批限额、会议由谁主持）加 team: true。"
        "只写中文的旧写法（一段文字，或 {team: …}）仍可读取，英文页面则显示中文",
        "Responsibilities in both languages: {zh: ..., en: ...}, with team: true when the team decided them "
        "(approval limits, who chairs a meeting). The older Chinese-only forms (a text, or {team: ...}) are "
        "still read; the English page then shows the Chinese",
        example=[{"zh": "组织制定年度营销计划", "en": "Draws up the annual marketing plan"}])
    clauses: tuple[str, ...] = field("该角色承担义务的制度条款", "Policy clauses this role carries",
                                     default=(), example=["2.1.1", "4.2.2"])
    duties: tuple[str, ...] = field(
        "由该角色负责的团队事项（规则编号），如周会、月度销售报告；逾期和到期提醒发给担任该角色的人",
        "Team duties this role answers for (rule ids), such as the weekly meeting or the monthly sales "
        "report; whoever holds the role is reminded of them", default=(),
        example=["weekly-meeting", "sales-report-monthly"])
    reports_to: RoleRef | None = field("上级角色（汇报对象）；决定谁能审核谁，如考核结果由上级审核",
                                       "Role this role reports to; decides who may sign off whom (an "
                                       "appraisal is signed off by a superior)", default=None,
                                       example="marketing-manager")


class RoleAssignment(Part):
    role: RoleRef = field("角色编号", "Role id", example="marketing-manager")
    start: date = field("任职开始日期", "First day in the role", example="2025-01-01")
    end: date | None = field("任职结束日期（仍在任则留空）", "Last day in the role (empty while held)",
                             default=None)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


SSH_KEY_TYPES = ("ssh-ed25519", "sk-ssh-ed25519@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                 "ecdsa-sha2-nistp521", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-rsa")
_SSH_KEY = "(?:" + "|".join(t.replace(".", r"\.") for t in SSH_KEY_TYPES) + r") [A-Za-z0-9+/]+={0,3}(?: [^\n]*)?"
_PGP_KEY = r"-----BEGIN PGP PUBLIC KEY BLOCK-----\n[\s\S]*\n-----END PGP PUBLIC KEY BLOCK-----"
_SIGNING_KEY = f"^(?:{_SSH_KEY}|{_PGP_KEY})$"
GitEmail = Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+$", max_length=254)]
GitHubName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}$")]
SigningKey = Annotated[str, StringConstraints(pattern=_SIGNING_KEY, max_length=16384)]


class GitIdentity(Part):
    """Who a person is in git, to verify their approvals (checker.approvals). Never published."""

    emails: tuple[GitEmail, ...] = field(
        "提交 git 时使用的电子邮箱（不公开）", "E-mail addresses this person commits with (never published)",
        private=True, default=(), example=["zhang.wei@example.cn"])
    github: GitHubName | None = field(
        "GitHub 用户名，用于生成 CODEOWNERS（不公开）", "GitHub user name, for CODEOWNERS (never published)",
        private=True, default=None, example="zhang-wei-qm")
    signing_keys: tuple[SigningKey, ...] = field(
        "签名用的公钥：SSH 公钥（一行，如 ssh-ed25519 AAAA…）或 OpenPGP 公钥块（不公开）",
        "Public keys this person signs commits with: an SSH public key (one line, e.g. ssh-ed25519 AAAA...) "
        "or an OpenPGP public key block (never published)", private=True, default=())
    until: date | None = field(
        "这些身份最后可用的日期（离职或停用时填写；不要删除邮箱和密钥：此前的审批仍要用它们核实）",
        "Last day these identities may be used (set it when the person leaves or retires a key; never delete the "
        "e-mails and keys: the approvals given before are still verified with them)", private=True, default=None,
        example="2026-12-20")


class Person(Record):
    chapter = "1"
    folder = "people"
    id_example = "p-wang-fang"
    title_zh = "人员"
    title_en = "Person"

    kind: Literal["person"]
    name: str = field("姓名", "Full name", example="张伟")
    department: str = field("所属部门", "Department", example="营销部")
    roles: tuple[RoleAssignment, ...] = field("担任的角色及起止日期", "Roles held, with dates")
    email: str | None = field("电子邮箱（不公开）", "E-mail (never published)", private=True,
                              default=None, example="zhang.wei@example.cn")
    phone: str | None = field("电话（不公开）", "Phone (never published)", private=True,
                              default=None, example="0571-88881234")
    git: GitIdentity | None = field(
        "git 身份：提交用的邮箱、GitHub 用户名、签名公钥，用于核实审批确由本人添加（不公开）",
        "Git identity: commit e-mails, GitHub user name and signing keys, to verify that this person's "
        "approvals were added by them (never published)", private=True, default=None)

    def roles_on(self, day: date) -> set[str]:
        return {a.role for a in self.roles if a.covers(day)}

    def holds(self, role: str, day: date) -> bool:
        return any(a.role == role and a.covers(day) for a in self.roles)
