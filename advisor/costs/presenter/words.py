"""How the cost panel puts figures into words: each figure a `Shown` (its text, and whether
it is an estimate rather than the article's), money in the founder's currency and the
active language's number format, weeks and months, shares and dates, and the names of the
regions, the ways of hiring and of seniority.

Every number on the panel is written by `number`, and every amount of money by `amount`:
Django's formats for the language (1,234.5 in English, 1.234,5 in German and Spanish), and
one rule for where the currency symbol goes (before the amount in English, after it with a
no-break space in Spanish and German)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils import formats
from django.utils.translation import (
    get_language,
    gettext,
    gettext_noop,
    ngettext,
    pgettext,
    pgettext_lazy,
)
from django.utils.translation import gettext_lazy as _

from advisor import costs

ENGAGEMENT_WORDS = {
    "in-house": _("in-house, full time"),
    "contractor": _("contractor or freelance"),
    "offshore": _("dedicated offshore, through a vendor"),
}
SHORT_ENGAGEMENT_WORDS = {
    "in-house": _("in-house"),
    "contractor": _("contractor"),
    "offshore": _("dedicated offshore"),
}
SENIORITY_WORDS = {"mid": _("Mid-level"), "senior": _("Senior")}
# The same within a sentence ("senior hires"), where English writes it in lower case.
SENIORITY_IN_TEXT = {
    "mid": pgettext_lazy("within a sentence", "mid-level"),
    "senior": pgettext_lazy("within a sentence", "senior"),
}
# The regions' names as the rates store them; a name changed in the admin shows as typed.
REGION_NAMES = (
    gettext_noop("US"),
    gettext_noop("Western Europe"),
    gettext_noop("Eastern Europe"),
    gettext_noop("Latin America"),
    gettext_noop("South Asia"),
)

KIND_WORDS = {
    "article": _("from the article"),
    "published": _("public statistics"),
    "estimate": _("estimate"),
    "founder": _("your figure"),
}
PER_WORDS = {
    "month": _("a month"),
    "hour": _("an hour"),
    "year": _("a year"),
}
# Languages that write the symbol after the amount, with a no-break space: 12.000 $.
SYMBOL_AFTER = ("es", "de")
NBSP = "\u00a0"


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


@lru_cache(maxsize=16)
def _style_of(language: str) -> tuple[dict | None, bool]:
    """How `language` writes numbers: the characters to put for Python's "," and "." when
    it groups in threes (else None: Django's formatting), and whether the currency
    symbol comes after the amount."""
    grouping = formats.get_format("NUMBER_GROUPING", language)
    swap = None
    if grouping == 3:
        thousand = formats.get_format("THOUSAND_SEPARATOR", language)
        decimal = formats.get_format("DECIMAL_SEPARATOR", language)
        swap = str.maketrans({",": thousand, ".": decimal})
    return swap, language.split("-")[0] in SYMBOL_AFTER


def _style() -> tuple[dict | None, bool]:
    return _style_of(get_language() or "en")


def number(value, places: int | None = 0, style=None) -> str:
    """A number in the active language's format, grouped: 12,000 / 12.000; `places` None
    keeps the decimals it has (42.5 / 42,5). Written by Python and its separators swapped
    for the language's: Django's own formatting, the same figures, took a third of the
    cost panel's time."""
    if places is None:
        places = places_of(value)
    swap = (style or _style())[0]
    if swap is None:
        return formats.number_format(value, places, use_l10n=True, force_grouping=True)
    return f"{value:,.{places}f}".translate(swap)


def places_of(value: Decimal) -> int:
    """The decimals a typed or stored figure has, trailing zeros dropped (42.50 → 1)."""
    return max(0, -Decimal(value).normalize().as_tuple().exponent)


def cents(value: Decimal) -> int:
    """The decimals to show an amount a founder typed with: none for whole units, else two."""
    return 0 if value == value.to_integral_value() else 2


def amount(low, symbol: str, high=None, places: int | None = 0) -> str:
    """An amount, or a range of amounts, with its currency symbol where the language puts
    it: "$12,000", "$12,000–$14,000"; "12.000 $", "12.000–14.000 $"."""
    style = _style()
    text = number(low, places, style)
    if style[1]:
        if high is not None:
            text = f"{text}–{number(high, places, style)}"
        return f"{text}{NBSP}{symbol}"
    if high is not None:
        return f"{symbol}{text}–{symbol}{number(high, places, style)}"
    return f"{symbol}{text}"


def money(figure: costs.Figure, currency: costs.Currency) -> Shown:
    symbol = currency.symbol
    if figure.starting:
        text = gettext("from %(amount)s") % {"amount": amount(figure.low, symbol)}
    elif figure.low == figure.high:
        text = amount(figure.low, symbol)
    else:
        text = amount(figure.low, symbol, figure.high)
    return Shown(text, figure.estimate, figure.source)


def region_words(name: str) -> str:
    """A region's name in the founder's language, when it is one of ours."""
    return gettext(name) if name else name


def whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def one_place(value: Decimal) -> str:
    """To one decimal, without a trailing zero: "1.5", "2"; "1,5" in German."""
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number(rounded, 0 if rounded == rounded.to_integral_value() else 1)


def weeks_words(weeks: Decimal, about: bool = True) -> str:
    """E.g. "about 6 weeks", "about 3 months"; without `about`, "6 weeks"."""
    if weeks <= 1:
        return gettext("about a week") if about else gettext("a week")
    if weeks < 8:
        n = whole(weeks)
        if about:
            return ngettext("about %(n)s week", "about %(n)s weeks", n) % {"n": n}
        return ngettext("%(n)s week", "%(n)s weeks", n) % {"n": n}
    n = whole(weeks / costs.WEEKS_PER_MONTH)
    if about:
        return ngettext("about %(n)s month", "about %(n)s months", n) % {"n": n}
    return ngettext("%(n)s month", "%(n)s months", n) % {"n": n}


def span_weeks_words(span: costs.Span) -> str:
    """E.g. "3–6 weeks" or "about 7–13 months"."""
    if span.high < 8:
        low, high, months = whole(span.low), whole(span.high), False
    else:
        low = whole(span.low / costs.WEEKS_PER_MONTH)
        high = whole(span.high / costs.WEEKS_PER_MONTH)
        months = True
    if low == high:
        if months:
            return ngettext("about %(n)s month", "about %(n)s months", low) % {"n": low}
        return ngettext("about %(n)s week", "about %(n)s weeks", low) % {"n": low}
    values = {"low": low, "high": high}
    if months:
        return ngettext("%(low)s–%(high)s month", "%(low)s–%(high)s months", high) % values
    return ngettext("%(low)s–%(high)s week", "%(low)s–%(high)s weeks", high) % values


def months_words(months: Decimal) -> str:
    """E.g. "1 month", "1.5 months"; a fraction counts as plural."""
    text = one_place(months)
    count = 1 if text == "1" else 2
    return ngettext("%(n)s month", "%(n)s months", count) % {"n": text}


def span_months(low: Decimal, high: Decimal) -> str:
    """E.g. "14.2–15.1 months"; one figure when both round alike."""
    a, b = one_place(low), one_place(high)
    if a == b:
        return months_words(low)
    return gettext("%(low)s–%(high)s months") % {"low": a, "high": b}


def percent(share: Decimal) -> str:
    """A share as a percentage: "9.7%"; "9,7 %" in Spanish and German."""
    return percent_text(one_place(share * 100))


def percent_text(text: str) -> str:
    return f"{text}{NBSP}%" if _style()[1] else f"{text}%"


def per_words(per: str) -> str:
    return str(PER_WORDS[per])


def as_of(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def mark(kind: str) -> tuple[str, str]:
    """The short mark and its title for a figure that is not from public statistics."""
    if kind == "estimate":
        return pgettext("figure mark", "est."), gettext(
            "An estimate, worked out by the method on the sources page"
        )
    if kind == "article":
        return pgettext("figure mark", "article"), gettext("The article's own figure")
    if kind == "founder":
        return pgettext("figure mark", "yours"), gettext("The figure you typed")
    return "", ""
