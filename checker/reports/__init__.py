"""Output formats of ``handbook check``: one module per format, each with ``render``."""

from __future__ import annotations

from collections.abc import Callable

from checker.findings import Lang
from checker.reports import github, gitlab, json_report, junit, markdown, sarif, text
from checker.rules.engine import Report

Renderer = Callable[[Report, Lang, bool], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "grouped": text.render_grouped,
    "json": json_report.render,
    "github": github.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
    "gitlab": gitlab.render,
}
