"""Rule texts are validated when the rule set is checked: a title, message, fix or file
pattern whose placeholders are not valid is one rule-set-invalid finding at its line,
never a traceback, and the text shows as written. The cases are data, in
tests/rules/cases/_texts.yaml."""

from __future__ import annotations

import ast
import copy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.loading.yamltext import parse_exact
from checker.records.ruleset import FINDING_VALUES, RuleSet, RuleSpec
from checker.rules.types import RULE_TYPES
from checker.rules.types.cadence import CadenceParams
from tests.conftest import CASES, RULES_FILE, loader_problems, rule_set, run, write_repo

TEXTS = yaml.load((CASES / "_texts.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _report(tmp_path: Path, case: dict[str, Any]) -> tuple[str, Any]:
    spec = copy.deepcopy(TEXTS["rules"][case.get("rule", "entered")])
    for path, text in case["set"].items():
        *parents, last = path.split(".")
        where = spec
        for name in parents:
            where = where[name]
        where[last] = text
    root = write_repo(tmp_path, TEXTS["records"], ruleset=rule_set([spec]))
    report = run(root, TEXTS["as_of"])
    assert not [p for p in loader_problems(report) if "rule-set-invalid" not in p], loader_problems(report)
    return spec["id"], report


@pytest.mark.parametrize("case", TEXTS["cases"], ids=[case["name"] for case in TEXTS["cases"]])
def test_rule_text_case(tmp_path: Path, case: dict[str, Any]) -> None:
    rule_id, report = _report(tmp_path, case)
    found = [(f.record, f.line, f.column, f.message.en, f.message.zh) for f in report.findings
             if f.rule == "rule-set-invalid"]
    assert found == [(rule_id, int(e["line"]), int(e["column"]), e["en"], e["zh"]) for e in case["expect"]]
    if "shows" in case:  # the rule still runs, its text as written where it is not valid
        assert [f.message.en for f in report.findings if f.rule == rule_id] == [case["shows"]]


def test_a_finding_says_what_the_text_can_use(tmp_path: Path) -> None:
    _, report = _report(tmp_path, {"set": {"message.en": "{record} {"}})
    [problem] = [f for f in report.findings if f.rule == "rule-set-invalid"]
    assert problem.fix.en == (
        "Correct the text. It can use: {record}, {detail}, {due}, {actual}, and {params[...]} (one parameter of "
        "this rule, e.g. {params[start]}); a number from params may take the format :, (thousands), :.Nf (N "
        "decimal places), :,.Nf or :.N% (a percentage), N from 0 to 6; no other format, fill, alignment or width "
        "is allowed; write a brace itself as {{ or }}.")
    assert problem.fix.zh == (
        "改正这段文字。它可用的占位符：{record}、{detail}、{due}、{actual}，以及 {params[…]}（这条规则的一个参数，"
        "如 {params[start]}）；参数中的数字可加格式 :,（千位分隔）、:.Nf（保留 N 位小数）、:,.Nf 或 :.N%（百分比），"
        "N 为 0 到 6；不允许其他格式，也不允许填充、对齐或宽度；花括号本身写作 {{ 和 }}。")


def test_a_title_can_quote_only_parameters(tmp_path: Path) -> None:
    _, report = _report(tmp_path, {"set": {"title.en": "{detail}"}})
    [problem] = [f for f in report.findings if f.rule == "rule-set-invalid"]
    assert problem.fix.en.startswith("Correct the text. It can use: {params[...]} (one parameter of this rule")


def test_a_text_longer_than_the_limit_is_a_finding(tmp_path: Path) -> None:
    _, report = _report(tmp_path, {"set": {"fix.en": "x" * 1001}})
    assert [(f.line, f.message.en) for f in report.findings if f.rule == "rule-set-invalid"] == [
        (32, "Rule entered: in fix.en (the English fix), the text has 1,001 characters, more than the limit of 1,000")]


# codes and a path for the checker's own use (situations, missing files); {record} is every type's
_INTERNAL = {"situation", "approved_late", "expected_file", "record"}


def _violation_values(module: str) -> set[str]:
    """The keyword values a rule type's module passes to ``out.violation(...)``."""
    tree = ast.parse(Path(sys.modules[module].__file__ or "").read_text(encoding="utf-8"))
    return {keyword.arg for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "violation"
            for keyword in node.keywords if keyword.arg not in (None, "severity", "subject")}


def test_the_values_texts_may_use_are_the_ones_each_rule_type_gives() -> None:
    assert set(FINDING_VALUES) == set(RULE_TYPES)
    given = {name: _violation_values(type(rule_type).__module__) - _INTERNAL
             for name, rule_type in RULE_TYPES.items()}
    assert given == {name: set(values) for name, values in FINDING_VALUES.items()}


def test_the_field_descriptions_state_the_names_and_formats() -> None:
    fields = RuleSpec.model_fields
    assert fields["title"].description and ":.N%" in fields["title"].description
    assert "{{ or }}" in fields["title"].description and "width" in fields["title"].description
    message = fields["message"].description or ""
    assert "{record}" in message and "approval {roles} {gate}" in message and "unique {key} {other}" in message


def test_every_text_of_the_real_rule_sets_is_valid() -> None:
    for path in sorted(RULES_FILE.parent.glob("rules*.yaml")):
        ruleset = RuleSet.model_validate(parse_exact(path.read_text(encoding="utf-8")))
        assert [(r.id, problem) for r in ruleset.rules for problem in r.text_problems()] == []
        for rule in ruleset.rules:
            if rule.type == "cadence":
                CadenceParams.model_validate(rule.params)  # its events.file pattern, if any, is valid
