"""The rule set: the policy's duties as data, itself a record approved by management."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from pydantic import Field, model_validator

from checker.findings import Message
from checker.records.base import Part, Record
from checker.records.fields import field
from checker.records.types import Flag


class Text(Part):
    """A text in both languages of the handbook."""

    zh: str = field("中文", "Chinese", example="报价发送前须经营销经理批准")
    en: str = field("英文", "English", example="A quote is approved by a marketing manager before it is sent")

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


_OPERATORS = ("equals", "not_equals", "in", "gt", "ge", "lt", "le", "exists", "approved_by")
_COMBINATORS = ("all", "any", "not")
_ATTRIBUTE = {"in": "in_", "all": "all_", "any": "any_", "not": "not_"}


class Condition(Part):
    """A structured test on a record, e.g. ``{field: total, gt: 500000}``.

    Operators: equals, not_equals, in, gt, ge, lt, le, exists (true/false) on ``field``;
    ``approved_by: ROLE`` (the record carries an approval given in that role);
    combinators ``all``/``any`` (lists of conditions) and ``not`` (one condition).
    """

    field: str | None = None
    equals: Any = None
    not_equals: Any = None
    in_: tuple[Any, ...] | None = Field(default=None, alias="in")
    gt: Any = None
    ge: Any = None
    lt: Any = None
    le: Any = None
    exists: Flag | None = None
    approved_by: str | None = None
    all_: tuple[Condition, ...] | None = Field(default=None, alias="all")
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any")
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        given = [name for name in (*_OPERATORS, *_COMBINATORS)
                 if getattr(self, _ATTRIBUTE.get(name, name)) is not None]
        if len(given) != 1:
            raise ValueError(f"a condition takes exactly one of {', '.join(_OPERATORS + _COMBINATORS)}; "
                             f"found {', '.join(given) or 'none'}")
        needs_field = given[0] in _OPERATORS and given[0] != "approved_by"
        if needs_field and not self.field:
            raise ValueError(f"'{given[0]}' needs a 'field' to test")
        return self


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _numbers(value: Any) -> Any:
    """Rule parameters with numbers as numbers, so texts can format them (``{...:,}``)."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_numbers(v) for v in value]
    if isinstance(value, str) and _NUMBER.match(value):
        return Decimal(value)
    return value


_PARAMS: dict[int, tuple[Any, Any]] = {}  # id of a rule -> (the rule, its parameters as _numbers gives them)


# What a rule text may hold. Rule texts come from pull requests by any member, so each is
# hostile input: a placeholder is a known name (with keys, ``{params[every][days]}``, for
# the rule's parameters), never an attribute (``{detail.__class__...}`` would read the
# checker's own objects into reports and the site), never a conversion (``!r``), and a
# number takes only a format that cannot widen it (no fill, alignment or width), so no text
# can fail to fill or grow without bound. ``template_problem`` says what is wrong when the
# rule set is checked; ``fill`` renders anything else as written.
TEXT_LIMIT = 1000  # characters of one rule text
FILLED_LIMIT = 4000  # characters a filled text keeps: more is cut off and ends in "…"

_NAME = re.compile(r"([A-Za-z][A-Za-z0-9_]*)((?:\[[^\[\]{}]+\])*)")
_KEY = re.compile(r"\[([^\[\]]+)\]")
# ``{{``, ``}}``, a placeholder (its format may nest one level of braces, as str.format's
# may, so ``{record:{detail}}`` is seen whole), or a brace on its own
_TOKEN = re.compile(r"\{\{|\}\}|\{((?:[^{}]|\{[^{}]*\})*)\}|[{}]")
_FIELD = re.compile(r"(?P<field>[^!:\[]*(?:\[[^\]]*\][^!:\[]*)*)(?:!(?P<conversion>[^:]*))?(?::(?P<spec>.*))?",
                    re.DOTALL)

TEXT = re.compile("")  # the formats a text value takes: none
NUMBER = re.compile(r",?(?:\.[0-6][f%])?")  # , (thousands) .Nf (decimal places) .N% (a percentage)
DIGITS = re.compile(r"(?:0[1-9]d)?")  # a whole number padded with zeros to at most 9 digits: 02d
_FORMATS = re.compile(rf"{NUMBER.pattern}|0[1-9]d")  # every format fill applies, whatever the text

# The values each rule type gives its findings' messages and fixes, besides {record} and
# {detail} (what the rule types pass to Outcome.violation; tests/rules/test_texts.py holds
# the two together). All are text.
FINDING_VALUES: dict[str, tuple[str, ...]] = {
    "approval": ("roles", "gate"), "budget": ("spent", "limit"), "cadence": ("period", "due"),
    "coverage": (), "deadline": ("due", "actual"), "reference": ("target",), "required": ("field",),
    "responsibility": (), "total": ("total", "parts"), "unique": ("key", "other"),
}
_BY_TYPE = "; ".join(f"{kind} {' '.join('{' + n + '}' for n in names)}"
                     for kind, names in FINDING_VALUES.items() if names)
_BY_TYPE_ZH = "；".join(f"{kind}：{'、'.join('{' + n + '}' for n in names)}"
                       for kind, names in FINDING_VALUES.items() if names)
FORMATS_ZH = ("参数中的数字可加格式 :,（千位分隔）、:.Nf（保留 N 位小数）、:,.Nf 或 :.N%（百分比），N 为 0 到 6；"
              "不允许其他格式，也不允许填充、对齐或宽度；花括号本身写作 {{ 和 }}")
FORMATS_EN = ("a number from params may take the format :, (thousands), :.Nf (N decimal places), :,.Nf or :.N% "
              "(a percentage), N from 0 to 6; no other format, fill, alignment or width is allowed; write a "
              "brace itself as {{ or }}")


class _Slot(NamedTuple):
    """A placeholder of a template."""

    written: str  # as the template has it, braces included
    at: int  # offset of its opening brace
    name: str | None  # None: the field is not a name with keys (``{0}``, ``{a.b}``)
    keys: tuple[str | int, ...]
    conversion: str | None
    spec: str


class _Lone(NamedTuple):
    """A brace that opens or closes no placeholder."""

    brace: str
    at: int


_Piece = str | _Slot | _Lone


def _slot(written: str, at: int, inner: str) -> _Slot:
    parts = _FIELD.fullmatch(inner)
    assert parts is not None  # every part of it is optional
    found = _NAME.fullmatch(parts["field"])
    keys = tuple(int(k) if k.isdigit() else k for k in _KEY.findall(found.group(2))) if found else ()
    return _Slot(written, at, found.group(1) if found else None, keys, parts["conversion"], parts["spec"] or "")


@functools.lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[_Piece, ...]:
    """``template`` cut into literal text, placeholders and lone braces, once for each text."""
    pieces: list[_Piece] = []
    done = 0
    for token in _TOKEN.finditer(template):
        if token.start() > done:
            pieces.append(template[done:token.start()])
        written = token.group(0)
        if written in ("{{", "}}"):
            pieces.append(written[0])
        elif token.group(1) is None:
            pieces.append(_Lone(written, token.start()))
        else:
            pieces.append(_slot(written, token.start(), token.group(1)))
        done = token.end()
    if done < len(template):
        pieces.append(template[done:])
    return tuple(pieces)


_MISSING = object()


def _resolve(value: Any, keys: tuple[str | int, ...]) -> Any:
    """``value[key]...``, through mappings and lists only; ``_MISSING`` when a key is not there."""
    for key in keys:
        there = (isinstance(value, Mapping) and key in value) or (
            isinstance(value, list | tuple) and isinstance(key, int) and key < len(value))
        if not there:
            return _MISSING
        value = value[key]
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with ``{name}`` and ``{name[key]}`` placeholders filled from ``values``
    (a number with a format, ``{amount:,}``); ``{{`` and ``}}`` are braces. It never fails:
    any other placeholder, one with no value or one whose format does not apply stays as
    written, so does a lone brace, and the result is cut at ``FILLED_LIMIT`` characters."""
    out: list[str] = []
    size = 0
    for piece in _pieces(template):
        text = piece if isinstance(piece, str) else piece.brace if isinstance(piece, _Lone) else _filled(piece, values)
        out.append(text)
        size += len(text)
        if size > FILLED_LIMIT:
            return "".join(out)[:FILLED_LIMIT - 1] + "…"
    return "".join(out)


def _filled(slot: _Slot, values: Mapping[str, Any]) -> str:
    if slot.name is None or slot.conversion is not None or not _FORMATS.fullmatch(slot.spec):
        return slot.written
    value = _resolve(values[slot.name], slot.keys) if slot.name in values else _MISSING
    if value is _MISSING or (slot.spec and not _is_number(value)):
        return slot.written
    try:
        return format(value, slot.spec) if slot.spec else str(value)
    except (ValueError, TypeError, ArithmeticError):  # e.g. 02d of a Decimal, an int of 5,000 digits
        return slot.written


def _shown(written: str) -> str:
    """A placeholder as a message quotes it: a long one shortened."""
    return written if len(written) <= 40 else f"{written[:30]}…{written[-1]}"


def template_problem(template: str, names: Mapping[str, re.Pattern[str]], params: Any = None) -> Message | None:
    """What is wrong with ``template``, the first problem only, or None. ``names``: the names
    it may use, each with the formats its value takes (``TEXT``: none); with ``params``
    (a rule's parameters, numbers as ``_numbers`` gives them) it may also quote
    ``{params[...]}``, one value, a number taking ``NUMBER``'s formats."""
    if len(template) > TEXT_LIMIT:
        return Message(f"文字有 {len(template):,} 个字符，超过上限 {TEXT_LIMIT:,}",
                       f"the text has {len(template):,} characters, more than the limit of {TEXT_LIMIT:,}")
    for piece in _pieces(template):
        if isinstance(piece, _Lone):
            where = piece.at + 1
            if piece.brace == "{":
                return Message(f"第 {where} 个字符处的 {{ 没有构成占位符",
                               f"the {{ at character {where} opens no placeholder")
            return Message(f"第 {where} 个字符处的 }} 前面没有对应的 {{",
                           f"the }} at character {where} closes no placeholder")
        if isinstance(piece, _Slot) and (problem := _slot_problem(piece, names, params)) is not None:
            return problem
    return None


def _slot_problem(slot: _Slot, names: Mapping[str, re.Pattern[str]], params: Any) -> Message | None:
    shown = _shown(slot.written)
    quotes_params = slot.name == "params" and params is not None
    if slot.name is None or (slot.name not in names and not quotes_params) or (slot.keys and not quotes_params):
        return Message(f"{shown} 不是这段文字可用的占位符", f"{shown} is not a placeholder this text can use")
    if slot.conversion is not None:
        return Message(f"{shown} 中的转换 !{slot.conversion} 不允许使用",
                       f"{shown} has a conversion (!{slot.conversion}), which is not allowed")
    formats = names.get(slot.name, TEXT)
    if quotes_params:
        value = _resolve(params, slot.keys)
        if value is _MISSING:
            return Message(f"{shown} 引用的参数在这条规则中不存在", f"{shown} names no parameter of this rule")
        if not slot.keys or isinstance(value, Mapping | list | tuple):
            return Message(f"{shown} 是一组参数，不是单个值，请写到具体的一项",
                           f"{shown} is a group of parameters, not one value: name one item in it")
        formats = NUMBER if _is_number(value) else TEXT
    if formats.fullmatch(slot.spec):
        return None
    if formats is TEXT:
        return Message(f"{shown} 的值是文字，不能加格式 :{_shown(slot.spec)}（只有数字可以加格式）",
                       f"{shown} is text and cannot take the format :{_shown(slot.spec)} (only numbers can)")
    return Message(f"{shown} 的格式 :{_shown(slot.spec)} 不允许使用",
                   f"{shown} has the format :{_shown(slot.spec)}, which is not allowed")


class TextError(ValueError):
    """A template a rule parameter holds (``events.file``) is not valid, in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _leaves(value: Any, keys: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The keys of each single value in ``value``, in order."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, (*keys, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _leaves(item, (*keys, index))
    elif keys:
        yield keys


class Source(Part):
    """Where one rule parameter comes from: the clause's own words (``policy``, quoted exactly
    as the handbook's text of the clause has them, in both languages) or the team's own
    setting (``team``: a value the policy leaves open, decided by company management when
    it approved the rule set; say why). A team setting may quote the policy words it
    makes precise ("定期" made "every 30 days")."""

    policy: Text | None = field(
        "制度原文：逐字引用条款中的原话（中文取自制度，英文取自手册的译文）",
        "The policy's own words, quoted exactly from the clause (the Chinese from the policy, the English "
        "from the handbook's translation)", default=None,
        example={"zh": "定期拜访客户", "en": "visit customers regularly"})
    clause: str | None = field("引语所在的条款（默认为规则所执行的条款）",
                               "Clause the quote is taken from (default: the rule's own clause)",
                               pattern=r"^\d+(\.\d+){0,2}$", default=None, example="9.1.2")
    team: Text | None = field(
        "团队设定：制度没有规定的取值，由公司管理层在批准规则集时确定；写明理由",
        "Team setting: a value the policy does not give, decided by company management when it approved "
        "the rule set; say why", default=None,
        example={"zh": "重点客户贡献最大，按月走访", "en": "Key customers matter most: visited monthly"})

    @model_validator(mode="after")
    def _says_where(self) -> Source:
        if self.policy is None and self.team is None:
            raise ValueError("a source gives the policy's words (policy), a team setting (team), or both")
        return self


class RuleSpec(Part):
    id: str = field("规则编号（稳定，不随版本改变）", "Stable rule id", pattern=r"^[a-z0-9][a-z0-9-]*$",
                    example="quote-approved-by-manager")
    clause: str = field("所执行的制度条款", "Policy clause it enforces", pattern=r"^\d+(\.\d+){0,2}$",
                        example="4.2.2")
    type: str = field("规则类型", "Rule type", example="approval")
    severity: Literal["error", "warning"] = field("严重程度", "Severity", example="error")
    kinds: tuple[str, ...] = field("适用的记录类型", "Record kinds it applies to", default=(),
                                   example=["quote"])
    when: Condition | None = field("适用条件（可选）", "Optional condition on the record", default=None)
    params: dict[str, Any] = field("规则参数（见规则类型说明）", "Parameters of the rule type",
                                   default_factory=dict)
    title: Text = field(
        f"检查内容（简明说明）；可引用这条规则的参数，如 {{params[within][days]}}；{FORMATS_ZH}；"
        f"每段文字不超过 {TEXT_LIMIT:,} 个字符",
        f"What it checks, in plain words; may quote the rule's parameters, e.g. {{params[within][days]}}; "
        f"{FORMATS_EN}; each text holds at most {TEXT_LIMIT:,} characters")
    message: Text = field(
        f"发现问题时的提示；可用 {{record}}（记录）、{{detail}}（问题所在）、{{params[…]}}，以及规则类型给出的值"
        f"（{_BY_TYPE_ZH}）；其他名称都不可用；格式与 title 相同",
        f"Message of a finding; may use {{record}} (the record), {{detail}} (what is wrong), {{params[...]}}, and "
        f"the values its rule type gives ({_BY_TYPE}); no other name; formats as for title")
    fix: Text = field("如何修正；可用的占位符与 message 相同", "How to fix a finding; it may use the same "
                      "placeholders as message")
    sources: dict[str, Source] = field(
        "每个参数（及适用条件 when）的来源：制度原文（policy）或团队设定（team）",
        "Where each parameter (and the condition, when) comes from: the policy's words (policy) or a team "
        "setting (team)", default_factory=dict)
    drafted: Flag = field("所执行的条款是草拟补全的文字，不是制度原文（待公司管理层确认）",
                          "The clause it enforces is drafted text, not the policy's own (pending management)",
                          default=False)
    adopted: Flag = field("公司管理层已确认采用该草拟条款；确认前其问题只作为警告",
                          "Company management has adopted the drafted clause; until then its findings are "
                          "warnings", default=False)

    def sourced(self) -> list[str]:
        """The names that need a source: every parameter, and ``when`` when the rule has one."""
        return [*self.params, *(["when"] if self.when is not None else [])]

    def unsourced(self) -> list[str]:
        """Parameters (or ``when``) without a source."""
        return [name for name in self.sourced() if name not in self.sources]

    def stray_sources(self) -> list[str]:
        """Sources naming neither a parameter of the rule nor its ``when``."""
        return [name for name in self.sources if name not in self.sourced()]

    def team_settings(self) -> list[str]:
        """The parameters whose value is the team's own setting, in the order of the parameters."""
        return [name for name in self.sourced() if (found := self.sources.get(name)) and found.team]

    @property
    def pending(self) -> bool:
        """A drafted rule the rule set has not adopted: its findings are warnings."""
        return self.drafted and not self.adopted

    def severity_in_force(self, severity: Literal["error", "warning"] | None = None) -> Literal["error", "warning"]:
        """``severity`` (default: the rule's), lowered to a warning while the rule is pending."""
        return "warning" if self.pending else (severity or self.severity)

    def _params(self) -> Any:
        """The rule's parameters with numbers as numbers, converted once (every finding says four texts)."""
        known = _PARAMS.get(id(self))
        if known is None or known[0] is not self:
            known = _PARAMS[id(self)] = (self, _numbers(self.params))
        return known[1]

    def say(self, text: Text, lang: str, values: Mapping[str, Any] | None = None) -> str:
        """One of this rule's texts in ``lang``, its placeholders filled: ``{params[...]}``
        from the rule's own parameters, the rest from ``values``."""
        return fill(text(lang), {"params": self._params(), **(values or {})})

    def text_names(self, text: str) -> dict[str, re.Pattern[str]]:
        """The names ``text`` (title, message or fix) may use besides ``{params[...]}``, each
        with the formats its value takes. A title is said without a finding: parameters only."""
        if text == "title":
            return {}
        return dict.fromkeys(("record", "detail", *FINDING_VALUES.get(self.type, ())), TEXT)

    def text_problems(self) -> list[tuple[tuple[str, str], Message, Message]]:
        """Each of the rule's texts that is not valid: where it is (``("message", "en")``), what
        is wrong with it and how to fix it, in both languages."""
        found = []
        for name in ("title", "message", "fix"):
            names = self.text_names(name)
            for lang in ("zh", "en"):
                problem = template_problem(getattr(self, name)(lang), names, self._params())
                if problem is not None:
                    found.append(((name, lang), problem, self._may_use(names)))
        return found

    def _may_use(self, names: Mapping[str, re.Pattern[str]]) -> Message:
        """What a text with ``names`` can hold, as a fix says it."""
        example = next(_leaves(self._params()), None)
        quoted = f"{{params{''.join(f'[{k}]' for k in example)}}}" if example else ""
        zh = "、".join(f"{{{n}}}" for n in names) + ("，以及 " if names else "") + (
            f"{{params[…]}}（这条规则的一个参数，如 {quoted}）" if quoted else "{params[…]}（这条规则的一个参数）")
        en = ", ".join(f"{{{n}}}" for n in names) + (", and " if names else "") + (
            f"{{params[...]}} (one parameter of this rule, e.g. {quoted})" if quoted else
            "{params[...]} (one parameter of this rule)")
        return Message(f"改正这段文字。它可用的占位符：{zh}；{FORMATS_ZH}。",
                       f"Correct the text. It can use: {en}; {FORMATS_EN}.")

    def describe(self, lang: str) -> str:
        """What the rule checks, with its current parameters."""
        return self.say(self.title, lang)


class RuleSet(Record):
    chapter = "1"
    folder = "policy"
    judged_by = ()  # every version's own approval is judged by the version in force today
    id_example = "rules"
    title_zh = "规则集"
    title_en = "Rule set"

    kind: Literal["rule-set"]
    version: str = field("规则集版本", "Version of the rule set", example="2026.1")
    effective: dt.date = field("生效日期（义务自此日起计）", "Date the rules take effect; duties accrue from it",
                               example="2026-01-01")
    waivers_approved_by: tuple[str, ...] = field(
        "有权批准豁免的角色", "Roles whose approval makes a waiver effective", default=("management",))
    rules: tuple[RuleSpec, ...] = field("规则", "Rules")
