"""The sources list: where each figure on the page comes from, each rate, set of hiring
terms and exchange rate once, with its note and date."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor import costs
from advisor.costs.presenter.words import (
    ENGAGEMENT_WORDS,
    KIND_WORDS,
    SENIORITY_IN_TEXT,
    amount,
    as_of,
    number,
    percent,
    region_words,
    weeks_words,
    whole,
)

TERMS_WORDS = {
    "in-house": gettext_lazy("Hiring in-house"),
    "contractor": gettext_lazy("Hiring a contractor"),
    "offshore": gettext_lazy("Hiring through a vendor"),
}


class Sources(Sequence):
    """The sources list, worked out only when read: the result page shows only how many
    there are, the sources page each one. Read in the language it was made in."""

    def __init__(self, used, roles, region_names, currency):
        self.args = (used, roles, region_names, currency)
        self.language = translation.get_language()

    def __len__(self) -> int:
        used, _, _, currency = self.args
        rates = {id(cost.rate) for cost in used}
        terms = {id(cost.terms) for cost in used}
        return len(rates) + len(terms) + (currency.code != "USD")

    @cached_property
    def items(self) -> list[dict]:
        with translation.override(self.language):
            return sources_view(*self.args)

    def __getitem__(self, index):
        return self.items[index]


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
        items.append(
            {
                "title": _("%(role)s, %(region)s, %(engagement)s, %(seniority)s")
                % {
                    "role": role,
                    "region": region_words(region_names.get(rate.region, rate.region)),
                    "engagement": ENGAGEMENT_WORDS[rate.engagement],
                    "seniority": SENIORITY_IN_TEXT.get(rate.seniority, ""),
                },
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
        where = region_words(region_names.get(t.region, t.region))
        items.append(
            {
                "title": _("%(hiring)s in %(region)s")
                % {"hiring": TERMS_WORDS[t.engagement], "region": where},
                "figure": _terms_words(t),
                "note": t.source_note,
                "as_of": as_of(t.as_of),
                "as_of_text": t.as_of,
                "estimate": t.estimate or t.hire_time_estimate,
                "kind": "estimate" if t.estimate or t.hire_time_estimate else "published",
                "kind_words": _("some estimates") if t.estimate or t.hire_time_estimate else "",
                "countries": [_country_words(c) for c in t.countries],
            }
        )
    if currency.code != "USD":
        items.append(
            {
                "title": _("%(code)s exchange rate") % {"code": currency.code},
                "figure": _("%(rate)s to the US dollar")
                % {"rate": amount(currency.per_usd, currency.symbol, places=None)},
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
            limits.append(
                _("above %(amount)s %(currency)s a year")
                % {"amount": number(whole(c.floor)), "currency": country.currency}
            )
        if c.ceiling is not None:
            limits.append(
                _("up to %(amount)s %(currency)s a year")
                % {"amount": number(whole(c.ceiling)), "currency": country.currency}
            )
        line = _("%(name)s: %(rate)s") % {"name": c.name, "rate": percent(c.rate)}
        lines.append(line + (f" ({', '.join(limits)})" if limits else ""))
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
    hourly = rate.unit == "hour"

    def dollars(value: Decimal, high: Decimal | None = None) -> str:
        if hourly:
            return amount(value, "$", high, places=None)
        return amount(whole(value), "$", whole(high) if high is not None else None)

    if rate.starting:
        figure = _("from %(amount)s") % {"amount": dollars(rate.low)}
    elif rate.low == rate.high:
        figure = dollars(rate.low)
    else:
        figure = dollars(rate.low, rate.high)
    if hourly:
        return _("%(amount)s an hour") % {"amount": figure}
    if rate.loaded:
        return _("%(amount)s a month, fully loaded") % {"amount": figure}
    return _("%(amount)s a month, base pay, full time") % {"amount": figure}


def _joined(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _terms_words(terms: costs.Terms) -> str:
    if not terms.countries:
        on_costs = _("on-costs %(share)s of pay") % {"share": percent(terms.on_costs)}
    else:
        values = {
            "countries": _joined([c.name for c in terms.countries]),
            "share": percent(terms.on_costs),
        }
        on_costs = (
            _("on-costs from %(countries)s's contribution rates, and %(share)s of pay on top")
            if terms.on_costs
            else _("on-costs from %(countries)s's contribution rates")
        ) % values
    share = percent(terms.recruiting_share)
    recruiting = (
        _("recruiting %(share)s of first-year pay and %(fee)s")
        % {"share": share, "fee": amount(whole(terms.recruiting_fee), "$")}
        if terms.recruiting_fee
        else _("recruiting %(share)s of first-year pay") % {"share": share}
    )
    said = [
        on_costs,
        recruiting,
        _("equipment %(amount)s") % {"amount": amount(whole(terms.equipment), "$")},
        _("%(time)s to hire") % {"time": weeks_words(terms.weeks_to_hire)},
        _("%(time)s to full speed") % {"time": weeks_words(terms.ramp_up_weeks, about=False)},
    ]
    return "; ".join(said)
