"""What the founder's option means beyond its own cost: the summary card's figures, the
cost of hiring the wrong role first, and the hire's share of the monthly burn and what it
does to the runway."""

from __future__ import annotations

from decimal import Decimal

from advisor import costs
from advisor.cost_presenter.table import hire
from advisor.cost_presenter.words import (
    SENIORITY_WORDS,
    Shown,
    money,
    months_words,
    one_place,
    weeks_words,
    whole,
)


def wrong_hire_view(wrong, right, currency, wrong_role, right_role) -> dict | None:
    if wrong is None or right is None or wrong_role is None:
        return None
    cost = costs.priced_wrong_hire(
        costs.wrong_hire(wrong, right), currency, starting=wrong.rate.starting
    )
    total = money(cost.total, currency)
    return {
        "role": wrong_role,
        "right_role": right_role,
        "total": Shown(f"about {total.text}", total.estimate),
        "misdirected": money(cost.misdirected, currency),
        "vacancy": money(cost.vacancy, currency),
        "months": cost.months,
        "rehire": weeks_words(cost.rehire_weeks),
    }


def summary_view(book, first, region, inputs, currency, region_names, wrong_hire) -> list[dict]:
    """The summary card: the first hire's monthly cost in-house and dedicated offshore in
    the chosen region (offshore from the region that offers it for least, when this one
    does not), and the wrong hire."""
    items = []
    seniority = SENIORITY_WORDS.get(inputs["seniority"], "").lower()
    in_house = hire(book, first, region, "in-house", inputs)
    if in_house:
        shown = money(costs.priced(in_house, currency).monthly, currency)
        items.append(
            {
                "label": f"In-house, {region_names[region]} ({seniority})",
                "value": Shown(f"{shown.text} a month", shown.estimate),
            }
        )
    offshore_region = region if book.offers(region, "offshore") else None
    if offshore_region is None:
        candidates = [
            (cost.monthly.low, r.slug)
            for r in book.regions
            if book.offers(r.slug, "offshore")
            and (cost := hire(book, first, r.slug, "offshore", inputs))
        ]
        offshore_region = min(candidates)[1] if candidates else None
    offshore = offshore_region and hire(book, first, offshore_region, "offshore", inputs)
    if offshore:
        shown = money(costs.priced(offshore, currency).monthly, currency)
        items.append(
            {
                "label": f"Dedicated offshore, {region_names[offshore_region]} "
                f"({inputs['hours']} h a week)",
                "value": Shown(f"{shown.text} a month", shown.estimate),
            }
        )
    if wrong_hire:
        items.append({"label": "The wrong hire", "value": wrong_hire["total"], "wrong_hire": True})
    return items


def runway_view(cost: costs.HireCost, currency, burn: int, cash: int | None) -> dict:
    runway = costs.runway(cost, currency, burn=burn, cash=cash)
    estimate = cost.monthly_estimate or (cash is not None and cost.cash_estimate)
    share = runway.share_of_burn
    low, high = whole(share.low), whole(share.high)
    percent = f"{low}%" if low == high else f"{low}–{high}%"
    view = {
        "share": Shown(percent, cost.monthly_estimate),
        "burn": f"{currency.symbol}{burn:,}",
        "estimate": estimate,
        "start": months_words(cost.hire_months),
    }
    shorter = runway.shortened_by
    if shorter is not None:
        view["now"] = months_words(runway.months_now)
        longest, shortest = runway.months_with.low, runway.months_with.high
        view["with"] = Shown(_span_months(shortest, longest), estimate)
        view["shorter"] = Shown(_span_months(shorter.low, shorter.high), estimate)
        view["cash"] = f"{currency.symbol}{cash:,}"
    return view


def _span_months(low: Decimal, high: Decimal) -> str:
    a, b = one_place(low), one_place(high)
    return months_words(low) if a == b else f"{a}–{b} months"
