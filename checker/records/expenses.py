"""Chapter 9 (expenses): budgets, budget adjustments and expense claims."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from checker.records.base import Part, Record
from checker.records.fields import Link, field
from checker.records.types import Amount, PeriodField, SignedAmount

Category = Literal["promotion", "sales", "travel", "entertainment", "training", "office"]
CATEGORY_NAMES = {"promotion": ("市场推广", "Promotion"), "sales": ("销售", "Sales"), "travel": ("差旅", "Travel"),
                  "entertainment": ("招待", "Entertainment"), "training": ("培训", "Training"),
                  "office": ("办公", "Office")}
CATEGORY_HELP = "类别：" + " / ".join(f"{key} {zh}" for key, (zh, _) in CATEGORY_NAMES.items())


class BudgetLine(Part):
    category: Category = field(CATEGORY_HELP, "Category", example="promotion")
    amount: Amount = field("预算金额", "Amount budgeted", example="1200000.00")


class Budget(Record):
    chapter = "9"
    folder = "budgets"
    id_example = "BG-2026"
    title_zh = "年度费用预算"
    title_en = "Annual expense budget"

    kind: Literal["budget"]
    year: PeriodField = field("预算年度", "Budget year", example="2026")
    prepared: dt.date = field("编制完成日期", "Date drawn up", example="2025-12-12")
    lines: tuple[BudgetLine, ...] = field("分类预算", "Budget per category")

    @property
    def period_start(self) -> dt.date:
        return self.year.start


class BudgetAdjustment(Record):
    chapter = "9"
    folder = "budgets/adjustments"
    id_example = "BA-2026-01"
    title_zh = "预算调整"
    title_en = "Budget adjustment"

    kind: Literal["budget-adjustment"]
    budget: Annotated[str, Link("budget")] = field("被调整的预算", "Budget adjusted", example="BG-2026")
    category: Category = field(CATEGORY_HELP, "Category", example="travel")
    amount: SignedAmount = field("增加（负数为减少）的金额", "Amount added (negative to reduce)", example="50000.00")
    reason: str = field("调整原因", "Reason", example="新增西南区市场开拓出差")
    effective: dt.date = field("生效日期", "Effective date", example="2026-08-01")


class Receipt(Part):
    number: str = field("票据号码", "Receipt number", example="04419876")
    date: dt.date = field("开票日期", "Date issued", example="2026-03-18")
    issuer: str = field("开票单位", "Issuer", example="杭州某某酒店有限公司")
    amount: Amount = field("票据金额（不能为负数）", "Amount (never negative)", example="1280.00")


class ExpenseClaim(Record):
    chapter = "9"
    folder = "expenses"
    id_example = "EC-2026-001"
    title_zh = "费用报销"
    title_en = "Expense claim"

    kind: Literal["expense-claim"]
    category: Category = field(CATEGORY_HELP, "Category", example="travel")
    description: str = field("费用事由", "What the money was spent on", example="赴宁波拜访重点客户差旅")
    incurred: dt.date = field("发生日期", "Date incurred", example="2026-03-18")
    amount: Amount = field(
        "报销金额（不能为负数：退款、冲销不是报销，不用负数报销单抵减）",
        "Amount claimed (never negative: a refund or credit note is not a claim and cannot offset one)",
        example="1280.00")
    receipts: tuple[Receipt, ...] = field("票据", "Receipts")
    submitted: dt.date = field("提交日期", "Date submitted", example="2026-03-20")
    paid: dt.date | None = field("付款日期（未付款则留空）", "Date paid (empty until paid)", default=None,
                                 example="2026-03-27", after=True)
