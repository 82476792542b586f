"""The article's figures in context: its senior US ML engineer ($12,000–14,000 a month,
fully loaded) beside the same hire worked out from public statistics, with why the two
agree or differ; and its publisher's starting prices beside an independent figure for
the same region and work."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from advisor import costs
from advisor.costs.presenter.words import Shown, money, region_words

PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# The article's own words and figure: fixed, as the article is.
ARTICLE_ML_US = (Decimal(12000), Decimal(14000))
ARTICLE_ML_US_WORDS = (
    "“In competitive US markets, a strong ML engineer's fully loaded cost often lands in "
    "the $12,000 to $14,000 per month range once you add benefits, equipment, and overhead.”"
)


def _monthly(book: costs.Book, role: str, region: str, engagement: str, seniority: str):
    rate = book.rate(role, region, engagement, seniority)
    terms = book.terms_for(region, engagement)
    if rate is None or terms is None:
        return None
    return costs.hire_cost(rate, terms, hours_per_week=40, months=12)


def article_view(book: costs.Book, currency: costs.Currency) -> dict | None:
    """The article's US ML engineer beside a senior and a mid-level one from the book."""
    senior = _monthly(book, "ml-engineer", "us", "in-house", "senior")
    mid = _monthly(book, "ml-engineer", "us", "in-house", "mid")
    if senior is None or senior.rate.kind == "article":
        return None
    article = costs.Span(*ARTICLE_ML_US)
    shown_article = money(costs.figure(article, currency, estimate=False), currency)
    theirs = costs.priced(senior, currency)
    pay = money(costs.figure(_pay(senior), currency, estimate=senior.rate.estimate), currency)
    view = {
        "article": Shown(
            _("%(amount)s a month") % {"amount": shown_article.text}, False, "article"
        ),
        "quote": ARTICLE_ML_US_WORDS,
        "senior": money(theirs.monthly, currency),
        "senior_pay": pay,
        "why": _why(article, senior, mid, currency),
    }
    return view


def _pay(cost: costs.HireCost) -> costs.Span:
    return next(p.amount for p in cost.parts if p.key == "pay").times(
        Decimal(1) / max(cost.months - cost.hire_months, Decimal(1))
    )


def _why(article: costs.Span, senior: costs.HireCost, mid, currency) -> list:
    """Why the two agree or differ, as words and figures (each figure a `Shown`, so the
    page marks where it comes from)."""

    def said(span: costs.Span, source: str) -> Shown:
        shown = money(costs.figure(span, currency, estimate=False), currency)
        return Shown(shown.text, source == "estimate", source if source != "estimate" else "")

    senior_kind = senior.rate.kind if senior.rate.kind != "article" else "published"
    yearly = article.times(Decimal(12))
    if article.high < senior.monthly.low:
        pieces = _pieces(
            _(
                "They differ: the article's figure is %(article)s a year with benefits, "
                "equipment and overhead, less than the base pay alone that public statistics "
                "give a senior ML engineer (%(pay)s a year before on-costs)."
            ),
            article=said(yearly, "article"),
            pay=said(_pay(senior).times(Decimal(12)), senior_kind),
        )
        if mid is not None and article.high >= mid.monthly.low * Decimal("0.85"):
            pieces += _pieces(
                " "
                + _(
                    "It is closer to a mid-level hire's cost (%(mid)s a month), or to a market "
                    "below the US figures for software developers."
                ),
                mid=said(mid.monthly, "estimate" if mid.monthly_estimate else mid.rate.kind),
            )
        return pieces
    kind = "estimate" if senior.monthly_estimate else senior_kind
    if article.low > senior.monthly.high:
        words = _(
            "They differ: the article's figure is above what public statistics give a senior "
            "ML engineer, pay and on-costs together (%(senior)s a month)."
        )
    else:
        words = _(
            "They agree: the article's range overlaps what public statistics give a senior ML "
            "engineer, pay and on-costs together (%(senior)s a month)."
        )
    return _pieces(words, senior=said(senior.monthly, kind))


def _pieces(words: str, **figures: Shown) -> list:
    """A translated sentence cut at its %(name)s placeholders: its words, and each figure
    in its place, so the template can mark the figures."""
    found = []
    for i, piece in enumerate(PLACEHOLDER.split(words)):
        if i % 2:
            found.append(figures[piece])
        elif piece:
            found.append(piece)
    return found


def vendor_view(book: costs.Book, currency: costs.Currency, roles: dict) -> list[dict]:
    """Each of the article's vendor prices beside an independent hourly figure for the
    same region and work: a contractor there, from public pay statistics."""
    found = []
    for rate in book.rates:
        if rate.kind != "article" or rate.engagement != "offshore":
            continue
        other = book.rate(rate.role, rate.region, "contractor", rate.seniority)
        if other is None or other.unit != "hour":
            continue
        region = book.region(rate.region)
        found.append(
            {
                "role": roles.get(rate.role, {}).get("name", rate.role),
                "region": region_words(region.name) if region else rate.region,
                "vendor": _hourly(rate, currency),
                "independent": _hourly(other, currency),
                "independent_basis": other.source_note,
            }
        )
    return found


def _hourly(rate: costs.PayRate, currency: costs.Currency) -> Shown:
    span = costs.Span(rate.low, rate.high)
    shown = money(
        costs.figure(
            span,
            currency,
            estimate=rate.estimate,
            starting=rate.starting,
            source=rate.kind if rate.kind != "estimate" else "published",
        ),
        currency,
    )
    return Shown(_("%(amount)s an hour") % {"amount": shown.text}, shown.estimate, shown.source)
