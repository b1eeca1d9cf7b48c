"""Parameters in plain words: names, spans, conditions, and code kept apart from text."""

from __future__ import annotations

from checker.records.general import Role
from checker.records.ruleset import Condition
from checker.rules.words import Code, Names, condition, counting, fields, inside, number, of, plain, span

MANAGER = Role.model_validate({"kind": "role", "id": "marketing-manager", "owner": "p-1", "name_zh": "营销经理",
                               "name_en": "Marketing manager", "team": True, "responsibilities": ["审核报价"]})
NAMES = Names({"marketing-manager": MANAGER})


def test_role_names_read_inside_a_sentence_and_unknown_roles_show_their_id() -> None:
    assert NAMES.role("marketing-manager", "en") == "marketing manager"
    assert NAMES.roles(["marketing-manager", "legal"], "zh") == "营销经理或legal"
    assert NAMES.roles(["a", "b", "c"], "en") == "a, b or c"


def test_a_record_kind_is_its_title_with_its_id_as_code() -> None:
    assert NAMES.kind("visit", "zh") == ("客户拜访", "（", Code("visit"), "）")
    assert NAMES.kind("no-such-kind", "en") == (Code("no-such-kind"),)


def test_spans_say_which_days_they_count() -> None:
    assert span(30, 0, "calendar", "zh") == "30 个自然日"
    assert span(3, 0, "working", "en") == "3 working days"
    assert span(1, 0, "working", "en") == "1 working day"
    assert span(0, 24, "working", "en") == "24 hours"
    assert span(-1, 0, "calendar", "en") == "1 calendar day"


def test_the_day_count_in_words() -> None:
    assert "工作日" in plain(counting("working", "zh"))
    assert "calendar days" in plain(counting("calendar", "en"))


def test_numbers_get_thousands_separators_and_other_values_stay_as_written() -> None:
    assert number("500000") == "500,000"
    assert number("12.5") == "12.5"
    assert number("key") == "key"


def test_conditions_in_words_keep_fields_and_values_as_code() -> None:
    large = Condition.model_validate({"any": [{"field": "total", "gt": "500000"},
                                              {"field": "discount_percent", "ge": "20"}]})
    assert condition(large, "en", NAMES) == (Code("total"), " is above ", Code("500,000"), " or ",
                                             Code("discount_percent"), " is at least ", Code("20"))
    approved = Condition.model_validate({"approved_by": "marketing-manager"})
    assert plain(condition(approved, "zh", NAMES)) == "已经营销经理批准"
    listed = Condition.model_validate({"field": "class", "in": ["key", "general"]})
    assert plain(condition(listed, "zh", NAMES)) == "class 为 key、general"
    negated = Condition.model_validate({"not": {"field": "resolved", "exists": True}})
    assert plain(condition(negated, "en", NAMES)) == "not (resolved is filled in)"


def test_field_lists_and_fields_of_a_kind() -> None:
    assert plain(fields(["a", "b", "c"], "zh")) == "a、b和c"
    assert plain(of("amount", "expense-claim", "en", NAMES)) == "amount of expense claim (expense-claim)"


def test_inside_a_sentence_only_the_first_letter_is_lowered_and_acronyms_stay() -> None:
    assert inside(("A warning at 90%",)) == ("a warning at 90%",)
    assert inside(("ID of the plan",)) == ("ID of the plan",)
    assert inside((Code("x"), " is set")) == (Code("x"), " is set")
