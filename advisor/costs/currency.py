"""A hire's cost in the founder's currency: each figure converted from its exact dollar
amount and rounded once; a total is the sum of its rounded parts, so the parts shown add
up."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from advisor.costs.book import Currency
from advisor.costs.hire import HireCost, Part, Span
from advisor.costs.units import dollars


def convert(amount: Decimal, currency: Currency) -> int:
    return dollars(amount * currency.per_usd)


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
