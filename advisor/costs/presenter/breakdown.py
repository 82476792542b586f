"""The whole cost of the option the founder is pricing, part by part: pay, on-costs,
recruiting and equipment, the empty seat while hiring, and how long until the hire
delivers, each with a note on how it was worked out."""

from __future__ import annotations

from decimal import Decimal

from advisor import costs
from advisor.costs.presenter.words import (
    Shown,
    money,
    months_words,
    percent,
    span_weeks_words,
    weeks_words,
)


def breakdown_view(cost: costs.HireCost, currency: costs.Currency, role: dict) -> dict:
    """The whole cost of the option the founder is pricing, part by part."""
    shown = costs.priced(cost, currency)
    terms, rate = cost.terms, cost.rate
    paid = max(Decimal(0), cost.months - cost.hire_months)
    search = weeks_words(terms.weeks_to_hire)
    notes = {
        "pay": (
            f"{months_words(paid)} of {cost.months}, after {search} to hire"
            + (", split from the article's fully loaded figure" if rate.loaded else "")
        ),
        "on-costs": (
            f"taxes and benefits, {percent(terms.on_costs)} of pay"
            + (", inside the fully loaded figure" if rate.loaded else "")
            if terms.on_costs
            else "none: the rate already covers them"
        ),
        "recruiting": _recruiting_words(terms, currency),
        "equipment": (
            "inside the fully loaded figure"
            if rate.loaded
            else "once, at the start"
            if terms.equipment
            else "none: they bring their own, or the vendor provides it"
        ),
    }
    titles = {
        "pay": "Base pay",
        "on-costs": "Employer on-costs",
        "recruiting": "Recruiting",
        "equipment": "Equipment",
    }
    parts = [
        {
            "title": titles[part.key],
            "note": notes[part.key],
            "amount": Shown("included") if part.included else money(figure, currency),
        }
        for part, figure in shown.parts
    ]
    vacant = min(Decimal(cost.months), cost.hire_months)
    productive = cost.productive_months
    value = (
        f"{search} to hire, {weeks_words(terms.ramp_up_weeks).removeprefix('about ')} to full "
        f"speed, then the {role['short_name']}'s own time to first value (the article: "
        f"{(role.get('time_to_first_value') or '').lower()})"
    )
    return {
        "role": role,
        "parts": parts,
        "starts": paid > 0,
        "cash": money(shown.cash, currency),
        "vacancy": money(shown.vacancy, currency),
        "vacancy_note": f"{months_words(vacant)} without the work, valued at what the role costs "
        "a month once hired",
        "whole": money(shown.whole, currency),
        "monthly": money(shown.monthly, currency),
        "per_productive": (
            money(shown.per_productive_month, currency) if shown.per_productive_month else None
        ),
        "productive_note": (
            f"{months_words(productive)} at full speed: {cost.months} less "
            f"{months_words(cost.hire_months)} to hire and {months_words(cost.ramp_months)} "
            "of ramp-up"
        ),
        "first_value": Shown(span_weeks_words(cost.first_value_weeks), cost.first_value_estimate),
        "first_value_note": value,
    }


def _recruiting_words(terms: costs.Terms, currency: costs.Currency) -> str:
    said = []
    if terms.recruiting_share:
        said.append(f"{percent(terms.recruiting_share)} of first-year pay")
    if terms.recruiting_fee:
        fee = costs.convert(terms.recruiting_fee, currency)
        said.append(f"a fee of {currency.symbol}{fee:,}")
    if not said:
        return "no fee assumed"
    return " and ".join(said) + ", once"
