"""The price of hiring the wrong role first, in exact dollars and then in the founder's
currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from advisor.costs.book import Currency
from advisor.costs.currency import Figure, figure
from advisor.costs.hire import HireCost, Span
from advisor.costs.units import MISHIRE_MONTHS


@dataclass(frozen=True)
class WrongHire:
    """The article's "a quarter of misdirected work" with the wrong role, then the
    search for the right one, with its seat empty meanwhile."""

    misdirected: Span
    vacancy: Span
    months: int
    rehire_weeks: Decimal
    misdirected_estimate: bool  # the wrong role's monthly cost is an estimate
    misdirected_source: str = "published"
    vacancy_source: str = "published"

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
        misdirected_source=_source(wrong),
        vacancy_source=_source(right),
    )


def _source(cost: HireCost) -> str:
    return cost.rate.kind if cost.rate.kind != "estimate" else "published"


@dataclass(frozen=True)
class PricedWrongHire:
    misdirected: Figure
    vacancy: Figure
    total: Figure
    months: int
    rehire_weeks: Decimal


def priced_wrong_hire(wrong: WrongHire, currency: Currency, *, starting: bool) -> PricedWrongHire:
    misdirected = figure(
        wrong.misdirected,
        currency,
        estimate=wrong.misdirected_estimate,
        starting=starting,
        source=wrong.misdirected_source,
    )
    # The empty seat is valued by a rule of thumb, not the article's: always an estimate.
    vacancy = figure(
        wrong.vacancy, currency, estimate=True, starting=starting, source=wrong.vacancy_source
    )
    return PricedWrongHire(
        misdirected, vacancy, misdirected + vacancy, wrong.months, wrong.rehire_weeks
    )
