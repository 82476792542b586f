"""Time, money and the founder's inputs as every cost figure counts them: 52 weeks to 12
months, limits on what a founder may type, and exact dollars rounded once to whole units."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
MONTHS_PER_YEAR = 12
MISHIRE_MONTHS = 3  # "a quarter of misdirected work"
HOURS_RANGE = (5, 60)
MONTHS_RANGE = (1, 36)
BURN_RANGE = (100, 100_000_000)
CASH_RANGE = (0, 10_000_000_000)


def dollars(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
