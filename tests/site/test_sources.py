"""The site is built only from plain files: a link under docs/ would publish what it points at."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import main
from checker.site.sources import unsafe_paths
from tests.conftest import rule_set, write_repo


def test_links_under_the_site_sources_are_refused(tmp_path: Path) -> None:
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "docs" / "guide" / "leak.md").symlink_to("/etc/passwd")
    (tmp_path / "overrides").symlink_to(tmp_path / "docs", target_is_directory=True)
    assert unsafe_paths(tmp_path) == ["docs/guide/leak.md", "overrides"]


def test_site_generate_stops_before_building_from_a_link(tmp_path: Path) -> None:
    root = write_repo(tmp_path, [], ruleset=rule_set([]))
    (root / "docs").mkdir()
    (root / "docs" / "leak.md").symlink_to("/etc/passwd")
    result = CliRunner().invoke(main, ["site", "generate", "--root", str(root), "--as-of", "2026-03-01"])
    assert result.exit_code == 2
    assert "'docs/leak.md'" in result.output and "root:" not in result.output
