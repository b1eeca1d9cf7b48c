"""The engine: rule set in force, rule problems as findings, waivers, results, messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from checker.rules.engine import Engine
from checker.rules.inforce import ConfigurationError
from tests.conftest import dump, load_repo, rule, rule_set, run

CUSTOMER = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
            "since": "2026-01-10"}
STRATEGY = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"],
                clause="3.2")
WAIVER_APPROVAL = [{"role": "management", "person": "p-zhao-min", "date": "2026-02-01"}]


def waiver(**changes: Any) -> dict[str, Any]:
    data = {"kind": "waiver", "id": "W-1", "owner": "p-wang-jun", "rule": "customer-strategy",
            "record": "C-1", "reason": "停产整顿", "expires": "2026-12-31", "approvals": WAIVER_APPROVAL}
    data.update(changes)
    return data


def test_finding_carries_rule_clause_record_message_and_location(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER], ruleset=rule_set([STRATEGY])), "2026-03-01")
    [finding] = report.findings
    assert (finding.rule, finding.clause, finding.record, finding.severity) == (
        "customer-strategy", "3.2", "C-1", "error")
    assert finding.message.en == "C-1: strategy is empty"
    assert finding.message.zh == "C-1：strategy 为空"
    assert finding.file.endswith(".yaml") and finding.line == 1
    result = report.results["customer-strategy"]
    assert (result.checked, result.findings, result.passed) == (1, 1, 0)


def test_an_unknown_placeholder_is_a_rule_set_finding_and_stays_as_written(make_repo: Callable[..., Path]) -> None:
    spec = dict(STRATEGY, message={"zh": "{record} {nope}", "en": "{record} {nope} {field}"})
    report = run(make_repo([CUSTOMER], ruleset=rule_set([spec])), "2026-03-01")
    assert [(f.line, f.message.en) for f in report.findings if f.rule == "rule-set-invalid"] == [
        (26, "Rule customer-strategy: in message.zh (the Chinese message), {nope} is not a placeholder this text "
             "can use"),
        (27, "Rule customer-strategy: in message.en (the English message), {nope} is not a placeholder this text "
             "can use")]
    [finding] = [f for f in report.findings if f.rule == "customer-strategy"]  # the rule still runs
    assert finding.message.en == "C-1 {nope} strategy"


def test_severity_warning(make_repo: Callable[..., Path]) -> None:
    spec = dict(STRATEGY, severity="warning")
    report = run(make_repo([CUSTOMER], ruleset=rule_set([spec])), "2026-03-01")
    assert report.count("warning") == 1 and report.count("error") == 0


def test_when_limits_subjects(make_repo: Callable[..., Path]) -> None:
    spec = dict(STRATEGY, when={"field": "class", "equals": "general"})
    report = run(make_repo([CUSTOMER], ruleset=rule_set([spec])), "2026-03-01")
    assert report.findings == []
    assert report.results["customer-strategy"].checked == 0


def test_no_rule_set_is_a_configuration_error(make_repo: Callable[..., Path]) -> None:
    with pytest.raises(ConfigurationError, match="no rule set"):
        Engine(load_repo(make_repo([CUSTOMER])), date(2026, 3, 1))


def test_rule_set_not_yet_in_force(make_repo: Callable[..., Path]) -> None:
    root = make_repo([CUSTOMER], ruleset=rule_set([STRATEGY], effective="2026-06-01"))
    with pytest.raises(ConfigurationError, match="in force"):
        Engine(load_repo(root), date(2026, 3, 1))


def test_latest_rule_set_in_force_is_used(make_repo: Callable[..., Path]) -> None:
    newer = dict(rule_set([], effective="2026-02-01", version="test.2"), id="rules-2")
    later = dict(rule_set([], effective="2026-09-01", version="test.3"), id="rules-3")
    root = make_repo([CUSTOMER, newer, later], ruleset=rule_set([STRATEGY]))
    assert run(root, "2026-03-01").ruleset.version == "test.2"
    assert run(root, "2026-01-15").ruleset.version == "test.1"
    assert run(root, "2026-10-01").ruleset.version == "test.3"


@pytest.mark.parametrize(("spec", "words"), [
    (rule("r", "no-such-type", kinds=["customer"]), "unknown rule type"),
    (rule("r", "required", {"fields": ["x"]}, kinds=["custmer"]), "invalid record kinds"),
    (rule("r", "required", {"fields": ["x"]}), "invalid record kinds"),
    (rule("r", "required", {"feilds": ["x"]}, kinds=["customer"]), "parameter feilds"),
    (rule("r", "approval", {"gate": "sent"}, kinds=["quote"]), "either 'required' or 'tiers'"),
    (rule("r", "cadence", {"events": {"kind": "visit"}, "period": "month", "every": {"days": 3}},
          kinds=["customer"]), "either 'period' or 'every'"),
])
def test_broken_rule_is_a_rule_set_finding(make_repo: Callable[..., Path], spec: dict[str, Any],
                                           words: str) -> None:
    report = run(make_repo([CUSTOMER], ruleset=rule_set([spec, STRATEGY])), "2026-03-01")
    [problem] = [f for f in report.findings if f.rule == "rule-set-invalid"]
    assert words in problem.message.en
    assert problem.file == "records/policy/rules.yaml" and problem.line is not None
    assert problem.record == "r"
    assert "customer-strategy" in report.results  # the other rules still run


def _quote(quote_id: str, total: str) -> dict[str, Any]:
    return {"kind": "quote", "id": quote_id, "owner": "p-zhang-wei", "customer": "C-1", "status": "sent",
            "sent": "2026-03-30", "lines": [{"product": "p", "quantity": "1", "unit_price": total}], "total": total}


LARGE = rule("large", "approval", {"gate": "sent", "required": [
    {"roles": ["management"], "when": {"field": "total", "gt": "500000"}}]}, kinds=["quote"])


def test_a_value_one_record_cannot_compare_is_one_finding_on_that_record(make_repo: Callable[..., Path]) -> None:
    records = [_quote("QT-1", "600000.00"), _quote("QT-2", "600000.00 USD"), _quote("QT-3", "100.00")]
    report = run(make_repo(records, ruleset=rule_set([LARGE])), "2026-06-30")
    assert sorted((f.rule, f.record) for f in report.findings) == [("large", "QT-1"), ("large", "QT-2")]
    [unchecked] = [f for f in report.findings if f.record == "QT-2"]
    assert unchecked.message.en.startswith("Rule large cannot check record QT-2: 600,000.00 USD and 500,000.00 "
                                           "CNY are in different currencies")
    assert unchecked.file == "records/r001-QT-2.yaml" and unchecked.line == 1
    assert report.results["large"].checked == 3 and report.results["large"].findings == 2


def test_a_record_in_another_currency_alone_is_still_the_records_fault(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([_quote("QT-1", "600000.00 USD")], ruleset=rule_set([LARGE])), "2026-06-30")
    [finding] = report.findings
    assert (finding.rule, finding.record) == ("large", "QT-1")


def test_a_rule_that_can_check_no_record_is_itself_at_fault(make_repo: Callable[..., Path]) -> None:
    spec = rule("large", "approval", {"gate": "sent", "required": [
        {"roles": ["management"], "when": {"field": "total", "gt": "lots"}}]}, kinds=["quote"])
    records = [_quote("QT-1", "600000.00"), _quote("QT-2", "1.00")]
    report = run(make_repo(records, ruleset=rule_set([spec])), "2026-06-30")
    [problem] = report.findings
    assert problem.rule == "rule-set-invalid" and problem.record == "large"


def test_duplicate_rule_id(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER], ruleset=rule_set([STRATEGY, STRATEGY])), "2026-03-01")
    problems = [f for f in report.findings if f.rule == "rule-set-invalid"]
    assert len(problems) == 1 and "used twice" in problems[0].message.en
    assert len([f for f in report.findings if f.rule == "customer-strategy"]) == 1


def test_malformed_when_value_is_a_finding(make_repo: Callable[..., Path]) -> None:
    spec = dict(STRATEGY, when={"field": "since", "gt": "soon"})
    report = run(make_repo([CUSTOMER], ruleset=rule_set([spec])), "2026-03-01")
    assert [f.rule for f in report.findings] == ["rule-set-invalid"]


def test_effective_waiver_moves_the_finding_to_waived(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER, waiver()], ruleset=rule_set([STRATEGY])), "2026-03-01")
    assert report.findings == []
    assert [f.record for f in report.waived] == ["C-1"]
    assert report.results["customer-strategy"].waived == 1


@pytest.mark.parametrize(("changes", "severity", "words"), [
    ({"approvals": []}, "error", "not approved"),
    ({"approvals": [{"role": "management", "person": "p-wang-jun", "date": "2026-02-01"}]},
     "error", "not approved"),  # the approver does not hold the role
    ({"owner": "p-zhao-min"}, "error", "not approved"),  # self-approval
    ({"approvals": [{"role": "management", "person": "p-zhao-min", "date": "2026-05-01"}]},
     "error", "not approved"),  # approved in the future
    ({"rule": "no-such-rule"}, "error", "unknown rule"),
    ({"expires": "2026-02-15"}, "warning", "expired"),
])
def test_invalid_waiver(make_repo: Callable[..., Path], changes: dict[str, Any], severity: str,
                        words: str) -> None:
    report = run(make_repo([CUSTOMER, waiver(**changes)], ruleset=rule_set([STRATEGY])), "2026-03-01")
    [problem] = [f for f in report.findings if f.rule == "waiver-invalid"]
    assert problem.severity == severity and words in problem.message.en
    assert problem.record == "W-1" and problem.line is not None
    assert "C-1" in {f.record for f in report.findings if f.rule == "customer-strategy"}


def test_waiver_for_another_record_does_not_apply(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER, waiver(record="C-2")], ruleset=rule_set([STRATEGY])), "2026-03-01")
    assert [f.rule for f in report.findings] == ["customer-strategy"]


def test_findings_sorted_by_file_and_line(make_repo: Callable[..., Path]) -> None:
    customers = [dict(CUSTOMER, id=f"C-{i}") for i in range(3)]
    report = run(make_repo(customers, ruleset=rule_set([STRATEGY])), "2026-03-01")
    keys = [f.sort_key() for f in report.findings]
    assert keys == sorted(keys) and len(keys) == 3


def test_due_items(make_repo: Callable[..., Path]) -> None:
    spec = rule("answered", "deadline", {"start": "received", "end": "first_response",
                                         "within": {"hours": 24}}, kinds=["complaint"])
    complaint = {"kind": "complaint", "id": "CP-1", "owner": "p-zhang-wei", "customer": "C-1",
                 "received": "2026-03-01T10:00", "channel": "x", "description": "d"}
    report = run(make_repo([complaint], ruleset=rule_set([spec])), "2026-03-01")
    [due] = report.due
    assert (due.rule, due.record, due.due, due.overdue) == ("answered", "CP-1", "2026-03-02", False)
    assert report.findings == []


def test_summary_counts(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER], ruleset=rule_set([STRATEGY])), "2026-03-01")
    assert report.records == 13 and report.files == 3
    assert report.as_of == date(2026, 3, 1)
    assert report.ruleset_file == "records/policy/rules.yaml"


def test_every_text_of_the_real_rule_set_fills_in() -> None:
    """Titles, messages and fixes quote parameters by name; each must resolve, leaving no
    placeholder but the ones a finding fills in."""
    import re

    from checker.loading.yamltext import parse_exact
    from checker.records.ruleset import RuleSet
    from tests.conftest import RULES_FILE

    ruleset = RuleSet.model_validate(parse_exact(RULES_FILE.read_text(encoding="utf-8")))
    finding_values = {"record": "R-1", "detail": "d", "roles": "r", "field": "f", "due": "2026-01-01",
                      "actual": "a", "gate": "g", "period": "p", "target": "t", "spent": "1", "limit": "2",
                      "total": "3", "parts": "4"}
    for spec in ruleset.rules:
        for lang in ("zh", "en"):
            assert "{" not in spec.describe(lang), (spec.id, spec.describe(lang))
            for text in (spec.message, spec.fix):
                filled = spec.say(text, lang, finding_values)
                assert not re.search(r"\{[^}]*\}", filled), (spec.id, filled)


def test_parameters_quoted_in_titles_follow_the_rule_data() -> None:
    from checker.records.ruleset import RuleSpec

    spec = RuleSpec.model_validate({
        "id": "r", "clause": "3.3.1", "type": "cadence", "severity": "error",
        "params": {"every": {"days": "45"}, "limit": "500000", "warn_ratio": "0.9"},
        "title": {"zh": "每 {params[every][days]} 天；{params[limit]:,}；{params[warn_ratio]:.0%}", "en": "x"},
        "message": {"zh": "m", "en": "m"}, "fix": {"zh": "f", "en": "f"}})
    assert spec.describe("zh") == "每 45 天；500,000；90%"


# ---------------------------------------------------------------- sources, drafted clauses, day counts

TEAM = {"team": {"zh": "按月走访", "en": "Visited monthly"}, "policy": {"zh": "定期拜访客户", "en": "visit regularly"}}


def _problems(report: Any, rule_id: str = "customer-strategy") -> list[tuple[int | None, str]]:
    return [(f.line, f.message.en) for f in report.findings if f.rule == "rule-set-invalid" and f.record == rule_id]


def test_a_parameter_without_a_source_is_a_finding_at_its_line_and_the_rule_still_runs(
        make_repo: Callable[..., Path]) -> None:
    ruleset = rule_set([STRATEGY])
    del ruleset["rules"][0]["sources"]["fields"]
    report = run(make_repo([CUSTOMER], ruleset=ruleset), "2026-03-01")
    [(line, message)] = _problems(report)
    assert message == "Rule customer-strategy: parameter fields does not say where it comes from"
    assert line == 20  # params.fields in the written rule set
    assert [f.record for f in report.findings if f.rule == "customer-strategy"] == ["C-1"]


def test_a_source_for_no_parameter_is_a_finding(make_repo: Callable[..., Path]) -> None:
    ruleset = rule_set([dict(STRATEGY, sources={"fieldz": TEAM})])
    report = run(make_repo([CUSTOMER], ruleset=ruleset), "2026-03-01")
    assert [m for _, m in _problems(report)] == [
        "Rule customer-strategy: the source fieldz names no parameter of the rule"]


def test_adopted_without_drafted_is_a_finding(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER], ruleset=rule_set([dict(STRATEGY, adopted=True)])), "2026-03-01")
    assert [m for _, m in _problems(report)] == [
        "Rule customer-strategy: adopted applies only to a rule of a drafted clause (drafted: true)"]


def test_a_fully_sourced_rule_has_no_source_finding(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER], ruleset=rule_set([STRATEGY])), "2026-03-01")
    assert _problems(report) == []


def test_a_drafted_rule_reports_warnings_labelled_as_drafted_until_adopted(make_repo: Callable[..., Path]) -> None:
    pending = run(make_repo([CUSTOMER], ruleset=rule_set([dict(STRATEGY, drafted=True)])), "2026-03-01")
    [finding] = [f for f in pending.findings if f.rule == "customer-strategy"]
    assert finding.severity == "warning"
    assert finding.message.en == (
        "[Drafted clause 3.2, pending company management's confirmation] C-1: strategy is empty")
    assert finding.message.zh == "〔草拟条款 3.2，待公司管理层确认〕C-1：strategy 为空"
    adopted = run(make_repo([CUSTOMER], ruleset=rule_set([dict(STRATEGY, drafted=True, adopted=True)])),
                  "2026-03-01")
    [finding] = [f for f in adopted.findings if f.rule == "customer-strategy"]
    assert (finding.severity, finding.message.en) == ("error", "C-1: strategy is empty")


def test_a_finding_names_the_team_settings_of_its_rule(make_repo: Callable[..., Path]) -> None:
    spec = dict(STRATEGY, sources={"fields": TEAM})
    [finding] = run(make_repo([CUSTOMER], ruleset=rule_set([spec])), "2026-03-01").findings
    assert finding.message.en == ("C-1: strategy is empty [Team setting: filled in: strategy "
                                  "(the policy says: “visit regularly”)]")
    assert finding.message.zh == "C-1：strategy 为空〔团队设定：须填写 strategy（制度原文：“定期拜访客户”）〕"


OPPORTUNITY = rule("opportunity-entered", "deadline",
                   {"start": "discovered", "within": {"days": 3}, "end": "entered", "day_count": "working"},
                   kinds=["opportunity"], clause="4.1.1")


def _opportunity(discovered: str, entered: str) -> dict[str, Any]:
    return {"kind": "opportunity", "id": "OP-1", "owner": "p-zhang-wei", "customer": "C-1", "title": "产线升级",
            "discovered": discovered, "entered": entered, "stage": "lead"}


def test_a_working_day_rule_in_a_year_without_holiday_data_warns_at_its_day_count(
        make_repo: Callable[..., Path]) -> None:
    from checker.rules.workdays import LAST_YEAR

    year = LAST_YEAR + 1
    report = run(make_repo([CUSTOMER, _opportunity(f"{year}-03-02", f"{year}-03-04")],
                           ruleset=rule_set([OPPORTUNITY])), f"{year}-03-31")
    [warning] = [f for f in report.findings if f.rule == "holiday-calendar"]
    assert (warning.severity, warning.record, warning.line) == ("warning", "opportunity-entered", 24)
    assert warning.message.en == ("Rule opportunity-entered counts working days, but neither an approved holiday "
                                  f"calendar nor the chinese-calendar package has {year}; those years count Monday "
                                  "to Friday as working days")
    assert warning.message.zh == (f"规则 opportunity-entered 按工作日计算，但 {year} 年既没有经批准的节假日日历，"
                                  "chinese-calendar 软件包也没有这一年的数据，这些年份暂按周一至周五为工作日计算")
    assert warning.fix.en.startswith(
        "Record the year's schedule, as the State Council's notice gives it, as a holiday calendar: run "
        f".venv/bin/handbook new holiday-calendar --id HC-{year} and fill in the holidays and make-up working days "
        f"(records/calendars/HC-{year}.yaml), then have the approver the rule set names approve it")
    assert warning.fix.en.endswith("Or upgrade chinese-calendar once a release has the year "
                                   "(.venv/bin/pip install -U chinese-calendar).")
    assert warning.fix.zh.startswith("把国务院办公厅公布的当年放假安排记为节假日日历：运行 .venv/bin/handbook new "
                                     f"holiday-calendar --id HC-{year}")
    assert [f.rule for f in report.findings if f.rule == "opportunity-entered"] == []


def test_only_upcoming_dates_beyond_the_holiday_data_are_not_reported(make_repo: Callable[..., Path]) -> None:
    from checker.rules.workdays import LAST_YEAR

    answered = rule("complaint-answered", "deadline", {"start": "received", "within": {"days": 3},
                                                       "end": "first_response", "day_count": "working"},
                    kinds=["complaint"], clause="3.4.2")
    complaint = {"kind": "complaint", "id": "CP-1", "owner": "p-zhang-wei", "customer": "C-1",
                 "received": f"{LAST_YEAR}-12-31T09:30", "channel": "电话", "description": "延迟"}
    report = run(make_repo([CUSTOMER, complaint], ruleset=rule_set([answered])), f"{LAST_YEAR}-12-31")
    assert [f for f in report.findings if f.rule == "holiday-calendar"] == []
    assert [d.record for d in report.due if d.rule == "complaint-answered"] == ["CP-1"]


def test_one_holiday_warning_names_every_rule_of_every_version_that_counted_without_data(
        make_repo: Callable[..., Path]) -> None:
    from checker.rules.workdays import LAST_YEAR

    year = LAST_YEAR + 1
    answered = rule("complaint-answered", "deadline", {"start": "received", "within": {"days": 3},
                                                       "end": "first_response", "day_count": "working"},
                    kinds=["complaint"], clause="3.4.2")
    complaint = {"kind": "complaint", "id": "CP-1", "owner": "p-zhang-wei", "customer": "C-1",
                 "received": f"{year}-03-02T09:30", "channel": "电话", "description": "延迟",
                 "first_response": f"{year}-03-03"}
    root = make_repo([CUSTOMER, complaint, _opportunity(f"{year}-03-02", f"{year}-03-04")],
                     ruleset=rule_set([OPPORTUNITY, answered], effective=f"{year}-01-01"))
    later = rule_set([OPPORTUNITY, answered], effective=f"{year}-03-10", version="test.2")
    (root / "records" / "policy" / "rules-2.yaml").write_text(dump({**later, "id": "rules-2"}), encoding="utf-8")
    report = run(root, f"{year}-03-31")
    [warning] = [f for f in report.findings if f.rule == "holiday-calendar"]
    assert warning.file == "records/policy/rules-2.yaml"
    assert warning.message.en.startswith(f"Rules opportunity-entered, complaint-answered count working days, but "
                                         f"neither an approved holiday calendar nor the chinese-calendar package "
                                         f"has {year};")


# ---------------------------------------------------------------- waivers: settled lateness and ongoing states

ANSWERED = rule("answered", "deadline", {"start": "received", "end": "first_response", "within": {"hours": 24}},
                kinds=["complaint"])
LATE_ANSWER = {"kind": "complaint", "id": "CP-1", "owner": "p-zhang-wei", "customer": "C-1",
               "received": "2026-03-01T10:00", "channel": "热线", "description": "交货延迟",
               "first_response": "2026-03-03T09:00"}
VISITED = rule("visited", "cadence", {"groups": "records", "start": "since", "every": {"days": 30},
                                      "events": {"kind": "visit", "link": "customer"}}, kinds=["customer"])
FIRST = rule("first", "cadence", {"groups": "records", "start": "since", "every": {"days": 30},
                                  "first_within": {"days": 7}, "first_only": True,
                                  "events": {"kind": "visit", "link": "customer"}}, kinds=["customer"])


def visit(day: str) -> dict[str, Any]:
    return {"kind": "visit", "id": f"V-{day}", "owner": "p-zhang-wei", "customer": "C-1", "date": day,
            "method": "visit", "summary": "拜访"}


SETTLED = {  # a lateness the records show happened, so it can never change
    "deadline met late": (ANSWERED, [LATE_ANSWER], "CP-1",
                          "CP-1: it happened 2026-03-03 09:00, after the deadline 2026-03-02 10:00"),
    "gap between two visits": (VISITED, [visit("2026-01-15"), *(visit(str(date(2026, 3, 20) + timedelta(days=25 * n)))
                                                                 for n in range(12))], "C-1",
                               "C-1: 64 days passed between 2026-01-15 and 2026-03-20, more than 30 calendar days"),
    "first follow-up late": (FIRST, [visit("2026-01-20")], "C-1",
                             "C-1: the first follow-up on 2026-01-20 came after 2026-01-17"),
    "sent before approved": (LARGE, [_quote("QT-1", "600000.00")], "QT-1",
                             "QT-1: there is no approval by the Company management"),
}


@pytest.mark.parametrize("case", SETTLED.values(), ids=SETTLED.keys())
@pytest.mark.parametrize("expires", ["2026-04-30", None])
def test_a_waiver_of_a_settled_lateness_keeps_applying_after_its_expiry_or_without_one(
        make_repo: Callable[..., Path], case: tuple[dict[str, Any], list[dict[str, Any]], str, str],
        expires: str | None) -> None:
    spec, records, record, message = case
    root = make_repo([CUSTOMER, *records, waiver(rule=spec["id"], record=record, expires=expires)],
                     ruleset=rule_set([spec]))
    for as_of in ("2026-06-30", "2026-12-31", "2027-01-01"):  # past its expiry, and on the new year's day
        report = run(root, as_of)
        assert report.findings == [], (as_of, [f.message.en for f in report.findings])
        assert [(f.rule, f.record, f.message.en) for f in report.waived] == [(spec["id"], record, message)]


def test_an_action_a_status_says_happened_without_its_date_is_not_settled(make_repo: Callable[..., Path]) -> None:
    spec = rule("large", "approval", {"gate": "sent", "happened": {"field": "status", "equals": "sent"}, "required": [
        {"roles": ["management"], "when": {"field": "total", "gt": "500000"}}]}, kinds=["quote"])
    undated = dict(_quote("QT-1", "600000.00"))
    del undated["sent"]
    root = make_repo([CUSTOMER, undated, waiver(rule="large", record="QT-1", expires="2026-04-30")],
                     ruleset=rule_set([spec]))
    assert run(root, "2026-04-30").findings == []
    assert [(f.rule, f.severity) for f in run(root, "2026-05-01").findings] == [
        ("large", "error"), ("waiver-invalid", "warning")]  # filling in sent can still change it
    without = run(make_repo([CUSTOMER, undated], ruleset=rule_set([spec])), "2026-05-01")
    [finding] = without.findings
    assert not finding.settled  # so its fix asks for a waiver with an end date, as the engine then needs
    assert finding.fix.en.endswith("Write in expires the last day it applies: after that day the finding is "
                                   "reported again.")


def test_a_waiver_of_an_ongoing_state_ends_after_its_expiry_and_says_why_the_finding_is_back(
        make_repo: Callable[..., Path]) -> None:
    root = make_repo([CUSTOMER, waiver(expires="2026-06-30")], ruleset=rule_set([STRATEGY]))
    last_day = run(root, "2026-06-30")
    assert last_day.findings == [] and [f.record for f in last_day.waived] == ["C-1"]
    report = run(root, "2026-07-01")
    assert [(f.file, f.line, f.column, f.rule, f.severity, f.message.en) for f in report.findings] == [
        ("records/r000-C-1.yaml", 1, 1, "customer-strategy", "error", "C-1: strategy is empty"),
        ("records/r001-W-1.yaml", 7, 1, "waiver-invalid", "warning",
         "waiver W-1 expired on 2026-06-30: a finding of rule customer-strategy on record C-1 is an ongoing state, "
         "not a settled lateness, so it is reported again")]
    problem = report.findings[1]
    assert problem.message.zh == ("豁免 W-1 已于 2026-06-30 到期：规则 customer-strategy 对记录 C-1 的问题"
                                  "是仍在持续的状态，不是已成定局的逾期，所以重新报告")
    assert problem.fix.zh == ("按该问题的修正方法改正记录；仍需豁免时，延长 expires 并请公司管理层重新批准。"
                              "已成定局的逾期不受到期日影响，继续豁免。")
    assert problem.fix.en == ("Put the record right as that finding's fix says; if it still needs the waiver, "
                              "extend expires and have Company management approve it again. A settled lateness "
                              "stays waived whatever the expiry date.")
    assert (problem.owner, report.waived) == ("p-wang-jun", [])


def test_a_waiver_holding_back_an_ongoing_finding_is_due_on_its_last_day(make_repo: Callable[..., Path]) -> None:
    root = make_repo([CUSTOMER, waiver(expires="2026-06-30")], ruleset=rule_set([STRATEGY]))
    [item] = [d for d in run(root, "2026-06-25").due if d.rule == "waiver-expires"]
    assert (item.file, item.record, item.due, item.owner, item.what.en) == (
        "records/r001-W-1.yaml", "W-1", "2026-06-30", "p-wang-jun",
        "waiver W-1 expires on 2026-06-30: from the next day rule customer-strategy reports C-1 again; put it "
        "right before then, or have the extension approved")
    assert item.what.zh == ("豁免 W-1 于 2026-06-30 到期：此后规则 customer-strategy 对 C-1 的问题重新报告，"
                            "请在此之前改正，或经批准延长")
    done = make_repo([dict(CUSTOMER, strategy="季度拜访"), waiver(expires="2026-06-30")], ruleset=rule_set([STRATEGY]))
    assert [d for d in run(done, "2026-06-25").due if d.rule == "waiver-expires"] == []  # nothing held back
    assert [d for d in run(root, "2026-07-01").due if d.rule == "waiver-expires"] == []  # expired: a finding


def test_a_waiver_without_expiry_does_not_waive_an_ongoing_state(make_repo: Callable[..., Path]) -> None:
    report = run(make_repo([CUSTOMER, waiver(expires=None)], ruleset=rule_set([STRATEGY])), "2026-03-01")
    assert [(f.file, f.line, f.column, f.rule, f.severity, f.message.en) for f in report.findings] == [
        ("records/r000-C-1.yaml", 1, 1, "customer-strategy", "error", "C-1: strategy is empty"),
        ("records/r001-W-1.yaml", 7, 1, "waiver-invalid", "error",
         "waiver W-1 has no expiry date, but a finding of rule customer-strategy on record C-1 is an ongoing "
         "state, not a settled lateness, so it is not waived")]
    problem = report.findings[1]
    assert problem.message.zh == ("豁免 W-1 没有到期日，而规则 customer-strategy 对记录 C-1 的问题是仍在持续的状态，"
                                  "不是已成定局的逾期，所以不豁免它")
    assert problem.fix.zh == ("在 expires 写明豁免到哪一天为止，并请公司管理层重新批准（改动后原审批失效）。"
                              "只有已成定局的逾期（事情已经做了，记录显示做晚了）才不需要到期日。")
    assert problem.fix.en == ("Write in expires the last day the waiver applies and have Company management "
                              "approve it again (the change makes the earlier approval stale). Only a settled "
                              "lateness (it has been done, and the record shows it was done late) needs no expiry "
                              "date.")


def test_a_waiver_left_out_of_its_expires_line_points_at_the_record(make_repo: Callable[..., Path]) -> None:
    data = waiver()
    del data["expires"]
    report = run(make_repo([CUSTOMER, data], ruleset=rule_set([STRATEGY])), "2026-03-01")
    [problem] = [f for f in report.findings if f.rule == "waiver-invalid"]
    assert (problem.file, problem.line, problem.column, problem.severity) == ("records/r001-W-1.yaml", 1, 1, "error")


def test_an_expired_waiver_that_waives_nothing_any_more_is_to_be_deleted(make_repo: Callable[..., Path]) -> None:
    done = dict(CUSTOMER, strategy="季度拜访")
    report = run(make_repo([done, waiver(expires="2026-02-15")], ruleset=rule_set([STRATEGY])), "2026-03-01")
    assert [(f.line, f.column, f.severity, f.message.zh, f.message.en, f.fix.en) for f in report.findings] == [
        (7, 1, "warning", "豁免 W-1 已于 2026-02-15 到期", "waiver W-1 expired on 2026-02-15",
         "Delete the waiver, or extend it with a new approval.")]


def test_an_expired_waiver_keeps_the_settled_gap_and_lets_the_visit_now_overdue_come_back(
        make_repo: Callable[..., Path]) -> None:
    records = [CUSTOMER, visit("2026-01-15"), visit("2026-03-20")]
    root = make_repo([*records, waiver(rule="visited", expires="2026-04-30")], ruleset=rule_set([VISITED]))
    gap = "C-1: 64 days passed between 2026-01-15 and 2026-03-20, more than 30 calendar days"
    overdue = "C-1: nothing since 2026-03-20 (51 days); it was due by 2026-04-19"
    before = run(root, "2026-04-25")
    assert before.findings == [] and [f.message.en for f in before.waived] == [
        gap, "C-1: nothing since 2026-03-20 (36 days); it was due by 2026-04-19"]  # before its expiry: both
    report = run(root, "2026-05-10")
    assert [f.message.en for f in report.waived] == [gap]
    assert [(f.file, f.line, f.column, f.severity, f.message.en) for f in report.findings] == [
        ("records/r000-C-1.yaml", 2, 1, "error", overdue),
        ("records/r003-W-1.yaml", 7, 1, "warning", "waiver W-1 expired on 2026-04-30: a finding of rule visited "
         "on record C-1 is an ongoing state, not a settled lateness, so it is reported again")]
    assert report.waived[0].fix.en.startswith("This has already happened and cannot be made to meet the deadline")
    assert report.waived[0].fix.en.endswith("leave expires empty, and the waiver applies for good.")
    assert report.findings[0].fix.en.endswith("after that day the finding is reported again.")


def test_a_waiver_without_expiry_waives_the_settled_gap_only(make_repo: Callable[..., Path]) -> None:
    records = [CUSTOMER, visit("2026-01-15"), visit("2026-03-20"), waiver(rule="visited", expires=None)]
    report = run(make_repo(records, ruleset=rule_set([VISITED])), "2026-05-10")
    assert [f.message.en for f in report.waived] == [
        "C-1: 64 days passed between 2026-01-15 and 2026-03-20, more than 30 calendar days"]
    assert [(f.rule, f.message.en) for f in report.findings] == [
        ("visited", "C-1: nothing since 2026-03-20 (51 days); it was due by 2026-04-19")]  # no finding on the waiver
