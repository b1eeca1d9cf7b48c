"""The pre-commit hooks: the manifest other repositories use and the team's own
configuration are valid, name real commands, run on the right files, and block a
commit whose records have errors."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import main
from tests.conftest import PROJECT, rule, rule_set, write_repo

MANIFEST = PROJECT / ".pre-commit-hooks.yaml"
CONFIG = PROJECT / ".pre-commit-config.yaml"
SCRIPTS = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def hooks(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]


def pre_commit(*args: str, cwd: Path = PROJECT, env: dict[str, str] | None = None,
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)


def test_manifest_is_valid() -> None:
    result = pre_commit("validate-manifest", str(MANIFEST))
    assert result.returncode == 0, result.stdout + result.stderr


def test_config_is_valid() -> None:
    result = pre_commit("validate-config", str(CONFIG))
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_offers_handbook_check_on_the_whole_repository_when_records_change() -> None:
    (hook,) = hooks(MANIFEST)
    assert hook["id"] == "handbook-check"
    assert hook["entry"] == "handbook check --base HEAD"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["files"] == "^records/"


@pytest.mark.parametrize("path", [MANIFEST, CONFIG], ids=lambda p: p.name)
def test_every_entry_is_a_console_script_and_a_real_command(path: Path) -> None:
    for hook in hooks(path):
        program, *args = shlex.split(hook["entry"])
        assert Path(program).name in SCRIPTS, hook["id"]
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0, f"{hook['id']}: {result.output}"


@pytest.mark.parametrize(("hook_id", "changed", "runs"), [
    ("handbook-check", "records/quotes/QT-2026-001.yaml", True),
    ("handbook-check", "records/meetings/2026/MT-2026-M07.md", True),
    ("handbook-check", "docs/guide/index.md", False),
    ("handbook-schema", "checker/records/sales.py", True),
    ("handbook-schema", "schemas/quote.schema.json", True),
    ("handbook-schema", ".vscode/settings.json", True),
    ("handbook-schema", "records/quotes/QT-2026-001.yaml", False),
])
def test_team_hooks_run_when_their_files_change(hook_id: str, changed: str, runs: bool) -> None:
    (hook,) = [h for h in hooks(CONFIG) if h["id"] == hook_id]
    assert bool(re.search(hook["files"], changed)) is runs


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_team_hooks_pass_a_clean_repository_and_block_errors(tmp_path: Path) -> None:
    strategy = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"])
    customer = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
                "since": "2026-01-10", "strategy": "季度拜访"}
    root = write_repo(tmp_path / "repo", [customer], ruleset=rule_set([strategy]))
    shutil.copyfile(CONFIG, root / ".pre-commit-config.yaml")
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "handbook").symlink_to(Path(sys.executable).parent / "handbook")
    assert CliRunner().invoke(main, ["schema", "--root", str(root)]).exit_code == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    clean = pre_commit("run", "--all-files", cwd=root, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (root / "records" / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    subprocess.run(["git", "add", "records/bad.yaml"], cwd=root, check=True)
    blocked = pre_commit("run", "--all-files", cwd=root, env=env)
    assert blocked.returncode == 1
    assert "records/bad.yaml" in blocked.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_team_hook_fails_only_on_what_the_commit_introduces(tmp_path: Path) -> None:
    strategy = rule("customer-strategy", "required", {"fields": ["strategy"]}, kinds=["customer"])
    customer = {"kind": "customer", "id": "C-1", "owner": "p-zhang-wei", "name": "华新", "class": "key",
                "since": "2026-01-10"}  # no strategy: an error the team already has
    root = write_repo(tmp_path / "repo", [customer], ruleset=rule_set([strategy]))
    shutil.copyfile(CONFIG, root / ".pre-commit-config.yaml")
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "handbook").symlink_to(Path(sys.executable).parent / "handbook")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.cn"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "--no-verify", "-m", "the team so far"], cwd=root, check=True)
    (root / "records" / "customers").mkdir(exist_ok=True)
    (root / "records" / "customers" / "C-2.yaml").write_text(
        "kind: customer\nid: C-2\nowner: p-zhang-wei\nname: 东海\nclass: key\nsince: 2026-01-10\n"
        "strategy: 年度框架\n", encoding="utf-8")
    subprocess.run([*git, "add", "records/customers/C-2.yaml"], cwd=root, check=True)
    passed = pre_commit("run", "handbook-check", cwd=root, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (root / "records" / "customers" / "C-3.yaml").write_text(
        "kind: customer\nid: C-3\nowner: p-zhang-wei\nname: 南山\nclass: key\nsince: 2026-01-10\n",
        encoding="utf-8")
    subprocess.run([*git, "add", "records/customers/C-3.yaml"], cwd=root, check=True)
    blocked = pre_commit("run", "handbook-check", cwd=root, env=env)
    assert blocked.returncode == 1
    assert "C-3" in blocked.stdout
