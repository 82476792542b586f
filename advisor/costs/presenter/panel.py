"""The whole cost panel and summary card of a result: the founder's inputs read against the
book, and the table, chart, breakdown, wrong hire, runway, summary and sources put
together into what the template shows."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor import costs
from advisor.costs.presenter.breakdown import breakdown_view
from advisor.costs.presenter.chart import chart_view
from advisor.costs.presenter.context import article_view, vendor_view
from advisor.costs.presenter.sources import Sources
from advisor.costs.presenter.summary import runway_view, summary_view, wrong_hire_view
from advisor.costs.presenter.table import hire, label, table_groups
from advisor.costs.presenter.words import (
    PER_WORDS,
    SENIORITY_IN_TEXT,
    Shown,
    amount,
    as_of,
    cents,
)

VENDOR_NOTE = _(
    "The article's offshore prices come from its publisher, AdSnipper, a vendor that "
    "places offshore specialists: a seller's starting prices, not a survey."
)
USD = costs.Currency("USD", "$", Decimal(1))


def cost_view(
    snapshot: dict,
    book: costs.Book,
    *,
    option: tuple[str, str],
    seniority: str,
    compare: list[str],
    show: str,
    hours: int,
    months: int,
    currency: str,
    burn: int | None = None,
    cash: int | None = None,
    pay: Decimal | None = None,
    pay_per: str = "month",
    todays_rates: bool = False,
    **_ignored,
) -> dict:
    """Everything the cost panel and the summary card show, from `book` (the rates stored
    with the result, or today's) and the founder's inputs. `pay`, in the founder's
    currency `pay_per` month, hour or year, replaces the rate of the option priced."""
    roles = {r["slug"]: r for r in snapshot["roles"]}
    first = snapshot["outcome"]["first_hire"]
    order = [first] + [slug for slug in roles if slug != first]
    money_in = book.currency(currency) or book.currency("USD") or USD
    inputs = {"seniority": seniority, "hours": hours, "months": months}
    region_names = {r.slug: r.name for r in book.regions}
    option_region, option_engagement = option
    if not book.offers(option_region, option_engagement):
        return {"version": 3, "empty": True, "months": months, "hours_per_week": hours}
    published = book
    if pay:
        book = with_founder_pay(book, (first, *option, seniority), pay, pay_per, money_in)

    groups, used = table_groups(
        book,
        roles,
        order,
        option=option,
        compare=compare,
        show=show,
        inputs=inputs,
        currency=money_in,
    )
    mine = hire(book, first, option_region, option_engagement, inputs)
    wrong_slug = next((slug for slug in order if slug != first), None)
    wrong = wrong_slug and hire(book, wrong_slug, option_region, option_engagement, inputs)
    wrong_hire = wrong_hire_view(wrong, mine, money_in, roles.get(wrong_slug), roles[first])
    option_label = label(region_names, option_region, option_engagement)
    runway = runway_view(mine, money_in, burn, cash) if mine and burn else None
    summary = summary_view(
        mine,
        money_in,
        role=roles[first],
        option_label=option_label,
        inputs=inputs,
        wrong_hire=wrong_hire,
        runway=runway,
        founder=Shown(
            gettext("%(amount)s %(per)s")
            % {
                "amount": amount(pay, money_in.symbol, places=cents(pay)),
                "per": PER_WORDS[pay_per],
            },
            False,
            "founder",
        )
        if pay
        else None,
    )
    used += [c for c in (mine, wrong) if c]
    first_rows = groups[0]["rows"] if groups else []
    return {
        "version": 3,
        "empty": False,
        "currency": money_in,
        "converted": (
            gettext("converted from US dollars at %(rate)s to the dollar")
            % {"rate": amount(money_in.per_usd, money_in.symbol, places=None)}
            if money_in.code != "USD"
            else ""
        ),
        "currency_as_of": as_of(money_in.as_of),
        "hours_per_week": hours,
        "months": months,
        "seniority_words": str(SENIORITY_IN_TEXT.get(seniority, seniority)),
        "option_label": option_label,
        "founder_pay": bool(pay),
        "todays_rates": todays_rates,
        "groups": groups,
        "chart": chart_view(first_rows),
        "breakdown": breakdown_view(mine, money_in, roles[first]) if mine else None,
        "wrong_hire": wrong_hire,
        "runway": runway,
        "article": article_view(published, money_in),
        "vendor": vendor_view(published, money_in, roles),
        "runway_needs_burn": bool(cash is not None and not burn),
        "summary": summary,
        "sources": Sources(used, {slug: roles[slug] for slug in order}, region_names, money_in),
        "vendor_note": VENDOR_NOTE,
    }


def with_founder_pay(
    book: costs.Book, key: tuple[str, str, str, str], pay: Decimal, per: str, currency
) -> costs.Book:
    """The book with the founder's own figure in place of one rate: a salary or a quote,
    a month, an hour or a year, in their currency; every figure worked out from that rate
    (totals, runway, the wrong hire) follows."""
    role, region, engagement, seniority = key
    rate = book.rate(role, region, engagement, seniority)
    if rate is None:
        return book
    in_dollars = Decimal(pay) / currency.per_usd
    unit = "hour" if per == "hour" else "month"
    if per == "year":
        in_dollars /= costs.MONTHS_PER_YEAR
    mine = replace(
        rate,
        unit=unit,
        low=in_dollars,
        high=in_dollars,
        loaded=False,
        starting=False,
        estimate=False,
        source_kind="founder",
        source_name=gettext("Your own figure"),
        source_url="",
        method="",
        source_note=gettext("Your own figure: %(amount)s %(per)s.")
        % {"amount": amount(pay, currency.symbol, places=cents(pay)), "per": PER_WORDS[per]},
        base="",
        factor=Decimal(0),
    )
    return replace(book, rates=tuple(mine if r is rate else r for r in book.rates))
