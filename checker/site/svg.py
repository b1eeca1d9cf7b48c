"""Static SVG charts written at build time: no chart library, nothing loaded at view time.

Every chart has a value axis with round tick values and grid lines, and is laid out from
the size of its text so nothing is clipped: the left margin fits the widest tick value,
category labels that do not fit under their group are turned and the chart grows to hold
them, and the legend wraps onto as many rows as it needs.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape

_PALETTE = ("#3f51b5", "#e53935", "#fb8c00", "#43a047", "#8e24aa", "#00897b", "#6d4c41")
FONT = 11  # px, labels and tick values
TITLE_FONT = 13
_PAD = 8
_TURN = math.radians(40)  # category labels that do not fit are turned this far


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the width of ``text`` in the charts' sans-serif font: wide
    (CJK, full-width) characters take a full em, others about 0.62 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.62 for c in text)


def ticks(peak: float, count: int = 5, whole: bool = True) -> list[float]:
    """Round values from 0 to at least ``peak`` (1, 2 or 5 times a power of ten apart;
    with ``whole``, for counts and money, never less than 1 apart)."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0) if whole else step
    top = math.ceil(peak / step - 1e-9) * step
    return [i * step for i in range(round(top / step) + 1)]


def number(value: float) -> str:
    """A tick or bar value as the tables write it: thousands grouped, one decimal when needed."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _legend(names: Sequence[str], colors: Sequence[str], width: int, y: float) -> tuple[list[str], float]:
    """The legend's items, wrapped to ``width``, from ``y``; returns them and the height used."""
    parts: list[str] = []
    x, row = float(_PAD), 0
    for j, name in enumerate(names):
        while 14 + text_width(name) > width - 2 * _PAD and len(name) > 1:  # longer than a row
            name = name[:-2] + "…"
        item = 14 + text_width(name) + 18
        if x + item > width - _PAD and x > _PAD:
            x, row = float(_PAD), row + 1
        top = y + row * (FONT + 8)
        parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="10" height="10" fill="{colors[j % len(colors)]}"/>'
                     f'<text x="{x + 14:.1f}" y="{top + 9:.1f}" class="label">{escape(name)}</text>')
        x += item
    return parts, (row + 1) * (FONT + 8) if names else 0.0


def _axis(values: Sequence[float], plot_top: float, plot_h: float, left: float,
          right: float) -> tuple[list[str], float]:
    """Tick values, grid lines and the zero line; returns them and the top of the scale."""
    scale = ticks(max([*values, 0.0]))
    top = scale[-1] or 1.0
    parts = []
    for value in scale:
        y = plot_top + plot_h - plot_h * value / top
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                     f'class="{"axis" if value == 0 else "grid"}"/>'
                     f'<text x="{left - 6:.1f}" y="{y + FONT / 3:.1f}" class="label" text-anchor="end">'
                     f"{number(value)}</text>")
    return parts, top


def _layout(labels: Sequence[str], values: Sequence[float], names: Sequence[str], width: int, height: int,
            slots: int) -> dict[str, float]:
    """Margins from the text: the widest tick value, the category labels (turned when they do
    not fit their slot, the chart growing to hold them) and the legend."""
    left = _PAD + max(text_width(number(v)) for v in ticks(max([*values, 0.0]))) + 8
    slot = (width - left - _PAD) / max(slots, 1)
    widest = max((text_width(label) for label in labels), default=0.0)
    turned = widest > slot - 4
    if turned and labels:  # the first label, turned, reaches left of its mark: keep it inside
        half = 1 / (2 * max(slots, 1))  # the mark is half a slot in
        reach = (_PAD + text_width(labels[0]) * math.cos(_TURN) - (width - _PAD) * half) / (1 - half)
        if reach > left:
            left = reach
            slot = (width - left - _PAD) / max(slots, 1)
    below = widest * math.sin(_TURN) + FONT + 6 if turned else FONT + 8
    _, legend = _legend(names, _PALETTE, width, 0)
    top = TITLE_FONT + 3 * _PAD
    plot_h = height - top - (FONT + 8) - legend - _PAD  # turned labels add to the height instead
    return {"left": left, "slot": slot, "turned": float(turned), "below": below, "legend": legend,
            "top": top, "plot_h": max(plot_h, 80.0)}


def fitted(labels: Sequence[str], width: int) -> list[str]:
    """Labels shortened with "…" where even turned they could not fit half the chart's width
    (the whole label stays in the bar's tooltip)."""
    limit = (width / 2) / math.cos(_TURN)
    out = []
    for label in labels:
        while text_width(label) > limit and len(label) > 1:
            label = label[:-2] + "…"
        out.append(label)
    return out


def _label(x: float, y: float, text: str, turned: bool) -> str:
    if turned:  # turned 40 degrees, ending under its mark
        return (f'<text x="{x:.1f}" y="{y:.1f}" class="label" text-anchor="end" '
                f'transform="rotate(-40 {x:.1f} {y:.1f})">{escape(text)}</text>')
    return f'<text x="{x:.1f}" y="{y:.1f}" class="label" text-anchor="middle">{escape(text)}</text>'


def bars(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str,
         width: int = 640, height: int = 260, colors: Sequence[str] = _PALETTE) -> str:
    """Grouped vertical bars: one group per label, one bar per series."""
    values = [v for _, vs in series for v in vs]
    names = [name for name, _ in series]
    shown = fitted(labels, width)
    box = _layout(shown, values, names, width, height, len(labels))
    left, slot, top, plot_h = box["left"], box["slot"], box["top"], box["plot_h"]
    parts, peak = _axis(values, top, plot_h, left, width - _PAD)
    bar_w = slot * 0.8 / max(len(series), 1)
    base = top + plot_h
    for i, label in enumerate(labels):
        x0 = left + i * slot + slot * 0.1
        for j, (name, vs) in enumerate(series):
            h = plot_h * vs[i] / peak
            parts.append(f'<rect x="{x0 + j * bar_w:.1f}" y="{base - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                         f'height="{h:.1f}" fill="{colors[j % len(colors)]}"><title>{escape(label)} · '
                         f'{escape(name)}: {number(vs[i])}</title></rect>')
        parts.append(_label(left + (i + 0.5) * slot, base + FONT + 6, shown[i], bool(box["turned"])))
    return _chart(width, title, parts, names, colors, base + box["below"])


def lines(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str,
          width: int = 640, height: int = 260, colors: Sequence[str] = _PALETTE) -> str:
    """Line chart over labelled points (e.g. cumulative spending per month against budget)."""
    values = [v for _, vs in series for v in vs]
    names = [name for name, _ in series]
    shown = fitted(labels, width)
    box = _layout(shown, values, names, width, height, len(labels))
    left, slot, top, plot_h = box["left"], box["slot"], box["top"], box["plot_h"]
    parts, peak = _axis(values, top, plot_h, left, width - _PAD)
    base = top + plot_h
    for j, (name, vs) in enumerate(series):
        points = " ".join(f"{left + (i + 0.5) * slot:.1f},{base - plot_h * v / peak:.1f}" for i, v in enumerate(vs))
        dash = ' stroke-dasharray="6 4"' if j == 0 else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colors[j % len(colors)]}" '
                     f'stroke-width="2"{dash}><title>{escape(name)}</title></polyline>')
    for i, label in enumerate(shown):
        parts.append(_label(left + (i + 0.5) * slot, base + FONT + 6, label, bool(box["turned"])))
    return _chart(width, title, parts, names, colors, base + box["below"])


def _chart(width: int, title: str, parts: list[str], names: Sequence[str], colors: Sequence[str],
           legend_top: float) -> str:
    legend, used = _legend(names, colors, width, legend_top + 4)
    height = math.ceil(legend_top + 4 + used + _PAD)
    style = (f"<style>.title{{font:bold {TITLE_FONT}px sans-serif;fill:#212121}}"
             f".label{{font:{FONT}px sans-serif;fill:#424242}}.axis{{stroke:#757575}}.grid{{stroke:#e0e0e0}}</style>")
    head = f'<text x="{_PAD}" y="{TITLE_FONT + _PAD}" class="title">{escape(title)}</text>'
    label = escape(title, {'"': "&quot;"})
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{label}">{style}{head}{"".join(parts)}'
            f'{"".join(legend)}</svg>\n')
