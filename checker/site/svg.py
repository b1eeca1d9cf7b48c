"""Static SVG charts written at build time: no chart library, nothing loaded at view time."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

_PALETTE = ("#3f51b5", "#e53935", "#fb8c00", "#43a047", "#8e24aa", "#00897b", "#6d4c41")


def bars(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str,
         width: int = 640, height: int = 260, colors: Sequence[str] = _PALETTE) -> str:
    """Grouped vertical bars: one group per label, one bar per series."""
    left, bottom, top = 48, 40, 28
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max([v for _, values in series for v in values] + [1])
    group_w = plot_w / max(len(labels), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [f'<text x="{left}" y="18" class="title">{escape(title)}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" class="axis"/>']
    for i, label in enumerate(labels):
        x0 = left + i * group_w + group_w * 0.1
        for j, (_, values) in enumerate(series):
            value = values[i]
            h = plot_h * value / peak
            parts.append(f'<rect x="{x0 + j * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
                         f'height="{h:.1f}" fill="{colors[j % len(colors)]}"><title>{escape(label)}: '
                         f'{value:,.0f}</title></rect>')
        parts.append(f'<text x="{x0 + group_w * 0.4:.1f}" y="{height - 22}" class="label">{escape(label)}</text>')
    parts.extend(_legend([name for name, _ in series], height, colors))
    return _svg(width, height, title, parts)


def lines(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str,
          width: int = 640, height: int = 260, colors: Sequence[str] = _PALETTE) -> str:
    """Line chart over labelled points (e.g. cumulative spending per month against budget)."""
    left, bottom, top = 60, 40, 28
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max([v for _, values in series for v in values] + [1])
    step = plot_w / max(len(labels) - 1, 1)
    parts = [f'<text x="{left}" y="18" class="title">{escape(title)}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" class="axis"/>',
             f'<text x="4" y="{top + 10}" class="label">{peak:,.0f}</text>']
    for j, (name, values) in enumerate(series):
        points = " ".join(f"{left + i * step:.1f},{top + plot_h - plot_h * v / peak:.1f}"
                          for i, v in enumerate(values))
        dash = ' stroke-dasharray="6 4"' if j == 0 else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colors[j % len(colors)]}" '
                     f'stroke-width="2"{dash}><title>{escape(name)}</title></polyline>')
    for i, label in enumerate(labels):
        parts.append(f'<text x="{left + i * step:.1f}" y="{height - 22}" class="label">{escape(label)}</text>')
    parts.extend(_legend([name for name, _ in series], height, colors))
    return _svg(width, height, title, parts)


def _legend(names: Sequence[str], height: int, colors: Sequence[str]) -> list[str]:
    parts = []
    for j, name in enumerate(names):
        x = 60 + j * 150
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{colors[j % len(colors)]}"/>'
                     f'<text x="{x + 14}" y="{height - 5}" class="label">{escape(name)}</text>')
    return parts


def _svg(width: int, height: int, title: str, parts: list[str]) -> str:
    style = ("<style>.title{font:bold 13px sans-serif}.label{font:11px sans-serif;fill:#444}"
             ".axis{stroke:#999}</style>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(title)}">{style}{"".join(parts)}</svg>\n')
