"""What a hire does to the founder's burn and runway, their burn and cash being in their
currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from advisor.costs.book import Currency
from advisor.costs.hire import HireCost, Span
from advisor.costs.units import BURN_RANGE, CASH_RANGE


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
