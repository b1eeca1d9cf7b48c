"""The check, once for every command: load the records, verify the approvals, run the rule
set in force and, given a base, compare with it. ``handbook check``, ``todo``, ``notify``
and ``site generate`` call ``run`` with one ``CheckOptions``; caches and kept outputs wrap
it (``checker.repeat``), they do not thread through it."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

import click

from checker.findings import Lang
from checker.settings import Settings

if TYPE_CHECKING:
    from checker.loading.cache import ParseCache
    from checker.loading.repository import Repository
    from checker.rules.engine import Report


class CheckError(click.UsageError):
    """The check cannot run (no records folder, no rule set in force, a base git cannot read):
    a usage or configuration problem, exit code 2, said in one line."""


@dataclass(frozen=True)
class CheckOptions:
    """What one check is asked: the repository's settings, the day, the language of what it
    says on the way, and how: against a base revision, as a preview of the next rule-set
    version, with or without the parse cache, reusing the last report when nothing changed."""

    settings: Settings
    as_of: date
    lang: Lang
    base: str | None = None
    preview: bool = False
    use_cache: bool = True
    reuse_report: bool = False  # for a caller that needs only the report, not the records


def _warn(notice: str) -> None:
    click.echo(f"handbook: {notice}", err=True)


def run(options: CheckOptions, cache: ParseCache | None = None, notices: list[str] | None = None) -> Report:
    """Load the records and evaluate the rule set in force (and, given ``base``, compare
    with that revision; with ``preview``, compare the upcoming version with the one in
    force); raise CheckError when impossible. With ``options.reuse_report`` (for a caller that
    needs no records, only the report) the report of the last check is repeated when no
    record file changed since: byte for byte what evaluating again would give. A ``cache``
    may be passed in to learn afterwards what the report was made from; ``notices`` hears
    what is said about the records on standard error (not about the cache)."""
    from checker.approvals.checks import add_extra_findings, distrusted
    from checker.changes import Base, against_base, base_of, previewed
    from checker.loading.cache import ParseCache, default_folder
    from checker.loading.gitsource import GitError
    from checker.loading.repository import keep_report, load, unchanged_report
    from checker.people.owners import with_owners
    from checker.repeat import report_key
    from checker.reports.text import render_lines
    from checker.rules.engine import Engine
    from checker.rules.inforce import ConfigurationError, versions_in_force

    settings, base, preview = options.settings, options.base, options.preview
    if not settings.records.is_dir():
        raise CheckError(f"records folder not found: {settings.records}")
    when = options.as_of
    if cache is None:
        cache = ParseCache(default_folder(settings.root) if options.use_cache else None)
    max_file_bytes = settings.max_file_kib * 1024
    key = report_key(settings, when) if options.reuse_report and not preview else None
    compared: Base | None = None
    if base is not None:
        try:
            compared = base_of(settings.root, settings.records, base, when, repr(settings), cache)
        except GitError as exc:
            raise CheckError(f"--base {base}: {exc}") from exc
        if key is not None and not judged_as_text(settings, compared.commit):
            key = None  # approvals verified against git: the report depends on the base too
    report: Report | None = None
    repository: Repository | None = None
    if key is not None:
        report = cast("Report | None", unchanged_report(settings.root, settings.records, cache, max_file_bytes, key))
        if report is not None:
            for notice in cache.warnings:
                _warn(notice)
    if report is None:
        # blob ids let the base's load take over the working tree's records for the files it shares
        blob_ids = compared is not None and compared.kept is None
        # The loader and the rule pass make many small objects and no cycles: the collector stays
        # off until the end, and what was loaded lives to the end, so it is frozen, never walked.
        # (Enabled in between, its first run would walk every object the loader made.)
        gc.disable()
        try:
            repository = load(settings.root, settings.records, cache, max_file_bytes, blob_ids=blob_ids)
        except BaseException:
            gc.enable()
            raise
        gc.freeze()
        for notice in repository.notices:
            _warn(notice)
        try:
            verified = distrusted(settings, repository, base, cache, max_file_bytes,  # git, at author/signed
                                  options.use_cache, notices)
            if preview:  # today's check itself is not needed: the preview compares two others
                versions_in_force(repository, when)  # (a rule set in force today, as for any check)
                proposed = previewed(repository, when, verified.distrusted)
                if proposed is None:
                    raise CheckError(f"no rule-set version takes effect after {when}: start one with "
                                           "`handbook rules new-version`")
                return proposed
            report = with_owners(Engine(repository, when, distrusted=verified.distrusted,
                                        verified=verified.findings).run())
            add_extra_findings(settings, report)
            if key is not None:
                keep_report(cache, report, key)
        except ConfigurationError as exc:
            if repository.findings:  # e.g. the rule set itself does not load: show why
                repository.locate(repository.findings)
                click.echo("\n".join(render_lines(repository.findings, options.lang, False)), err=True)
            raise CheckError(str(exc)) from exc
        finally:
            gc.enable()
    if compared is not None:
        try:
            said = against_base(report, settings.root, settings.records, compared, cache, max_file_bytes,
                                repository)
        except GitError as exc:
            raise CheckError(f"--base {base}: {exc}") from exc
        for notice in said:
            _warn(notice)
        if notices is not None:
            notices.extend(said)
    return report



def judged_as_text(settings: Settings, commit: str) -> bool:
    """Whether approvals are taken as written, as the working tree's and the base's settings say."""
    from checker.approvals.gitcheck import VerifyError
    from checker.approvals.verify import settings_at

    try:
        return settings.approvals == "text" and settings_at(settings.root, commit)[0] == "text"
    except VerifyError as exc:
        raise CheckError(str(exc)) from exc


