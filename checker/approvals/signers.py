"""The keys registered on the people records, in the forms git verifies against offline:
an SSH allowed-signers file (each key's principal is its owner's person id) and a
GnuPG home holding the registered OpenPGP keys and nothing else.

Nothing here reads the user's own keyring or trust settings: a signature counts only
when it is made with a key registered on the approver's person record.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from checker.approvals.identity import signing_keys
from checker.records.general import Person

PGP_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----"
_TIMEOUT = 120


def ssh_keys(person: Person) -> list[str]:
    return [key for key in signing_keys(person) if not key.startswith(PGP_BEGIN)]


def pgp_keys(person: Person) -> list[str]:
    return [key for key in signing_keys(person) if key.startswith(PGP_BEGIN)]


def allowed_signers(people: Iterable[Person]) -> str:
    """The allowed-signers file (see ssh-keygen(1), ALLOWED SIGNERS): one line per SSH key,
    ``<person id> namespaces="git" <key type> <key>``, in person order."""
    lines = []
    for person in sorted(people, key=lambda p: p.id):
        for key in ssh_keys(person):
            kind, blob, *_ = key.split()
            lines.append(f'{person.id} namespaces="git" {kind} {blob}')
    return "".join(line + "\n" for line in lines)


def fingerprint_of(people: Iterable[Person]) -> str:
    """Changes whenever a registered key changes (a key for cached signature verdicts)."""
    h = hashlib.sha256()
    for person in sorted(people, key=lambda p: p.id):
        for key in signing_keys(person):
            h.update(f"{person.id}\0{key}\0".encode())
    return h.hexdigest()[:32]


@dataclass
class Keyring:
    """Where git finds the registered keys: ``config`` for ``git -c`` and ``env`` for
    GnuPG; ``pgp_owner`` maps every OpenPGP (sub)key fingerprint to its person id."""

    config: list[str]
    env: dict[str, str]
    pgp_owner: dict[str, str] = field(default_factory=dict)


def _gpg(home: str, *args: str, stdin: bytes | None = None) -> bytes:
    gpg = shutil.which("gpg")
    if gpg is None:
        return b""
    done = subprocess.run([gpg, "--homedir", home, "--batch", "--no-tty", *args], input=stdin,
                          capture_output=True, timeout=_TIMEOUT, check=False)
    return done.stdout


def _fingerprints(home: str, armored: str) -> list[str]:
    out = _gpg(home, "--with-colons", "--import-options", "show-only", "--import", stdin=armored.encode())
    return [line.split(":")[9] for line in out.decode("utf-8", "replace").splitlines()
            if line.startswith("fpr:") and len(line.split(":")) > 9]


@contextmanager
def keyring(people: Iterable[Person]) -> Iterator[Keyring]:
    """A temporary allowed-signers file and GnuPG home built from ``people``, removed afterwards."""
    people = list(people)
    with tempfile.TemporaryDirectory(prefix="handbook-signers-") as folder:
        signers = Path(folder) / "allowed_signers"
        signers.write_text(allowed_signers(people), encoding="utf-8")
        home = Path(folder) / "gnupg"
        home.mkdir(mode=0o700)
        (home / "gpg.conf").write_text("no-autostart\n", encoding="utf-8")
        owners: dict[str, str] = {}
        for person in people:
            for key in pgp_keys(person):
                for fpr in _fingerprints(str(home), key):
                    owners[fpr.upper()] = person.id
                _gpg(str(home), "--import", stdin=key.encode())
        yield Keyring(config=["-c", f"gpg.ssh.allowedSignersFile={signers}", "-c", "log.showSignature=false"],
                      env={**os.environ, "GNUPGHOME": str(home)}, pgp_owner=owners)
