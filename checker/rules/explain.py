"""A rule's parameters in words, each with where it comes from: the clause's own words or a
team setting. The rule boxes, the catalogue and the check's messages all take it from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from checker.findings import Lang, Message
from checker.records.general import Role
from checker.records.ruleset import RuleSpec, Source
from checker.rules.types import RULE_TYPES
from checker.rules.words import Code, Names, Words, compact, condition, inside, pick, plain


@dataclass(frozen=True)
class Said:
    """One parameter (or the rule's ``when``) in words, and its source (None: not given)."""

    name: str
    words: Words
    source: Source | None


def explain(rule: RuleSpec, lang: Lang, names: Names) -> list[Said]:
    """Every parameter of ``rule`` in words, in the order of the rule set, then ``when``.
    A parameter the rule type cannot read shows as written."""
    described: dict[str, Words] = {}
    rule_type = RULE_TYPES.get(rule.type)
    if rule_type is not None:
        try:
            params = rule_type.params.model_validate(rule.params)
        except ValidationError:
            pass  # reported as rule-set-invalid by the engine
        else:
            described = rule_type.describe(params, lang, names)
    said = []
    for name in rule.sourced():
        if name == "when" and rule.when is not None:
            words: Words = (pick(lang, "适用条件：", "Applies when: "), *condition(rule.when, lang, names))
        else:
            words = described.get(name) or (Code(compact(rule.params.get(name))),)
        said.append(Said(name, words, rule.sources.get(name)))
    return said


def quote(text: str) -> str:
    return f"“{text}”"


def team_note(rule: RuleSpec, lang: Lang, names: Names) -> str:
    """The rule's team settings in one sentence, each after the policy words it makes precise:
    "团队设定：两次之间不超过 30 个自然日（制度原文：“定期拜访客户”）", or "" when every
    parameter is the policy's own."""
    groups: dict[str, list[str]] = {}  # policy words (or "") -> the settings that make them precise
    for said in explain(rule, lang, names):
        source = said.source
        if source is None or source.team is None or said.name == "day_count":
            continue  # the day count shows inside the spans it counts
        text = plain(said.words if lang == "zh" else inside(said.words))  # inside the sentence
        groups.setdefault(source.policy(lang) if source.policy else "", []).append(text)
    if not groups:
        return ""
    parts = []
    for words, settings in groups.items():
        text = pick(lang, "；", "; ").join(settings)
        if words:
            text += pick(lang, f"（制度原文：{quote(words)}）", f" (the policy says: {quote(words)})")
        parts.append(text)
    return pick(lang, "团队设定：", "Team setting: ") + pick(lang, "；", "; ").join(parts)


def drafted_label(rule: RuleSpec, lang: Lang) -> str:
    """"草拟条款 9.3.1，待公司管理层确认" while the rule is pending, else ""."""
    if not rule.pending:
        return ""
    return pick(lang, f"草拟条款 {rule.clause}，待公司管理层确认",
                f"drafted clause {rule.clause}, pending company management's confirmation")


def notes(rule: RuleSpec, roles: Mapping[str, Role]) -> tuple[Message, Message]:
    """What a finding's message must add about its rule: the drafted label (before) and the
    team settings (after), each "" when there is nothing to say."""
    names = Names(roles)
    return (Message(drafted_label(rule, "zh"), drafted_label(rule, "en")),
            Message(team_note(rule, "zh", names), team_note(rule, "en", names)))


def annotate(message: Message, said: tuple[Message, Message]) -> Message:
    """A finding's message with the notes of its rule (``notes``)."""
    label, note = said
    texts = []
    for lang in ("zh", "en"):
        text = message(lang)
        if label(lang):
            text = pick(lang, f"〔{label(lang)}〕", f"[{label(lang)[0].upper()}{label(lang)[1:]}] ") + text
        if note(lang):
            text += pick(lang, f"〔{note(lang)}〕", f" [{note(lang)}]")
        texts.append(text)
    return Message(*texts)
