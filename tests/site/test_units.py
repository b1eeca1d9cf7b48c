"""The site's building blocks: the public view of records, charts, calendar (escaping: tests/test_escaping.py)."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from checker.records.customers import Customer
from checker.records.performance import Appraisal
from checker.site.calendar import training_calendar
from checker.site.public import public
from checker.site.svg import bars, lines


def test_public_view_drops_private_fields_at_every_depth() -> None:
    customer = Customer.model_validate({
        "kind": "customer", "id": "C-1", "owner": "p-1", "name": "杭州某公司", "class": "key",
        "since": "2026-01-01", "contacts": [{"name": "王经理", "phone": "0571-88880000",
                                               "email": "wang@example.cn"}]})
    shown = public(customer)
    assert shown["name"] == "杭州某公司" and shown["class"] == "key"
    assert shown["contacts"] == [{"name": "王经理", "title": None}]
    appraisal = Appraisal.model_validate({
        "kind": "appraisal", "id": "A-1", "owner": "p-1", "person": "p-2", "period": "2026-Q1",
        "kpi_set": "K-1", "appraised": "2026-04-08", "score": "86", "grade": "B", "comments": "需提高"})
    assert "comments" not in public(appraisal)


def test_charts_are_well_formed_svg_with_escaped_labels() -> None:
    for chart in (bars(["<a>", "b"], [("x&y", [1.0, 2.0])], title="t<"),
                  lines(["01", "02"], [("budget", [5.0, 5.0]), ("spent", [1.0, 3.0])], title="t")):
        root = ElementTree.fromstring(chart)
        assert root.tag.endswith("svg")
        assert "<a>" not in chart


def test_training_calendar_has_one_event_per_item() -> None:
    ics = training_calendar([("c-1", date(2026, 3, 20), "顾问式销售", "6 h"),
                             ("s-1", date(2026, 4, 2), "产品知识", "李娜")], 2026).decode()
    assert ics.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20260320" in ics and "SUMMARY:顾问式销售" in ics
