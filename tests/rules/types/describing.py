"""Run a rule type's ``describe`` on parameters, in plain text, with the shared world's role names."""

from __future__ import annotations

from typing import Any

from checker.findings import Lang
from checker.records.general import Role
from checker.rules.types import RULE_TYPES
from checker.rules.words import Names, plain
from tests.conftest import world


def described(type_name: str, params: dict[str, Any], lang: Lang = "zh") -> dict[str, str]:
    """Each parameter ``params`` sets, in words."""
    roles = {r["id"]: Role.model_validate(r) for r in world() if r["kind"] == "role"}
    rule_type = RULE_TYPES[type_name]
    found = rule_type.describe(rule_type.params.model_validate(params), lang, Names(roles))
    return {name: plain(words) for name, words in found.items()}
