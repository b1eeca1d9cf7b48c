"""The team's CI workflow is valid: schema-checked and clean under a workflow linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


def test_pull_requests_are_checked_with_annotations_and_a_summary() -> None:
    text = (REPO / ".github" / "workflows" / "handbook.yml").read_text(encoding="utf-8")
    assert "pull_request" in text
    assert "handbook check --format github" in text
    assert "--format markdown" in text and "GITHUB_STEP_SUMMARY" in text
    assert "mkdocs build --strict" in text
