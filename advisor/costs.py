"""Cost arithmetic for the result page: pure Python on plain data, no Django.

Two generations: `Rate`/`estimate`/`mishire` price results made with snapshot versions
1 and 2 (US in-house against offshore); `PayRate`/`hire_cost`/`priced` price the whole
cost of a hire by region, way of hiring and seniority, for results from version 3 on.

An hourly rate becomes a monthly one over the founder's hours a week (52 weeks over 12
months); a monthly rate is a full-time figure and does not shrink with fewer hours.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
MISHIRE_MONTHS = 3  # "a quarter of misdirected work"
HOURS_RANGE = (5, 60)
MONTHS_RANGE = (1, 36)


@dataclass(frozen=True)
class Rate:
    role: str
    sourcing: str  # "in-house" or "offshore"
    unit: str  # "month" or "hour"
    low: Decimal
    high: Decimal
    weeks_to_hire: int
    source_note: str = ""
    as_of: str = ""
    estimate: bool = False


@dataclass(frozen=True)
class Estimate:
    rate: Rate
    hours_per_week: int
    months: int
    monthly_low: int
    monthly_high: int
    total_low: int
    total_high: int

    @property
    def role(self) -> str:
        return self.rate.role

    @property
    def sourcing(self) -> str:
        return self.rate.sourcing


@dataclass(frozen=True)
class Mishire:
    wrong_role: str
    months: int
    low: int
    high: int
    weeks_lost_to_rehire: int


def _dollars(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def monthly(rate: Rate, amount: Decimal, hours_per_week: int) -> Decimal:
    """Unrounded: totals are rounded once, after multiplying by the months."""
    if rate.unit == "hour":
        return amount * hours_per_week * WEEKS_PER_MONTH
    return amount


def estimate(rate: Rate, *, hours_per_week: int = 40, months: int = 12) -> Estimate:
    if not HOURS_RANGE[0] <= hours_per_week <= HOURS_RANGE[1]:
        raise ValueError(f"hours a week must be {HOURS_RANGE[0]}–{HOURS_RANGE[1]}")
    if not MONTHS_RANGE[0] <= months <= MONTHS_RANGE[1]:
        raise ValueError(f"months must be {MONTHS_RANGE[0]}–{MONTHS_RANGE[1]}")
    low = monthly(rate, rate.low, hours_per_week)
    high = monthly(rate, rate.high, hours_per_week)
    return Estimate(
        rate,
        hours_per_week,
        months,
        _dollars(low),
        _dollars(high),
        _dollars(low * months),
        _dollars(high * months),
    )


def mishire(wrong: Estimate, *, rehire_weeks: int) -> Mishire:
    """A quarter of the wrong hire's pay, plus the weeks lost finding the right one."""
    return Mishire(
        wrong_role=wrong.role,
        months=MISHIRE_MONTHS,
        low=wrong.monthly_low * MISHIRE_MONTHS,
        high=wrong.monthly_high * MISHIRE_MONTHS,
        weeks_lost_to_rehire=rehire_weeks,
    )


# The whole cost of a hire (results from snapshot version 3 on).
#
# Money is worked out in US dollars as exact Decimals (the rates are stored in dollars)
# and turned into the founder's currency and rounded once, figure by figure, by `priced`.
# A hire's cost over the founder's horizon is made of parts: pay, employer on-costs,
# recruiting and equipment are cash; the empty seat while hiring is the work not done,
# valued at what the role costs a month. Time is in weeks where the data gives weeks and
# in months for the horizon, 52 weeks to 12 months.

ENGAGEMENTS = ("in-house", "contractor", "offshore")
SENIORITIES = ("mid", "senior")
BURN_RANGE = (100, 100_000_000)
CASH_RANGE = (0, 10_000_000_000)
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Span:
    """A range, low to high."""

    low: Decimal
    high: Decimal

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def times(self, factor: Decimal) -> Span:
        return Span(self.low * factor, self.high * factor)


ZERO = Span(Decimal(0), Decimal(0))


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


@dataclass(frozen=True)
class Part:
    key: str  # "pay", "on-costs", "recruiting", "equipment" or "vacancy"
    amount: Span
    estimate: bool
    included: bool = False  # already inside a fully loaded figure


@dataclass(frozen=True)
class HireCost:
    """One hire over the founder's horizon, in exact dollars."""

    rate: PayRate
    terms: Terms
    hours_per_week: int
    months: int
    monthly: Span  # once hired: pay and on-costs
    monthly_estimate: bool
    parts: tuple[Part, ...]  # cash over the horizon
    vacancy: Part  # the empty seat while hiring, within the horizon
    hire_months: Decimal
    ramp_months: Decimal
    productive_months: Decimal  # at full speed, after hiring and ramp-up
    first_value_weeks: Span  # hiring, ramp-up and the role's own time to value

    @property
    def cash(self) -> Span:
        total = ZERO
        for part in self.parts:
            total += part.amount
        return total

    @property
    def cash_estimate(self) -> bool:
        # A part that adds nothing cannot make the total an estimate.
        return any(p.estimate for p in self.parts if p.amount.high)

    @property
    def whole(self) -> Span:
        return self.cash + self.vacancy.amount

    @property
    def one_off(self) -> Span:
        """Paid once, when the hire starts: recruiting and equipment."""
        total = ZERO
        for part in self.parts:
            if part.key in ("recruiting", "equipment"):
                total += part.amount
        return total

    @property
    def per_productive_month(self) -> Span | None:
        """The cash over the horizon for each month of full-speed work in it."""
        if self.productive_months <= 0:
            return None
        return Span(self.cash.low / self.productive_months, self.cash.high / self.productive_months)

    @property
    def per_productive_month_estimate(self) -> bool:
        return self.cash_estimate or self.terms.estimate or self.terms.hire_time_estimate

    @property
    def first_value_estimate(self) -> bool:
        return self.terms.estimate or self.terms.hire_time_estimate


def _check(hours_per_week: int, months: int) -> None:
    if not HOURS_RANGE[0] <= hours_per_week <= HOURS_RANGE[1]:
        raise ValueError(f"hours a week must be {HOURS_RANGE[0]}–{HOURS_RANGE[1]}")
    if not MONTHS_RANGE[0] <= months <= MONTHS_RANGE[1]:
        raise ValueError(f"months must be {MONTHS_RANGE[0]}–{MONTHS_RANGE[1]}")


def hire_cost(
    rate: PayRate,
    terms: Terms,
    *,
    hours_per_week: int = 40,
    months: int = 12,
    time_to_value: TimeToValue | None = None,
) -> HireCost:
    """The whole cost of one hire over `months`, part by part.

    The hire starts once found (`weeks_to_hire`) and is paid from then on; recruiting
    and equipment are paid then, once, and only if that is within the horizon. The
    empty seat before then is valued at what the role costs a month once hired."""
    _check(hours_per_week, months)
    if rate.unit == "hour":
        pay = Span(rate.low, rate.high).times(hours_per_week * WEEKS_PER_MONTH)
    else:
        pay = Span(rate.low, rate.high)
    one = Decimal(1)
    if rate.loaded:
        # The figure holds on-costs and equipment already: split it to show the parts.
        base = Span(pay.low / (one + terms.on_costs), pay.high / (one + terms.on_costs))
        on_costs = Span(pay.low - base.low, pay.high - base.high)
        monthly_estimate = rate.estimate
        split_estimate = rate.estimate or terms.estimate
    else:
        base = pay
        on_costs = pay.times(terms.on_costs)
        monthly_estimate = rate.estimate or (terms.estimate and terms.on_costs != 0)
        split_estimate = rate.estimate
    monthly = base + on_costs

    horizon = Decimal(months)
    hire_months = Decimal(terms.weeks_to_hire) / WEEKS_PER_MONTH
    ramp_months = Decimal(terms.ramp_up_weeks) / WEEKS_PER_MONTH
    paid_months = max(Decimal(0), horizon - hire_months)
    productive_months = max(Decimal(0), horizon - hire_months - ramp_months)
    starts = paid_months > 0
    hire_time_estimate = terms.hire_time_estimate and terms.weeks_to_hire > 0

    first_year = base.times(Decimal(MONTHS_PER_YEAR))
    recruiting = first_year.times(terms.recruiting_share) + Span(
        terms.recruiting_fee, terms.recruiting_fee
    )
    equipment = ZERO if rate.loaded else Span(terms.equipment, terms.equipment)
    parts = (
        Part("pay", base.times(paid_months), split_estimate or hire_time_estimate),
        Part(
            "on-costs",
            on_costs.times(paid_months),
            terms.estimate or rate.estimate or hire_time_estimate,
        ),
        Part(
            "recruiting",
            recruiting if starts else ZERO,
            terms.estimate or (terms.recruiting_share != 0 and rate.estimate),
        ),
        Part("equipment", equipment if starts else ZERO, terms.estimate, included=rate.loaded),
    )
    # Valuing an empty seat at the role's monthly cost is a rule of thumb, not the
    # article's: always an estimate.
    vacancy = Part("vacancy", monthly.times(min(horizon, hire_months)), True)
    value = time_to_value or TimeToValue(rate.role, 0, 0)
    lead = Decimal(terms.weeks_to_hire) + Decimal(terms.ramp_up_weeks)
    return HireCost(
        rate=rate,
        terms=terms,
        hours_per_week=hours_per_week,
        months=months,
        monthly=monthly,
        monthly_estimate=monthly_estimate,
        parts=parts,
        vacancy=vacancy,
        hire_months=hire_months,
        ramp_months=ramp_months,
        productive_months=productive_months,
        first_value_weeks=Span(lead + value.low_weeks, lead + value.high_weeks),
    )


@dataclass(frozen=True)
class WrongHire:
    """The article's "a quarter of misdirected work" with the wrong role, then the
    search for the right one, with its seat empty meanwhile."""

    misdirected: Span
    vacancy: Span
    months: int
    rehire_weeks: Decimal
    misdirected_estimate: bool  # the wrong role's monthly cost is an estimate

    @property
    def total(self) -> Span:
        return self.misdirected + self.vacancy


def wrong_hire(wrong: HireCost, right: HireCost) -> WrongHire:
    """Both hires priced the same way (region, way of hiring, seniority, hours)."""
    return WrongHire(
        misdirected=wrong.monthly.times(Decimal(MISHIRE_MONTHS)),
        vacancy=right.monthly.times(right.hire_months),
        months=MISHIRE_MONTHS,
        rehire_weeks=Decimal(right.terms.weeks_to_hire),
        misdirected_estimate=wrong.monthly_estimate,
    )


# Into the founder's currency: each figure converted from its exact dollar amount and
# rounded once; a total is the sum of its rounded parts, so the parts shown add up.


def convert(amount: Decimal, currency: Currency) -> int:
    return _dollars(amount * currency.per_usd)


@dataclass(frozen=True)
class Figure:
    """A range in whole units of the founder's currency, as shown."""

    low: int
    high: int
    estimate: bool = False
    starting: bool = False  # from a starting price: "from"

    def __add__(self, other: Figure) -> Figure:
        return Figure(
            self.low + other.low,
            self.high + other.high,
            self.estimate or (other.estimate and bool(other.high)),
            self.starting or other.starting,
        )


def figure(span: Span, currency: Currency, *, estimate: bool, starting: bool = False) -> Figure:
    return Figure(convert(span.low, currency), convert(span.high, currency), estimate, starting)


@dataclass(frozen=True)
class PricedHire:
    """A `HireCost` in the founder's currency."""

    cost: HireCost
    currency: Currency
    monthly: Figure
    parts: tuple[tuple[Part, Figure], ...]
    cash: Figure
    vacancy: Figure
    whole: Figure
    per_productive_month: Figure | None


def priced(cost: HireCost, currency: Currency) -> PricedHire:
    starting = cost.rate.starting
    parts = tuple(
        (p, figure(p.amount, currency, estimate=p.estimate, starting=starting)) for p in cost.parts
    )
    cash = Figure(0, 0, False, starting)
    for _, shown in parts:
        cash += shown
    vacancy = figure(cost.vacancy.amount, currency, estimate=True, starting=starting)
    per_productive = cost.per_productive_month
    return PricedHire(
        cost=cost,
        currency=currency,
        monthly=figure(cost.monthly, currency, estimate=cost.monthly_estimate, starting=starting),
        parts=parts,
        cash=cash,
        vacancy=vacancy,
        whole=cash + vacancy,
        per_productive_month=(
            figure(
                per_productive,
                currency,
                estimate=cost.per_productive_month_estimate,
                starting=starting,
            )
            if per_productive is not None
            else None
        ),
    )


@dataclass(frozen=True)
class PricedWrongHire:
    misdirected: Figure
    vacancy: Figure
    total: Figure
    months: int
    rehire_weeks: Decimal


def priced_wrong_hire(wrong: WrongHire, currency: Currency, *, starting: bool) -> PricedWrongHire:
    misdirected = figure(
        wrong.misdirected, currency, estimate=wrong.misdirected_estimate, starting=starting
    )
    # The empty seat is valued by a rule of thumb, not the article's: always an estimate.
    vacancy = figure(wrong.vacancy, currency, estimate=True, starting=starting)
    return PricedWrongHire(
        misdirected, vacancy, misdirected + vacancy, wrong.months, wrong.rehire_weeks
    )


# Runway: the founder's burn and cash, in their currency.


def runway_with_hire(
    *, cash: Decimal, burn: Decimal, monthly: Decimal, one_off: Decimal, start: Decimal
) -> Decimal:
    """Months until the cash runs out, when a hire starts `start` months from now,
    costing `one_off` then and `monthly` from then on, on top of `burn`."""
    if burn <= 0:
        raise ValueError("the monthly burn must be above zero")
    if cash <= burn * start:
        return cash / burn  # the money runs out before the hire starts
    left = cash - burn * start - one_off
    if left <= 0:
        return start
    return start + left / (burn + monthly)


@dataclass(frozen=True)
class Runway:
    share_of_burn: Span  # per cent of the monthly burn, once hired
    months_now: Decimal | None  # without the hire; None without cash
    months_with: Span | None  # with the hire (low cost gives the longer runway)

    @property
    def shortened_by(self) -> Span | None:
        if self.months_now is None or self.months_with is None:
            return None
        return Span(self.months_now - self.months_with.low, self.months_now - self.months_with.high)


def runway(cost: HireCost, currency: Currency, *, burn: int, cash: int | None) -> Runway:
    """What the hire does to the founder's burn and runway, `burn` and `cash` being in
    `currency`. `shortened_by.low` comes from the hire's low figures."""
    if not BURN_RANGE[0] <= burn <= BURN_RANGE[1]:
        raise ValueError(f"the monthly burn must be {BURN_RANGE[0]}–{BURN_RANGE[1]}")
    burn_d = Decimal(burn)
    monthly = cost.monthly.times(currency.per_usd)
    share = monthly.times(Decimal(100) / burn_d)
    if cash is None:
        return Runway(share, None, None)
    if not CASH_RANGE[0] <= cash <= CASH_RANGE[1]:
        raise ValueError(f"cash must be {CASH_RANGE[0]}–{CASH_RANGE[1]}")
    one_off = cost.one_off.times(currency.per_usd)
    cash_d = Decimal(cash)

    def with_hire(monthly_cost: Decimal, once: Decimal) -> Decimal:
        return runway_with_hire(
            cash=cash_d, burn=burn_d, monthly=monthly_cost, one_off=once, start=cost.hire_months
        )

    return Runway(
        share,
        cash_d / burn_d,
        Span(with_hire(monthly.low, one_off.low), with_hire(monthly.high, one_off.high)),
    )


# A `Book` as plain JSON data, to store with a result and read back.


def book_data(book: Book) -> dict:
    def plain(item) -> dict:
        return {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in asdict(item).items()
        }

    return {
        "regions": [plain(r) for r in book.regions],
        "terms": [plain(t) for t in book.terms],
        "rates": [plain(r) for r in book.rates],
        "currencies": [plain(c) for c in book.currencies],
        "times_to_value": [plain(t) for t in book.times_to_value],
    }


def book_from_data(data: dict) -> Book:
    def read(kind, items) -> tuple:
        decimals = {f.name for f in fields(kind) if f.type in ("Decimal", Decimal)}
        return tuple(
            kind(**{k: Decimal(v) if k in decimals else v for k, v in item.items()})
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
