"""Find the line and column of a field inside a YAML file.

Only files that have findings are composed again with marks, so the fast path never
pays for line numbers.
"""

from __future__ import annotations

import yaml

from checker.findings import FieldPath

try:
    _Composer: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    _Composer = yaml.BaseLoader


class Locator:
    """Maps field paths of one file to 1-based (line, column)."""

    def __init__(self, text: str, line_offset: int = 0) -> None:
        self._offset = line_offset
        try:
            self._root: yaml.Node | None = yaml.compose(text, Loader=_Composer)
        except yaml.YAMLError:
            self._root = None

    def locate(self, path: FieldPath) -> tuple[int, int] | None:
        """Position of the deepest node along ``path`` that exists (the key, for mappings)."""
        node = self._root
        if node is None:
            return None
        position = (node.start_mark.line, node.start_mark.column)
        for step in path:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                match = next(((k, v) for k, v in node.value if k.value == step), None)
                if match is None:
                    break
                position = (match[0].start_mark.line, match[0].start_mark.column)
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    break
                node = node.value[step]
                position = (node.start_mark.line, node.start_mark.column)
            else:
                break
        return position[0] + 1 + self._offset, position[1] + 1
