"""Record models: one pydantic model per record kind, the single source for schemas,
docs and scaffolding templates."""

from __future__ import annotations

from checker.records.base import Approval, Record
from checker.records.calendar import HolidayCalendar
from checker.records.customers import Complaint, Customer, Visit
from checker.records.expenses import Budget, BudgetAdjustment, ExpenseClaim
from checker.records.general import Person, Role
from checker.records.performance import Appraisal, Incentive, KpiSet
from checker.records.plans import AnnualPlan, MonthlyPlan, PlanAdjustment
from checker.records.promotion import MarketResearch, PromotionActivity, PromotionPlan
from checker.records.ruleset import RuleSet
from checker.records.sales import Contract, Opportunity, Quote, SalesReport
from checker.records.team import Meeting
from checker.records.training import CareerPlan, TrainingPlan, TrainingSession
from checker.records.waiver import Waiver

MODELS: tuple[type[Record], ...] = (
    Role, Person, RuleSet, Waiver, HolidayCalendar,
    AnnualPlan, MonthlyPlan, PlanAdjustment,
    Customer, Visit, Complaint,
    Opportunity, Quote, Contract, SalesReport,
    PromotionPlan, PromotionActivity, MarketResearch,
    Meeting,
    TrainingPlan, TrainingSession, CareerPlan,
    KpiSet, Appraisal, Incentive,
    Budget, BudgetAdjustment, ExpenseClaim,
)


def kind_of(model: type[Record]) -> str:
    """The literal value of a model's ``kind`` field."""
    annotation = model.model_fields["kind"].annotation
    return str(annotation.__args__[0])  # type: ignore[union-attr]


KINDS: dict[str, type[Record]] = {kind_of(model): model for model in MODELS}

__all__ = ["KINDS", "MODELS", "Approval", "Record", "kind_of"]
