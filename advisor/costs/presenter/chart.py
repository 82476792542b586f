"""The chart beside the cost table: the geometry of its server-rendered SVG bars, one bar
for each of the first hire's options, in segments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from advisor.costs.presenter.words import money

CHART_WIDTH = 600
CHART_ROW = 48
CHART_SEGMENTS = (
    ("running", _("pay and on-costs")),
    ("once", _("recruiting and equipment")),
    ("vacancy", _("the empty seat while hiring")),
)


def chart_view(rows: list[dict]) -> dict:
    """Bars for the server-rendered SVG: each option's whole cost over the horizon (the
    high end of each range), in three segments; the longest bar is the full width."""
    priced_rows = [row for row in rows if not row["missing"]]
    top = max((row["priced"].whole.high for row in priced_rows), default=0) or 1
    bars = []
    for i, row in enumerate(priced_rows):
        shown = row["priced"]
        amounts = {"running": 0, "once": 0, "vacancy": shown.vacancy.high}
        for part, figure in shown.parts:
            amounts["once" if part.key in ("recruiting", "equipment") else "running"] += figure.high
        x, segments = 0, []
        for key, _words in CHART_SEGMENTS:
            width = round(CHART_WIDTH * amounts[key] / top)
            if width:
                segments.append({"key": key, "x": x, "width": width})
                x += width
        bars.append(
            {
                "row": row,
                "label_y": i * CHART_ROW + 15,
                "bar_y": i * CHART_ROW + 21,
                "segments": segments,
                "estimate": shown.whole.estimate,
                "whole": money(shown.whole, shown.currency),
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(CHART_ROW * len(bars), CHART_ROW),
        "segments": CHART_SEGMENTS,
    }
