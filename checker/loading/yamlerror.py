"""A problem that stops a file from being read as YAML, with where it is."""

from __future__ import annotations

from dataclasses import dataclass

import yaml


@dataclass
class YamlError(Exception):  # not frozen: raising sets __traceback__
    """A problem at a 1-based line and column of the YAML text.

    ``code`` says what kind of problem it is (each becomes its own finding):
    ``yaml-syntax`` (``problem`` holds the parser's words), ``yaml-alias``,
    ``yaml-too-deep`` (``problem`` holds the limit) or ``control-character``
    (``problem`` holds the character's code point).
    """

    problem: str
    line: int | None
    column: int | None
    code: str = "yaml-syntax"

    def as_tuple(self, line_offset: int = 0) -> tuple[str, str, int | None, int | None]:
        """The plain form kept in the parse cache, lines shifted by ``line_offset``."""
        line = self.line + line_offset if self.line is not None else None
        return (self.code, self.problem, line, self.column)


def mark_error(exc: yaml.YAMLError) -> YamlError:
    """PyYAML's error as a YamlError at the place it marks."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        if mark is not None:
            return YamlError(problem, mark.line + 1, mark.column + 1)
        return YamlError(problem, None, None)
    return YamlError(str(exc), None, None)
