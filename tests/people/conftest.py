"""A small company for the people tests: roles that answer for team duties, a supervisor
handing over mid-year, a salesperson's customer and quote, and rules of every kind that
make overdue items, due items and approvals waiting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.rules.engine import Report
from tests.conftest import rule, rule_set, run, write_repo

AS_OF = date(2026, 11, 27)  # a Friday


def role(role_id: str, zh: str, en: str, team: bool = True, **extra: Any) -> dict[str, Any]:
    return {"kind": "role", "id": role_id, "owner": "p-wang", "name_zh": zh, "name_en": en, "team": team,
            "responsibilities": ["—"], **extra}


def person(person_id: str, name: str, *roles: tuple[str, str, str | None], **extra: Any) -> dict[str, Any]:
    return {"kind": "person", "id": person_id, "owner": "p-wang", "name": name, "department": "营销部",
            "roles": [{"role": r, "start": s, **({"end": e} if e else {})} for r, s, e in roles], **extra}


COMPANY: list[dict[str, Any]] = [
    role("management", "公司管理层", "Company management", team=False),
    role("marketing-manager", "营销经理", "Marketing manager", clauses=["6.2.1", "7.3.1"],
         duties=["monthly-meeting"]),
    role("marketing-supervisor", "营销主管", "Marketing supervisor", clauses=["6.2.1"], duties=["weekly-meeting"]),
    role("salesperson", "销售人员", "Salesperson"),
    person("p-zhao", "赵敏", ("management", "2020-01-01", None)),
    person("p-wang", "王军", ("marketing-manager", "2020-01-01", None), email="wang.jun@example.cn",
           phone="0571-88880001"),
    person("p-li", "李娜", ("marketing-supervisor", "2021-01-01", "2026-11-30")),
    person("p-chen", "陈静", ("marketing-supervisor", "2026-12-01", None), ("salesperson", "2023-01-01", "2026-11-30")),
    person("p-zhang", "张伟", ("salesperson", "2022-01-01", None), email="Zhang.Wei@Example.cn"),
    {"kind": "customer", "id": "C-1", "owner": "p-zhang", "name": "杭州华新机电有限公司", "class": "key",
     "since": "2026-10-01", "contacts": [{"name": "王经理", "phone": "0571-87654321"}]},
    {"kind": "customer", "id": "C-2", "owner": "p-zhang", "name": "宁波东海汽车零部件股份有限公司", "class": "key",
     "since": "2026-11-10", "strategy": "季度拜访"},
    {"kind": "quote", "id": "QT-1", "owner": "p-zhang", "customer": "C-1",
     "lines": [{"product": "传感器", "quantity": "1", "unit_price": "100.00"}], "total": "100.00",
     "sent": "2026-12-04", "status": "draft"},
    {"kind": "quote", "id": "QT-2", "owner": "p-zhang", "customer": "C-2",
     "lines": [{"product": "传感器", "quantity": "1", "unit_price": "100.00"}], "total": "100.00",
     "sent": "2026-11-02", "status": "sent"},
]

RULES = [
    rule("weekly-meeting", "cadence", {"groups": "team", "period": "week",
                                       "events": {"kind": "meeting", "date": "date"}}, clause="6.2.1"),
    rule("monthly-meeting", "cadence", {"groups": "team", "period": "month",
                                        "events": {"kind": "meeting", "date": "date"}}, clause="6.2.1"),
    rule("career-plan-for-everyone", "cadence", {"groups": "team", "period": "year",
                                                 "events": {"kind": "career-plan", "date": "reviewed"}},
         clause="7.3.1"),
    rule("key-customers-visited", "cadence", {"groups": "records", "every": {"days": 30}, "start": "since",
                                              "events": {"kind": "visit", "link": "customer"}},
         kinds=["customer"], clause="3.3.1"),
    rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"], clause="3.2"),
    rule("quote-approved-by-manager", "approval", {"gate": "sent", "required": [{"roles": ["marketing-manager"]}]},
         kinds=["quote"], clause="4.2.2"),
]


def build(tmp_path: Path, records: list[dict[str, Any]] | None = None,
          rules: list[dict[str, Any]] | None = None) -> Path:
    return write_repo(tmp_path / "company", COMPANY if records is None else records,
                      ruleset=rule_set(RULES if rules is None else rules, effective="2026-11-01"), with_world=False)


def complaint(complaint_id: str, received: str, first_response: str | None = None,
              owner: str = "p-zhang") -> dict[str, Any]:
    return {"kind": "complaint", "id": complaint_id, "owner": owner, "customer": "C-1", "received": received,
            "channel": "电话", "description": "交货延迟",
            **({"first_response": first_response} if first_response else {})}


def visit(visit_id: str, customer: str, day: str, owner: str = "p-zhang") -> dict[str, Any]:
    return {"kind": "visit", "id": visit_id, "owner": owner, "customer": customer, "date": day, "method": "visit",
            "summary": "回访"}


COMPLAINT_ANSWERED = rule("complaint-answered", "deadline", {"start": "received", "within": {"hours": 24},
                                                            "end": "first_response"},
                          kinds=["complaint"], clause="3.4.2")
NEW_CUSTOMERS = rule("new-customers-followed-up", "cadence", {
    "groups": "records", "first_only": True, "every": {"days": 7}, "start": "since",
    "events": {"kind": "visit", "link": "customer"}}, kinds=["customer"], clause="3.3.2")


@pytest.fixture
def company(tmp_path: Path) -> Path:
    return build(tmp_path)


@pytest.fixture
def report(company: Path) -> Report:
    return run(company, AS_OF)


@pytest.fixture
def report_on(company: Path) -> Callable[[date], Report]:
    return lambda day: run(company, day)


# Work done only late, next to work still undone, for the agendas (rules: LATE_RULES).
LATE = [
    complaint("CP-1", "2026-11-20T10:00", "2026-11-22T09:00"),  # answered, 23 hours late
    complaint("CP-2", "2026-11-25T10:00"),  # not answered: due 2026-11-26 10:00
    {**COMPANY[-1], "id": "QT-3", "sent": "2026-11-05",  # approved, after it was sent
     "approvals": [{"role": "marketing-manager", "person": "p-wang", "date": "2026-11-10"}]},
    {**COMPANY[-4], "id": "C-3", "since": "2026-11-02"},  # new: followed up first on 11-12, 3 days late
    visit("V-1", "C-3", "2026-11-12"),
]
LATE_RULES = [*RULES, COMPLAINT_ANSWERED, NEW_CUSTOMERS]


@pytest.fixture
def late(tmp_path: Path) -> Report:
    return run(build(tmp_path, [*COMPANY, *LATE], LATE_RULES), AS_OF)


# 张伟 (p-zhang), the salesperson who owns the customers and quotes, leaves after 2026-11-30;
# salespeople report to the supervisor, the supervisor to the manager.
LAST_DAY = date(2026, 11, 30)
AFTER = date(2026, 12, 2)  # a Wednesday, after 张伟 left
SUN = person("p-sun", "孙丽", ("salesperson", "2024-03-01", None))


def leaving(*, colleague: bool = True, supervisor: bool = True, above: bool = True) -> list[dict[str, Any]]:
    """The company with 张伟 leaving: with another salesperson (孙丽) or not, with a supervisor
    or not, and with roles reporting upwards (``above``) or not."""
    reports_to = {"salesperson": "marketing-supervisor", "marketing-supervisor": "marketing-manager"}
    records = []
    for record in COMPANY:
        if record["kind"] == "role" and above and record["id"] in reports_to:
            record = {**record, "reports_to": reports_to[record["id"]]}
        if record.get("id") == "p-zhang":
            record = person("p-zhang", "张伟", ("salesperson", "2022-01-01", LAST_DAY.isoformat()),
                            email="Zhang.Wei@Example.cn")
        if record.get("id") in ("p-li", "p-chen") and not supervisor:
            continue
        records.append(record)
    return [*records, SUN] if colleague else records


@pytest.fixture
def left(tmp_path: Path) -> Report:
    """As of two days after 张伟 left, 孙丽 still a salesperson."""
    return run(build(tmp_path, leaving()), AFTER)
