"""Roles: a responsibility is the policy's duty (text) or one the team decided ({team: text})."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from checker.records.general import Duty, Role, TeamDuty


def role(*responsibilities: Any) -> Role:
    return Role.model_validate({"kind": "role", "id": "marketing-manager", "owner": "p-1", "name_zh": "营销经理",
                                "name_en": "Marketing manager", "team": True,
                                "responsibilities": list(responsibilities)})


def test_a_responsibility_is_text_or_a_team_duty() -> None:
    found = role("审核批准销售报价", {"team": "审批 5 万元以内的费用报销"}).responsibilities
    assert found == ("审核批准销售报价", TeamDuty(team="审批 5 万元以内的费用报销"))


def test_a_responsibility_of_another_shape_is_refused() -> None:
    with pytest.raises(ValidationError):
        role({"duty": "主持月会"})


def test_a_responsibility_in_both_languages_gives_each_page_its_own() -> None:
    [duty] = role({"zh": "审批 5 万元以内的费用报销", "en": "Approves expense claims up to 50,000 CNY",
                   "team": "true"}).responsibilities
    assert isinstance(duty, Duty) and duty.team
    assert duty.text("zh") == "审批 5 万元以内的费用报销"
    assert duty.text("en") == "Approves expense claims up to 50,000 CNY"
