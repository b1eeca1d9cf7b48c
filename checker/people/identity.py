"""Who is running the command: a person record, chosen by ``--person`` or found from the
git identity (``user.email``, else ``user.name``) of the repository.

E-mail addresses are private: they are compared here and never printed.
"""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Mapping
from pathlib import Path

from checker.approvals.identity import emails
from checker.findings import Message
from checker.records.general import Person


class UnknownPerson(Exception):
    """``--person`` names nobody in the people register; the message suggests who was meant."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def _git_config(root: Path, key: str) -> str | None:
    try:
        result = subprocess.run(["git", "config", "--get", key], cwd=root, capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value or None


def from_git(root: Path, people: Mapping[str, Person]) -> str | None:
    """The person one of whose e-mails (the git identities registered on their record, as
    ``handbook approve`` reads them, or their ``email``) is git's ``user.email`` (any case),
    else whose name or id is git's ``user.name``; None when neither matches exactly one."""
    email = _git_config(root, "user.email")
    if email:
        found = [p.id for p in people.values()
                 if email.lower() in {*emails(p), *([p.email.strip().lower()] if p.email else [])}]
        if len(found) == 1:
            return found[0]
    name = _git_config(root, "user.name")
    if name:
        found = [p.id for p in people.values() if name in (p.name, p.id)]
        if len(found) == 1:
            return found[0]
    return None


def resolve(given: str, people: Mapping[str, Person]) -> str:
    """The person id ``given`` means: an id, or a full name held by one person. Raise
    UnknownPerson (with the closest ids, or every id) otherwise."""
    if given in people:
        return given
    named = [p.id for p in people.values() if p.name == given]
    if len(named) == 1:
        return named[0]
    close = difflib.get_close_matches(given, sorted(people), n=3, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(f"p-{given}", sorted(people), n=3, cutoff=0.6)
    if close:
        raise UnknownPerson(Message(f"人员名册中没有 {given!r}；是不是 {' 或 '.join(close)}？",
                                    f"{given!r} is not in the people register; did you mean {' or '.join(close)}?"))
    everyone = ", ".join(sorted(people))
    raise UnknownPerson(Message(f"人员名册中没有 {given!r}；可选的人员编号：{everyone}",
                                f"{given!r} is not in the people register; the person ids are: {everyone}"))
