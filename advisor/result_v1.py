"""How results made with the first snapshot version (1) render, frozen as they were.

Presenter for `templates/advisor/result_v1.html`: turns a version-1 snapshot into page
data, with no database access. Never change what it shows: those pages are shared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from advisor import costs

COMPARISON_ROWS = (
    ("core_work", "Core work"),
    ("typical_stack", "Typical stack"),
    ("data_need", "Data need"),
    ("time_to_first_value", "Time to first value"),
    ("owns_in_production", "Owns in production"),
    ("best_when", "Best when"),
)

CONFIDENCE_WORDS = {
    "clear": "A clear call",
    "lean": "A lean",
    "toss-up": "A toss-up",
    "held-back": "First, for now",
}

WEEKS_PER_MONTH = 4.33
SOURCING_WORDS = {"in-house": "in-house (US)", "offshore": "dedicated offshore"}


@dataclass(frozen=True)
class CostRow:
    role: dict
    estimate: costs.Estimate
    sourcing_label: str

    @property
    def rate(self) -> costs.Rate:
        return self.estimate.rate

    @property
    def as_of(self) -> date | None:
        return as_of_date(self.rate)

    @property
    def hire_time(self) -> str:
        return weeks_words(self.rate.weeks_to_hire)


def weeks_words(weeks: int) -> str:
    if weeks <= 1:
        return "about a week"
    if weeks < 8:
        return f"about {weeks} weeks"
    return f"about {round(weeks / WEEKS_PER_MONTH)} months"


def as_of_date(rate: costs.Rate) -> date | None:
    try:
        return date.fromisoformat(rate.as_of)
    except ValueError:
        return None


def rates_of(snapshot: dict) -> list[costs.Rate]:
    return [
        costs.Rate(**{**r, "low": Decimal(r["low"]), "high": Decimal(r["high"])})
        for r in snapshot["rates"]
    ]


def cost_view(
    snapshot: dict,
    *,
    hours_per_week: int,
    months: int,
    sourcing: str = "both",
    rates: list[costs.Rate] | None = None,
) -> dict:
    """Costs from the rates stored with the result, or from `rates` when given."""
    roles = {r["slug"]: r for r in snapshot["roles"]}
    first = snapshot["outcome"]["first_hire"]
    all_rows = []
    for rate in rates if rates is not None else rates_of(snapshot):
        if rate.role in roles:
            estimate = costs.estimate(rate, hours_per_week=hours_per_week, months=months)
            all_rows.append(
                CostRow(roles[rate.role], estimate, SOURCING_WORDS.get(rate.sourcing, ""))
            )
    all_rows.sort(key=lambda row: (row.role["slug"] != first, row.rate.sourcing))
    rows = [row for row in all_rows if sourcing in ("both", row.rate.sourcing)]

    # The wrong hire, priced the way the founder is looking at hiring (in-house unless
    # only offshore is shown), and the time it then takes to hire the right one.
    priced = "offshore" if sourcing == "offshore" else "in-house"
    by_role = {row.rate.role: row for row in all_rows if row.rate.sourcing == priced}
    wrong = next((slug for slug in roles if slug != first), None)
    mishire = None
    if wrong in by_role and first in by_role:
        mishire = costs.mishire(
            by_role[wrong].estimate, rehire_weeks=by_role[first].rate.weeks_to_hire
        )
    return {
        "rows": rows,
        "sourcing": sourcing,
        "mishire_sourcing": SOURCING_WORDS[priced],
        "hours_per_week": hours_per_week,
        "months": months,
        "todays_rates": rates is not None,
        "mishire": mishire,
        "mishire_role": roles.get(wrong),
        "mishire_rehire": weeks_words(mishire.weeks_lost_to_rehire) if mishire else "",
        "chart": _chart(rows),
    }


CHART_WIDTH = 400
CHART_ROW = 48


def _chart(rows: list[CostRow]) -> dict:
    """Bar positions for the server-rendered SVG: one bar per option, longest = full width."""
    top = max((row.estimate.total_high for row in rows), default=0) or 1
    bars = [
        {
            "row": row,
            "label_y": i * CHART_ROW + 15,
            "bar_y": i * CHART_ROW + 21,
            "width": max(2, round(CHART_WIDTH * row.estimate.total_high / top)),
        }
        for i, row in enumerate(rows)
    ]
    return {"bars": bars, "width": CHART_WIDTH, "height": max(CHART_ROW * len(rows), CHART_ROW)}


def result_view(snapshot: dict) -> dict:
    roles = {r["slug"]: r for r in snapshot["roles"]}
    outcome = snapshot["outcome"]
    first = roles[outcome["first_hire"]]
    later = roles.get(outcome["later_hire"])
    answers = {a["question"]: a for a in snapshot["answers"]}
    reasons = [answers[slug] for slug in outcome["reasons"] if slug in answers]
    bars = [
        {"role": roles[slug], "share": share, "score": outcome["scores"][slug]}
        for slug, share in outcome["shares"].items()
        if slug in roles
    ]
    held_back = [answers[slug] for slug in outcome["held_back_by"] if slug in answers]
    cautions = [answers[slug] for slug in outcome.get("cautions", []) if slug in answers]
    comparison = [
        {"label": label, "cells": [(r, r[field]) for r in snapshot["roles"]]}
        for field, label in COMPARISON_ROWS
    ]
    flips = [{**f, "role": roles[f["first_hire"]]} for f in snapshot["flips"]]
    second = next((r for r in snapshot["roles"] if r["slug"] != first["slug"]), None)
    return {
        "answer_rows": _answer_rows(snapshot, roles),
        "roles": snapshot["roles"],
        "first": first,
        "later": later,
        "best_fit": roles[outcome["best_fit"]],
        "best_fit_share": outcome["shares"].get(outcome["best_fit"], 0),
        "first_share": outcome["shares"].get(first["slug"], 0),
        "second": second,
        "second_share": outcome["shares"].get(second["slug"], 0) if second else 0,
        "confidence": "held-back" if outcome["held_back_by"] else outcome["confidence"],
        "confidence_words": CONFIDENCE_WORDS[
            "held-back" if outcome["held_back_by"] else outcome["confidence"]
        ],
        "gap": outcome["gap"],
        "bars": bars,
        "reasons": reasons,
        "held_back": held_back,
        "cautions": cautions,
        "answers": snapshot["answers"],
        "comparison": comparison,
        "flips": flips,
        "single_flips": all(len(f["changes"]) == 1 for f in flips),
    }


def _answer_rows(snapshot: dict, roles: dict) -> list[dict]:
    """Each answer with the points it gave each role, scaled for a small bar list."""
    top = max((p for a in snapshot["answers"] for p in a["points"].values()), default=0) or 1
    rows = []
    for answer in snapshot["answers"]:
        rows.append(
            {
                **answer,
                "favours_role": roles.get(answer["favours"]),
                "bars": [
                    {
                        "role": roles[slug],
                        "points": points,
                        "width": round(100 * points / top),
                    }
                    for slug, points in answer["points"].items()
                    if slug in roles
                ],
            }
        )
    return rows
