"""A hire's cost in the founder's currency: each figure converted from its exact dollar
amount and rounded once; a total is the sum of its rounded parts, so the parts shown add
up."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # "article", "published" or "founder"; "" for a sum of nothing yet. Not part of equality:
    # two figures are equal when they show the same.
    source: str = field(default="", compare=False)

    @property
    def kind(self) -> str:
        """How the page marks it: an estimate whatever its parts, else where it is from."""
        return "estimate" if self.estimate else (self.source or "published")

    def __add__(self, other: Figure) -> Figure:
        counts = bool(other.high)  # a part that adds nothing says nothing of the total
        return Figure(
            self.low + other.low,
            self.high + other.high,
            self.estimate or (other.estimate and counts),
            self.starting or other.starting,
            _together(self.source, other.source if counts else ""),
        )


def _together(one: str, other: str) -> str:
    """The source of a sum: the founder's when they typed any of it, one source when
    both agree, else a mix of article and public figures, shown as published."""
    if not one or not other or one == other:
        return one or other
    return "founder" if "founder" in (one, other) else "published"


def figure(
    span: Span, currency: Currency, *, estimate: bool, starting: bool = False, source: str = ""
) -> Figure:
    return Figure(
        convert(span.low, currency), convert(span.high, currency), estimate, starting, source
    )


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
    source = cost.rate.kind if cost.rate.kind != "estimate" else "published"
    parts = tuple(
        (
            p,
            figure(
                p.amount,
                currency,
                # Nothing to pay is nothing to estimate.
                estimate=p.estimate and bool(p.amount.high),
                starting=starting,
                source=source if p.key in ("pay", "on-costs") else "published",
            ),
        )
        for p in cost.parts
    )
    cash = Figure(0, 0, False, starting)
    for _, shown in parts:
        cash += shown
    vacancy = figure(cost.vacancy.amount, currency, estimate=True, starting=starting, source=source)
    per_productive = cost.per_productive_month
    return PricedHire(
        cost=cost,
        currency=currency,
        monthly=figure(
            cost.monthly, currency, estimate=cost.monthly_estimate, starting=starting, source=source
        ),
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
                source=source,
            )
            if per_productive is not None
            else None
        ),
    )
