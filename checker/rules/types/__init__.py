"""Rule types: each implemented once, documented by its module docstring."""

from __future__ import annotations

from typing import Any

from checker.rules.types.approval import Approval
from checker.rules.types.base import RuleType
from checker.rules.types.budget import Budget
from checker.rules.types.cadence import Cadence
from checker.rules.types.coverage import Coverage
from checker.rules.types.deadline import Deadline
from checker.rules.types.reference import Reference
from checker.rules.types.required import Required
from checker.rules.types.responsibility import Responsibility
from checker.rules.types.total import Total
from checker.rules.types.unique import Unique

RULE_TYPES: dict[str, RuleType[Any]] = {
    t.name: t for t in (Approval(), Deadline(), Cadence(), Budget(), Reference(), Coverage(),
                        Required(), Responsibility(), Total(), Unique())
}

# The rule types whose findings are work overdue (a date has passed), not a record to correct:
# the deadlines page and each person's to-do list them as overdue.
DEADLINE_TYPES = ("deadline", "cadence", "approval")

__all__ = ["DEADLINE_TYPES", "RULE_TYPES"]
