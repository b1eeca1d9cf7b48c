"""Labels: a readable name beside a record's id, from public fields only."""

from __future__ import annotations

from typing import Any

from checker.findings import Message
from checker.people.labels import LIMIT, Labeller
from checker.records import KINDS, Record


def model(data: dict[str, Any]) -> Record:
    return KINDS[data["kind"]].model_validate(data)


CUSTOMER = model({"kind": "customer", "id": "C-1", "owner": "p-zhang", "name": "杭州华新机电有限公司", "class": "key",
                  "since": "2026-01-01",
                  "contacts": [{"name": "王经理", "phone": "0571-87654321", "email": "wang@example.cn"}]})
PERSON = model({"kind": "person", "id": "p-zhang", "owner": "p-wang", "name": "张伟", "department": "营销部",
                "roles": [{"role": "salesperson", "start": "2022-01-01"}], "email": "zhang@example.cn",
                "phone": "0571-88880001"})
ROLE = model({"kind": "role", "id": "salesperson", "owner": "p-wang", "name_zh": "销售人员", "name_en": "Salesperson",
              "team": True, "responsibilities": ["拜访"]})
LABELS = Labeller({r.id: r for r in (CUSTOMER, PERSON, ROLE)})


def test_a_customer_is_labelled_with_its_name() -> None:
    assert LABELS.label(CUSTOMER) == Message("杭州华新机电有限公司", "杭州华新机电有限公司")


def test_a_person_and_a_role_by_their_names() -> None:
    assert LABELS.label(PERSON) == Message("张伟", "张伟")
    assert LABELS.label(ROLE) == Message("销售人员", "Salesperson")


def test_a_visit_complaint_or_quote_by_its_customers_name() -> None:
    visit = model({"kind": "visit", "id": "V-1", "owner": "p-zhang", "customer": "C-1", "date": "2026-11-02",
                   "method": "visit", "summary": "回访"})
    assert LABELS.label(visit) == Message("客户拜访：杭州华新机电有限公司", "Customer visit: 杭州华新机电有限公司")


def test_an_opportunity_adds_its_title_to_the_customer() -> None:
    opportunity = model({"kind": "opportunity", "id": "OP-1", "owner": "p-zhang", "customer": "C-1",
                         "title": "二期产线升级", "discovered": "2026-11-01", "entered": "2026-11-02", "stage": "lead"})
    label = LABELS.label(opportunity)
    assert label is not None and label.en == "Sales opportunity: 杭州华新机电有限公司 · 二期产线升级"


def test_an_appraisal_by_the_person_and_the_period() -> None:
    appraisal = model({"kind": "appraisal", "id": "AR-1", "owner": "p-wang", "person": "p-zhang",
                       "period": "2026-Q3", "kpi_set": "KPI-1", "appraised": "2026-10-10", "score": "86",
                       "grade": "B", "comments": "不公开的评语"})
    label = LABELS.label(appraisal)
    assert label is not None and label.zh.endswith("张伟 2026-Q3") and "评语" not in label.zh + label.en


def test_a_meeting_by_its_type_and_date_in_each_language() -> None:
    meeting = model({"kind": "meeting", "id": "MT-1", "owner": "p-zhang", "type": "weekly", "date": "2026-11-16",
                     "attendees": ["p-zhang"]})
    assert LABELS.label(meeting) == Message("会议纪要：周会 2026-11-16", "Meeting: weekly meeting 2026-11-16")


def test_a_label_is_one_line_and_cut_to_the_limit() -> None:
    long = model({"kind": "customer", "id": "C-9", "owner": "p-zhang", "name": "很长的名字\n" * 20, "class": "key",
                  "since": "2026-01-01"})
    label = LABELS.label(long)
    assert label is not None and len(label.zh) == LIMIT and label.zh.endswith("…") and "\n" not in label.zh


def test_no_label_uses_a_private_field() -> None:
    labels = [LABELS.label(record) for record in (CUSTOMER, PERSON)]
    shown = " ".join(f"{m.zh} {m.en}" for m in labels if m)
    for secret in ("0571-87654321", "wang@example.cn", "zhang@example.cn", "0571-88880001", "王经理"):
        assert secret not in shown
