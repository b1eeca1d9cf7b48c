"""A report with known findings, including text that every format must escape."""

from __future__ import annotations

from datetime import date

import pytest

from checker.findings import Finding, Message, RuleResult
from checker.records.ruleset import RuleSet
from checker.rules.engine import Report
from tests.conftest import rule, rule_set

NASTY = "金额 100% | <script>alert(1)</script>\n第二行: a, b `code`"
# Record text and file names that try every way out of a report: markup, links, images,
# autolinks, HTML, line breaks of every kind, control characters, a lone surrogate.
HOSTILE_TEXT = ("[x](javascript:alert(1)) ![x](http://e/x.png) *em* **strong** _u_ ~~del~~ www.evil.com "
                "https://evil.com <https://evil.com> mail@evil.com <script>alert(1)</script> "
                "<img src=x onerror=alert(1)> &lt;b&gt; a|b `c` \\ cr\rlf\nls\u2028ps\u2029vt\x0bff\x0cnel\x85 "
                "nul\x00 esc\x1b[31m bel\x07 fffe\ufffe lone\ud800")
HOSTILE_FILES = [
    "records/quotes/x\n<img src=x onerror=alert(1)>.yaml",
    "records/quotes/a b 100% #1 ?q=1.yaml",
    "records/报价/中文 名称.yaml",
    "records/quotes/cr\r|pipe|`tick`\x07.yaml",
    "records/quotes/[x](javascript:alert(1)).yaml",
]


def make_report(findings: list[Finding]) -> Report:
    rules = [rule("quote-approved-by-manager", "approval", {"gate": "sent", "required": [{"roles": ["m"]}]},
                  kinds=["quote"], clause="4.2.2"),
             rule("sales-report-on-time", "deadline", {"start": "a", "end": "b"}, kinds=["sales-report"],
                  clause="4.4.1", severity="warning")]
    ruleset = RuleSet.model_validate(rule_set(rules))
    results = {"quote-approved-by-manager": RuleResult("quote-approved-by-manager", checked=3, findings=2),
               "sales-report-on-time": RuleResult("sales-report-on-time", checked=1, findings=1)}
    return Report(as_of=date(2026, 6, 30), findings=findings, results=results, due=[], ruleset=ruleset,
                  ruleset_file="records/policy/rules.yaml", files=7, records=12)


def findings() -> list[Finding]:
    return [
        Finding(file="records/quotes/QT-1.yaml", rule="quote-approved-by-manager", severity="error",
                message=Message("报价 QT-1 须经营销经理批准", "Quote QT-1 needs a manager's approval"),
                fix=Message("请审批", "Approve it"), clause="4.2.2", record="QT-1", line=9, column=3,
                owner="p-zhang-wei", owner_name="张伟", label=Message("报价：华新机电", "Quote: 华新机电")),
        Finding(file="records/quotes/odd, name:1%.yaml", rule="quote-approved-by-manager", severity="error",
                message=Message(NASTY, NASTY), fix=Message("修正 | 它", "fix | it"), clause="4.2.2",
                record="QT-2", line=2, column=None),
        Finding(file="records/sales-reports/SR-1.yaml", rule="sales-report-on-time", severity="warning",
                message=Message("销售报告 SR-1 提交晚了", "Sales report SR-1 was late"),
                fix=Message("按时提交", "Submit on time"), clause="4.4.1", record="SR-1", line=4, column=1),
        Finding(file="records/gbk.yaml", rule="file-unreadable", severity="error",
                message=Message("文件无法按 UTF-8 文本读取", "The file cannot be read as UTF-8 text"),
                fix=Message("用 UTF-8 保存", "Save as UTF-8")),
    ]


def hostile_findings() -> list[Finding]:
    """One finding per hostile file name, every text hostile; errors and a warning."""
    return [Finding(file=name, rule="quote-approved-by-manager" if i % 2 == 0 else "sales-report-on-time",
                    severity="error" if i % 2 == 0 else "warning",
                    message=Message(f"报价 {HOSTILE_TEXT}", f"Quote {HOSTILE_TEXT}"),
                    fix=Message(f"修正 {HOSTILE_TEXT}", f"Fix {HOSTILE_TEXT}"),
                    clause="4.2.2" if i % 2 == 0 else "4.4.1",
                    record=HOSTILE_TEXT, line=i + 1 if i != 2 else None, column=2 if i == 0 else None)
            for i, name in enumerate(HOSTILE_FILES)]


@pytest.fixture
def hostile_report() -> Report:
    return make_report(hostile_findings())


@pytest.fixture
def report() -> Report:
    return make_report(findings())


@pytest.fixture
def empty_report() -> Report:
    return make_report([])
