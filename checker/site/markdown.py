"""Put record text into Markdown as text: never as markup, links or HTML."""

from __future__ import annotations

import html
import re

# The characters Python-Markdown (and its tables extension, for "|") lets a backslash escape.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|])")


def text(value: object) -> str:
    """Escape ``value`` so Markdown and HTML show it exactly as written, on one line."""
    escaped = html.escape(str(value), quote=True)
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)
    return " ".join(escaped.split())


def code(value: object) -> str:
    """Inline code for ids and paths (backticks inside are dropped)."""
    return "`" + str(value).replace("`", "") + "`"
