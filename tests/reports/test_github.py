"""GitHub workflow commands: ::error file=...,line=N,col=N,title=...::message, escaped."""

from __future__ import annotations

import re

from checker.findings import Change, Finding, Message, Severity
from checker.reports import github
from checker.rules.engine import Report
from tests.reports.conftest import make_report

COMMAND = re.compile(r"^::(error|warning) file=[^,:]+(,line=\d+(,col=\d+)?)?,title=[^,:]+::[^\r\n]*$")


def test_every_line_is_a_workflow_command_then_the_summary(report: Report) -> None:
    lines = github.render(report, "en", False).splitlines()
    assert len(lines) == len(report.findings) + 1
    for line in lines[:-1]:
        assert COMMAND.match(line), line
    assert lines[-1].startswith("Checked 7 files, 12 records")


def test_fields(report: Report) -> None:
    first = github.render(report, "en", False).splitlines()[0]
    assert first == ("::error file=records/quotes/QT-1.yaml,line=9,col=3,"
                     "title=quote-approved-by-manager 4.2.2::Quote QT-1 needs a manager's approval%0AApprove it"
                     "%0AOwner: 张伟 (p-zhang-wei) · QT-1 Quote: 华新机电")


def test_a_finding_without_an_owner_has_no_owner_line(report: Report) -> None:
    unreadable = github.render(report, "zh", False).splitlines()[3]
    assert unreadable.endswith("::文件无法按 UTF-8 文本读取%0A用 UTF-8 保存")


def test_warning_and_no_line(report: Report) -> None:
    lines = github.render(report, "en", False).splitlines()
    assert lines[2].startswith("::warning file=records/sales-reports/SR-1.yaml,line=4,col=1,")
    assert lines[3].startswith("::error file=records/gbk.yaml,title=file-unreadable::")


def test_escaping(report: Report) -> None:
    line = github.render(report, "zh", False).splitlines()[1]
    assert line.startswith("::error file=records/quotes/odd%2C name%3A1%25.yaml,line=2,title=")
    message = line.split("::", 2)[2]
    assert "100%25" in message and "%0A" in message
    assert "\n" not in message
    assert "第二行: a, b" in message  # ':' and ',' are fine in the message itself


def test_hostile_text_and_file_names_stay_one_command_each(hostile_report: Report) -> None:
    hostile = re.compile(r"^::(error|warning) file=[^,:\r\n]+(,line=\d+(,col=\d+)?)?,title=[^,:\r\n]+::[^\r\n]*$")
    for lang in ("zh", "en"):
        text = github.render(hostile_report, lang, False)
        lines = text.split("\n")[:-1]  # as the runner reads them: only LF and CR end a line
        assert len(lines) == len(hostile_report.findings) + 1
        for line in lines[:-1]:
            assert "\r" not in line and hostile.match(line), line
        assert lines[0].startswith("::error file=records/quotes/x%0A<img src=x onerror=alert(1)>.yaml,line=1,col=2,")
        assert "lone\ufffd" in lines[0]  # a lone surrogate cannot stop the log being written


def test_the_summary_line_cannot_become_a_command(report: Report) -> None:
    report.ruleset = report.ruleset.model_copy(update={"version": "1\n::error file=x::forged"})
    lines = github.render(report, "en", False).splitlines()
    assert len(lines) == len(report.findings) + 1
    assert not lines[-1].startswith("::") and "%0A::error file=x::forged" in lines[-1]


def _many(count: int, severity: Severity, file: str, change: Change) -> list[Finding]:
    return [Finding(file=file, rule="r", severity=severity, message=Message(f"m{i}", f"m{i}"),
                    fix=Message("f", "f"), record=f"R-{i}", line=i + 1, change=change) for i in range(count)]


def test_annotations_stay_within_githubs_limits_introduced_findings_in_changed_files_first() -> None:
    report = make_report([*_many(12, "error", "records/old.yaml", "existing"),
                          *_many(3, "error", "records/mine.yaml", "new"),
                          *_many(11, "warning", "records/old.yaml", "existing")])
    report.base, report.touched = "abc", frozenset({"records/mine.yaml"})
    lines = github.render(report, "en", False).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 10 and all("file=records/mine.yaml" in line for line in errors[:3])
    assert len([line for line in lines if line.startswith("::warning ")]) == 10
    assert lines[-2] == ("::notice title=handbook::6 more findings are not annotated (GitHub shows at most 10 errors "
                         "and 10 warnings per step); the job summary lists them all.")


def test_only_the_errors_that_fail_the_check_are_annotated_as_errors() -> None:
    report = make_report([*_many(1, "error", "records/old.yaml", "existing"),
                          *_many(1, "error", "records/mine.yaml", "new")])
    report.base, report.fail_on = "abc", "new"
    lines = github.render(report, "en", False).splitlines()
    assert lines[0].startswith("::error file=records/mine.yaml,line=1,title=r::")
    assert lines[1].startswith("::warning file=records/old.yaml,line=1,"
                               "title=r (already there before this change%3A does not fail it)::")
    assert lines[2].endswith("The check fails on the 1 error this change introduces.")
    zh = github.render(report, "zh", False).splitlines()
    assert "title=r（改动之前已存在，不使检查失败）::" in zh[1]
