"""A rule's parameters in words with their sources, and the notes a finding's message gets."""

from __future__ import annotations

from typing import Any

from checker.findings import Message
from checker.records.ruleset import RuleSpec
from checker.rules.explain import annotate, explain, notes, team_note
from checker.rules.words import Code, Names

VISIT = {"zh": "定期拜访客户", "en": "visit customers regularly"}


def spec(**changes: Any) -> RuleSpec:
    data: dict[str, Any] = {
        "id": "key-customers-visited", "clause": "3.3.1", "type": "cadence", "severity": "error",
        "kinds": ["customer"], "when": {"field": "class", "equals": "key"},
        "params": {"groups": "records", "every": {"days": 30}, "events": {"kind": "visit", "link": "customer"},
                   "day_count": "calendar"},
        "sources": {"groups": {"policy": VISIT}, "events": {"policy": VISIT},
                    "every": {"policy": VISIT, "team": {"zh": "按月走访", "en": "Visited monthly"}},
                    "day_count": {"team": {"zh": "按日历", "en": "By the calendar"}},
                    "when": {"policy": {"zh": "重点客户", "en": "key customers"}, "clause": "3.2.1"}},
        "title": {"zh": "t", "en": "t"}, "message": {"zh": "m", "en": "m"}, "fix": {"zh": "f", "en": "f"}}
    data.update(changes)
    return RuleSpec.model_validate(data)


def test_every_parameter_then_when_in_words_with_its_source() -> None:
    said = explain(spec(), "en", Names({}))
    assert [s.name for s in said] == ["groups", "every", "events", "day_count", "when"]
    assert said[1].words == ("No more than 30 calendar days between two",)
    assert said[1].source is not None and said[1].source.team is not None
    assert said[4].words == ("Applies when: ", Code("class"), " is ", Code("key"))


def test_a_parameter_the_rule_type_cannot_read_shows_as_written() -> None:
    broken = spec(params={"groups": "records", "every": "often", "events": {"kind": "visit"}})
    said = {s.name: s.words for s in explain(broken, "zh", Names({}))}
    assert said["every"] == (Code("often"),)


def test_the_team_note_names_each_team_setting_after_the_policy_words_it_makes_precise() -> None:
    assert team_note(spec(), "zh", Names({})) == "团队设定：两次之间不超过 30 个自然日（制度原文：“定期拜访客户”）"
    assert team_note(spec(), "en", Names({})) == (
        "Team setting: no more than 30 calendar days between two (the policy says: “visit customers regularly”)")


def test_a_rule_of_policy_words_only_has_no_team_note() -> None:
    sources = {name: {"policy": VISIT} for name in ("groups", "every", "events", "day_count", "when")}
    assert team_note(spec(sources=sources), "zh", Names({})) == ""


def test_the_message_of_a_pending_drafted_rule_says_so_and_ends_with_its_team_settings() -> None:
    rule = spec(drafted=True)
    message = annotate(Message("客户 C-1 拜访不够及时。", "Customer C-1 is not visited often enough."),
                       notes(rule, {}))
    assert message.zh.startswith("〔草拟条款 3.3.1，待公司管理层确认〕客户 C-1")
    assert message.zh.endswith("〔团队设定：两次之间不超过 30 个自然日（制度原文：“定期拜访客户”）〕")
    assert message.en.startswith("[Drafted clause 3.3.1, pending company management's confirmation] Customer C-1")


def test_an_adopted_drafted_rule_loses_the_drafted_label() -> None:
    label, _ = notes(spec(drafted=True, adopted=True), {})
    assert label == Message("", "")
