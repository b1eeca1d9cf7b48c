"""Templates come from the models' own examples and always validate against them."""

from __future__ import annotations

import pytest

from checker.loading.yamltext import parse_text
from checker.records import MODELS, Record, kind_of
from checker.records.scaffold import template


@pytest.mark.parametrize("model", MODELS, ids=kind_of)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_is_a_valid_record(model: type[Record], lang: str) -> None:
    text = template(model, lang, "X-1")
    record = model.model_validate(parse_text(text))
    assert record.id == "X-1" and record.kind == kind_of(model)


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

    assert "# 客户编号 (必填)" in template(Quote, "zh")
    assert "# Customer id (required)" in template(Quote, "en")


def test_every_kind_has_a_distinct_well_formed_example_id_used_by_its_template() -> None:
    import re

    from checker.records.types import ID_MAX_LENGTH, ID_PATTERN

    for model in MODELS:
        assert re.fullmatch(ID_PATTERN, model.id_example) and len(model.id_example) <= ID_MAX_LENGTH
        assert model.model_validate(parse_text(template(model, "en"))).id == model.id_example
    assert len({model.id_example for model in MODELS}) == len(MODELS)
