"""Templates come from the models: ``handbook new`` writes one that cannot pass by
accident (no approval, required fields empty, examples only in comments, this year's),
and the handbook's pages show a complete example that validates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from checker.loading.repository import load
from checker.loading.yamltext import parse_text
from checker.records import MODELS, Record, kind_of
from checker.records.scaffold import NAMED_IDS, choose_id, default_id, example, folder_for, template

PROJECT_RECORDS = Path(__file__).resolve().parents[2] / "records"


@pytest.mark.parametrize("model", MODELS, ids=kind_of)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_example_is_a_valid_record(model: type[Record], lang: str) -> None:
    record = model.model_validate(parse_text(example(model, lang)))
    assert record.id == model.id_example and record.kind == kind_of(model)


@pytest.mark.parametrize("model", MODELS, ids=kind_of)
def test_every_template_fails_the_check_naming_each_required_field_until_filled_in(
        model: type[Record], tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "X-1.yaml").write_text(template(model, "en", "X-1"), encoding="utf-8")
    loaded = load(tmp_path, tmp_path / "records")
    assert loaded.entries == []
    unfilled = {f.path[0] for f in loaded.findings if f.message.en.startswith("Required field ")
                and f.message.en.endswith(" is not filled in.")}
    required = {info.alias or name for name, info in model.model_fields.items()
                if info.is_required() and name not in ("kind", "id")}
    assert unfilled == required
    assert all(f.record == "X-1" and f.rule == "record-schema" for f in loaded.findings)


@pytest.mark.parametrize("model", MODELS, ids=kind_of)
def test_no_template_carries_an_approval_or_an_example_value(model: type[Record]) -> None:
    text = template(model, "en", "X-1")
    assert "approvals" not in text and "digest" not in text
    for line in text.splitlines():
        if not line.lstrip().startswith("#") and line.strip() not in ("kind: " + kind_of(model), "id: X-1"):
            _, _, value = line.strip().removeprefix("- ").partition(":")
            assert value.strip() in ("", "[]", "0", "[management]"), line


def test_examples_in_the_comments_are_in_the_current_year() -> None:
    from checker.records.sales import Quote

    text = template(Quote, "zh", "QT-2027-001", 2027)
    assert "# 发送给客户的日期（未发送则留空） (可选) 例如：2027-03-30\nsent:\n" in text
    assert "例如：OP-2027-001" in text and "2026" not in text


@pytest.mark.parametrize("model", MODELS, ids=kind_of)
def test_every_required_field_is_in_the_template_with_a_comment(model: type[Record]) -> None:
    lines = template(model, "en").splitlines()
    for attribute, info in model.model_fields.items():
        if info.is_required():
            name = info.alias or attribute
            index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
            assert lines[index - 1].startswith("# ") and "(required)" in lines[index - 1]


def test_comments_follow_the_language() -> None:
    from checker.records.sales import Quote

    assert "# 客户编号 (必填) 例如：C-0001\ncustomer:\n" in template(Quote, "zh")
    assert "# Customer id (required) e.g. C-0001\ncustomer:\n" in template(Quote, "en")
    assert "# Status (required); one of: draft, sent, accepted, rejected, expired\nstatus:\n" in template(Quote, "en")


def test_every_kind_has_a_distinct_well_formed_example_id() -> None:
    from checker.records.types import ID_MAX_LENGTH, ID_PATTERN

    for model in MODELS:
        assert re.fullmatch(ID_PATTERN, model.id_example) and len(model.id_example) <= ID_MAX_LENGTH
    assert len({model.id_example for model in MODELS}) == len(MODELS)


def _shape(record_id: str) -> str:
    return re.sub(r"\d", "9", record_id)


@pytest.mark.parametrize("model", [m for m in MODELS if kind_of(m) not in NAMED_IDS], ids=kind_of)
def test_default_ids_follow_the_samples_own_pattern_and_are_free(model: type[Record]) -> None:
    found = default_id(model, PROJECT_RECORDS, date(2026, 11, 20))
    assert found is not None
    folder = PROJECT_RECORDS / model.folder
    taken = {p.stem for p in folder.rglob("*") if p.suffix in (".yaml", ".md")}
    assert found not in taken
    assert _shape(found) in {_shape(name) for name in taken}


@pytest.mark.parametrize(("kind", "today", "expected"), [
    ("quote", "2026-11-20", "QT-2026-021"),     # after the last of the year
    ("quote", "2027-01-04", "QT-2027-001"),     # a new year starts at 001
    ("monthly-plan", "2026-11-20", "MP-2027-01"),  # the next month without a plan
    ("sales-report", "2026-11-20", "SR-2026-11"),
    ("meeting", "2026-11-20", "MT-2026-W48"),
    ("promotion-plan", "2026-11-20", "PP-2027-Q1"),
    ("annual-plan", "2026-11-20", "AP-2028"),
    ("customer", "2026-11-20", "C-0033"),      # no year in the pattern
])
def test_default_ids_in_the_sample(kind: str, today: str, expected: str) -> None:
    from checker.records import KINDS

    assert default_id(KINDS[kind], PROJECT_RECORDS, date.fromisoformat(today)) == expected


@pytest.mark.parametrize(("kind", "record_id", "folder"), [
    ("visit", "V-2026-0410", "visits/2026-11"),
    ("expense-claim", "EC-2026-066", "expenses/2026-11"),
    ("appraisal", "AR-2026-Q4-p-zhang-wei", "performance/appraisals/2026-Q4"),
    ("meeting", "MT-2027-W02", "meetings/2027"),
    ("quote", "QT-2026-021", "quotes"),
])
def test_new_records_land_in_their_period_folder(kind: str, record_id: str, folder: str) -> None:
    from checker.records import KINDS

    found = folder_for(KINDS[kind], PROJECT_RECORDS, record_id, date(2026, 11, 20))
    assert found == PROJECT_RECORDS / folder


def test_a_first_visit_lands_in_its_month_folder(tmp_path: Path) -> None:
    from checker.records.customers import Visit

    assert folder_for(Visit, tmp_path, "V-2026-0001", date(2026, 3, 5)) == tmp_path / "visits" / "2026-03"


def test_a_waivers_template_leaves_expires_empty_and_says_when_it_is_needed() -> None:
    """A date written as the template's value is a date nobody decided: the team's waivers of
    settled lateness once expired on the example's 12-31."""
    from checker.records.waiver import Waiver

    zh = template(Waiver, "zh", "WV-2027-001", 2027)
    assert zh.endswith(
        "# 豁免到期日。持续的状态（字段未填、尚未完成、仍超出限额）必填，到期后问题重新报告；已成定局的逾期"
        "（已经做了，记录显示做晚了：如投诉答复晚了、两次拜访间隔过长、报价在审批前已发出）留空，豁免一直有效，"
        "写了到期日也不会失效 (可选) 例如：2027-12-31\nexpires:\n")
    en = template(Waiver, "en", "WV-2027-001", 2027)
    assert en.endswith(
        "# Date the waiver ends. Required for an ongoing state (a field not filled in, something not done yet, "
        "still over a limit): after it the finding is reported again. Leave it empty for a settled lateness "
        "(done, and the record shows it was done late: a complaint answered late, too long a gap between two "
        "visits, a quote sent before it was approved): that can never change, so the waiver applies for good, "
        "even past a date written here (optional) e.g. 2027-12-31\nexpires:\n")
    filled = zh.replace("owner:\n", "owner: p-li-na\n").replace("rule:\n", "rule: complaint-answered\n").replace(
        "record:\n", "record: CP-2027-001\n").replace("reason:\n", "reason: 客户要求改期\n")
    assert Waiver.model_validate(parse_text(filled)).expires is None  # left empty, it is valid


def test_no_template_writes_a_date_as_a_value() -> None:
    for model in MODELS:
        values = [line for line in template(model, "en", "X-1", 2027).splitlines() if not line.lstrip().startswith("#")]
        assert not [line for line in values if re.search(r"\d{4}-\d{2}", line)], kind_of(model)


def test_the_next_id_passes_over_the_ids_other_branches_took() -> None:
    from checker.records.sales import Quote

    today = date(2026, 11, 20)
    assert choose_id(Quote, PROJECT_RECORDS, today) == ("QT-2026-021", [])
    assert choose_id(Quote, PROJECT_RECORDS, today, {"QT-2026-021", "QT-2026-023", "QT-2026-005"}) == (
        "QT-2026-024", ["QT-2026-021", "QT-2026-023"])  # 005 is the working tree's own, long merged
    assert choose_id(Quote, PROJECT_RECORDS, today, {"QT-2025-090", "SR-2026-11"}) == ("QT-2026-021", [])


def test_a_period_another_branch_took_is_passed_over_and_named() -> None:
    from checker.records.sales import SalesReport

    assert choose_id(SalesReport, PROJECT_RECORDS, date(2026, 11, 20), {"SR-2026-11"}) == (
        "SR-2026-12", ["SR-2026-11"])


def test_ids_that_name_a_person_are_not_chosen() -> None:
    from checker.records.performance import Appraisal

    assert choose_id(Appraisal, PROJECT_RECORDS, date(2026, 11, 20), {"AR-2026-Q4-p-li-na"}) == (None, [])
