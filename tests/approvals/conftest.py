"""Temporary git repositories with several authors and real SSH signing keys.

Keys are made with ``ssh-keygen`` at test time (once per session); when it is not
installed the tests that need it are skipped and nothing is installed. The company is
the shared world of the rule cases with git identities added: 王军 (p-wang-jun) is the
marketing manager who approves quotes, 张伟 (p-zhang-wei) a salesperson who owns them,
赵敏 (p-zhao-min) management, 李娜 (p-li-na) the supervisor.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checker.records import KINDS
from checker.records.digest import digest
from tests.conftest import dump, rule, rule_set, world, write_repo

HAS_SSH_KEYGEN = shutil.which("ssh-keygen") is not None
needs_ssh_keygen = pytest.mark.skipif(not HAS_SSH_KEYGEN, reason="ssh-keygen is not installed (the tests install "
                                      "nothing): the signed level is not tested here")

PEOPLE = ("p-wang-jun", "p-zhang-wei", "p-zhao-min", "p-li-na")
AS_OF = "2026-03-01"

QUOTE_RULE = rule("quote-approved", "approval", {"gate": "sent", "required": [{"roles": ["marketing-manager"]}]},
                  kinds=["quote"], clause="4.2.2")
WAIVED_RULE = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"], clause="3.2")


def email(person: str) -> str:
    return f"{person.removeprefix('p-')}@qiming.example.cn"


@dataclass(frozen=True)
class Key:
    private: Path
    public: str


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Key]:
    """An ed25519 key per person (and one nobody registers: ``stranger``)."""
    if not HAS_SSH_KEYGEN:
        pytest.skip("ssh-keygen is not installed (the tests install nothing)")
    folder = tmp_path_factory.mktemp("keys")
    found = {}
    for name in (*PEOPLE, "stranger"):
        path = folder / name
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True,
                       capture_output=True)
        found[name] = Key(path, (folder / f"{name}.pub").read_text(encoding="utf-8").strip())
    return found


def company(keys: Mapping[str, Key] | None, *, github: bool = True,
            more_keys: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The shared world with each person's git identity (and signing key, given keys)."""
    records = world()
    for record in records:
        if record.get("kind") == "person" and record["id"] in PEOPLE:
            identity: dict[str, Any] = {"emails": [email(record["id"])]}
            if github:
                identity["github"] = record["id"].removeprefix("p-") + "-qm"
            if keys is not None:
                identity["signing_keys"] = [keys[record["id"]].public]
            if more_keys and record["id"] in more_keys:
                identity["signing_keys"] = [*identity.get("signing_keys", []), more_keys[record["id"]]]
            record["git"] = identity
    return records


QUOTE_TEXT = """\
# 华新二期报价：按框架协议价
kind: quote
id: QT-2026-007
owner: p-zhang-wei
customer: C-1   # 华新
lines:
  - product: 激光位移传感器
    quantity: 24
    unit_price: 6800.00
total: 163200.00
sent: 2026-02-20
status: sent
"""

CUSTOMER = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
            "since": "2026-01-10", "strategy": "深耕"}


COMMITTED = "2026-02-21T10:00:00+08:00"  # when a test's commits are made, unless it says otherwise
APPROVING = "2026-02-19T10:00:00+08:00"  # the clock of `handbook approve` in these tests
RULES_APPROVED = "2025-12-20T10:00:00+08:00"  # the day management approved the rule set, and committed it


class Repo:
    """A git repository of records; commits are made as one of the people (signed or not)."""

    def __init__(self, root: Path, keys: Mapping[str, Key] | None) -> None:
        self.root = root
        self.keys = keys
        self.calls = 0

    def git(self, *args: str, person: str | None = None, sign: str | None = None, when: str = COMMITTED) -> str:
        config = ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"]
        if person is not None:
            config += ["-c", f"user.name={person}", "-c", f"user.email={email(person)}"]
        if sign is not None:
            assert self.keys is not None
            config += ["-c", "gpg.format=ssh", "-c", f"user.signingkey={self.keys[sign].private}"]
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        done = subprocess.run(["git", "-C", str(self.root), *config, *args], capture_output=True, env=env,
                              check=False)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode()

    def commit(self, person: str, message: str, *paths: str, sign: str | None = None, when: str = COMMITTED) -> str:
        self.git("add", "--", *(paths or (".",)))
        self.git("commit", "-q", "-m", message, *(["-S"] if sign else []), person=person, sign=sign, when=when)
        return self.git("rev-parse", "HEAD").strip()

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")


QUOTE_FILE = "records/quotes/QT-2026-007.yaml"


def pinned(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with the digest of its content on each of its approvals."""
    model = KINDS[record["kind"]].model_validate(record)
    return {**record, "approvals": [{**a, "digest": digest(model)} for a in record.get("approvals", [])]}


def make_repo(root: Path, keys: Mapping[str, Key] | None, *, level: str = "text", extra: str = "",
              more_keys: Mapping[str, str] | None = None) -> Repo:
    """A committed repository: the company and rules by 赵敏 (management), the quote by 张伟."""
    pyproject = (f'[tool.handbook]\nrecords = "records"\nlang = "en"\nas_of = "{AS_OF}"\n'
                 f'approvals = "{level}"\n{extra}')
    write_repo(root, [CUSTOMER], ruleset=pinned(rule_set([QUOTE_RULE, WAIVED_RULE])), with_world=False,
               pyproject=pyproject)
    (root / "records" / "world.yaml").write_text(dump(company(keys, more_keys=more_keys)), encoding="utf-8")
    repo = Repo(root, keys)
    repo.git("init", "-q", "-b", "main")
    repo.commit("p-zhao-min", "The company, its people and rules", sign="p-zhao-min" if keys else None,
                when=RULES_APPROVED)
    repo.write(QUOTE_FILE, QUOTE_TEXT)
    repo.commit("p-zhang-wei", "Quote QT-2026-007", QUOTE_FILE)
    return repo


@pytest.fixture
def git_repo(tmp_path: Path, keys: dict[str, Key]) -> Callable[..., Repo]:
    def build(level: str = "text", extra: str = "", more_keys: Mapping[str, str] | None = None) -> Repo:
        return make_repo(tmp_path / "repo", keys, level=level, extra=extra, more_keys=more_keys)

    return build


@pytest.fixture(autouse=True)
def _no_user_git_config(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """git run by the code under test sees none of this machine's settings."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield


@pytest.fixture(autouse=True)
def _approving_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """``handbook approve`` runs on APPROVING (its date is the clock's), and so do the commits it makes."""
    monkeypatch.setattr("checker.approvals.commands.approval_day", lambda: dt.date.fromisoformat(APPROVING[:10]))
    monkeypatch.setenv("GIT_AUTHOR_DATE", APPROVING)
    monkeypatch.setenv("GIT_COMMITTER_DATE", APPROVING)
