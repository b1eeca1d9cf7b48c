"""The options every command shares are one declaration: the same type and help everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click
import pytest

from checker.cli import main
from checker.options import AS_OF, LANG, ROOT, Date, day_of, settings_of
from checker.settings import Settings


def _commands(group: click.Group, ctx: click.Context) -> Iterator[click.Command]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from _commands(command, ctx)
        else:
            yield command


def _declared(decorator: object) -> click.Option:
    @decorator  # type: ignore[operator]
    def command() -> None: ...

    [option] = command.__click_params__
    assert isinstance(option, click.Option)
    return option


@pytest.mark.parametrize("shared", [ROOT, LANG, AS_OF], ids=["root", "lang", "as-of"])
def test_every_command_declares_a_shared_option_the_one_way(shared: object) -> None:
    expected = _declared(shared)
    found = 0
    with click.Context(main) as ctx:
        for command in _commands(main, ctx):
            for param in command.params:
                if isinstance(param, click.Option) and param.opts == expected.opts:
                    found += 1
                    assert (param.help, type(param.type), param.type.name) == (
                        expected.help, type(expected.type), expected.type.name), command.name
    assert found >= 3


def test_a_date_is_written_as_iso_and_a_wrong_one_is_a_usage_error() -> None:
    assert Date().convert("2026-11-20", None, None) == date(2026, 11, 20)
    with pytest.raises(click.BadParameter, match="'2026-13-01' is not a date like 2026-11-20"):
        Date().convert("2026-13-01", None, None)


def test_the_day_is_the_option_then_the_setting_then_today(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.handbook]\nas_of = "2026-11-20"\n', encoding="utf-8")
    settings = settings_of(tmp_path)
    assert isinstance(settings, Settings)
    assert day_of(settings, date(2026, 1, 2)) == date(2026, 1, 2)
    assert day_of(settings, None) == date(2026, 11, 20)


def test_unreadable_settings_are_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.handbook\n", encoding="utf-8")
    with pytest.raises(click.UsageError):
        settings_of(tmp_path)
