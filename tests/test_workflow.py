"""The team's CI workflow is valid: schema-checked and clean under a workflow linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(workflow: Path) -> None:
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_zizmor(workflow: Path) -> None:
    result = subprocess.run([str(BIN / "zizmor"), "--offline", str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((REPO / ".github" / "workflows" / "handbook.yml").read_text("utf-8"))
    return loaded


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_pull_requests_are_judged_against_their_target_branch() -> None:
    check = _workflow()["jobs"]["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert check["steps"][0]["with"]["fetch-depth"] == 0
    runs = _runs(check)
    assert 'handbook check --base "origin/$BASE_REF" --format github' in runs
    assert "--format markdown" in runs and "GITHUB_STEP_SUMMARY" in runs


def test_a_pull_request_is_judged_by_the_target_branchs_checker() -> None:
    runs = _runs(_workflow()["jobs"]["check"])
    assert 'git worktree add --detach "$RUNNER_TEMP/base-checker" "origin/$BASE_REF"' in runs
    assert 'python -m pip install "$RUNNER_TEMP/base-checker"' in runs
    assert "pip install -e ." not in runs  # the change's own code is never installed


def test_the_morning_check_has_the_history_and_fails_when_it_cannot_run() -> None:
    today = _workflow()["jobs"]["today"]
    assert today["steps"][0]["with"]["fetch-depth"] == 0
    runs = _runs(today)
    assert "|| true" not in runs and '[ "$status" -le 1 ]' in runs


def test_the_site_publishes_from_main_whatever_the_findings() -> None:
    jobs = _workflow()["jobs"]
    assert jobs["publish"]["needs"] == ["site"]
    assert "mkdocs build --strict" in _runs(jobs["site"])


def test_main_is_rechecked_each_working_morning_china_time() -> None:
    workflow = _workflow()
    [schedule] = workflow[True]["schedule"]  # PyYAML reads the key "on" as True
    _, hour, _, _, weekdays = schedule["cron"].split()
    assert (int(hour) + 8) % 24 in range(7, 10) and weekdays == "1-5"
    assert "GITHUB_STEP_SUMMARY" in _runs(workflow["jobs"]["today"])


def _notify_step() -> dict[str, Any]:
    steps: list[dict[str, Any]] = _workflow()["jobs"]["today"]["steps"]
    [step] = [s for s in steps if "handbook notify" in s.get("run", "")]
    return step


def test_the_morning_run_posts_to_the_team_chat_only_when_the_secret_is_set() -> None:
    step = _notify_step()
    assert step["if"] == "always() && (github.event_name == 'schedule' || github.event_name == 'workflow_dispatch')"
    assert step["env"]["HANDBOOK_WEBHOOK_URL"] == "${{ secrets.HANDBOOK_WEBHOOK_URL }}"
    run = step["run"]
    assert '[ -z "$HANDBOOK_WEBHOOK_URL" ]' in run and run.index("exit 0") < run.index("handbook notify")


def test_the_webhook_address_reaches_notify_through_the_environment_only() -> None:
    step = _notify_step()
    assert "secrets." not in step["run"] and "${{" not in step["run"]  # no expression expanded into the script
    assert 'handbook notify --service "${CHAT_SERVICE:-wecom}"' in step["run"]


def _today_script() -> str:
    steps: list[dict[str, Any]] = _workflow()["jobs"]["today"]["steps"]
    [step] = [s for s in steps if "handbook check" in s.get("run", "")]
    return str(step["run"])


@pytest.mark.parametrize(("depth", "step_passes"), [(None, True), (1, False)])
def test_the_morning_step_run_as_ci_runs_it_on_a_full_and_a_shallow_clone(
        tmp_path: Path, depth: int | None, step_passes: bool) -> None:
    from tests.approvals.conftest import make_repo

    origin = make_repo(tmp_path / "origin", None, level="author")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", *(["--depth", str(depth)] if depth else []), f"file://{origin.root}",
                    str(clone)], check=True, capture_output=True)
    summary = tmp_path / "summary.md"
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary), "HOME": str(tmp_path),
           "GIT_CONFIG_NOSYSTEM": "1", "HANDBOOK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(["bash", "-e", "-c", _today_script()], cwd=clone, env=env, capture_output=True, text=True)
    assert (done.returncode == 0) is step_passes, done.stdout + done.stderr
    if step_passes:
        assert "QT-2026-007" in summary.read_text(encoding="utf-8")  # the day's finding, shown
    else:
        assert "this clone is shallow" in done.stderr
