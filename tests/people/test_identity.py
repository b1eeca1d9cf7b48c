"""Who runs the command: --person (an id or a name) or the git identity."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checker.people.identity import UnknownPerson, from_git, resolve
from checker.records.general import Person


def person(pid: str, name: str, email: str | None = None) -> Person:
    return Person.model_validate({"kind": "person", "id": pid, "owner": pid, "name": name, "department": "营销部",
                                  "roles": [{"role": "salesperson", "start": "2024-01-01"}], "email": email})


PEOPLE = {p.id: p for p in (person("p-li-na", "李娜", "li.na@example.cn"), person("p-zhang-wei", "张伟"),
                            person("p-zhang-wu", "张武"))}


def git_repo(tmp_path: Path, **config: str) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for key, value in config.items():
        subprocess.run(["git", "-C", str(tmp_path), "config", key.replace("_", "."), value], check=True)
    return tmp_path


def test_git_email_finds_the_person_whatever_its_case(tmp_path: Path) -> None:
    assert from_git(git_repo(tmp_path, user_email="Li.Na@Example.CN", user_name="Somebody"), PEOPLE) == "p-li-na"


def test_git_name_finds_the_person_when_the_email_does_not(tmp_path: Path) -> None:
    assert from_git(git_repo(tmp_path, user_email="other@example.cn", user_name="张伟"), PEOPLE) == "p-zhang-wei"


def test_no_match_is_none(tmp_path: Path) -> None:
    assert from_git(git_repo(tmp_path, user_email="x@example.cn", user_name="Nobody"), PEOPLE) is None


def test_resolve_takes_an_id_or_a_full_name() -> None:
    assert resolve("p-zhang-wei", PEOPLE) == "p-zhang-wei"
    assert resolve("李娜", PEOPLE) == "p-li-na"


def test_resolve_suggests_the_closest_ids() -> None:
    with pytest.raises(UnknownPerson) as caught:
        resolve("li-na", PEOPLE)
    assert caught.value.message.en == "'li-na' is not in the people register; did you mean p-li-na?"
    assert caught.value.message.zh == "人员名册中没有 'li-na'；是不是 p-li-na？"


def test_resolve_lists_everyone_when_nothing_is_close() -> None:
    with pytest.raises(UnknownPerson) as caught:
        resolve("q", PEOPLE)
    assert caught.value.message.en.endswith("the person ids are: p-li-na, p-zhang-wei, p-zhang-wu")


def test_a_git_email_registered_on_the_record_finds_the_person(tmp_path: Path) -> None:
    registered = Person.model_validate({
        "kind": "person", "id": "p-sun-li", "owner": "p-sun-li", "name": "孙丽", "department": "营销部",
        "roles": [{"role": "salesperson", "start": "2024-01-01"}],
        "git": {"emails": ["sunli@users.noreply.github.com"]}})
    root = git_repo(tmp_path, user_email="SunLi@users.noreply.github.com", user_name="Someone")
    assert from_git(root, {**PEOPLE, "p-sun-li": registered}) == "p-sun-li"
