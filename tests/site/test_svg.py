"""Charts have a value axis with round numbers, and no text falls outside the picture,
however long the labels (Chinese or English) and however many the series."""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree

import pytest

from checker.site.svg import bars, lines, text_width, ticks

NS = "{http://www.w3.org/2000/svg}"


def _texts(chart: str) -> tuple[float, float, list[tuple[str, float, float, float, float]]]:
    """The chart's size and each text's box (text, left, top, right, bottom), by estimate."""
    root = ElementTree.fromstring(chart)
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    boxes = []
    for element in root.iter(f"{NS}text"):
        text = element.text or ""
        size = 13.0 if element.get("class") == "title" else 11.0
        w = text_width(text, size)
        x, y = float(element.get("x", 0)), float(element.get("y", 0))
        anchor = element.get("text-anchor", "start")
        turned = re.match(r"rotate\((-?[\d.]+)", element.get("transform", ""))
        if turned:  # anchored at its end, running up and to the left at the angle
            angle = math.radians(-float(turned.group(1)))
            start_x, start_y = x - w * math.cos(angle), y + w * math.sin(angle)
            boxes.append((text, start_x, y - size, x, start_y))
            continue
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        boxes.append((text, left, y - size, left + w, y + 2))
    return width, height, boxes


def _inside(chart: str) -> None:
    width, height, boxes = _texts(chart)
    for text, left, top, right, bottom in boxes:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, (text, left, top, right, bottom,
                                                                                width, height)


CHINESE_STAGES = ["线索", "已确认", "已报价", "赢单", "丢单"]
LONG = ["A much longer first opportunity label", "Qualified lead", "Proposal sent", "Won", "Lost to a competitor"]


@pytest.mark.parametrize("labels", [CHINESE_STAGES, LONG, ["第1章", "第2章", "第3章", "第4章", "第9章", "-"],
                                    ["客户关系维护与大客户战略合作伙伴关系管理"] * 3])
@pytest.mark.parametrize("width", [640, 420, 320])
def test_bar_charts_keep_every_label_inside(labels: list[str], width: int) -> None:
    series = [("机会数", [float(i * 3 + 1) for i in range(len(labels))]),
              ("a legend entry long enough to need a second row", [1.0] * len(labels)),
              ("第三个系列", [2.0] * len(labels))]
    _inside(bars(labels, series, title="销售机会阶段", width=width))


def test_line_charts_keep_every_label_inside() -> None:
    months = [f"{m:02d}" for m in range(1, 13)]
    _inside(lines(months, [("预算", [1_250_000.0] * 12), ("累计支出", [i * 100_000.0 for i in range(12)])],
                  title="市场推广", width=420, height=220))


def test_the_value_axis_shows_round_numbers_up_to_the_largest_value() -> None:
    chart = lines(["01", "02", "03"], [("budget", [80_000.0] * 3), ("spent", [10_000.0, 40_000.0, 73_760.0])],
                  title="Entertainment", width=420, height=220)
    shown = [t for t, *_ in _texts(chart)[2]]
    assert [t for t in shown if re.fullmatch(r"[\d,]+", t)][:5] == ["0", "20,000", "40,000", "60,000", "80,000"]


def test_counts_have_whole_ticks() -> None:
    assert ticks(1) == [0, 1] and ticks(3) == [0, 1, 2, 3] and ticks(10) == [0, 5, 10]
    assert ticks(0) == [0, 1]
    assert ticks(73_760) == [0, 20_000, 40_000, 60_000, 80_000]


def test_a_title_with_quotes_stays_inside_its_attribute() -> None:
    root = ElementTree.fromstring(bars(["a"], [("x", [1.0])], title='say "hi" <b>'))
    assert root.get("aria-label") == 'say "hi" <b>'
