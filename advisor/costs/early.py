"""The first cost model, for results made with snapshot versions 1 and 2: a role hired
in-house in the US against dedicated offshore, and a quarter of the wrong role's pay."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from advisor.costs.units import (
    HOURS_RANGE,
    MISHIRE_MONTHS,
    MONTHS_RANGE,
    WEEKS_PER_MONTH,
    dollars,
)


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
        dollars(low),
        dollars(high),
        dollars(low * months),
        dollars(high * months),
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
