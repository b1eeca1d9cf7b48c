"""Chapter 1 (general): roles and the people who hold them."""

from __future__ import annotations

from datetime import date
from typing import Literal

from checker.records.base import Part, Record
from checker.records.fields import field
from checker.records.types import RoleRef


class Role(Record):
    chapter = "1"
    folder = "roles"
    id_example = "key-account-manager"
    title_zh = "角色"
    title_en = "Role"

    kind: Literal["role"]
    name_zh: str = field("角色中文名称", "Role name in Chinese", example="营销经理")
    name_en: str = field("角色英文名称", "Role name in English", example="Marketing manager")
    team: bool = field("是否营销团队岗位（考核、培训、职业规划覆盖的对象）",
                       "Whether this is a marketing-team position (appraised, trained, career-planned)",
                       example=True)
    responsibilities: tuple[str, ...] = field("岗位职责", "Responsibilities",
                                              example=["组织制定年度营销计划"])
    clauses: tuple[str, ...] = field("该角色承担义务的制度条款", "Policy clauses this role carries",
                                     default=(), example=["2.1.1", "4.2.2"])


class RoleAssignment(Part):
    role: RoleRef = field("角色编号", "Role id", example="marketing-manager")
    start: date = field("任职开始日期", "First day in the role", example="2025-01-01")
    end: date | None = field("任职结束日期（仍在任则留空）", "Last day in the role (empty while held)",
                             default=None)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


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

    def roles_on(self, day: date) -> set[str]:
        return {a.role for a in self.roles if a.covers(day)}

    def holds(self, role: str, day: date) -> bool:
        return any(a.role == role and a.covers(day) for a in self.roles)
