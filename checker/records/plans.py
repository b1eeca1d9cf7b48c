"""Chapter 2 (marketing plans): annual plans, monthly plans and plan adjustments."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from checker.records.base import Part, Record
from checker.records.fields import Link, field
from checker.records.types import Amount, PeriodField


class Goal(Part):
    text: str = field("目标描述", "What the goal is", example="全年销售额达到 1.2 亿元")
    metric: str | None = field("衡量指标", "How it is measured", default=None, example="销售额")
    target: str | None = field("目标值", "Target value", default=None, example="120000000 CNY")


class PlannedActivity(Part):
    name: str = field("活动名称", "Activity", example="春季新品发布会")
    start: date = field("开始日期", "Start date", example="2026-03-15")
    end: date | None = field("结束日期", "End date", default=None, example="2026-03-16")


class AnnualPlan(Record):
    chapter = "2"
    folder = "plans/annual"
    id_example = "AP-2026"
    title_zh = "年度营销计划"
    title_en = "Annual marketing plan"

    kind: Literal["annual-plan"]
    year: PeriodField = field("计划年度", "Plan year", example="2026")
    prepared: date = field("制定完成日期", "Date the plan was drawn up", example="2025-12-10")
    goals: tuple[Goal, ...] = field("营销目标", "Marketing goals")
    strategies: tuple[str, ...] = field("营销策略", "Marketing strategies", example=["深耕华东重点行业客户"])
    activities: tuple[PlannedActivity, ...] = field("营销活动安排", "Activity schedule")
    budget: Amount | None = field("计划总预算", "Overall budget of the plan", default=None,
                                 example="3000000.00")

    @property
    def period_start(self) -> date:
        return self.year.start


class MonthlyPlan(Record):
    chapter = "2"
    folder = "plans/monthly"
    id_example = "MP-2026-01"
    title_zh = "月度营销计划"
    title_en = "Monthly marketing plan"

    kind: Literal["monthly-plan"]
    month: PeriodField = field("计划月份", "Plan month", example="2026-03")
    annual_plan: Annotated[str, Link("annual-plan")] = field(
        "所依据的年度营销计划编号", "Annual plan this month follows", example="AP-2026")
    prepared: date = field("制定完成日期", "Date the plan was drawn up", example="2026-02-25")
    tasks: tuple[str, ...] = field("当月营销任务", "Tasks of the month", example=["完成华东区 3 家重点客户续约"])
    focus: tuple[str, ...] = field("工作重点", "Focus of the month", example=["新品推广"])
    actions: tuple[str, ...] = field("行动计划", "Action plan", example=["3 月 10 日前完成客户拜访排期"])

    @property
    def period_start(self) -> date:
        return self.month.start


class PlanAdjustment(Record):
    chapter = "2"
    folder = "plans/adjustments"
    id_example = "PADJ-2026-01"
    title_zh = "营销计划调整"
    title_en = "Plan adjustment"

    kind: Literal["plan-adjustment"]
    plan: Annotated[str, Link("annual-plan", "monthly-plan")] = field(
        "被调整的计划编号（年度或月度）", "Plan being adjusted (annual or monthly)", example="AP-2026")
    proposed: date = field("提出调整日期", "Date the adjustment was proposed", example="2026-06-05")
    reason: str = field("调整原因（市场变化、竞争对手动态等）",
                        "Why (market change, competitor moves, ...)", example="主要竞争对手降价 15%")
    change: str = field("调整内容", "What changes", example="下半年推广预算向线上渠道倾斜")
    effective: date = field("生效日期", "Date the change takes effect", example="2026-07-01")
