"""The options the commands share, each declared once with one type and one help text:
where the repository is, which day the command is about and the language it speaks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from checker.settings import Settings, SettingsError, find_root


class Date(click.ParamType):  # type: ignore[type-arg]
    """A calendar date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date like 2026-11-20", param, ctx)


ROOT = click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
                    help="Repository root (default: found from the current folder).")
LANG = click.option("--lang", type=click.Choice(["zh", "en"]),
                    help="Language of messages (default: the repository setting, else zh).")
AS_OF = click.option("--as-of", type=Date(),
                     help="As of this date (default: the repository setting as_of, else today).")


def settings_of(root: Path | None) -> Settings:
    """The repository's settings (at ``root``, else found from the current folder); a usage
    error (exit code 2) when they cannot be read."""
    try:
        return Settings.load(root or find_root(Path.cwd()))
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def day_of(settings: Settings, as_of: date | None) -> date:
    """The day a command is about: ``--as-of``, else the repository's ``as_of``, else today."""
    return as_of or settings.as_of or date.today()
