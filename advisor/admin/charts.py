"""Geometry of the analytics page's SVG bar chart, in chart units: pure Python, no Django.

One bar a day (or week, or month), as tall as its share of the busiest one, over an axis
with a band below it for the labels. Markers (a question bank version published) are
vertical lines just left of their bar, labelled in a band above the bars, which the chart
has only when it has markers. The page draws the chart at `SCALE` times its units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_STEP = 10  # each bar's slot, so a bar starts at its index times this
BAR_WIDTH = 8  # leaves BAR_STEP - BAR_WIDTH units between bars
PLOT_HEIGHT = 100  # the tallest bar: the busiest day
LABEL_BAND = 10  # below the axis, for the first and last day's labels
LABEL_BASELINE = 9  # where label text sits within that band
MARKER_BAND = 10  # above the bars, for the markers' labels
MARKER_LABEL_ROOM = 20  # a label nearer the right edge than this ends at its line
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
class Marker:
    label: str
    x: float  # the line, in the gap left of its bar
    label_x: float
    anchor: str  # the label's text-anchor: "start" (right of the line) or "end"


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    markers: tuple[Marker, ...] = ()
    top: int = 0  # the marker band's height, 0 without markers
    bar_width: int = BAR_WIDTH

    @property
    def height(self) -> int:
        return self.top + PLOT_HEIGHT + LABEL_BAND

    @property
    def axis_y(self) -> float:
        return self.top + PLOT_HEIGHT + AXIS_OFFSET

    @property
    def label_y(self) -> int:
        return self.top + PLOT_HEIGHT + LABEL_BASELINE

    @property
    def marker_label_y(self) -> int:
        return LABEL_BASELINE - 1

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def display_width(self) -> int:
        return self.width * SCALE

    @property
    def display_height(self) -> int:
        return self.height * SCALE


def bar_chart(
    values: Sequence[tuple[object, int]], markers: Sequence[tuple[int, str]] = ()
) -> BarChart:
    """Bars for (key, value) pairs, left to right; all flat when every value is 0.
    `markers` are (bar index, label) pairs."""
    top = MARKER_BAND if markers else 0
    highest = max((value for _, value in values), default=0) or 1
    bars = []
    for i, (key, value) in enumerate(values):
        height = round(PLOT_HEIGHT * value / highest)
        bars.append(Bar(key, value, BAR_STEP * i, top + PLOT_HEIGHT - height, height))
    width = BAR_STEP * len(values)
    lines = []
    for index, label in sorted(markers):
        x = max(BAR_STEP * index - (BAR_STEP - BAR_WIDTH) / 2, AXIS_OFFSET)
        if x > width - MARKER_LABEL_ROOM:
            lines.append(Marker(label, x, x - 1, "end"))
        else:
            lines.append(Marker(label, x, x + 1, "start"))
    return BarChart(tuple(bars), width=width, markers=tuple(lines), top=top)
