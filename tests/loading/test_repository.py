"""Loading records: malformed input becomes findings with file, line and column, never a
traceback, and the other files are still checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.findings import Finding
from checker.loading import files
from checker.loading.repository import load
from checker.rules.engine import Report
from tests.conftest import dump, rule, rule_set, run, write_repo

VISIT = ("kind: visit\nid: V-1\nowner: p-zhang-wei\ncustomer: C-1\ndate: 2026-03-12\n"
         "method: visit\nsummary: 拜访\n")
CUSTOMER = "kind: customer\nid: C-1\nowner: p-zhang-wei\nname: 华新机电\nclass: key\nsince: 2026-01-10\n"


def build(tmp_path: Path, files: dict[str, str | bytes], rules: list[dict[str, Any]] | None = None) -> Path:
    root = write_repo(tmp_path, [], ruleset=rule_set(rules or []))
    for name, content in files.items():
        path = root / "records" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def check(tmp_path: Path, files: dict[str, str | bytes], rules: list[dict[str, Any]] | None = None) -> Report:
    return run(build(tmp_path, files, rules), "2026-03-01")


def only(report: Report, file: str, rule_id: str | None = None) -> list[Finding]:
    return [f for f in report.findings if f.file == f"records/{file}"
            and (rule_id is None or f.rule == rule_id)]


def test_valid_files_load_without_findings(tmp_path: Path) -> None:
    report = check(tmp_path, {"c.yaml": CUSTOMER, "v.yaml": VISIT})
    assert report.findings == []
    assert report.records == 11 + 1 + 2  # world, rule set, the two records
    assert report.files == 4


@pytest.mark.parametrize(("text", "line"), [
    ("kind: visit\nid: V-2\nattendees: [a, b\nsummary: x\n", 3),  # where the bracket opens
    ("kind: visit\nid: V-2\n  owner: p-li-na\n", 3),
    ("kind: visit\nid: V-2\nx:\n\tsummary: tab\n", 4),
])
def test_bad_yaml_is_a_finding_and_other_files_are_still_checked(tmp_path: Path, text: str,
                                                                 line: int) -> None:
    report = check(tmp_path, {"bad.yaml": text, "c.yaml": CUSTOMER, "v.yaml": VISIT})
    [finding] = only(report, "bad.yaml")
    assert finding.rule == "yaml-syntax" and finding.severity == "error"
    assert finding.line == line and finding.column is not None
    assert "YAML" in finding.message.en and "YAML" in finding.message.zh
    assert finding.fix.en and finding.fix.zh
    assert {f.file for f in report.findings} == {"records/bad.yaml"}
    assert report.records == 14  # the good files still loaded


def test_duplicate_key_is_a_yaml_syntax_finding(tmp_path: Path) -> None:
    report = check(tmp_path, {"v.yaml": VISIT + "customer: C-2\n", "c.yaml": CUSTOMER})
    [finding] = only(report, "v.yaml")
    assert finding.rule == "yaml-syntax"
    assert finding.line == 8
    assert "customer is written twice" in finding.message.en and "customer 写了两次" in finding.message.zh


def test_wrong_type_points_at_the_field(tmp_path: Path) -> None:
    text = ("kind: role\nid: r-x\nowner: p-zhao-min\nname_zh: 某\nname_en: X\nteam: maybe\n"
            "responsibilities: [a]\n")
    [finding] = only(check(tmp_path, {"r.yaml": text}), "r.yaml")
    assert finding.rule == "record-schema"
    assert finding.record == "r-x"
    assert (finding.line, finding.column) == (6, 1)
    assert "team" in finding.message.en and "true or false" in finding.message.en
    assert "'maybe'" in finding.message.en


def test_list_where_text_expected(tmp_path: Path) -> None:
    [finding] = only(check(tmp_path, {"v.yaml": VISIT.replace("summary: 拜访", "summary: [a, b]")}),
                     "v.yaml")
    assert finding.rule == "record-schema" and finding.line == 7
    assert "summary" in finding.message.en


def test_impossible_date(tmp_path: Path) -> None:
    [finding] = only(check(tmp_path, {"c.yaml": CUSTOMER, "v.yaml": VISIT.replace("2026-03-12", "2026-02-30")}),
                     "v.yaml")
    assert finding.rule == "record-schema"
    assert finding.line == 5 and finding.column == 1
    assert "not a valid date" in finding.message.en and "2026-02-30" in finding.message.en
    assert "日期" in finding.message.zh


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    text = VISIT.replace("customer: C-1", "custmer: C-1")
    findings = only(check(tmp_path, {"c.yaml": CUSTOMER, "v.yaml": text}), "v.yaml")
    unknown = [f for f in findings if "Unknown field" in f.message.en]
    assert len(unknown) == 1
    assert "custmer" in unknown[0].message.en
    assert unknown[0].fix.en == "Did you mean customer?"
    assert "customer" in unknown[0].fix.zh
    assert unknown[0].line == 4
    missing = [f for f in findings if "missing" in f.message.en]
    assert missing and "customer" in missing[0].message.en


def test_unknown_field_in_a_nested_part(tmp_path: Path) -> None:
    text = CUSTOMER + "contacts:\n  - name: 王经理\n    phnoe: '0571-1'\n"
    [finding] = only(check(tmp_path, {"c.yaml": text}), "c.yaml")
    assert finding.fix.en == "Did you mean phone?"
    assert finding.line == 9 and finding.column == 5


def test_unknown_kind_suggests_a_kind(tmp_path: Path) -> None:
    [finding] = only(check(tmp_path, {"v.yaml": VISIT.replace("kind: visit", "kind: vist")}), "v.yaml")
    assert finding.rule == "record-schema"
    assert "vist" in finding.message.en
    assert finding.fix.en == "Did you mean visit?"
    assert finding.line == 1


def test_missing_kind(tmp_path: Path) -> None:
    [finding] = only(check(tmp_path, {"v.yaml": VISIT.replace("kind: visit\n", "")}), "v.yaml")
    assert finding.rule == "record-schema" and "no kind" in finding.message.en
    assert "visit" in finding.fix.en  # lists the kinds


def test_duplicate_id_names_the_first_file(tmp_path: Path) -> None:
    report = check(tmp_path, {"c.yaml": CUSTOMER, "a/v1.yaml": VISIT, "b/v2.yaml": VISIT})
    [finding] = [f for f in report.findings if f.rule == "duplicate-id"]
    assert finding.file == "records/b/v2.yaml"
    assert "records/a/v1.yaml" in finding.message.en and "records/a/v1.yaml" in finding.message.zh
    assert finding.record == "V-1"
    assert finding.line == 2
    assert report.records == 14  # the first one is kept


def test_a_duplicate_id_in_a_series_says_to_take_the_next_free_one(tmp_path: Path) -> None:
    """Two branches that each added V-1 in another month's folder, merged."""
    report = check(tmp_path, {"c.yaml": CUSTOMER, "visits/2026-03/V-1.yaml": VISIT, "visits/2026-04/V-1.yaml": VISIT})
    [finding] = [f for f in report.findings if f.rule == "duplicate-id"]
    assert (finding.file, finding.line, finding.column) == ("records/visits/2026-04/V-1.yaml", 2, 1)
    assert finding.message.zh == "记录编号 V-1 重复：records/visits/2026-03/V-1.yaml 中已有同一编号。"
    assert finding.fix.zh == (
        "两条记录不能共用一个编号；常见原因是两个分支各自新建了同一编号的记录，合并后两条都在。保留先合并的那条，"
        "给另一条（通常是本次拉取请求中的那条）换用下一个空闲编号：运行 .venv/bin/handbook new visit --print，"
        "它会说出这个编号（已核对 git 知道的所有分支）；把该记录的 id 改成它，文件也改成同名，引用旧编号的记录一并"
        "修改。已审批的记录改动后须重新审批。")
    assert finding.fix.en == (
        "Two records cannot share an id; usually two branches each added a record with the same id, and merging "
        "brought both. Keep the one merged first and give the other (usually the one in this pull request) the "
        "next free id: run .venv/bin/handbook new visit --print, which says that id (checked against every branch "
        "git knows); change the record's id to it, rename its file to match, and update the records that refer "
        "to the old id. A record already approved needs its approvals again.")


def test_a_duplicate_id_naming_a_period_is_one_record_twice(tmp_path: Path) -> None:
    report_text = ("kind: sales-report\nid: SR-2026-02\nowner: p-zhang-wei\nperiod: 2026-02\nsubmitted: 2026-03-05\n"
                   "revenue: 100.00\nvolume: 1\nprofit: 10.00\nanalysis: 平稳\nmeasures: [保持]\n")
    report = check(tmp_path, {"a/SR-2026-02.yaml": report_text, "b/SR-2026-02.yml": report_text})
    [finding] = [f for f in report.findings if f.rule == "duplicate-id"]
    assert (finding.file, finding.line) == ("records/b/SR-2026-02.yml", 2)
    assert finding.fix.en.endswith(
        "The id of this kind names its period or what it is about, so both are the same record: merge their "
        "content into the one merged first and delete the other's file; if they really are two different things, "
        "give one of them its right id, rename its file to match, and update the records that refer to it.")
    assert finding.fix.zh.endswith(
        "这类记录的编号表示它所属的期间或对象，两条记录说的是同一件事：把内容合并到先合并的那条中，删除另一条的文件；"
        "如果确实是两件不同的事，给其中一条改用正确的编号，文件也改成同名，引用它的记录一并修改。")


def test_dangling_links_are_findings(tmp_path: Path) -> None:
    links = rule("links", "reference", {}, kinds=["visit"])
    report = check(tmp_path, {"v.yaml": VISIT.replace("owner: p-zhang-wei", "owner: p-ghost")},
                   [links])
    findings = [f for f in report.findings if f.rule == "links"]
    assert {(f.record, f.line) for f in findings} == {("V-1", 3), ("V-1", 4)}
    assert any("p-ghost" in f.message.en for f in findings)
    assert any("C-1" in f.message.en for f in findings)


def test_a_record_that_fails_validation_is_registered_by_id_and_kind(tmp_path: Path) -> None:
    root = build(tmp_path, {"c.yaml": CUSTOMER + "colour: red\n", "v.yaml": VISIT})
    repository = load(root, root / "records")
    assert repository.invalid == {"C-1": ("customer", "records/c.yaml")}
    assert repository.prefix == "records/"
    assert "C-1" not in {e.record.id for e in repository.entries}


def test_one_invalid_record_is_one_finding_not_a_cascade(tmp_path: Path) -> None:
    links = rule("links", "reference", {}, kinds=["visit"])
    visits = {f"v{n}.yaml": VISIT.replace("id: V-1", f"id: V-{n}") for n in range(3)}
    report = check(tmp_path, {"c.yaml": CUSTOMER + "colour: red\n", **visits}, [links])
    assert [(f.rule, f.file) for f in report.findings] == [("record-schema", "records/c.yaml")]


def test_non_utf8_file_is_a_finding(tmp_path: Path) -> None:
    report = check(tmp_path, {"gbk.yaml": "kind: customer\nname: 华新\n".encode("gbk"),
                              "c.yaml": CUSTOMER})
    [finding] = only(report, "gbk.yaml")
    assert (finding.rule, finding.line, finding.column) == ("file-unreadable", 2, 7)
    assert finding.message.en == "The file is not UTF-8 text: the byte BB at line 2, column 7 cannot be read."
    assert report.files == 4
    assert report.records == 13


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    report = check(tmp_path, {"c.yaml": "\ufeff" + CUSTOMER})
    assert report.findings == []


def test_top_level_list_of_records(tmp_path: Path) -> None:
    text = "- " + CUSTOMER.replace("\n", "\n  ").rstrip() + "\n- " + VISIT.replace(
        "\n", "\n  ").rstrip().replace("method: visit", "method: walk") + "\n"
    report = check(tmp_path, {"many.yaml": text})
    [finding] = only(report, "many.yaml")
    assert finding.record == "V-1"
    assert finding.path[0] == 1
    assert finding.line == 12 and finding.column == 3  # method: of the second record
    assert report.records == 13


def test_list_item_that_is_not_a_record(tmp_path: Path) -> None:
    report = check(tmp_path, {"many.yaml": "- " + CUSTOMER.replace("\n", "\n  ").rstrip() + "\n- just text\n"})
    [finding] = only(report, "many.yaml")
    assert finding.rule == "record-schema" and "just text" in finding.message.en
    assert finding.line == 7


def test_empty_file(tmp_path: Path) -> None:
    report = check(tmp_path, {"empty.yaml": "", "c.yaml": CUSTOMER})
    [finding] = only(report, "empty.yaml")
    assert finding.rule == "record-schema" and "nothing" in finding.message.en
    assert report.records == 13


MEETING_MD = ("---\nkind: meeting\nid: M-1\nowner: p-li-na\ntype: weekly\ndate: 2026-01-05\n"
              "attendees: [p-li-na]\n---\n本周新增线索 18 条。\n")


def test_markdown_record_takes_its_body(tmp_path: Path) -> None:
    root = build(tmp_path, {"m.md": MEETING_MD})
    repo = load(root, root / "records")
    [entry] = [e for e in repo.entries if e.record.id == "M-1"]
    assert entry.record.minutes == "本周新增线索 18 条。"  # type: ignore[attr-defined]
    assert repo.findings == []


def test_markdown_line_numbers_shift_past_the_opening_dashes(tmp_path: Path) -> None:
    text = MEETING_MD.replace("type: weekly", "type: weekly\ncolour: red")
    [finding] = only(check(tmp_path, {"m.md": text}), "m.md")
    assert "colour" in finding.message.en
    assert finding.line == 6  # the sixth line of the file


def test_markdown_syntax_error_line_is_the_files_line(tmp_path: Path) -> None:
    text = MEETING_MD.replace("attendees: [p-li-na]", "attendees: [p-li-na")
    [finding] = only(check(tmp_path, {"m.md": text}), "m.md")
    assert finding.rule == "yaml-syntax"
    assert (finding.line, finding.column) == (7, 12)  # the bracket that opens, on the file's line 7


def test_markdown_with_crlf_line_endings(tmp_path: Path) -> None:
    text = MEETING_MD.replace("type: weekly", "type: weekly\ncolour: red").replace("\n", "\r\n")
    [finding] = only(check(tmp_path, {"m.md": text}), "m.md")
    assert finding.line == 6


def test_markdown_body_on_a_kind_without_one(tmp_path: Path) -> None:
    text = "---\n" + CUSTOMER + "---\n正文\n"
    [finding] = only(check(tmp_path, {"c.md": text}), "c.md")
    assert finding.rule == "record-schema" and "Markdown body" in finding.message.en


def test_markdown_without_front_matter_is_a_finding(tmp_path: Path) -> None:
    [finding] = only(check(tmp_path, {"notes.md": "# 会议\n内容\n"}), "notes.md")
    assert finding.rule == "yaml-syntax"
    assert "front matter" in finding.message.en


def test_markdown_without_front_matter_points_at_line_1(tmp_path: Path) -> None:
    [finding] = only(check(tmp_path, {"notes.md": "# 会议\n"}), "notes.md")
    assert finding.line == 1


def test_complex_key_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    report = check(tmp_path, {"odd.yaml": "? [a, b]\n: c\n", "c.yaml": CUSTOMER})
    assert [f.rule for f in only(report, "odd.yaml")] == ["yaml-syntax"]


def test_every_finding_has_file_and_position_where_applicable(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "bad.yaml": "a: [1\n", "gbk.yaml": "名".encode("gbk"),
        "v.yaml": VISIT.replace("customer: C-1", "custmer: C-1"),
        "w.yaml": VISIT.replace("kind: visit", "kind: vist").replace("V-1", "V-2"),
        "d.yaml": VISIT.replace("2026-03-12", "2026-13-01").replace("V-1", "V-3"),
    }
    report = check(tmp_path, files)
    assert len(report.findings) >= 5
    for finding in report.findings:
        assert finding.file.startswith("records/")
        if finding.rule != "file-unreadable":
            assert finding.line is not None and finding.column is not None, finding


def test_record_dump_helper_round_trips(tmp_path: Path) -> None:
    # the conftest helper writes mappings with unicode and in order
    text = dump({"kind": "customer", "name": "华新"})
    assert text == "kind: customer\nname: 华新\n"


def test_a_file_that_cannot_be_opened_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "a.yaml").write_text("kind: role\n", encoding="utf-8")
    (folder / "b.yaml").write_text("kind: role\n", encoding="utf-8")
    real_read = files.read_with_stat

    def failing_read(path: str, limit: int = files.DEFAULT_MAX_FILE_BYTES) -> tuple[bytes, files.Stat]:
        if path.endswith("a.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_read(path, limit)

    monkeypatch.setattr(files, "read_with_stat", failing_read)
    repository = load(tmp_path, folder)
    [finding] = [f for f in repository.findings if f.rule == "file-unreadable"]
    assert (finding.file, finding.message.en) == ("records/a.yaml", "The file cannot be read: Permission denied.")
    assert any(f.file == "records/b.yaml" for f in repository.findings)  # the other file is still checked


def test_schema_messages_name_nested_fields_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "q.yaml").write_text(
        "kind: quote\nid: Q-1\nowner: p-1\ncustomer: C-1\nlines:\n  - product: 传感器\n    quantity: 十二\n"
        "    unit_price: 100.00\ntotal: 1200.00\nsent: 2026-02-30\nstatus: sent\n", encoding="utf-8")
    findings = {f.message.en: f for f in load(tmp_path, folder).findings}
    quantity = findings["quantity in item 1 of lines must be a number, found '十二'."]
    assert quantity.message.zh == "lines 第 1 项的 quantity 应为数字，实际是 '十二'。"
    assert "sent is not a valid date: '2026-02-30'." in findings


def test_what_stands_where_a_record_should_is_named_in_each_language(tmp_path: Path) -> None:
    report = check(tmp_path, {"odd.yaml": "- 只是一行字\n- [a, b]\n", "c.yaml": CUSTOMER})
    first, second = only(report, "odd.yaml")
    assert first.message.zh == "这里应是一条记录（以 kind: 开头的若干字段），实际是一段文字“只是一行字”。"
    assert first.message.en == "A record (fields starting with kind:) is expected here, found the text '只是一行字'."
    assert second.message.zh.endswith("实际是一个列表。") and second.message.en.endswith("found a list.")
    assert "/" not in first.message.zh + second.message.en
