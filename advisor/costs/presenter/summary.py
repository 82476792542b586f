"""What the founder's option means beyond its own cost: the summary card's figures, the
cost of hiring the wrong role first, and the hire's share of the monthly burn and what it
does to the runway."""

from __future__ import annotations

from decimal import Decimal

from advisor import costs
from advisor.costs.presenter.words import (
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
    misdirected = money(cost.misdirected, currency)
    vacancy = money(cost.vacancy, currency)
    return {
        "role": wrong_role,
        "right_role": right_role,
        "total": Shown(f"about {total.text}", total.estimate, total.source),
        "misdirected": misdirected,
        "vacancy": vacancy,
        "months": cost.months,
        "rehire": weeks_words(cost.rehire_weeks),
        "counts": (
            f"{cost.months} months of the {wrong_role['short_name']}'s pay and on-costs, "
            f"plus the empty seat while the {right_role['short_name']} is found"
        ),
    }


def summary_view(
    mine, currency, *, role: dict, option_label: str, inputs: dict, wrong_hire, runway, founder=None
) -> list[dict]:
    """The summary card: the option the founder prices, its cost a month and over their
    horizon, the runway with and without it (with burn and cash), and the wrong hire
    with what it counts."""
    if mine is None:
        return []
    shown = costs.priced(mine, currency)
    seniority = SENIORITY_WORDS.get(inputs["seniority"], "").lower()
    monthly = money(shown.monthly, currency)
    whole = money(shown.whole, currency)
    months = inputs["months"]
    items = [
        {
            "label": f"{option_label[:1].upper()}{option_label[1:]} ({seniority})",
            "value": Shown(f"{monthly.text} a month", monthly.estimate, monthly.source),
            "key": "monthly",
        },
        {
            "label": f"All in, {months} month{'s' if months != 1 else ''}",
            "value": Shown(whole.text, whole.estimate, whole.source),
            "note": "pay, on-costs, recruiting, equipment and the empty seat while hiring",
            "key": "whole",
        },
    ]
    if founder is not None:
        items.insert(
            1, {"label": "Worked out from your own figure", "value": founder, "key": "founder"}
        )
    if runway and runway.get("with"):
        items.append(
            {
                "label": "Runway, with your burn and cash",
                "value": Shown(
                    f"{runway['now']} without, {runway['with'].text} with this hire",
                    runway["with"].estimate,
                    runway["with"].source,
                ),
                "key": "runway",
            }
        )
    elif runway:
        items.append(
            {
                "label": "Share of your monthly burn",
                "value": runway["share"],
                "key": "share",
            }
        )
    if wrong_hire:
        items.append(
            {
                "label": "The wrong hire",
                "value": wrong_hire["total"],
                "note": wrong_hire["counts"],
                "key": "wrong",
            }
        )
    return items


def runway_view(cost: costs.HireCost, currency, burn: int, cash: int | None) -> dict:
    runway = costs.runway(cost, currency, burn=burn, cash=cash)
    estimate = cost.monthly_estimate or (cash is not None and cost.cash_estimate)
    share = runway.share_of_burn
    low, high = whole(share.low), whole(share.high)
    percent = f"{low}%" if low == high else f"{low}–{high}%"
    source = cost.rate.kind if cost.rate.kind != "estimate" else "published"
    view = {
        "share": Shown(percent, cost.monthly_estimate, source),
        "burn": f"{currency.symbol}{burn:,}",
        "estimate": estimate,
        "start": months_words(cost.hire_months),
    }
    shorter = runway.shortened_by
    if shorter is not None:
        view["now"] = months_words(runway.months_now)
        longest, shortest = runway.months_with.low, runway.months_with.high
        view["with"] = Shown(_span_months(shortest, longest), estimate, source)
        view["shorter"] = Shown(_span_months(shorter.low, shorter.high), estimate, source)
        view["cash"] = f"{currency.symbol}{cash:,}"
    return view


def _span_months(low: Decimal, high: Decimal) -> str:
    a, b = one_place(low), one_place(high)
    return months_words(low) if a == b else f"{a}–{b} months"
