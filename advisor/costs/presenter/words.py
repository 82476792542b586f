"""How the cost panel puts figures into words: each figure a `Shown` (its text, and whether
it is an estimate rather than the article's), money in the founder's currency, weeks and
months, shares and dates, and the names of the ways of hiring and of seniority."""

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


KIND_WORDS = {
    "article": "from the article",
    "published": "public statistics",
    "estimate": "estimate",
    "founder": "your figure",
}


@dataclass(frozen=True)
class Shown:
    """A figure as shown: its text, whether it is an estimate, and where it comes from
    ("article", "published" or "founder"; marked `data-source` on the page)."""

    text: str
    estimate: bool = False
    source: str = ""

    @property
    def kind(self) -> str:
        return "estimate" if self.estimate else (self.source or "published")


def money(figure: costs.Figure, currency: costs.Currency) -> Shown:
    symbol = currency.symbol
    if figure.starting:
        text = f"from {symbol}{figure.low:,}"
    elif figure.low == figure.high:
        text = f"{symbol}{figure.low:,}"
    else:
        text = f"{symbol}{figure.low:,}–{symbol}{figure.high:,}"
    return Shown(text, figure.estimate, figure.source)


def whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def one_place(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"
    return text.removesuffix(".0")


def weeks_words(weeks: Decimal) -> str:
    if weeks <= 1:
        return "about a week"
    if weeks < 8:
        return f"about {whole(weeks)} weeks"
    return f"about {whole(weeks / costs.WEEKS_PER_MONTH)} months"


def span_weeks_words(span: costs.Span) -> str:
    """E.g. "3–6 weeks" or "about 7–13 months"."""
    if span.high < 8:
        low, high, unit = whole(span.low), whole(span.high), "weeks"
    else:
        low = whole(span.low / costs.WEEKS_PER_MONTH)
        high = whole(span.high / costs.WEEKS_PER_MONTH)
        unit = "months"
    if low == high:
        return f"about {low} {unit if low != 1 else unit[:-1]}"
    return f"{low}–{high} {unit}"


def months_words(months: Decimal) -> str:
    text = one_place(months)
    return f"{text} month{'' if text == '1' else 's'}"


def percent(share: Decimal) -> str:
    return f"{one_place(share * 100)}%"


def as_of(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
