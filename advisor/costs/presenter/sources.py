"""The sources list: where each figure on the page comes from, each rate, set of hiring
terms and exchange rate once, with its note and date."""

from __future__ import annotations

from decimal import Decimal

from advisor import costs
from advisor.costs.presenter.words import (
    ENGAGEMENT_WORDS,
    KIND_WORDS,
    SENIORITY_WORDS,
    as_of,
    percent,
    weeks_words,
    whole,
)

TERMS_WORDS = {
    "in-house": "Hiring in-house",
    "contractor": "Hiring a contractor",
    "offshore": "Hiring through a vendor",
}


def sources_view(used, roles, region_names, currency) -> list[dict]:
    """Where each figure on the page comes from, each rate and set of terms once."""
    rates, terms = {}, {}
    for cost in used:
        rates.setdefault(id(cost.rate), cost.rate)
        terms.setdefault(id(cost.terms), cost.terms)
    role_order = list(roles)
    region_order = list(region_names)

    def place(item) -> tuple:
        return (
            region_order.index(item.region) if item.region in region_order else len(region_order),
            costs.ENGAGEMENTS.index(item.engagement),
        )

    items = []
    for rate in sorted(
        rates.values(),
        key=lambda r: (
            role_order.index(r.role) if r.role in role_order else len(role_order),
            *place(r),
            costs.SENIORITIES.index(r.seniority),
        ),
    ):
        role = roles.get(rate.role, {}).get("name", rate.role)
        where = f"{region_names.get(rate.region, rate.region)}, {ENGAGEMENT_WORDS[rate.engagement]}"
        items.append(
            {
                "title": f"{role}, {where}, {SENIORITY_WORDS.get(rate.seniority, '').lower()}",
                "figure": _rate_words(rate),
                "note": rate.source_note,
                "as_of": as_of(rate.as_of),
                "as_of_text": rate.as_of,
                "estimate": rate.estimate,
                "kind": rate.kind,
                "kind_words": KIND_WORDS.get(rate.kind, ""),
                "source_name": rate.source_name,
                "source_url": rate.source_url,
                "method": rate.method,
            }
        )
    for t in sorted(terms.values(), key=place):
        where = region_names.get(t.region, t.region)
        items.append(
            {
                "title": f"{TERMS_WORDS[t.engagement]} in {where}",
                "figure": _terms_words(t),
                "note": t.source_note,
                "as_of": as_of(t.as_of),
                "as_of_text": t.as_of,
                "estimate": t.estimate or t.hire_time_estimate,
                "kind": "estimate" if t.estimate or t.hire_time_estimate else "published",
                "kind_words": "some estimates" if t.estimate or t.hire_time_estimate else "",
                "countries": [_country_words(c) for c in t.countries],
            }
        )
    if currency.code != "USD":
        items.append(
            {
                "title": f"{currency.code} exchange rate",
                "figure": f"{currency.symbol}{currency.per_usd.normalize():f} to the US dollar",
                "note": currency.source_note,
                "as_of": as_of(currency.as_of),
                "as_of_text": currency.as_of,
                "estimate": False,
                "kind": "published",
            }
        )
    return items


def _country_words(country: costs.Country) -> dict:
    """A country's employer contributions, each with its threshold and ceiling."""
    lines = []
    for c in country.contributions:
        limits = []
        if c.floor:
            limits.append(f"above {whole(c.floor):,} {country.currency} a year")
        if c.ceiling is not None:
            limits.append(f"up to {whole(c.ceiling):,} {country.currency} a year")
        lines.append(f"{c.name}: {percent(c.rate)}" + (f" ({', '.join(limits)})" if limits else ""))
    return {
        "name": country.name,
        "lines": lines,
        "source_name": country.source_name,
        "source_url": country.source_url,
        "as_of": as_of(country.as_of),
        "as_of_text": country.as_of,
        "note": country.note,
    }


def _rate_words(rate: costs.PayRate) -> str:
    def dollars(value: Decimal) -> str:
        return f"${value.normalize():,f}" if rate.unit == "hour" else f"${whole(value):,}"

    if rate.starting:
        figure = f"from {dollars(rate.low)}"
    elif rate.low == rate.high:
        figure = dollars(rate.low)
    else:
        figure = f"{dollars(rate.low)}–{dollars(rate.high)}"
    if rate.unit == "hour":
        return f"{figure} an hour"
    return f"{figure} a month, {'fully loaded' if rate.loaded else 'base pay, full time'}"


def _terms_words(terms: costs.Terms) -> str:
    on_costs = (
        f"on-costs {percent(terms.on_costs)} of pay"
        if not terms.countries
        else "on-costs from "
        + " and ".join(c.name for c in terms.countries)
        + "'s contribution rates"
        + (f", and {percent(terms.on_costs)} of pay on top" if terms.on_costs else "")
    )
    said = [
        on_costs,
        f"recruiting {percent(terms.recruiting_share)} of first-year pay"
        + (f" and ${whole(terms.recruiting_fee):,}" if terms.recruiting_fee else ""),
        f"equipment ${whole(terms.equipment):,}",
        f"{weeks_words(terms.weeks_to_hire)} to hire",
        f"{weeks_words(terms.ramp_up_weeks).removeprefix('about ')} to full speed",
    ]
    return "; ".join(said)
