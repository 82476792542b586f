"""Rates that follow their base: a derived pay rate is its base figure times a stored
factor, turned from a monthly figure into an hourly one (or back) over a full-time year
of 2,080 hours, as the US statistics count it. No prose formula to keep in step."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HOURS_PER_YEAR = Decimal(2080)
MONTHS_PER_YEAR = Decimal(12)


def unit_factor(base_unit: str, unit: str) -> Decimal:
    """What one unit of the base figure is in the derived rate's unit."""
    if base_unit == unit:
        return Decimal(1)
    if (base_unit, unit) == ("month", "hour"):
        return MONTHS_PER_YEAR / HOURS_PER_YEAR
    if (base_unit, unit) == ("hour", "month"):
        return HOURS_PER_YEAR / MONTHS_PER_YEAR
    raise ValueError(f"no way from a figure per {base_unit} to one per {unit}")


def derived(
    low: Decimal, high: Decimal, *, base_unit: str, unit: str, factor: Decimal
) -> tuple[Decimal, Decimal]:
    """The derived rate's low and high, to the cent."""
    if factor <= 0:
        raise ValueError("a factor must be above zero")
    scale = unit_factor(base_unit, unit) * factor
    cent = Decimal("0.01")
    return (
        (low * scale).quantize(cent, rounding=ROUND_HALF_UP),
        (high * scale).quantize(cent, rounding=ROUND_HALF_UP),
    )
