"""Chapter 4 (sales process): opportunities, quotes, contracts and sales reports."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from checker.records.base import Part, Record
from checker.records.fields import Link, field
from checker.records.types import Amount, CustomerRef, Percent, PeriodField, PersonRef, Quantity, SignedAmount

Stage = Literal["lead", "qualified", "proposal", "won", "lost"]
STAGE_NAMES = {"lead": ("线索", "Lead"), "qualified": ("已确认", "Qualified"), "proposal": ("已报价", "Proposal"),
               "won": ("赢单", "Won"), "lost": ("丢单", "Lost")}
QUOTE_STATUS_NAMES = {"draft": ("草稿", "Draft"), "sent": ("已发送", "Sent"), "accepted": ("已接受", "Accepted"),
                      "rejected": ("被拒绝", "Rejected"), "expired": ("已过期", "Expired")}


class Opportunity(Record):
    chapter = "4"
    folder = "opportunities"
    id_example = "OP-2026-001"
    title_zh = "销售机会"
    title_en = "Sales opportunity"

    kind: Literal["opportunity"]
    customer: CustomerRef = field("客户编号", "Customer id", example="C-0001")
    title: str = field("机会名称", "What the opportunity is", example="二期产线传感器升级")
    discovered: date = field("发现日期", "Date discovered", example="2026-03-12")
    entered: date = field("录入系统日期", "Date entered", example="2026-03-13")
    estimated_value: Amount | None = field("预计金额", "Estimated value", default=None,
                                          example="450000.00")
    stage: Stage = field(
        "阶段：lead 线索 / qualified 已确认 / proposal 已报价 / won 赢单 / lost 丢单",
        "Stage: lead, qualified, proposal, won, lost", example="qualified")
    evaluation: str | None = field("评估与分析", "Evaluation and analysis", default=None,
                                   example="客户预算已批复，竞争对手两家，我方技术占优")
    strategy: str | None = field("销售策略", "Sales strategy", default=None,
                                 example="以整体方案+三年维保打包报价")
    action_plan: tuple[str, ...] = field("行动计划", "Action plan", default=(),
                                         example=["3 月 20 日技术交流", "3 月 31 日前提交报价"])


class QuoteLine(Part):
    product: str = field("产品或服务", "Product or service", example="工业传感器套件 A2")
    quantity: Quantity = field("数量", "Quantity", example="12")
    unit_price: Amount = field("单价", "Unit price", example="12500.00")

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price.amount


class Quote(Record):
    chapter = "4"
    folder = "quotes"
    id_example = "QT-2026-001"
    title_zh = "销售报价"
    title_en = "Quote"

    kind: Literal["quote"]
    customer: CustomerRef = field("客户编号", "Customer id", example="C-0001")
    opportunity: Annotated[str, Link("opportunity")] | None = field(
        "对应的销售机会编号", "Opportunity this quote answers", default=None, example="OP-2026-001")
    lines: tuple[QuoteLine, ...] = field("报价明细", "Quote lines")
    discount_percent: Percent = field("折扣（百分比，0–100）", "Discount in percent (0–100)", default=Decimal(0),
                                      example="5")
    total: Amount = field("报价总额（折后）", "Total after discount", example="142500.00")
    sent: date | None = field("发送给客户的日期（未发送则留空）", "Date sent to the customer (empty until sent)",
                              default=None, example="2026-03-30", after=True)
    status: Literal["draft", "sent", "accepted", "rejected", "expired"] = field(
        "状态", "Status", example="sent", after=True)


class ContractFollowUp(Part):
    date: dt.date = field("跟进日期", "Date of the follow-up", example="2026-05-10")
    by: PersonRef = field("跟进人", "Who followed up", example="p-zhang-wei")
    note: str = field("履约情况", "How execution is going", example="首批货物已验收")


class Contract(Record):
    chapter = "4"
    folder = "contracts"
    judged_by = ("signed", "drafted")  # the signing is what the legal review gates
    id_example = "CT-2026-001"
    title_zh = "销售合同"
    title_en = "Contract"

    kind: Literal["contract"]
    customer: CustomerRef = field("客户编号", "Customer id", example="C-0001")
    quote: Annotated[str, Link("quote")] = field("所依据的报价编号", "Quote the contract rests on",
                                                 example="QT-2026-001")
    amount: Amount = field("合同金额", "Contract amount", example="142500.00")
    drafted: date = field("起草日期", "Date drafted", example="2026-04-02")
    drafted_by: PersonRef | None = field(
        "起草人（人员编号；不填则为负责人 owner）：合同移交给别人负责后，起草人不变",
        "Who drafted it (person id; empty: the owner): it stays when the contract is handed to another owner",
        default=None, example="p-zhang-wei")
    signed: date | None = field("签订日期（未签则留空）", "Date signed (empty until signed)", default=None,
                                example="2026-04-10", after=True)
    ends: date | None = field("合同履行结束日期", "Date execution ends", default=None, example="2026-12-31")
    follow_ups: tuple[ContractFollowUp, ...] = field("执行跟进记录", "Execution follow-ups", default=(), after=True)


class SalesReport(Record):
    chapter = "4"
    folder = "sales-reports"
    id_example = "SR-2026-01"
    title_zh = "销售业绩报告"
    title_en = "Sales report"

    kind: Literal["sales-report"]
    period: PeriodField = field("统计期间（月份）", "Period reported (a month)", example="2026-03")
    submitted: date = field("提交日期", "Date submitted", example="2026-04-08")
    revenue: Amount = field("销售额", "Revenue", example="8650000.00")
    volume: Quantity = field("销售量", "Units sold", example="412")
    profit: SignedAmount = field("销售利润（亏损写负数）", "Profit (negative for a loss)", example="1980000.00")
    analysis: str = field("问题与差距分析", "Analysis of problems and gaps",
                          example="华南区销售额低于目标 12%，主要因为渠道商库存偏高")
    measures: tuple[str, ...] = field("改进措施", "Improvement measures", example=["华南区增加促销资源"])
