"""JSON: round-trips, with both languages of each finding."""

from __future__ import annotations

import json

from checker.findings import DueItem, Message
from checker.reports import json_report
from checker.rules.engine import Report
from tests.reports.conftest import NASTY


def test_round_trip(report: Report) -> None:
    document = json.loads(json_report.render(report, "en", False))
    assert document["as_of"] == "2026-06-30"
    assert document["summary"]["errors"] == 3 and document["summary"]["warnings"] == 1
    assert document["summary"]["files"] == 7 and document["summary"]["records"] == 12
    assert document["ruleset"] == {"version": "test.1", "effective": "2026-01-01",
                                   "file": "records/policy/rules.yaml"}
    assert len(document["findings"]) == 4
    first = document["findings"][0]
    assert first == {"file": "records/quotes/QT-1.yaml", "line": 9, "column": 3,
                     "rule": "quote-approved-by-manager", "clause": "4.2.2", "severity": "error",
                     "record": "QT-1", "message": "Quote QT-1 needs a manager's approval", "fix": "Approve it",
                     "message_zh": "报价 QT-1 须经营销经理批准", "message_en": "Quote QT-1 needs a manager's approval",
                     "owner": "p-zhang-wei", "owner_name": "张伟", "label": "Quote: 华新机电", "due": None}
    assert document["findings"][1]["message"] == NASTY
    assert document["findings"][3]["line"] is None
    assert document["findings"][3]["owner"] is None and document["findings"][3]["label"] is None
    rules = {r["id"]: r for r in document["rules"]}
    assert rules["quote-approved-by-manager"] == {"id": "quote-approved-by-manager", "checked": 3,
                                                  "passed": 1, "findings": 2, "waived": 0}


def test_due_items_carry_their_owner_and_label(report: Report) -> None:
    report.due = [DueItem(rule="key-customers-visited", clause="3.3.1", file="records/customers/C-1.yaml",
                          record="C-1", what=Message("拜访：下次截止 2026-07-02", "Visit: next due 2026-07-02"),
                          due="2026-07-02", overdue=False, owner="p-zhang-wei", owner_name="张伟",
                          label=Message("华新", "华新"))]
    [due] = json.loads(json_report.render(report, "zh", False))["due"]
    assert (due["owner"], due["owner_name"], due["label"], due["record"]) == ("p-zhang-wei", "张伟", "华新", "C-1")


def test_language_and_unicode(report: Report) -> None:
    text = json_report.render(report, "zh", False)
    assert "报价 QT-1" in text  # not \\u escapes
    document = json.loads(text)
    assert document["findings"][0]["message"] == "报价 QT-1 须经营销经理批准"
    assert document["summary"]["text"].startswith("检查了 7 个文件")


def test_an_item_handed_over_from_a_leaver_says_from_whom() -> None:
    from checker.findings import Finding, Handover, Message
    from checker.reports.json_report import finding_dict

    finding = Finding(file="records/quotes/QT-1.yaml", rule="r", severity="error", message=Message("m", "m"),
                      fix=Message("f", "f"), owner="p-sun", owner_name="孙丽",
                      handover=Handover("p-zhang", "张伟", "2026-11-30"))
    assert finding_dict(finding, "en")["handed_over_from"] == {"person": "p-zhang", "name": "张伟",
                                                               "last_day": "2026-11-30"}
    assert "handed_over_from" not in finding_dict(Finding(file="a.yaml", rule="r", severity="error",
                                                          message=Message("m", "m"), fix=Message("f", "f")), "en")
