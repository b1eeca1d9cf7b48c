"""Chapter 8 (performance appraisal and incentives): KPI sets, appraisals, incentives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from checker.records.base import Part, Record
from checker.records.fields import Link, field
from checker.records.types import Percent, PeriodField, PersonRef, RoleRef, Score


class Indicator(Part):
    name: str = field("指标名称", "Indicator", example="季度销售额")
    type: Literal["performance", "attitude", "teamwork"] = field(
        "类别：performance 业绩 / attitude 工作态度 / teamwork 团队协作",
        "Kind: performance, attitude or teamwork", example="performance")
    target: str | None = field("目标值", "Target", default=None, example="300")
    unit: str | None = field("单位", "Unit", default=None, example="万元")
    weight: Percent | None = field("权重（百分比，0–100）", "Weight in percent (0–100)", default=None, example="40")


class KpiSet(Record):
    chapter = "8"
    folder = "performance/kpi"
    id_example = "KPI-salesperson-2026"
    title_zh = "绩效考核指标"
    title_en = "KPI set"

    kind: Literal["kpi-set"]
    role: RoleRef = field("适用角色", "Role it applies to", example="salesperson")
    year: PeriodField = field("适用年度", "Year", example="2026")
    indicators: tuple[Indicator, ...] = field("考核指标", "Indicators")


class Appraisal(Record):
    chapter = "8"
    folder = "performance/appraisals"
    id_example = "AR-2026-Q1-p-zhang-wei"
    title_zh = "绩效考核结果"
    title_en = "Appraisal"

    kind: Literal["appraisal"]
    person: PersonRef = field("被考核人", "Person appraised", example="p-zhang-wei")
    period: PeriodField = field("考核期间（月或季度）", "Period (month or quarter)", example="2026-Q1")
    kpi_set: Annotated[str, Link("kpi-set")] = field("所用指标集", "KPI set used",
                                                     example="KPI-salesperson-2026")
    appraised: dt.date = field("考核完成日期", "Date appraised", example="2026-04-08")
    score: Score = field("得分（百分制，0–100）", "Score (out of 100)", example="86")
    grade: Literal["A", "B", "C", "D"] = field("等级", "Grade", example="B")
    feedback_date: dt.date | None = field("结果反馈给本人的日期", "Date the result was fed back",
                                          default=None, example="2026-04-10")
    comments: str | None = field("考核评语（不公开）", "Appraiser's comments (never published)",
                                 private=True, default=None, example="客户拓展积极，报价及时性需提高")


class CoachingSession(Part):
    date: dt.date = field("辅导日期", "Date", example="2026-05-06")
    by: PersonRef = field("辅导人", "Coach", example="p-li-na")
    note: str = field("辅导内容与改进要求（不公开）", "What was agreed (never published)", private=True,
                      example="制定月度拜访计划并每周复盘")


class Incentive(Record):
    chapter = "8"
    folder = "performance/incentives"
    id_example = "INC-2026-01"
    title_zh = "激励与惩罚"
    title_en = "Incentive"

    kind: Literal["incentive"]
    person: PersonRef = field("对象", "Person", example="p-zhang-wei")
    type: Literal["reward", "penalty"] = field("reward 奖励 / penalty 惩罚", "Reward or penalty",
                                               example="reward")
    measure: Literal["bonus", "promotion", "certificate", "warning", "demotion", "transfer"] = field(
        "措施：bonus 奖金 / promotion 晋升 / certificate 荣誉证书 / warning 警告 / demotion 降职 / transfer 调岗",
        "Measure", example="bonus")
    appraisal: Annotated[str, Link("appraisal")] = field("依据的考核结果", "Appraisal it rests on",
                                                         example="AR-2026-Q1-p-zhang-wei")
    decided: dt.date = field("决定日期", "Date decided", example="2026-04-15")
    coaching: tuple[CoachingSession, ...] = field("辅导与改进记录", "Coaching record", default=())
