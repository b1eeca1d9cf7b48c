"""What the rule boxes and the catalogue say about a rule's parameters: each in words, grouped
by where it comes from (the clause's own words or a team setting), escaped for the site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.escaping import site_code, site_text
from checker.findings import Lang
from checker.records.ruleset import RuleSpec, Source
from checker.rules.explain import explain
from checker.rules.words import Code, Names, Words, inside


def words_html(words: Words) -> str:
    """A description as site Markdown: text through ``site_text``, code through ``site_code``;
    the spaces between pieces are kept."""
    out = []
    for piece in words:
        if isinstance(piece, Code):
            out.append(site_code(piece.text))
            continue
        core = site_text(piece)
        lead = " " if piece[:1].isspace() and core else ""
        trail = " " if piece[-1:].isspace() and core else ""
        out.append(f"{lead}{core}{trail}")
    return "".join(out)


@dataclass(frozen=True)
class ParamView:
    """Parameters of one rule that share a source, in words; every text is escaped."""

    words: str  # the parameters' sentences, joined
    team: bool  # a team setting (else the policy's own words)
    reason: str  # why the team set it ("" for the policy's words)
    policy: str  # the policy's words it rests on ("" when none is quoted)
    clause: str  # the clause those words are from, when not the rule's own ("" otherwise)
    clause_link: str  # link to that clause ("" otherwise)


def param_views(rule: RuleSpec, lang: Lang, names: Names, link: Callable[[str], str]) -> list[ParamView]:
    """The rule's parameters grouped by source, in the order they first appear; a parameter
    without a source (a finding of the check) is a group of its own."""
    groups: dict[Source | int, list[Words]] = {}
    for index, said in enumerate(explain(rule, lang, names)):
        groups.setdefault(said.source if said.source is not None else index, []).append(said.words)
    views = []
    joiner = "；" if lang == "zh" else "; "
    for source, sentences in groups.items():
        words = joiner.join(words_html(s if index == 0 or lang == "zh" else inside(s))
                            for index, s in enumerate(sentences))
        if not isinstance(source, Source):
            views.append(ParamView(words, False, "", "", "", ""))
            continue
        other = source.clause if source.clause and source.clause != rule.clause else ""
        views.append(ParamView(
            words=words, team=source.team is not None,
            reason=site_text(source.team(lang)) if source.team else "",
            policy=site_text(source.policy(lang)) if source.policy else "",
            clause=site_text(other), clause_link=link(other) if other else ""))
    return views
