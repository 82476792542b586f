"""Geometry of the analytics page's SVG bar chart, in chart units: pure Python, no Django.

One bar a day, as tall as that day's share of the busiest day, over an axis with a band
below it for the labels. The page draws the chart at `SCALE` times its units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_STEP = 10  # each bar's slot, so a bar starts at its index times this
BAR_WIDTH = 8  # leaves BAR_STEP - BAR_WIDTH units between bars
PLOT_HEIGHT = 100  # the tallest bar: the busiest day
LABEL_BAND = 10  # below the axis, for the first and last day's labels
LABEL_BASELINE = 9  # where label text sits within that band
AXIS_OFFSET = 0.5  # a 1-unit line centred on a half unit is drawn crisp, not over two rows
SCALE = 2  # page pixels per chart unit


@dataclass(frozen=True)
class Bar:
    key: object  # what the bar is for (a day), for its label
    value: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int = PLOT_HEIGHT + LABEL_BAND
    axis_y: float = PLOT_HEIGHT + AXIS_OFFSET
    label_y: int = PLOT_HEIGHT + LABEL_BASELINE
    bar_width: int = BAR_WIDTH

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def display_width(self) -> int:
        return self.width * SCALE

    @property
    def display_height(self) -> int:
        return self.height * SCALE


def bar_chart(values: Sequence[tuple[object, int]]) -> BarChart:
    """Bars for (key, value) pairs, left to right; all flat when every value is 0."""
    top = max((value for _, value in values), default=0) or 1
    bars = []
    for i, (key, value) in enumerate(values):
        height = round(PLOT_HEIGHT * value / top)
        bars.append(Bar(key, value, BAR_STEP * i, PLOT_HEIGHT - height, height))
    return BarChart(tuple(bars), width=BAR_STEP * len(values))
