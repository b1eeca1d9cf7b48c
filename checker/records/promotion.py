"""Chapter 5 (market promotion): promotion plans, activities and market research."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Annotated, Literal

from checker.records.base import Record
from checker.records.fields import Link, field
from checker.records.types import Amount, PeriodField


class PromotionPlan(Record):
    chapter = "5"
    folder = "promotion/plans"
    id_example = "PP-2026-Q1"
    title_zh = "市场推广计划"
    title_en = "Promotion plan"

    kind: Literal["promotion-plan"]
    period: PeriodField = field("计划期间", "Period covered", example="2026-Q2")
    annual_plan: Annotated[str, Link("annual-plan")] | None = field(
        "所依据的年度营销计划", "Annual plan it follows", default=None, example="AP-2026")
    goals: tuple[str, ...] = field("推广目标", "Promotion goals", example=["新品线索 200 条"])
    channels: tuple[str, ...] = field("推广渠道", "Channels", example=["行业展会", "微信公众号"])
    activities: tuple[str, ...] = field("推广活动安排", "Planned activities", example=["4 月华东工业展"])
    budget: Amount = field("推广预算", "Budget", example="300000.00")
    prepared: date = field("制定完成日期（计划须在其第一个推广活动开始前获批）",
                           "Date drawn up (the plan is approved before its first activity starts)",
                           example="2026-03-20")


class PromotionActivity(Record):
    chapter = "5"
    folder = "promotion/activities"
    id_example = "PACT-2026-01"
    title_zh = "市场推广活动"
    title_en = "Promotion activity"

    kind: Literal["promotion-activity"]
    plan: Annotated[str, Link("promotion-plan")] = field("所属推广计划", "Promotion plan",
                                                         example="PP-2026-Q2")
    name: str = field("活动名称", "Activity name", example="华东工业展参展")
    type: Literal["advertising", "sales-promotion", "public-relations", "event", "online"] = field(
        "类型：advertising 广告宣传 / sales-promotion 促销 / public-relations 公关 / event 会展 / online 线上",
        "Type", example="event")
    start: date = field("开始日期", "Start date", example="2026-04-15")
    end: date = field("结束日期", "End date", example="2026-04-17")
    cost: Amount = field("实际费用", "Actual cost", example="86000.00")
    evaluation: str | None = field("效果评估", "Evaluation of the effect", default=None,
                                   example="获取有效线索 63 条，超出目标 26%")
    evaluated: date | None = field("评估日期", "Date evaluated", default=None, example="2026-04-24")


class MarketResearch(Record):
    chapter = "5"
    folder = "promotion/research"
    id_example = "MR-2026-Q1"
    title_zh = "市场调研"
    title_en = "Market research"

    kind: Literal["market-research"]
    date: dt.date = field("调研完成日期", "Date completed", example="2026-03-28")
    topic: str = field("调研主题", "Topic", example="华东地区工业传感器需求变化")
    findings: str = field("市场动态、竞争对手与客户需求发现", "Findings on market, competitors, needs",
                          example="两家竞争对手推出低价产品线")
    conclusions: str = field("对营销决策的建议", "What it means for marketing decisions",
                             example="维持价格，强化服务差异化")
