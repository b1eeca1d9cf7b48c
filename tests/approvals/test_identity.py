"""Who someone is in git: their registered identities, and who runs a command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from checker.approvals.identity import IdentityError, emails, git_email, github, person_with_email, signing_keys
from checker.records.general import Person
from checker.records.introspect import private_paths


def person(pid: str, *addresses: str, **more: object) -> Person:
    data: dict[str, object] = {"kind": "person", "id": pid, "owner": pid, "name": pid, "department": "营销部",
                               "roles": []}
    if addresses or more:
        data["git"] = {"emails": list(addresses), **more}
    return Person.model_validate(data)


def test_the_git_identity_is_private_on_the_model() -> None:
    assert {("git",), ("git", "emails"), ("git", "github"), ("git", "signing_keys")} <= private_paths(Person)


def test_identities_read_off_a_person_and_none_when_unregistered() -> None:
    li = person("p-li-na", "Li.Na@Qiming.example.cn", github="li-na-qm", signing_keys=["ssh-ed25519 AAAA li"])
    assert emails(li) == {"li.na@qiming.example.cn"} and github(li) == "li-na-qm"
    assert signing_keys(li) == ("ssh-ed25519 AAAA li",)
    nobody = person("p-x")
    assert (emails(nobody), github(nobody), signing_keys(nobody)) == (frozenset(), None, ())


@pytest.mark.parametrize("bad", [{"emails": ["li.na"]}, {"github": "-li"}, {"github": "li_na"},
                                 {"signing_keys": ["ssh-dss AAAA"]}, {"signing_keys": ["AAAA li"]}])
def test_malformed_identities_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        person("p-li-na", **bad)


def test_the_person_is_found_by_any_registered_email_whatever_its_case() -> None:
    people = [person("p-li-na", "li.na@qiming.example.cn", "lina@home.example"), person("p-wang-jun", "wj@q.cn")]
    assert person_with_email("LINA@home.example", people).id == "p-li-na"


def test_an_unregistered_or_shared_email_is_a_clear_error() -> None:
    people = [person("p-li-na", "li.na@q.cn"), person("p-a", "shared@q.cn"), person("p-b", "shared@q.cn")]
    with pytest.raises(IdentityError, match=re.escape("your git e-mail x@q.cn is not registered on any person record")):
        person_with_email("x@q.cn", people)
    with pytest.raises(IdentityError, match=r"registered on several person records \(p-a, p-b\)"):
        person_with_email("shared@q.cn", people)


def test_git_email_is_the_repositorys_user_email(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    with pytest.raises(IdentityError, match=re.escape("git config --global user.email")):
        git_email(tmp_path)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.email", "li.na@q.cn"], check=True)
    assert git_email(tmp_path) == "li.na@q.cn"
