"""Who someone is in git: the identities registered on their person record (``git``:
e-mail addresses they commit with, their GitHub user name, their signing keys), and
who is running a command (``git config user.email``).

These fields are private: they are marked so on the model and never published.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from checker.records.general import Person

_TIMEOUT = 60


class IdentityError(Exception):
    """The person running the command cannot be identified."""


def emails(person: Person) -> frozenset[str]:
    return frozenset(e.lower() for e in person.git.emails) if person.git else frozenset()


def signing_keys(person: Person) -> tuple[str, ...]:
    return person.git.signing_keys if person.git else ()


def github(person: Person) -> str | None:
    return person.git.github if person.git else None


def git_email(root: Path) -> str:
    """The e-mail address git commits with in ``root`` (``git config user.email``)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "config", "--get", "user.email"], capture_output=True,
                              timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise IdentityError(f"git is not available ({exc})") from exc
    email = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not email:
        raise IdentityError("git does not know who you are: set your e-mail with "
                            "`git config --global user.email you@example.com`")
    return email


def person_with_email(email: str, people: Iterable[Person]) -> Person:
    """The one person whose registered git e-mails include ``email``."""
    found = [p for p in people if email.lower() in emails(p)]
    if not found:
        raise IdentityError(f"your git e-mail {email} is not registered on any person record: add it under "
                            "git.emails in your record in records/people/ (by pull request, reviewed by "
                            "management), or commit with the address registered there")
    if len(found) > 1:
        raise IdentityError(f"your git e-mail {email} is registered on several person records "
                            f"({', '.join(p.id for p in found)}): keep it on yours only")
    return found[0]
