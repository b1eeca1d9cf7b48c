"""The registered keys in the forms git verifies against: an allowed-signers file whose
principals are person ids, and a GnuPG home holding only the registered OpenPGP keys."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.approvals.signers import allowed_signers, fingerprint_of, keyring
from checker.records.general import Person
from tests.approvals.conftest import QUOTE_FILE, Repo, needs_ssh_keygen
from tests.approvals.test_gitcheck import add_approval, verdicts

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHxQ2bSEr1sp6ylBjBB3hZIkCm1cJxqb2bDOHVmrwlKq li.na@laptop"


def person(pid: str, *keys: str) -> Person:
    return Person.model_validate({"kind": "person", "id": pid, "owner": pid, "name": pid, "department": "营销部",
                                  "roles": [], "git": {"emails": [f"{pid}@x.cn"], "signing_keys": list(keys)}})


def test_allowed_signers_name_each_key_by_its_owners_person_id() -> None:
    text = allowed_signers([person("p-li-na", KEY), person("p-a"), person("p-b", KEY.replace("li.na@laptop", ""))])
    assert text == (f'p-b namespaces="git" ssh-ed25519 {KEY.split()[1]}\n'
                    f'p-li-na namespaces="git" ssh-ed25519 {KEY.split()[1]}\n')


def test_the_keys_fingerprint_changes_with_any_registered_key() -> None:
    assert fingerprint_of([person("p-li-na", KEY)]) == fingerprint_of([person("p-li-na", KEY), person("p-a")])
    assert fingerprint_of([person("p-li-na", KEY)]) != fingerprint_of([person("p-li-na")])
    assert fingerprint_of([person("p-li-na", KEY)]) != fingerprint_of([person("p-zhao", KEY)])


def test_the_keyring_files_are_removed_afterwards() -> None:
    with keyring([person("p-li-na", KEY)]) as keys:
        signers = Path(keys.config[1].split("=", 1)[1])
        assert signers.read_text(encoding="utf-8").startswith("p-li-na ")
        home = Path(keys.env["GNUPGHOME"])
    assert not signers.exists() and not home.exists()


@pytest.fixture
def gpg_home(tmp_path: Path) -> Iterator[Path]:
    """A throwaway GnuPG home with one signing key (its agent stopped afterwards)."""
    if shutil.which("gpg") is None or shutil.which("gpgconf") is None:
        pytest.skip("gpg is not installed (the tests install nothing): OpenPGP signatures are not tested here")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "王军 <wang-jun@qiming.example.cn>",
                    "ed25519", "sign", "never"], env=env, check=True, capture_output=True)
    yield home
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, check=False, capture_output=True)


@needs_ssh_keygen
def test_an_openpgp_signature_by_a_registered_key_counts(git_repo: Callable[..., Repo], gpg_home: Path) -> None:
    env = {**os.environ, "GNUPGHOME": str(gpg_home)}
    listing = subprocess.run(["gpg", "--with-colons", "--list-keys"], env=env, check=True, capture_output=True)
    fpr = next(line.split(":")[9] for line in listing.stdout.decode().splitlines() if line.startswith("fpr:"))
    armored = subprocess.run(["gpg", "--armor", "--export", fpr], env=env, check=True,
                             capture_output=True).stdout.decode().strip()
    repo = git_repo(more_keys={"p-wang-jun": armored})
    add_approval(repo)
    repo.git("add", QUOTE_FILE)
    done = subprocess.run(["git", "-C", str(repo.root), "-c", "user.name=王军", "-c",
                           "user.email=wang-jun@qiming.example.cn", "-c", "gpg.format=openpgp", "-c",
                           f"user.signingkey={fpr}", "commit", "-q", "-S", "-m", "Approve"],
                          env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert verdicts(repo, "signed") == {}
