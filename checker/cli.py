"""The ``handbook`` command.

Exit codes (stable): 0 no errors (warnings allowed); 1 errors found; 2 usage or
configuration problem (bad option, no rule set in force, unreadable settings).
"""

from __future__ import annotations

import importlib
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from checker.findings import FAIL_ON, FailOn, Lang
from checker.options import AS_OF, LANG, ROOT, Date, day_of, settings_of
from checker.pipeline import CheckOptions, judged_as_text
from checker.pipeline import run as run_check
from checker.settings import Settings

if TYPE_CHECKING:
    from checker.loading.repository import Repository
    from checker.records import Record
    from checker.rules.engine import Report

# A repeated check imports little more than this module (see checker.repeat): the rest of
# the checker is imported where it is used.

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
FORMAT_NAMES = ("text", "grouped", "json", "github", "junit", "sarif", "markdown", "gitlab")
TERMINAL_FORMATS = ("text", "grouped")  # the ones that may be coloured


# commands defined in their own modules (they use the helpers here): name -> module
_ELSEWHERE = {"todo": "checker.commands.todo", "notify": "checker.commands.notify",
              "approve": "checker.approvals.commands", "approvals": "checker.approvals.commands",
              "codeowners": "checker.approvals.commands"}


class _Commands(click.Group):
    """The handbook's commands; those defined in their own modules are imported when run
    or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_ELSEWHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _ELSEWHERE and cmd_name not in self.commands:
            self.add_command(getattr(importlib.import_module(_ELSEWHERE[cmd_name]), cmd_name))
        return super().get_command(ctx, cmd_name)


class _Kind(click.Choice):  # type: ignore[type-arg]
    """A record kind: the kinds are read from the record models when first asked for."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from checker.records import KINDS

        return tuple(sorted(KINDS))

    @choices.setter
    def choices(self, value: object) -> None:
        pass  # click.Choice sets its choices: these are known only when asked for


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marketing-handbook")
def main() -> None:
    """The marketing team's handbook: check records against the policy, build the site."""


@main.command()
@AS_OF
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text",
              show_default=True, help="Output format: text is one finding a line (path:line:col: ..., "
              "clickable in editors and terminals) with its fix below; grouped lists the files, each "
              "with its findings.")
@LANG
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@ROOT
@click.option("--no-cache", is_flag=True, help="Parse every file again, ignoring the cache.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("--base", "base", metavar="REF", help="Compare with this git revision (e.g. origin/main): each "
              "finding is marked new or existing, fixed ones are listed, and findings already on the base "
              "never fail the check.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Which errors fail the check: new (introduced by "
              "the change), touched (new ones and any in a file the change touches) or all.  [default: "
              "new with --base, else all]")
@click.option("--rules-preview", is_flag=True, help="Show what the upcoming rule-set version will change on its "
              "first day, with the records as they are now: the findings it adds and removes (exit 0 unless "
              "--fail-on says otherwise).")
def check(as_of: date | None, output_format: str, lang: str | None, output: Path | None,
          root: Path | None, no_cache: bool, color: bool | None, base: str | None, fail_on: str | None,
          rules_preview: bool) -> None:
    """Check every record against the policy's rules.

    Exit code 0: no errors that fail the check (warnings allowed); 1: errors found
    (with --base: as --fail-on says); 2: usage or configuration problem.
    """
    settings = settings_of(root)
    language = cast(Lang, lang or settings.lang)
    if base and rules_preview:
        raise click.UsageError("--base and --rules-preview do not go together")
    when = day_of(settings, as_of)
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    if base == "HEAD" and not _has_commits(settings.root):  # the hook's first commit: nothing to compare with
        _warn("no commit yet to compare with (--base HEAD): every finding counts as the change's")
        base = None
    failing_on = cast(FailOn, fail_on or ("new" if base else "all"))
    variant = (output_format, language, str(use_color), failing_on)
    comparison: tuple[str, ...] | None = ()  # what a comparison rests on; None: it cannot be told
    walked = None  # the records folder as walked to look for a kept output
    if not no_cache and not rules_preview:
        from checker.repeat import comparison_key, kept_output

        comparison = comparison_key(settings, base) if base is not None else ()
        kept, walked = kept_output(settings, when, variant, comparison, _warn) if comparison is not None else (
            None, None)
        if kept is not None:
            for notice in kept.notices:
                _warn(notice)
            _write(kept.text, output, use_color)
            sys.exit(kept.exit_code)
    from checker.loading.cache import ParseCache, default_folder
    from checker.loading.store import Kept
    from checker.repeat import keep_output, report_key
    from checker.reports import FORMATS

    cache = ParseCache(default_folder(settings.root) if not no_cache else None)
    cache.walked = walked
    key = report_key(settings, when)  # before the files it stands for are read
    notices: list[str] = []
    report = run_check(CheckOptions(settings, when, language, base=base, preview=rules_preview,
                                    use_cache=not no_cache, reuse_report=True), cache, notices)
    # The report is written without the records: they go before it is rendered and kept (at
    # 100,000 records they are 400 MB, freed now instead of when the process ends).
    report.entries = []
    if cache.store is not None:
        cache.store.release()
    if not (rules_preview and fail_on is None):  # a preview decides no exit code unless asked to
        report.fail_on = failing_on
    rendered = FORMATS[output_format](report, language, use_color and output_format in TERMINAL_FORMATS)
    exit_code = EXIT_ERRORS if report.fail_on is not None and report.blocking() else EXIT_OK
    if key is not None and comparison is not None and not rules_preview and not no_cache and _keeps(
            settings, report, comparison):
        keep_output(cache.store, (*key, *comparison), variant, Kept(rendered, exit_code, tuple(notices)))
    _write(rendered, output, use_color)
    sys.exit(exit_code)


def _has_commits(root: Path) -> bool:
    from checker.loading.gitsource import GitError, resolve

    try:
        resolve(root, "HEAD")
    except GitError:
        return False
    return True


def _keeps(settings: Settings, report: Report, comparison: tuple[str, ...]) -> bool:
    """Whether the output on ``report`` may be kept for ``comparison`` (the key of what a
    comparison with the base rests on, () without one): compared with the commit keyed,
    and approvals taken as written there too."""
    if report.base is None:
        return comparison == ()
    return comparison[:1] == (report.base,) and judged_as_text(settings, report.base)


def _warn(notice: str) -> None:
    click.echo(f"handbook: {notice}", err=True)


def _write(rendered: str, output: Path | None, use_color: bool) -> None:
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False, color=use_color)


def _new_id(model: type[Record], record_id: str) -> str:
    """The id of a new record, which also names its file: well formed (so the checker reads
    the file) and given without a file suffix. Anything else is a usage error."""
    from pydantic import TypeAdapter, ValidationError

    from checker.loading.files import SUFFIXES
    from checker.records.types import ID_MAX_LENGTH, ID_RULE, WellFormedId

    def well_formed(text: str) -> bool:
        try:
            TypeAdapter(WellFormedId).validate_python(text)
        except ValidationError:
            return False
        return True

    stem = next((record_id[:-len(s)] for s in SUFFIXES if record_id.lower().endswith(s)), None)
    if stem and well_formed(stem):
        raise click.BadParameter(f"give the id without the file suffix {record_id[len(stem):]!r} "
                                 f"(the file is named after the id): did you mean {stem}?", param_hint="--id")
    if len(record_id) > ID_MAX_LENGTH:
        raise click.BadParameter(f"{record_id[:24]!r}... has {len(record_id)} characters; {ID_RULE}.",
                                 param_hint="--id")
    if not well_formed(record_id):
        raise click.BadParameter(f"{record_id!r} is not a record id: {ID_RULE}; e.g. {model.id_example}.",
                                 param_hint="--id")
    return record_id


@main.command()
@click.argument("kind", type=_Kind())
@click.option("--id", "record_id", help="Id of the new record, which also names its file: letters, digits, "
              "'-', '_' and '.', starting with a letter or digit (default: the next id in the pattern of the "
              "kind's records, e.g. QT-2026-021, free in the working tree and on every branch git knows).")
@LANG
@click.option("--print", "to_stdout", is_flag=True, help="Print the template instead of writing a file.")
@AS_OF
@ROOT
def new(kind: str, record_id: str | None, lang: str | None, to_stdout: bool, as_of: date | None,
        root: Path | None) -> None:
    """Start a new record of KIND from its template, in the right folder.

    Every field carries a comment saying what it is and whether it is required, with an
    example; the required ones are empty, and `handbook check` names each one until it is
    filled in. The template holds no approval: approvers add theirs with `handbook approve`.

    The id it takes is free on every local and remote-tracking branch too (read from git's
    objects, nothing checked out), so two branches do not add the same one; it says which
    id it took. An --id another branch holds is refused.
    """
    from checker.loading.branches import taken_on_branches
    from checker.records import KINDS
    from checker.records.scaffold import choose_id, existing_ids, folder_for, template
    from checker.writing import UnsafeWrite, write_inside

    settings = settings_of(root)
    model = KINDS[kind]
    today = day_of(settings, as_of)
    said = cast(Lang, lang or settings.lang)
    branches = taken_on_branches(settings.root, settings.records / model.folder)  # None: not in git
    chosen = None
    if record_id is None:
        found, passed = choose_id(model, settings.records, today, branches or {})
        if found is None:
            raise click.UsageError(f"give --id: {kind} ids name what only you know (e.g. {model.id_example}), "
                                   "and the id names the file")
        name = found
        chosen = _chosen_id(name, passed, branches, said)
    else:
        name = _new_id(model, record_id)
        elsewhere = (branches or {}).get(name)
        if elsewhere and not to_stdout and name not in existing_ids(settings.records, model):
            free, _ = choose_id(model, settings.records, today, branches or {})
            raise click.UsageError(_taken_elsewhere(name, elsewhere, free, said))
    text = template(model, said, name, today.year)
    if to_stdout:
        if chosen:
            click.echo(chosen, err=True)
        click.echo(text, nl=False)
        return
    target = folder_for(model, settings.records, name, today) / f"{name}.yaml"
    if target.exists() or name in existing_ids(settings.records, model):
        raise click.UsageError(f"{name} already exists under {settings.records / model.folder}; choose another --id")
    try:
        write_inside(settings.root, target, text.encode("utf-8"), new=True)
    except UnsafeWrite as exc:
        raise click.UsageError(str(exc)) from exc
    except FileExistsError as exc:
        raise click.UsageError(f"{name} already exists under {settings.records / model.folder}; choose another "
                               "--id") from exc
    written = target.relative_to(settings.root).as_posix()
    click.echo(written)
    if chosen:
        click.echo(chosen, err=True)
    click.echo(_next_step(written, said), err=True)


def _listed(names: list[str], lang: Lang, most: int = 5) -> str:
    """A few names in a sentence, and how many more."""
    shown = names[:most]
    more = len(names) - len(shown)
    if lang == "zh":
        return "、".join(shown) + (f" 等 {len(names)} 个" if more else "")
    return ", ".join(shown) + (f" and {more} more" if more else "")


def _on(branches: list[str], lang: Lang) -> str:
    """"On branch x" / "on branches x, y", without the "on"."""
    if lang == "zh":
        return f"分支 {_listed(branches, lang)}"
    return f"branch{'es' if len(branches) > 1 else ''} {_listed(branches, lang)}"


def _chosen_id(name: str, passed: list[str], branches: dict[str, list[str]] | None, lang: Lang) -> str:
    """What ``handbook new`` says about the id it took: where it looked, and which ids
    other branches had already taken."""
    if branches is None:
        return (f"编号 {name}：同类记录的下一个空闲编号（只核对了工作区：这里不是 git 仓库，看不到其他分支）。"
                if lang == "zh" else
                f"Id {name}: the next free one of its kind (checked in the working tree only: this is not a git "
                "repository, so other branches cannot be seen).")
    shown, more = passed[:5], len(passed) - 5
    if lang == "zh":
        told = f"编号 {name}：同类记录的下一个空闲编号（已核对工作区和 git 已知的分支；远程分支以上次 git fetch 为准）"
        taken = [f"{i} 已在{_on(branches.get(i, []), lang)} 上使用" for i in shown]
        if more > 0:
            taken.append(f"另有 {more} 个编号已在其他分支上使用")
        return told + "".join(f"；{t}" for t in taken) + "。"
    told = (f"Id {name}: the next free one of its kind (checked in the working tree and on the branches git "
            "knows; remote branches as of your last git fetch)")
    taken = [f"{i} is taken on {_on(branches.get(i, []), lang)}" for i in shown]
    if more > 0:
        taken.append(f"{more} more are taken on other branches")
    return told + "".join(f"; {t}" for t in taken) + "."


def _taken_elsewhere(name: str, branches: list[str], free: str | None, lang: Lang) -> str:
    """Why ``handbook new --id`` refuses an id another branch holds."""
    if lang == "zh":
        told = f"{name} 已在{_on(branches, lang)} 上使用：两个分支用同一编号，合并时会冲突。请换一个 --id"
        return told + (f"，例如 {free}（下一个空闲编号）。" if free else "。")
    told = (f"{name} is already used on {_on(branches, lang)}: two branches with the same id conflict "
            "when they are merged. Choose another --id")
    return told + (f", e.g. {free}, the next free one." if free else ".")


def _command() -> str:
    """How to run this command again: ``handbook`` when it is on the PATH, else from .venv."""
    return "handbook" if shutil.which("handbook") else ".venv/bin/handbook"


def _next_step(written: str, lang: Lang) -> str:
    """What to do after ``handbook new`` (the file's name alone goes to standard output)."""
    if lang == "zh":
        return (f"下一步：按注释填写 {written}，删除不需要的可选字段；运行 {_command()} check 并按提示修正，"
                "然后提交拉取请求。")
    return (f"Next: fill in {written} as its comments say and delete the optional fields you do not need; run "
            f"{_command()} check, fix what it reports, then open a pull request.")


@main.group()
def site() -> None:
    """Build the published handbook's generated pages."""


@site.command("generate")
@AS_OF
@ROOT
def site_generate(as_of: date | None, root: Path | None) -> None:
    """Write the status pages, reference pages and rule boxes into docs/ (never commit them).

    Always exits 0 when the pages were written, whatever the findings: the site shows them.
    """
    from checker.reports.summary import counted
    from checker.site.generate import generate
    from checker.site.sources import unsafe_paths

    settings = settings_of(root)
    unsafe = unsafe_paths(settings.root)
    if unsafe:
        raise click.UsageError("the site is built only from plain files; remove these links or special "
                               "files: " + ", ".join(repr(path) for path in unsafe))
    report = run_check(CheckOptions(settings, day_of(settings, as_of), cast(Lang, settings.lang)))
    written = generate(report, settings.root)
    click.echo(f"wrote {written['pages']} pages and rule boxes for {written['clauses']} clauses "
               f"(as of {report.as_of}: {counted(report.count('error'), 'error')}, "
               f"{counted(report.count('warning'), 'warning')})")


@main.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when a file is missing or "
              "out of date (for CI and pre-commit).")
@ROOT
def schema(check_only: bool, root: Path | None) -> None:
    """Write the JSON Schema of every record kind into schemas/ and map them to the
    records' folders in .vscode/settings.json, for completion and validation in editors.

    Run it after changing a record model, and commit the result.
    """
    from checker.records import schemas

    settings = settings_of(root)
    try:
        if check_only:
            problems = schemas.stale(settings.root, settings.records)
            if problems:
                click.echo("stale: " + ", ".join(problems) + "\nrun `handbook schema` and commit the result",
                           err=True)
                sys.exit(EXIT_ERRORS)
            click.echo("schemas are up to date")
            return
        changed = schemas.write(settings.root, settings.records)
    except schemas.SettingsFileError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo("wrote " + ", ".join(changed) if changed else "schemas are up to date")


def _drafter(settings: Settings, repository: Repository, ruleset: Record, owner: str | None, today: date) -> str:
    """The owner of a new rule-set version: ``owner``, or the person running the command,
    or the current version's owner; VersionError when nobody else could approve it."""
    from checker.approvals.gitcheck import people_of
    from checker.approvals.identity import IdentityError, git_email, person_with_email
    from checker.records.ruleset import RuleSet
    from checker.rules.needs import roles_by_kind
    from checker.rules.versions import VersionError

    assert isinstance(ruleset, RuleSet)
    people = people_of(repository)
    if owner is not None and owner not in people:
        raise VersionError(f"--owner {owner!r} is not a person in the people records")
    if owner is None:
        try:
            owner = person_with_email(git_email(settings.root), people.values()).id
        except IdentityError:
            owner = ruleset.owner
    approving = roles_by_kind(ruleset).get("rule-set") or set(ruleset.waivers_approved_by)
    if not any(p.roles_on(today) & approving for pid, p in people.items() if pid != owner):
        raise VersionError(f"{owner} would own the new version, and nobody else holds {', '.join(sorted(approving))} "
                           "to approve it (an owner cannot approve their own record): give --owner with the person "
                           "who drafts it")
    return owner


@main.group()
def rules() -> None:
    """Rule-set versions: start the next one beside the one in force."""


@rules.command("new-version")
@click.option("--version", "version", help="The new version's name (default: the current one counted on, "
              "e.g. 2026.1 -> 2026.2).")
@click.option("--effective", type=Date(), help="When it takes effect (default: the first of next month); "
              "must be after today.")
@click.option("--owner", help="Who drafts the new version (a person id; default: you, from git config "
              "user.email, else the current version's owner). The owner cannot approve it.")
@AS_OF
@ROOT
def rules_new_version(version: str | None, effective: date | None, owner: str | None, as_of: date | None,
                      root: Path | None) -> None:
    """Copy the rule set in force into a new version that takes effect later.

    Edit the new file's rules, have management approve it (an approvals entry), and
    check what it changes with `handbook check --rules-preview` before it takes effect.
    The version in force is never edited: the months already lived keep their verdicts.
    """
    from checker.loading.repository import load
    from checker.records.ruleset import RuleSet
    from checker.rules.inforce import ConfigurationError, ruleset_in_force
    from checker.rules.versions import VersionError, start

    settings = settings_of(root)
    today = day_of(settings, as_of)
    repository = load(settings.root, settings.records, None, settings.max_file_kib * 1024)
    try:
        current = ruleset_in_force(repository, today)
        assert isinstance(current.record, RuleSet)
        drafter = _drafter(settings, repository, current.record, owner, today)
        written, name, when = start(Path(current.source.path), settings.records / current.record.folder,
                                    current.record.version, today, version, effective, settings.root, drafter)
    except (ConfigurationError, VersionError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"wrote {written.relative_to(settings.root)}: rule set {name}, in force from {when}\n"
               "next: edit its rules, have management add an approval, and run "
               "`handbook check --rules-preview` to see what it changes")


