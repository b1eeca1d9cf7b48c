"""Rule parameters in plain words: the pieces each rule type's ``describe`` is made of.

A description is a sequence of text and ``Code`` (a field path, a record kind, an id),
so every output can escape each piece for its target: the site writes text with
``site_text`` and code with ``site_code``; messages join them as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from checker.findings import Lang
from checker.records import KINDS
from checker.records.general import Role
from checker.records.ruleset import Condition

DayCount = Literal["calendar", "working"]


@dataclass(frozen=True)
class Code:
    """A field path, record kind or id inside a description: shown as code."""

    text: str


Words = tuple[str | Code, ...]


def plain(words: Words) -> str:
    """A description as plain text (for messages)."""
    return "".join(w.text if isinstance(w, Code) else w for w in words)


def lowered(text: str) -> str:
    """"Company management" as it reads inside an English sentence."""
    return text[:1].lower() + text[1:]


def pick(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def number(value: Any) -> str:
    """A number with thousands separators (``500,000``); anything else as written."""
    text = str(value)
    if not _NUMBER.match(text):
        return text
    try:
        found = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return text
    return f"{found:,}"


class Names:
    """Names of roles and record kinds in both languages, for descriptions."""

    def __init__(self, roles: Mapping[str, Role]) -> None:
        self._roles = roles

    def role(self, role: str, lang: Lang) -> str:
        """A role's name as it reads inside a sentence ("营销经理", "marketing manager")."""
        found = self._roles.get(role)
        if found is None:
            return role
        return found.name_zh if lang == "zh" else found.name_en[:1].lower() + found.name_en[1:]

    def roles(self, roles: Iterable[str], lang: Lang) -> str:
        """"A、B 或 C" / "A, B or C"."""
        names = [self.role(r, lang) for r in roles]
        if len(names) < 2:
            return "".join(names)
        last = pick(lang, "或", " or ")
        return pick(lang, "、", ", ").join(names[:-1]) + last + names[-1]

    def kind(self, kind: str, lang: Lang) -> Words:
        """A record kind by its title, with its id as code: 拜访记录（visit）."""
        model = KINDS.get(kind)
        if model is None:
            return (Code(kind),)
        title: Words = (model.title_zh,) if lang == "zh" else inside((model.title_en,))
        return (*title, "（" if lang == "zh" else " (", Code(kind), "）" if lang == "zh" else ")")


def span(days: int, hours: int, day_count: DayCount, lang: Lang) -> str:
    """A length of time: "30 个自然日" / "30 calendar days", "24 小时" / "24 hours"."""
    if hours and not days:
        return pick(lang, f"{abs(hours)} 小时", f"{abs(hours)} hours")
    count = abs(days)
    if day_count == "working":
        text = pick(lang, f"{count} 个工作日", f"{count} working day{'s' if count != 1 else ''}")
    else:
        text = pick(lang, f"{count} 个自然日", f"{count} calendar day{'s' if count != 1 else ''}")
    if hours:
        text += pick(lang, f"又 {abs(hours)} 小时", f" and {abs(hours)} hours")
    return text


def counting(value: DayCount, lang: Lang) -> Words:
    """What a day of the rule counts."""
    if value == "working":
        return (pick(lang, "天数按工作日计算：不计周末和中国大陆法定节假日，调休上班日照常计入",
                     "Days are working days: weekends and mainland China's public holidays do not count, "
                     "make-up working days do"),)
    return (pick(lang, "天数按自然日计算：周末和法定节假日照常计入",
                 "Days are calendar days: weekends and public holidays count"),)


def fields(paths: Iterable[str], lang: Lang) -> Words:
    """Field paths as code, joined: ``a``、``b`` 和 ``c``."""
    found = list(paths)
    out: list[str | Code] = []
    for index, path in enumerate(found):
        if index:
            last = index == len(found) - 1
            out.append(pick(lang, "和" if last else "、", " and " if last else ", "))
        out.append(Code(path))
    return tuple(out)


def condition(cond: Condition, lang: Lang, names: Names) -> Words:
    """A condition of the rule language in words."""
    if cond.all_ is not None or cond.any_ is not None:
        parts = cond.all_ if cond.all_ is not None else cond.any_
        joiner = (pick(lang, "且", " and ") if cond.all_ is not None else pick(lang, "或", " or "))
        out: list[str | Code] = []
        for index, part in enumerate(parts or ()):
            if index:
                out.append(joiner)
            out.extend(condition(part, lang, names))
        return tuple(out)
    if cond.not_ is not None:
        return (pick(lang, "并非“", "not ("), *condition(cond.not_, lang, names), pick(lang, "”", ")"))
    if cond.approved_by is not None:
        return (pick(lang, f"已经{names.role(cond.approved_by, lang)}批准",
                     f"approved by {names.role(cond.approved_by, lang)}"),)
    name = Code(cond.field or "")
    if cond.exists is not None:
        if cond.exists:
            return (pick(lang, "已填写 ", ""), name, pick(lang, "", " is filled in"))
        return (pick(lang, "未填写 ", ""), name, pick(lang, "", " is empty"))
    if cond.in_ is not None:
        values: list[str | Code] = []
        for index, value in enumerate(cond.in_):
            if index:
                values.append(pick(lang, "、", ", "))
            values.append(Code(str(value)))
        return (name, pick(lang, " 为 ", " is one of "), *values)
    for attribute, zh, en in (("equals", "为", "is"), ("not_equals", "不为", "is not"), ("gt", "大于", "is above"),
                              ("ge", "不小于", "is at least"), ("lt", "小于", "is below"),
                              ("le", "不大于", "is at most")):
        value = getattr(cond, attribute)
        if value is not None:
            shown = number(value) if attribute in ("gt", "ge", "lt", "le") else str(value)
            return (name, f" {pick(lang, zh, en)} ", Code(shown))
    return (name,)  # pragma: no cover - a Condition always holds one test


def compact(value: Any) -> str:
    """Rule data written as compact YAML flow style, as in the rule set."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {compact(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(compact(v) for v in value) + "]"
    return str(value)


def of(path: str, kind: str, lang: Lang, names: Names) -> Words:
    """A field of a record kind: "费用报销（expense-claim）的 amount" / "amount of expense claim (expense-claim)"."""
    if lang == "zh":
        return (*names.kind(kind, lang), "的 ", Code(path))
    return (Code(path), " of ", *names.kind(kind, lang))


def inside(words: Words) -> Words:
    """An English description continuing a sentence: its first letter in lower case."""
    first = words[0] if words and isinstance(words[0], str) else ""
    token = first.split(" ", 1)[0]
    if token and (len(token) == 1 or token[1:].islower()):  # not an acronym such as "ID"
        return (first[:1].lower() + first[1:], *words[1:])
    return words
