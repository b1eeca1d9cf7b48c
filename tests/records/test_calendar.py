"""Holiday calendars: the days of a year's notice fit together, and each problem is said in
both languages at its own line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checker.findings import Finding
from checker.loading.repository import load
from checker.loading.yamltext import parse_text
from checker.records.calendar import HolidayCalendar

GOOD = """\
kind: holiday-calendar
id: HC-2026
owner: p-li-na
year: 2026
source:
  title: 国务院办公厅关于2026年部分节假日安排的通知
  published: 2025-11-04
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
  - {name: 春节, from: 2026-02-15, to: 2026-02-23}
  - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}
workdays: [2026-01-04, 2026-02-14, 2026-02-28, 2026-09-20, 2026-10-10]
"""


def _findings(tmp_path: Path, text: str) -> list[Finding]:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "HC.yaml").write_text(text, encoding="utf-8")
    repository = load(tmp_path, tmp_path / "records")
    repository.locate(repository.findings)
    assert repository.entries == [] or not repository.findings
    return repository.findings


def test_a_calendar_copied_from_the_notice_is_valid() -> None:
    calendar = HolidayCalendar.model_validate(parse_text(GOOD))
    assert date(2026, 2, 15) in calendar.days_off() and date(2026, 2, 23) in calendar.days_off()
    assert len(calendar.days_off()) == 3 + 9 + 7
    assert calendar.days_worked() == {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20),
                                      date(2026, 10, 10)}


def test_a_date_outside_the_year_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("{name: 元旦, from: 2026-01-01", "{name: 元旦, from: 2025-12-31")
    [finding] = _findings(tmp_path, text)
    assert (finding.rule, finding.record, finding.line, finding.column) == ("record-schema", "HC-2026", 9, 16)
    assert finding.message.zh == "第 1 个假期（元旦）的 from 日期 2025-12-31 不在 2026 年内。"
    assert finding.message.en == "Holiday 1 (元旦): from 2025-12-31 is not in 2026."
    assert "goes in that year's calendar" in finding.fix.en and "记入那一年的日历" in finding.fix.zh


def test_a_weekday_listed_as_a_make_up_working_day_is_an_error_at_its_item(tmp_path: Path) -> None:
    text = GOOD.replace("2026-02-28, 2026-09-20", "2026-02-27, 2026-09-20")
    [finding] = _findings(tmp_path, text)
    assert (finding.line, finding.column, finding.path) == (12, 36, ("workdays", 2))
    assert finding.message.zh == ("调休上班日 2026-02-27 是周五：调休上班日是通知要求上班的周六或周日，"
                                  "周一至周五本来就是工作日。")
    assert finding.message.en == ("Make-up working day 2026-02-27 is a Friday: a make-up working day is a Saturday "
                                  "or Sunday the notice makes a working day; Monday to Friday are working days "
                                  "anyway.")


def test_every_problem_is_reported_each_at_its_place(tmp_path: Path) -> None:
    text = """\
kind: holiday-calendar
id: HC-2027
owner: p-li-na
year: 2027
source:
  title: 国务院办公厅关于2027年部分节假日安排的通知
  published: 2026-11-04
holidays:
  - name: 春节
    from: 2027-02-10
    to: 2027-02-06
  - {name: 劳动节, from: 2027-05-01, to: 2027-05-05}
  - {name: 五一, from: 2027-05-05, to: 2027-05-06}
workdays:
  - 2027-05-02
  - 2028-01-01
  - 2027-02-20
  - 2027-02-20
"""
    found = [(f.line, f.column, f.message.en) for f in _findings(tmp_path, text)]
    assert found == [
        (11, 5, "Holiday 1 (春节): its last day, to 2027-02-06, is before its first, from 2027-02-10."),
        (13, 16, "Holiday 3 (五一, 2027-05-05 to 2027-05-06) shares days with holiday 2 (劳动节, 2027-05-01 to "
                 "2027-05-05)."),
        (15, 5, "Make-up working day 2027-05-02 lies inside holiday 2 (劳动节, 2027-05-01 to 2027-05-05): a day "
                "cannot be both off and worked."),
        (16, 5, "Make-up working day 2028-01-01 is not in 2027."),
        (18, 5, "Make-up working day 2027-02-20 is listed twice.")]


def test_the_year_is_a_year_not_another_period(tmp_path: Path) -> None:
    [finding] = _findings(tmp_path, GOOD.replace("year: 2026", "year: 2026-Q1"))
    assert (finding.line, finding.message.en) == (4, "year must be a year (such as 2027), found 2026-Q1.")
    assert finding.message.zh == "year 应为一个年份（如 2027），实际是 2026-Q1。"


def test_a_calendar_that_fails_is_not_loaded_so_it_counts_no_day(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "HC.yaml").write_text(GOOD.replace("2026-02-28", "2026-02-27"), encoding="utf-8")
    repository = load(tmp_path, tmp_path / "records")
    assert repository.entries == [] and repository.invalid == {"HC-2026": ("holiday-calendar", "records/HC.yaml")}
