"""What ``handbook check`` asks of this package: the approvals that do not count because
git does not show their approver adding them (at the ``author`` and ``signed`` levels),
and a finding when the committed CODEOWNERS no longer matches the records."""

from __future__ import annotations

import click

from checker.approvals import codeowners
from checker.approvals.gitcheck import VerifyError
from checker.approvals.verify import Verified, unverified
from checker.findings import Finding
from checker.loading.cache import ParseCache
from checker.loading.gitsource import GitError
from checker.loading.repository import Repository
from checker.rules.engine import Report
from checker.rules.inforce import ConfigurationError
from checker.settings import Settings

WORKING_TREE_AUTHORITY = ("approvals are verified with the people, roles, git identities and keys of the working "
                          "tree, since no --base was given: a pull request's check uses --base, so that only the "
                          "base's count")


def distrusted(settings: Settings, repository: Repository, base: str | None, cache: ParseCache,
               max_file_bytes: int, use_cache: bool = True, notices: list[str] | None = None) -> Verified:
    """The approvals git does not show their approver adding, and the findings verification
    makes of its own; a usage error when they cannot be verified. Without a base,
    ``notices`` hears that the working tree's people decided."""
    try:
        found = unverified(settings, repository, base, cache, max_file_bytes, use_cache)
        if found.level != "text" and base is None:
            click.echo(f"handbook: {WORKING_TREE_AUTHORITY}", err=True)
            if notices is not None:
                notices.append(WORKING_TREE_AUTHORITY)
    except GitError as exc:  # the base revision cannot be read
        raise click.UsageError(f"--base {base}: {exc}") from exc
    except VerifyError as exc:
        raise click.UsageError(f"approvals = {settings.approvals} (pyproject.toml [tool.handbook]) needs git to "
                               f"verify approvals: {exc}") from exc
    return found


def add_extra_findings(settings: Settings, report: Report) -> None:
    """Findings about files outside the records: CODEOWNERS out of date."""
    from checker.approvals.commands import accepted_codeowners

    try:
        records = Repository(entries=report.entries, findings=[], files=0, sources={})
        accepted = accepted_codeowners(settings, records, report.as_of)
    except ConfigurationError:
        return
    stale = codeowners.stale(settings.root, accepted)
    if stale is not None:
        report.findings.append(stale)
        report.findings.sort(key=Finding.sort_key)
