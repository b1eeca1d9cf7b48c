"""``handbook todo``: one person's overdue items, items due soon and approvals waiting for them.

Registered on the ``handbook`` group by ``checker.cli``; the check is the pipeline's
(``checker.pipeline``), the agenda the people layer's.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import cast

import click

from checker.findings import Lang, Message
from checker.options import AS_OF, LANG, ROOT, day_of, settings_of
from checker.people.agenda import agenda
from checker.people.identity import UnknownPerson, from_git, resolve
from checker.pipeline import CheckOptions, run
from checker.records.general import Person
from checker.reports import todo as todo_report
from checker.rules.engine import Report

NO_IDENTITY = Message(
    "无法从 git 身份（user.email 或 user.name）找到对应的人员记录；请用 --person 指定，例如 --person {example}。",
    "No person record matches your git identity (user.email or user.name); name one with --person, e.g. "
    "--person {example}.")


def people_of(report: Report) -> dict[str, Person]:
    return {e.record.id: e.record for e in report.entries if isinstance(e.record, Person)}


def who(report: Report, given: str | None, root: Path, lang: Lang) -> str:
    """The person id meant by ``--person``, else by the git identity; a usage error otherwise."""
    people = people_of(report)
    if given is not None:
        try:
            return resolve(given, people)
        except UnknownPerson as exc:
            raise click.BadParameter(exc.message(lang), param_hint="--person") from exc
    found = from_git(root, people)
    if found is None:
        example = min(people) if people else "p-zhang-wei"
        raise click.UsageError(NO_IDENTITY(lang).format(example=example))
    return found


@click.command()
@click.option("--person", help="Person id (p-li-na) or full name (default: the person whose e-mail or name is "
              "your git identity).")
@click.option("--within", type=click.IntRange(0, 366), default=7, show_default=True,
              help="How many days ahead count as due soon.")
@AS_OF
@LANG
@ROOT
@click.option("--color/--no-color", default=None, help="Colour the headings (default: only on a terminal).")
def todo(person: str | None, within: int, as_of: date | None, lang: str | None, root: Path | None,
         color: bool | None) -> None:
    """What one person must do: overdue items, items due soon, approvals waiting for them
    and other problems on what they own, grouped by date.

    Without --person, the person whose e-mail (or name) is your git identity.
    Exit code 0 whatever is on the list; 2: usage problem (an unknown person, or no
    --person and no person record matches the git identity).
    """
    settings = settings_of(root)
    language = cast(Lang, lang or settings.lang)
    report = run(CheckOptions(settings, day_of(settings, as_of), language))
    chosen = who(report, person, settings.root, language)
    use_color = color if color is not None else sys.stdout.isatty()
    click.echo(todo_report.render(agenda(report, chosen, within), language, use_color), nl=False, color=use_color)
