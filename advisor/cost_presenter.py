"""The cost panel of results from snapshot version 3 on: the rates a result was made with
(or today's) and the founder's inputs, turned into the rows, chart, wrong hire, runway and
summary the page shows. No database access; the arithmetic is `costs`.

Every figure is a `Shown`: its text, and whether it is an estimate rather than the
article's, so the template can mark it wherever it appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from advisor import costs

ENGAGEMENT_WORDS = {
    "in-house": "in-house, full time",
    "contractor": "contractor or freelance",
    "offshore": "dedicated offshore, through a vendor",
}
SHORT_ENGAGEMENT_WORDS = {
    "in-house": "in-house",
    "contractor": "contractor",
    "offshore": "dedicated offshore",
}
SENIORITY_WORDS = {"mid": "Mid-level", "senior": "Senior"}
TERMS_WORDS = {
    "in-house": "Hiring in-house",
    "contractor": "Hiring a contractor",
    "offshore": "Hiring through a vendor",
}
VENDOR_NOTE = (
    "The article's offshore prices come from its publisher, AdSnipper, a vendor that "
    "places offshore specialists: a seller's starting prices, not a survey."
)
USD = costs.Currency("USD", "$", Decimal(1))


@dataclass(frozen=True)
class Shown:
    text: str
    estimate: bool = False


def money(figure: costs.Figure, currency: costs.Currency) -> Shown:
    symbol = currency.symbol
    if figure.starting:
        text = f"from {symbol}{figure.low:,}"
    elif figure.low == figure.high:
        text = f"{symbol}{figure.low:,}"
    else:
        text = f"{symbol}{figure.low:,}–{symbol}{figure.high:,}"
    return Shown(text, figure.estimate)


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _one_place(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"
    return text.removesuffix(".0")


def weeks_words(weeks: Decimal) -> str:
    if weeks <= 1:
        return "about a week"
    if weeks < 8:
        return f"about {_whole(weeks)} weeks"
    return f"about {_whole(weeks / costs.WEEKS_PER_MONTH)} months"


def span_weeks_words(span: costs.Span) -> str:
    """E.g. "3–6 weeks" or "about 7–13 months"."""
    if span.high < 8:
        low, high, unit = _whole(span.low), _whole(span.high), "weeks"
    else:
        low = _whole(span.low / costs.WEEKS_PER_MONTH)
        high = _whole(span.high / costs.WEEKS_PER_MONTH)
        unit = "months"
    if low == high:
        return f"about {low} {unit if low != 1 else unit[:-1]}"
    return f"{low}–{high} {unit}"


def months_words(months: Decimal) -> str:
    text = _one_place(months)
    return f"{text} month{'' if text == '1' else 's'}"


def _percent(share: Decimal) -> str:
    return f"{_one_place(share * 100)}%"


def _as_of(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def default_compare(book: costs.Book) -> tuple[str, ...]:
    """The regions shown alongside unless the founder chooses: where the article's own
    offshore figures sit, so they are on the page from the start."""
    return tuple(
        dict.fromkeys(r.region for r in book.rates if r.engagement == "offshore" and not r.estimate)
    )


def _hire(
    book: costs.Book, role: str, region: str, engagement: str, inputs: dict
) -> costs.HireCost | None:
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
    todays_rates: bool = False,
    **_ignored,
) -> dict:
    """Everything the cost panel and the summary card show, from `book` (the rates stored
    with the result, or today's) and the founder's inputs."""
    roles = {r["slug"]: r for r in snapshot["roles"]}
    first = snapshot["outcome"]["first_hire"]
    order = [first] + [slug for slug in roles if slug != first]
    money_in = book.currency(currency) or book.currency("USD") or USD
    inputs = {"seniority": seniority, "hours": hours, "months": months}
    region_names = {r.slug: r.name for r in book.regions}
    option_region, option_engagement = option
    if not book.offers(option_region, option_engagement):
        return {"version": 3, "empty": True, "months": months, "hours_per_week": hours}

    def label(region: str, engagement: str) -> str:
        return f"{region_names.get(region, region)}, {ENGAGEMENT_WORDS[engagement]}"

    shown_regions = [r.slug for r in book.regions if r.slug == option_region or r.slug in compare]
    groups, used = [], []
    for slug in order:
        rows = []
        for region in shown_regions:
            for engagement in costs.ENGAGEMENTS:
                if not book.offers(region, engagement) or show not in ("all", engagement):
                    continue
                cost = _hire(book, slug, region, engagement, inputs)
                is_option = slug == first and (region, engagement) == option
                short = f"{region_names[region]}, {SHORT_ENGAGEMENT_WORDS[engagement]}"
                rows.append(_row(cost, money_in, label(region, engagement), short, is_option))
                if cost:
                    used.append(cost)
        groups.append({"role": roles[slug], "is_first": slug == first, "rows": rows})

    mine = _hire(book, first, option_region, option_engagement, inputs)
    wrong_slug = next((slug for slug in order if slug != first), None)
    wrong = wrong_slug and _hire(book, wrong_slug, option_region, option_engagement, inputs)
    wrong_hire = _wrong_hire(wrong, mine, money_in, roles.get(wrong_slug), roles[first])
    summary = _summary(book, first, option_region, inputs, money_in, region_names, wrong_hire)
    used += [c for c in (mine, wrong) if c]
    first_rows = groups[0]["rows"] if groups else []
    return {
        "version": 3,
        "empty": False,
        "currency": money_in,
        "converted": (
            f"converted from US dollars at {money_in.symbol}{money_in.per_usd.normalize():f} "
            f"to the dollar"
            if money_in.code != "USD"
            else ""
        ),
        "currency_as_of": _as_of(money_in.as_of),
        "hours_per_week": hours,
        "months": months,
        "seniority_words": SENIORITY_WORDS.get(seniority, seniority).lower(),
        "option_label": label(option_region, option_engagement),
        "todays_rates": todays_rates,
        "groups": groups,
        "chart": _chart(first_rows),
        "breakdown": _breakdown(mine, money_in, roles[first]) if mine else None,
        "wrong_hire": wrong_hire,
        "runway": _runway(mine, money_in, burn, cash) if mine and burn else None,
        "runway_needs_burn": bool(cash is not None and not burn),
        "summary": summary,
        "sources": _sources(used, {slug: roles[slug] for slug in order}, region_names, money_in),
        "vendor_note": VENDOR_NOTE,
    }


def _row(
    cost: costs.HireCost | None, currency, label: str, short_label: str, is_option: bool
) -> dict:
    if cost is None:
        return {"label": label, "is_option": is_option, "missing": True}
    shown = costs.priced(cost, currency)
    per_productive = (
        money(shown.per_productive_month, currency)
        if shown.per_productive_month
        else Shown(f"none within {cost.months} months", cost.per_productive_month_estimate)
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


CHART_WIDTH = 600
CHART_ROW = 48
CHART_SEGMENTS = (
    ("running", "pay and on-costs"),
    ("once", "recruiting and equipment"),
    ("vacancy", "the empty seat while hiring"),
)


def _chart(rows: list[dict]) -> dict:
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
        for key, _ in CHART_SEGMENTS:
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


def _breakdown(cost: costs.HireCost, currency: costs.Currency, role: dict) -> dict:
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
            f"taxes and benefits, {_percent(terms.on_costs)} of pay"
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
        said.append(f"{_percent(terms.recruiting_share)} of first-year pay")
    if terms.recruiting_fee:
        fee = costs.convert(terms.recruiting_fee, currency)
        said.append(f"a fee of {currency.symbol}{fee:,}")
    if not said:
        return "no fee assumed"
    return " and ".join(said) + ", once"


def _wrong_hire(wrong, right, currency, wrong_role, right_role) -> dict | None:
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


def _summary(book, first, region, inputs, currency, region_names, wrong_hire) -> list[dict]:
    """The summary card: the first hire's monthly cost in-house and dedicated offshore in
    the chosen region (offshore from the region that offers it for least, when this one
    does not), and the wrong hire."""
    items = []
    seniority = SENIORITY_WORDS.get(inputs["seniority"], "").lower()
    in_house = _hire(book, first, region, "in-house", inputs)
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
            and (cost := _hire(book, first, r.slug, "offshore", inputs))
        ]
        offshore_region = min(candidates)[1] if candidates else None
    offshore = offshore_region and _hire(book, first, offshore_region, "offshore", inputs)
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
        items.append({"label": "The wrong hire", "value": wrong_hire["total"]})
    return items


def _runway(cost: costs.HireCost, currency, burn: int, cash: int | None) -> dict:
    runway = costs.runway(cost, currency, burn=burn, cash=cash)
    estimate = cost.monthly_estimate or (cash is not None and cost.cash_estimate)
    share = runway.share_of_burn
    low, high = _whole(share.low), _whole(share.high)
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
    a, b = _one_place(low), _one_place(high)
    return months_words(low) if a == b else f"{a}–{b} months"


def _sources(used, roles, region_names, currency) -> list[dict]:
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
                "as_of": _as_of(rate.as_of),
                "as_of_text": rate.as_of,
                "estimate": rate.estimate,
            }
        )
    for t in sorted(terms.values(), key=place):
        where = region_names.get(t.region, t.region)
        items.append(
            {
                "title": f"{TERMS_WORDS[t.engagement]} in {where}",
                "figure": _terms_words(t),
                "note": t.source_note,
                "as_of": _as_of(t.as_of),
                "as_of_text": t.as_of,
                "estimate": t.estimate or t.hire_time_estimate,
            }
        )
    if currency.code != "USD":
        items.append(
            {
                "title": f"{currency.code} exchange rate",
                "figure": f"{currency.symbol}{currency.per_usd.normalize():f} to the US dollar",
                "note": currency.source_note,
                "as_of": _as_of(currency.as_of),
                "as_of_text": currency.as_of,
                "estimate": False,
            }
        )
    return items


def _rate_words(rate: costs.PayRate) -> str:
    def dollars(value: Decimal) -> str:
        return f"${value.normalize():,f}" if rate.unit == "hour" else f"${_whole(value):,}"

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
    said = [
        f"on-costs {_percent(terms.on_costs)} of pay",
        f"recruiting {_percent(terms.recruiting_share)} of first-year pay"
        + (f" and ${_whole(terms.recruiting_fee):,}" if terms.recruiting_fee else ""),
        f"equipment ${_whole(terms.equipment):,}",
        f"{weeks_words(terms.weeks_to_hire)} to hire",
        f"{weeks_words(terms.ramp_up_weeks).removeprefix('about ')} to full speed",
    ]
    return "; ".join(said)
