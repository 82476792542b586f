"""The cost table: one group of rows for each role, a row for each option shown (a region
and a way of hiring), priced from the book with the founder's inputs; and the regions
shown beside the founder's option unless the founder chooses."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor import costs
from advisor.costs.presenter.words import (
    ENGAGEMENT_WORDS,
    SHORT_ENGAGEMENT_WORDS,
    Shown,
    money,
    region_words,
    span_weeks_words,
    weeks_words,
)


def default_compare(book: costs.Book) -> tuple[str, ...]:
    """The regions shown alongside unless the founder chooses: where the article's own
    offshore figures sit, so they are on the page from the start."""
    return tuple(
        dict.fromkeys(r.region for r in book.rates if r.engagement == "offshore" and not r.estimate)
    )


def hire(
    book: costs.Book, role: str, region: str, engagement: str, inputs: dict
) -> costs.HireCost | None:
    """What hiring `role` this way costs with the founder's inputs (seniority, hours and
    months), or None when the book has no rate or terms for it."""
    rate = book.rate(role, region, engagement, inputs["seniority"])
    terms = book.terms_for(region, engagement)
    if rate is None or terms is None:
        return None
    return costs.hire_cost(
        rate,
        terms,
        hours_per_week=inputs["hours"],
        months=inputs["months"],
        time_to_value=book.time_to_value(role),
    )


def label(region_names: dict[str, str], region: str, engagement: str) -> str:
    return _("%(region)s, %(engagement)s") % {
        "region": region_words(region_names.get(region, region)),
        "engagement": ENGAGEMENT_WORDS[engagement],
    }


def table_groups(
    book: costs.Book,
    roles: dict[str, dict],
    order: list[str],
    *,
    option: tuple[str, str],
    compare: list[str],
    show: str,
    inputs: dict,
    currency: costs.Currency,
) -> tuple[list[dict], list[costs.HireCost]]:
    """A group of rows for each role in `order` (the first hire's first): the founder's
    option's region and those compared, each way of hiring `show` asks for that the book
    offers there; and the hire costs the rows were priced from."""
    region_names = {r.slug: r.name for r in book.regions}
    first = order[0]
    shown_regions = [r.slug for r in book.regions if r.slug == option[0] or r.slug in compare]
    groups, used, names = [], [], {}
    for slug in order:
        rows = []
        for region in shown_regions:
            for engagement in costs.ENGAGEMENTS:
                if not book.offers(region, engagement) or show not in ("all", engagement):
                    continue
                cost = hire(book, slug, region, engagement, inputs)
                is_option = slug == first and (region, engagement) == option
                if (region, engagement) not in names:  # the same for every role
                    names[region, engagement] = (
                        label(region_names, region, engagement),
                        _("%(region)s, %(engagement)s")
                        % {
                            "region": region_words(region_names[region]),
                            "engagement": SHORT_ENGAGEMENT_WORDS[engagement],
                        },
                    )
                rows.append(_row(cost, currency, *names[region, engagement], is_option))
                if cost:
                    used.append(cost)
        groups.append({"role": roles[slug], "is_first": slug == first, "rows": rows})
    return groups, used


def _row(
    cost: costs.HireCost | None, currency, label: str, short_label: str, is_option: bool
) -> dict:
    if cost is None:
        return {"label": label, "is_option": is_option, "missing": True}
    shown = costs.priced(cost, currency)
    per_productive = (
        money(shown.per_productive_month, currency)
        if shown.per_productive_month
        else Shown(
            ngettext("none within %(n)s month", "none within %(n)s months", cost.months)
            % {"n": cost.months},
            cost.per_productive_month_estimate,
        )
    )
    return {
        "label": label,
        "short_label": short_label,
        "is_option": is_option,
        "missing": False,
        "cost": cost,
        "priced": shown,
        "monthly": money(shown.monthly, currency),
        "cash": money(shown.cash, currency),
        "per_productive": per_productive,
        "first_value": Shown(span_weeks_words(cost.first_value_weeks), cost.first_value_estimate),
        "hire_time": Shown(weeks_words(cost.terms.weeks_to_hire), cost.terms.hire_time_estimate),
    }
