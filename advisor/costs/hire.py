"""The whole cost of one hire over the founder's horizon, part by part, in exact dollars.

Money is worked out in US dollars as exact Decimals (the rates are stored in dollars) and
turned into the founder's currency and rounded once, figure by figure, by `currency`. A
hire's cost over the horizon is made of parts: pay, employer on-costs, recruiting and
equipment are cash; the empty seat while hiring is the work not done, valued at what the
role costs a month. Time is in weeks where the data gives weeks and in months for the
horizon, 52 weeks to 12 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from advisor.costs.book import PayRate, Terms, TimeToValue
from advisor.costs.units import HOURS_RANGE, MONTHS_PER_YEAR, MONTHS_RANGE, WEEKS_PER_MONTH


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


def on_costs_of(terms: Terms, base: Span) -> Span:
    """Employer on-costs a month on `base`: the region's countries' contributions, the
    lowest country's on the low figure and the highest's on the high one, plus the
    terms' share on top (or only that share, for terms without countries)."""
    extra = base.times(terms.on_costs)
    if not terms.countries:
        return extra
    low = min(c.monthly_on_costs(base.low) for c in terms.countries)
    high = max(c.monthly_on_costs(base.high) for c in terms.countries)
    return Span(low, high) + extra


def base_of_loaded(terms: Terms, loaded: Decimal, *, low: bool = False) -> Decimal:
    """The pay inside a fully loaded monthly figure: what, with its on-costs, comes to it."""
    one = Decimal(1)
    if not terms.countries:
        return loaded / (one + terms.on_costs)
    bottom, top = Decimal(0), loaded
    for _ in range(60):
        middle = (bottom + top) / 2
        span = on_costs_of(terms, Span(middle, middle))
        if middle + (span.low if low else span.high) > loaded:
            top = middle
        else:
            bottom = middle
    return bottom


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
    # Contributions from the countries' official rates are as sure as the pay they are
    # worked out on; a share on top of them is the terms' own estimate.
    on_costs_estimate = terms.estimate and (terms.on_costs != 0 or not terms.countries)
    if rate.loaded:
        # The figure holds on-costs and equipment already: split it to show the parts.
        base = Span(base_of_loaded(terms, pay.low, low=True), base_of_loaded(terms, pay.high))
        on_costs = Span(pay.low - base.low, pay.high - base.high)
        monthly_estimate = rate.estimate
        split_estimate = rate.estimate or on_costs_estimate
    else:
        base = pay
        on_costs = on_costs_of(terms, base)
        monthly_estimate = rate.estimate or (on_costs_estimate and on_costs.high != 0)
        split_estimate = rate.estimate
    monthly = base + on_costs

    horizon = Decimal(months)
    hire_months = Decimal(terms.weeks_to_hire) / WEEKS_PER_MONTH
    ramp_months = Decimal(terms.ramp_up_weeks) / WEEKS_PER_MONTH
    paid_months = max(Decimal(0), horizon - hire_months)
    # Weeks over 52/12 carry 28 digits: a horizon that hiring and ramp-up fill exactly
    # leaves no productive month, not a remainder in the last digit to divide by.
    productive = (horizon - hire_months - ramp_months).quantize(Decimal("1e-9"))
    productive_months = max(Decimal(0), productive)
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
            on_costs_estimate or rate.estimate or hire_time_estimate,
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
