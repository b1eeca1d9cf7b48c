"""Chapter 3 (customers): customer files, visits and complaints."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Literal

from checker.records.base import Part, Record
from checker.records.fields import field
from checker.records.types import Amount, CustomerRef, PersonRef, TeamTime


class Contact(Part):
    name: str = field("联系人姓名", "Contact name", example="王经理")
    title: str | None = field("职务", "Job title", default=None, example="采购经理")
    phone: str | None = field("电话（不公开）", "Phone (never published)", private=True, default=None,
                              example="0571-87654321")
    email: str | None = field("电子邮箱（不公开）", "E-mail (never published)", private=True,
                              default=None, example="wang@example.cn")


class Purchase(Part):
    date: dt.date = field("购买日期", "Date of purchase", example="2025-09-12")
    product: str = field("产品", "Product", example="工业传感器套件")
    amount: Amount = field("金额", "Amount", example="186000.00")


CustomerClass = Literal["key", "general", "potential"]
CLASS_NAMES = {"key": ("重点客户", "Key"), "general": ("一般客户", "General"), "potential": ("潜在客户", "Potential")}


class Customer(Record):
    chapter = "3"
    folder = "customers"
    id_example = "C-0001"
    title_zh = "客户档案"
    title_en = "Customer"

    kind: Literal["customer"]
    name: str = field("客户名称", "Customer name", example="杭州华新机电有限公司")
    class_: CustomerClass = field(
        "客户分类：key 重点客户 / general 一般客户 / potential 潜在客户",
        "Class: key, general or potential", alias="class", example="key")
    since: date = field("建档日期", "Date the customer was entered", example="2024-05-20")
    industry: str | None = field("所属行业", "Industry", default=None, example="机械制造")
    region: str | None = field("所在地区", "Region", default=None, example="浙江杭州")
    contacts: tuple[Contact, ...] = field("联系人", "Contacts", default=())
    needs: tuple[str, ...] = field("需求", "Needs", default=(), example=["提升产线自动化水平"])
    preferences: tuple[str, ...] = field("偏好", "Preferences", default=(), example=["重视售后响应速度"])
    purchase_history: tuple[Purchase, ...] = field("购买历史", "Purchase history", default=())
    strategy: str | None = field("针对该类客户的营销策略", "Marketing strategy for this customer",
                                 default=None, example="季度高层拜访，优先安排新品试用")
    service_plan: str | None = field("服务方案", "Service plan", default=None,
                                     example="专属客户经理，4 小时内响应")


class Visit(Record):
    chapter = "3"
    folder = "visits"
    id_example = "V-2026-0001"
    title_zh = "客户拜访"
    title_en = "Customer visit"

    kind: Literal["visit"]
    customer: CustomerRef = field("客户编号", "Customer id", example="C-0001")
    date: dt.date = field("拜访日期", "Date of the visit", example="2026-03-12")
    method: Literal["visit", "phone", "video", "message"] = field(
        "方式：visit 上门 / phone 电话 / video 视频 / message 消息", "How: visit, phone, video, message",
        example="visit")
    summary: str = field("拜访内容与客户需求变化", "What was discussed, how needs changed",
                         example="了解二季度扩产计划，客户有意采购新一代传感器")
    next_steps: str | None = field("后续跟进事项", "Next steps", default=None,
                                   example="4 月上旬提交技术方案")


class Complaint(Record):
    chapter = "3"
    folder = "complaints"
    id_example = "CP-2026-001"
    title_zh = "客户投诉"
    title_en = "Customer complaint"

    kind: Literal["complaint"]
    customer: CustomerRef = field("客户编号", "Customer id", example="C-0001")
    received: TeamTime = field("接到投诉时间（北京时间；写明时区如 +00:00 的会换算）",
                               "When the complaint was received (China time; one written with an offset such "
                               "as +00:00 is converted)",
                               example="2026-04-08T09:30")
    channel: str = field("投诉渠道", "Channel", example="客服热线")
    description: str = field("投诉内容", "What the customer complained about",
                             example="第二批设备到货延迟 5 天")
    first_response: TeamTime | None = field("首次响应时间（北京时间）", "When the team first responded (China time)",
                                            default=None, example="2026-04-08T11:00")
    cause: str | None = field("原因调查结果", "Cause found", default=None, example="物流承运商排期失误")
    measures: str | None = field("解决措施", "Measures taken", default=None, example="更换承运商并补偿运费")
    resolved: date | None = field("解决日期", "Date resolved", default=None, example="2026-04-10")
    customer_informed: date | None = field("向客户反馈处理结果的日期", "Date the customer was told the result",
                                           default=None, example="2026-04-11")
    handled_by: PersonRef | None = field("处理人", "Person handling it", default=None,
                                         example="p-zhou-min")
