"""``handbook schema``: writes the schemas and the VS Code mapping; ``--check`` exits 1 when stale."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from checker.cli import main
from tests.conftest import write_repo


def schema(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["schema", "--root", str(root), *args])


def test_writes_a_schema_per_kind_the_combined_one_and_the_vscode_mapping(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    result = schema(root)
    assert result.exit_code == 0, result.output
    assert (root / "schemas" / "quote.schema.json").is_file()
    assert (root / "schemas" / "record.schema.json").is_file()
    mapping = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert mapping["./schemas/quote.schema.json"] == ["records/quotes/**/*.yaml", "records/quotes/**/*.yml"]
    assert "schemas/quote.schema.json" in result.stdout


def test_check_passes_right_after_writing_and_writing_again_changes_nothing(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    schema(root)
    check = schema(root, "--check")
    assert check.exit_code == 0, check.output
    assert check.stdout == "schemas are up to date\n"
    assert schema(root).stdout == "schemas are up to date\n"


def test_check_exits_1_naming_the_stale_file_and_the_command_and_writes_nothing(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    schema(root)
    target = root / "schemas" / "quote.schema.json"
    target.write_text("{}\n", encoding="utf-8")
    result = schema(root, "--check")
    assert result.exit_code == 1
    assert "schemas/quote.schema.json (out of date)" in result.stderr
    assert "run `handbook schema`" in result.stderr
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_check_reports_missing_files_and_schemas_of_no_kind(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    schema(root)
    (root / "schemas" / "visit.schema.json").unlink()
    (root / "schemas" / "old-kind.schema.json").write_text("{}\n", encoding="utf-8")
    result = schema(root, "--check")
    assert result.exit_code == 1
    assert "schemas/visit.schema.json (missing)" in result.stderr
    assert "schemas/old-kind.schema.json (no such record kind)" in result.stderr


def test_writing_removes_schemas_of_no_kind(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    (root / "schemas").mkdir()
    (root / "schemas" / "old-kind.schema.json").write_text("{}\n", encoding="utf-8")
    assert schema(root).exit_code == 0
    assert not (root / "schemas" / "old-kind.schema.json").exists()
    assert schema(root, "--check").exit_code == 0


def test_other_vscode_settings_are_kept(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    (root / ".vscode").mkdir()
    (root / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}\n', encoding="utf-8")
    schema(root)
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2
    assert "./schemas/quote.schema.json" in settings["yaml.schemas"]


def test_settings_with_comments_are_a_usage_error_that_shows_the_mapping(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [])
    (root / ".vscode").mkdir()
    (root / ".vscode" / "settings.json").write_text('{\n  // mine\n}\n', encoding="utf-8")
    result = schema(root)
    assert result.exit_code == 2
    assert "not plain JSON" in result.stderr and "records/quotes/**/*.yaml" in result.stderr


def test_globs_follow_the_records_setting(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "data" / "records").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.handbook]\nrecords = "data/records"\n', encoding="utf-8")
    assert schema(root).exit_code == 0
    mapping = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert mapping["./schemas/visit.schema.json"][0] == "data/records/visits/**/*.yaml"
