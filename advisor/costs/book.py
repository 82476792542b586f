"""What the costs are worked out from, as stored with a result: regions, the terms of
hiring one way in one region, pay rates, currencies and each role's time to value,
gathered in a `Book`; and the book as plain JSON data, to store and read back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from functools import cached_property

from advisor.costs.oncosts import Country, country_data, country_from_data

ENGAGEMENTS = ("in-house", "contractor", "offshore")
SENIORITIES = ("mid", "senior")
KINDS = ("article", "published", "estimate", "founder")


@dataclass(frozen=True)
class PayRate:
    """What one role costs in one region, one way of hiring, at one seniority: a monthly
    figure for an employee, an hourly one for contractors and vendors."""

    role: str
    region: str
    engagement: str  # one of ENGAGEMENTS
    seniority: str  # one of SENIORITIES
    unit: str  # "month" or "hour"
    low: Decimal
    high: Decimal
    loaded: bool = False  # a monthly figure that already holds on-costs and equipment
    starting: bool = False  # a starting price: shown as "from"
    source_note: str = ""
    as_of: str = ""
    estimate: bool = True
    # Where the figure comes from (books stored before these fields have none: `kind`
    # then follows `estimate`): the article, a cited public source, an estimate by a
    # stated method, or the founder's own figure.
    source_kind: str = ""
    source_name: str = ""
    source_url: str = ""
    method: str = ""
    base: str = ""  # "role/region/engagement/seniority" of the rate this one follows
    factor: Decimal = Decimal(0)  # times the base figure; 0 when not derived

    @property
    def kind(self) -> str:
        if self.source_kind in KINDS:
            return self.source_kind
        return "estimate" if self.estimate else "article"

    @property
    def key(self) -> str:
        return f"{self.role}/{self.region}/{self.engagement}/{self.seniority}"


@dataclass(frozen=True)
class Terms:
    """How hiring one way works in one region: what comes on top of pay, and how long
    it takes. `estimate` covers the money factors and the ramp-up; the time to hire has
    its own flag, as the article gives some of those."""

    region: str
    engagement: str
    on_costs: Decimal  # employer taxes and benefits, a share of pay
    recruiting_share: Decimal  # a recruiting fee, a share of first-year pay
    recruiting_fee: Decimal  # a fixed fee once (a vendor's), dollars
    equipment: Decimal  # once, at the start, dollars
    weeks_to_hire: Decimal
    ramp_up_weeks: Decimal  # from the start to full productivity
    source_note: str = ""
    as_of: str = ""
    estimate: bool = True
    hire_time_estimate: bool = True
    # The named countries the region is built from, each with its employer contributions:
    # with them, `on_costs` is only what comes on top (benefits the law does not require).
    countries: tuple[Country, ...] = ()


@dataclass(frozen=True)
class Region:
    slug: str
    name: str


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str
    per_usd: Decimal  # units of this currency for one US dollar
    as_of: str = ""
    source_note: str = ""


@dataclass(frozen=True)
class TimeToValue:
    """A role's own time to first value once at full speed, in weeks (the article's
    table: AI engineers days to weeks, ML engineers weeks to months)."""

    role: str
    low_weeks: int
    high_weeks: int
    words: str = ""


@dataclass(frozen=True)
class Book:
    """Everything the costs are worked out from, as stored with a result."""

    regions: tuple[Region, ...] = ()
    terms: tuple[Terms, ...] = ()
    rates: tuple[PayRate, ...] = ()
    currencies: tuple[Currency, ...] = ()
    times_to_value: tuple[TimeToValue, ...] = ()

    def rate(self, role: str, region: str, engagement: str, seniority: str) -> PayRate | None:
        return self._rates.get((role, region, engagement, seniority))

    def terms_for(self, region: str, engagement: str) -> Terms | None:
        return self._terms.get((region, engagement))

    def currency(self, code: str) -> Currency | None:
        return next((c for c in self.currencies if c.code == code), None)

    def region(self, slug: str) -> Region | None:
        return next((r for r in self.regions if r.slug == slug), None)

    def time_to_value(self, role: str) -> TimeToValue:
        found = next((t for t in self.times_to_value if t.role == role), None)
        return found or TimeToValue(role, 0, 0)

    def offers(self, region: str, engagement: str) -> bool:
        """Whether a founder can hire this way here: terms and at least one rate."""
        return (region, engagement) in self._offered

    @cached_property
    def options(self) -> tuple[tuple[str, str], ...]:
        """Every (region, engagement) a founder can price, regions and ways in order."""
        return tuple(
            (r.slug, e) for r in self.regions for e in ENGAGEMENTS if (r.slug, e) in self._offered
        )

    @cached_property
    def _offered(self) -> frozenset[tuple[str, str]]:
        rated = {(r.region, r.engagement) for r in self.rates}
        return frozenset(key for key in self._terms if key in rated)

    @cached_property
    def _rates(self) -> dict:
        return {(r.role, r.region, r.engagement, r.seniority): r for r in self.rates}

    @cached_property
    def _terms(self) -> dict:
        return {(t.region, t.engagement): t for t in self.terms}


def book_data(book: Book) -> dict:
    def plain(item) -> dict:
        return {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in asdict(item).items()
        }

    def terms(t: Terms) -> dict:
        data = plain(t)
        data["countries"] = [country_data(c) for c in t.countries]
        return data

    return {
        "regions": [plain(r) for r in book.regions],
        "terms": [terms(t) for t in book.terms],
        "rates": [plain(r) for r in book.rates],
        "currencies": [plain(c) for c in book.currencies],
        "times_to_value": [plain(t) for t in book.times_to_value],
    }


def book_from_data(data: dict) -> Book:
    def read(kind, items) -> tuple:
        decimals = {f.name for f in fields(kind) if f.type in ("Decimal", Decimal)}
        return tuple(
            kind(
                **{
                    k: Decimal(v)
                    if k in decimals
                    else tuple(country_from_data(c) for c in v)
                    if k == "countries"
                    else v
                    for k, v in item.items()
                }
            )
            for item in items
        )

    return Book(
        regions=read(Region, data.get("regions", [])),
        terms=read(Terms, data.get("terms", [])),
        rates=read(PayRate, data.get("rates", [])),
        currencies=read(Currency, data.get("currencies", [])),
        times_to_value=read(TimeToValue, data.get("times_to_value", [])),
    )


def book_digest(data: dict) -> str:
    """Changes whenever anything the costs are worked out from changes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
