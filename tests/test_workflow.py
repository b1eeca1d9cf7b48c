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
    assert step["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    assert step["env"]["HANDBOOK_WEBHOOK_URL"] == "${{ secrets.HANDBOOK_WEBHOOK_URL }}"
    run = step["run"]
    assert '[ -z "$HANDBOOK_WEBHOOK_URL" ]' in run and run.index("exit 0") < run.index("handbook notify")


def test_the_webhook_address_reaches_notify_through_the_environment_only() -> None:
    step = _notify_step()
    assert "secrets." not in step["run"] and "${{" not in step["run"]  # no expression expanded into the script
    assert 'handbook notify --service "${CHAT_SERVICE:-wecom}"' in step["run"]
