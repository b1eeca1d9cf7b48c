"""Working days in mainland China: holidays, make-up working days, the team's own calendar of
a year, and years beyond the data."""

from __future__ import annotations

from datetime import date

from checker.rules.workdays import LAST_YEAR, TeamYear, Workdays, known, package_working


def test_national_day_holiday_is_skipped_and_the_make_up_saturday_counts() -> None:
    # 2026: 1-7 October off, Saturday 10 October worked in lieu
    assert Workdays().shift(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert Workdays().shift(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_a_duty_starting_on_a_day_off_counts_from_the_next_working_day() -> None:
    assert Workdays().shift(date(2026, 10, 3), 1) == date(2026, 10, 8)


def test_an_ordinary_weekend_is_skipped() -> None:
    assert Workdays().shift(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday to Monday


def test_negative_counts_go_backwards() -> None:
    assert Workdays().shift(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_zero_is_the_day_itself() -> None:
    assert Workdays().shift(date(2026, 10, 1), 0) == date(2026, 10, 1)


def test_the_spring_festival_week_has_no_working_day_but_the_week_after_has() -> None:
    assert not Workdays().any_working(date(2026, 2, 16), date(2026, 2, 22))
    assert Workdays().any_working(date(2026, 2, 23), date(2026, 3, 1))


def test_a_year_beyond_the_data_counts_monday_to_friday_and_is_remembered() -> None:
    beyond = LAST_YEAR + 1
    assert not known(beyond)
    workdays = Workdays()
    friday = next(date(beyond, 1, d) for d in range(1, 8) if date(beyond, 1, d).weekday() == 4)
    assert workdays.shift(friday, 1) == date(beyond, 1, friday.day + 3)
    assert workdays.guessed == {beyond}


def test_a_year_in_the_data_is_not_remembered_as_guessed() -> None:
    workdays = Workdays()
    workdays.shift(date(2026, 5, 6), 5)
    assert workdays.guessed == set()


def test_take_guessed_returns_the_years_up_to_a_year_and_forgets_them_all() -> None:
    workdays = Workdays()
    workdays.guessed.update({1999, LAST_YEAR + 1, LAST_YEAR + 2})
    assert workdays.take_guessed(LAST_YEAR + 1) == [1999, LAST_YEAR + 1]
    assert workdays.guessed == set()


def _days(first: date, last: date) -> frozenset[date]:
    return frozenset(date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))


# A year the package does not have: 1-5 May off, Saturday 28 April worked in lieu.
BEYOND = TeamYear("HC-2035", 2035, _days(date(2035, 5, 1), date(2035, 5, 5)), frozenset({date(2035, 4, 28)}))


def test_a_team_calendar_gives_a_year_the_package_does_not_have() -> None:
    assert not known(2035)
    workdays = Workdays({2035: BEYOND})
    assert workdays.shift(date(2035, 4, 27), 1) == date(2035, 4, 28)  # Friday to the Saturday worked
    assert workdays.shift(date(2035, 4, 30), 1) == date(2035, 5, 7)  # over the holiday and its weekend
    assert workdays.guessed == set()  # nothing counted Monday to Friday for want of data


def test_a_team_calendar_takes_precedence_over_the_package() -> None:
    own = TeamYear("HC-2026", 2026, _days(date(2026, 3, 2), date(2026, 3, 3)), frozenset())
    assert package_working(date(2026, 3, 2)) is True
    assert Workdays({2026: own}).shift(date(2026, 2, 27), 1) == date(2026, 3, 4)
    assert Workdays({2026: own}).working(date(2026, 10, 1))  # its year is its own: no National Day there
    assert own.differences()[:3] == [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 4)]


def test_a_team_calendar_of_one_year_leaves_the_others_to_the_package() -> None:
    assert Workdays({2035: BEYOND}).shift(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_a_year_the_package_does_not_have_has_no_differences() -> None:
    assert BEYOND.differences() == [] and package_working(date(2035, 5, 1)) is None
