"""The whole cost of the option the founder is pricing, part by part: pay, on-costs,
recruiting and equipment, the empty seat while hiring, and how long until the hire
delivers, each with a note on how it was worked out."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from advisor import costs
from advisor.costs.presenter.words import (
    Shown,
    amount,
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
    loaded = rate.loaded
    notes = {
        "pay": (
            _(
                "%(paid)s of %(months)s, after %(search)s to hire, split from the article's "
                "fully loaded figure"
            )
            if loaded
            else _("%(paid)s of %(months)s, after %(search)s to hire")
        )
        % {"paid": months_words(paid), "months": cost.months, "search": search},
        "on-costs": (
            (
                _("taxes and benefits, %(share)s of pay, inside the fully loaded figure")
                if loaded
                else _("taxes and benefits, %(share)s of pay")
            )
            % {"share": percent(terms.on_costs)}
            if terms.on_costs
            else _("none: the rate already covers them")
        ),
        "recruiting": _recruiting_words(terms, currency),
        "equipment": (
            _("inside the fully loaded figure")
            if loaded
            else _("once, at the start")
            if terms.equipment
            else _("none: they bring their own, or the vendor provides it")
        ),
    }
    titles = {
        "pay": _("Base pay"),
        "on-costs": _("Employer on-costs"),
        "recruiting": _("Recruiting"),
        "equipment": _("Equipment"),
    }
    parts = [
        {
            "title": titles[part.key],
            "note": notes[part.key],
            "amount": Shown(_("included")) if part.included else money(figure, currency),
        }
        for part, figure in shown.parts
    ]
    vacant = min(Decimal(cost.months), cost.hire_months)
    productive = cost.productive_months
    value = _(
        "%(search)s to hire, %(ramp)s to full speed, then the %(role)s's own time to first "
        "value (the article: %(article)s)"
    ) % {
        "search": search,
        "ramp": weeks_words(terms.ramp_up_weeks, about=False),
        "role": role["short_name"],
        "article": (role.get("time_to_first_value") or "").lower(),
    }
    return {
        "role": role,
        "parts": parts,
        "starts": paid > 0,
        "cash": money(shown.cash, currency),
        "vacancy": money(shown.vacancy, currency),
        "vacancy_note": _(
            "%(months)s without the work, valued at what the role costs a month once hired"
        )
        % {"months": months_words(vacant)},
        "whole": money(shown.whole, currency),
        "monthly": money(shown.monthly, currency),
        "per_productive": (
            money(shown.per_productive_month, currency) if shown.per_productive_month else None
        ),
        "productive_note": _(
            "%(productive)s at full speed: %(months)s less %(hire)s to hire and %(ramp)s of ramp-up"
        )
        % {
            "productive": months_words(productive),
            "months": cost.months,
            "hire": months_words(cost.hire_months),
            "ramp": months_words(cost.ramp_months),
        },
        "first_value": Shown(span_weeks_words(cost.first_value_weeks), cost.first_value_estimate),
        "first_value_note": value,
    }


def _recruiting_words(terms: costs.Terms, currency: costs.Currency) -> str:
    share = percent(terms.recruiting_share) if terms.recruiting_share else ""
    fee = (
        amount(costs.convert(terms.recruiting_fee, currency), currency.symbol)
        if terms.recruiting_fee
        else ""
    )
    if share and fee:
        return _("%(share)s of first-year pay and a fee of %(fee)s, once") % {
            "share": share,
            "fee": fee,
        }
    if share:
        return _("%(share)s of first-year pay, once") % {"share": share}
    if fee:
        return _("a fee of %(fee)s, once") % {"fee": fee}
    return _("no fee assumed")
