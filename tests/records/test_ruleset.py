"""The rule set's own data: every parameter says where it comes from, every quote of the
policy is its exact words, drafted clauses are marked, and day counts are stated."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from checker.findings import Message
from checker.loading.yamltext import parse_exact
from checker.records.ruleset import FILLED_LIMIT, TEXT, RuleSet, RuleSpec, Source, fill, template_problem
from tests.conftest import PROJECT, RULES_FILE

_CLAUSE = re.compile(r'^<span id="c[\d-]+"></span>\*\*([\d.]+)\*\*\u3000(.*)$')
_DRAFTED = re.compile(r"〔[^〕]*〕|\[[^\]]*\]")  # drafted completions, not the policy's words


def _clauses(english: bool, drafted: bool = False) -> dict[str, str]:
    """Each clause's text on the policy pages, without drafted words (with them: ``drafted``)."""
    found = {}
    for page in sorted((PROJECT / "docs" / "policy").glob("[1-9]-*.md")):
        if page.name.endswith(".en.md") != english:
            continue
        for line in page.read_text(encoding="utf-8").splitlines():
            if m := _CLAUSE.match(line):
                found[m.group(1)] = m.group(2) if drafted else _DRAFTED.sub("", m.group(2))
    return found


def _rules() -> list[RuleSpec]:
    return list(RuleSet.model_validate(parse_exact(RULES_FILE.read_text(encoding="utf-8"))).rules)


def _in_clause(quote: str, clause: str, texts: dict[str, str]) -> bool:
    """Whether ``quote`` is in the text of ``clause`` (of one of its items, for a section)."""
    return any(quote in text for number, text in texts.items()
               if number == clause or number.startswith(clause + "."))


def test_every_parameter_of_every_rule_has_a_source() -> None:
    missing = {rule.id: rule.unsourced() for rule in _rules() if rule.unsourced()}
    stray = {rule.id: rule.stray_sources() for rule in _rules() if rule.stray_sources()}
    assert not missing and not stray, (missing, stray)


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_every_policy_quote_is_the_exact_words_of_its_clause(english: bool) -> None:
    texts = _clauses(english)
    wrong = [(rule.id, name, source.policy.en if english else source.policy.zh)
             for rule in _rules() for name, source in rule.sources.items() if source.policy is not None
             if not _in_clause(source.policy.en if english else source.policy.zh, source.clause or rule.clause,
                               texts)]
    assert not wrong, wrong


def test_rules_of_drafted_clauses_are_marked_drafted_and_no_others() -> None:
    drafted = {number for number, text in _clauses(False, drafted=True).items() if "〔" in text}
    assert {r.id for r in _rules() if r.drafted} == {r.id for r in _rules() if r.clause in drafted}
    assert {r.clause for r in _rules() if r.drafted} == {"9.3.1", "9.3.2"}


def test_every_rule_that_counts_days_says_which_days() -> None:
    spans = ("within", "every", "first_within", "due")
    silent = [rule.id for rule in _rules() if rule.type in ("deadline", "cadence")
              and any(k in rule.params for k in spans) and "day_count" not in rule.params]
    assert not silent, silent


def _spec(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "r", "clause": "3.3.1", "type": "cadence", "severity": "error",
                            "params": {"every": {"days": 30}}, "title": {"zh": "t", "en": "t"},
                            "message": {"zh": "m", "en": "m"}, "fix": {"zh": "f", "en": "f"}}
    data.update(changes)
    return data


def test_a_source_gives_the_policy_words_a_team_setting_or_both() -> None:
    words = {"zh": "定期拜访客户", "en": "visit customers regularly"}
    assert Source.model_validate({"policy": words}).team is None
    assert Source.model_validate({"team": words, "policy": words}).policy == Source.model_validate(
        {"policy": words}).policy
    with pytest.raises(ValidationError, match="policy's words"):
        Source.model_validate({"clause": "3.3.1"})


def test_unsourced_and_stray_sources_are_named() -> None:
    rule = RuleSpec.model_validate(_spec(when={"field": "class", "equals": "key"},
                                         sources={"every": {"policy": {"zh": "定期", "en": "regularly"}},
                                                  "every_other": {"policy": {"zh": "定期", "en": "regularly"}}}))
    assert rule.unsourced() == ["when"]
    assert rule.stray_sources() == ["every_other"]


def test_team_settings_are_listed_in_the_order_of_the_parameters() -> None:
    team = {"team": {"zh": "团队", "en": "team"}}
    rule = RuleSpec.model_validate(_spec(params={"a": 1, "b": 2, "c": 3},
                                         sources={"c": team, "a": team, "b": {"policy": {"zh": "x", "en": "x"}}}))
    assert rule.team_settings() == ["a", "c"]


def test_a_drafted_rule_is_a_warning_until_adopted() -> None:
    assert RuleSpec.model_validate(_spec(drafted=True)).severity_in_force() == "warning"
    assert RuleSpec.model_validate(_spec(drafted=True, adopted=True)).severity_in_force() == "error"
    assert RuleSpec.model_validate(_spec()).severity_in_force("warning") == "warning"
    assert RuleSpec.model_validate(_spec()).severity_in_force() == "error"


def test_the_policy_pages_exist_where_the_quotes_are_checked() -> None:
    assert len(_clauses(False)) == len(_clauses(True)) > 50
    assert Path(RULES_FILE).is_file()


@pytest.mark.parametrize(("template", "expected"), [
    ("每 {params[every][days]} 天", "每 30 天"),
    ("{params[limit]:,} 元", "500,000 元"),
    ("{record} 缺少 {detail}", "C-1 缺少 strategy"),
    ("{record!r}", "{record!r}"),  # a conversion is no format a rule text may use
    ("{unknown}、{params[nope]}、{params[every][days][0]}", "{unknown}、{params[nope]}、{params[every][days][0]}"),
    ("{0} 和 {}", "{0} 和 {}"),
])
def test_a_rule_text_fills_names_and_keys(template: str, expected: str) -> None:
    values = {"params": {"every": {"days": Decimal(30)}, "limit": Decimal(500000)}, "record": "C-1",
              "detail": "strategy"}
    assert fill(template, values) == expected


@pytest.mark.parametrize("template", [
    "{detail.__class__.__init__.__globals__}",
    "{params.__class__}",
    "{record.upper}",
    "{params[every].__class__}",
])
def test_a_rule_text_never_reads_attributes_of_what_it_is_given(template: str) -> None:
    """Rule texts come from pull requests: attribute access would print the checker's own
    objects (module globals, the environment) into reports and the site."""
    values = {"params": {"every": {"days": 30}}, "record": "C-1", "detail": Message("甲", "a")}
    assert fill(template, values) == template


VALUES = {"params": {"limit": Decimal(500000), "every": {"days": 30}, "start": "since", "count": 7},
          "record": "C-1", "detail": "strategy"}


@pytest.mark.parametrize(("template", "expected"), [
    ("a { b", "a { b"),  # a lone brace stays as written
    ("a } b", "a } b"),
    ("{record", "{record"),
    ("{{{{{", "{{{"),
    ("}}}", "}}"),
    ("{{record}} {{{record}}}", "{record} {C-1}"),  # {{ and }} are braces
    ("{record:zz}", "{record:zz}"),  # no format applies to a text
    ("{record:{detail}}", "{record:{detail}}"),  # nor a nested one
    ("{record:,}", "{record:,}"),
    ("{a:{b:{c}}} {record}", "{a:{b:{c}}} C-1"),
    ("{record:>200000000}", "{record:>200000000}"),  # no width
    ("{params[limit]:>200000000}", "{params[limit]:>200000000}"),
    ("{params[limit]:x<9}", "{params[limit]:x<9}"),
    ("{params[limit]:.7f}", "{params[limit]:.7f}"),  # at most 6 decimal places
    ("{params[limit]:,.2f} {params[limit]:.0%} {params[count]:03d}", "500,000.00 50000000% 007"),
    ("{params[limit]:03d}", "{params[limit]:03d}"),  # d takes a whole int, not a Decimal
    ("{params[start]:,}", "{params[start]:,}"),
    ("{params[every]}", "{'days': 30}"),
    ("{record[0]}", "{record[0]}"),  # keys reach into params, not into a text
    ("{params[every][days]!s}", "{params[every][days]!s}"),
])
def test_fill_never_fails_and_renders_what_it_cannot_fill_as_written(template: str, expected: str) -> None:
    assert fill(template, VALUES) == expected


def test_fill_keeps_no_more_than_its_limit() -> None:
    filled = fill("{detail}" * 100_000, VALUES)  # 800 kB of template, 800 kB of values
    assert len(filled) == FILLED_LIMIT and filled.endswith("…")
    assert fill("x" * FILLED_LIMIT, {}) == "x" * FILLED_LIMIT


def test_fill_renders_a_value_that_cannot_be_said_as_written() -> None:
    assert fill("{params[n]} {params[n]:,}", {"params": {"n": 10 ** 5000}}) == "{params[n]} {params[n]:,}"


@pytest.mark.parametrize(("template", "problem"), [
    ("{{literal}} {record} {params[limit]:,.2f} {params[limit]:.0%} {params[limit]:,}", None),
    ("{record:>9}", "{record:>9} is text and cannot take the format :>9 (only numbers can)"),
    ("{params[limit]:{detail}}", "{params[limit]:{detail}} has the format :{detail}, which is not allowed"),
    ("{detail}" + "x" * 993, "the text has 1,001 characters, more than the limit of 1,000"),
    ("{record:" + "9" * 50 + "}", f"{{record:{'9' * 22}…}} is text and cannot take the format :{'9' * 30}…9 "
                                  "(only numbers can)"),  # a long placeholder is quoted shortened
    ("}{", "the } at character 1 closes no placeholder"),
])
def test_template_problem_names_the_first_problem(template: str, problem: str | None) -> None:
    found = template_problem(template, {"record": TEXT, "detail": TEXT}, VALUES["params"])
    assert (found.en if found else None) == problem
