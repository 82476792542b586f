"""Employer on-costs from a country's official contribution rates: each contribution is a
share of the pay between a floor (a threshold below which nothing is due) and a ceiling
(above which nothing more is due), so at high pay a capped contribution weighs less.

Thresholds are yearly and in the country's own currency; pay comes in US dollars a month
and is turned into the country's currency at the country's stored rate. A region is
built from named countries: its on-costs run from the lowest country's to the highest's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MONTHS = Decimal(12)


@dataclass(frozen=True)
class Contribution:
    """One employer contribution: `rate` of the yearly pay above `floor`, up to `ceiling`
    (None: no ceiling), both yearly in the country's currency."""

    name: str
    rate: Decimal
    floor: Decimal = Decimal(0)
    ceiling: Decimal | None = None

    def on(self, yearly: Decimal) -> Decimal:
        top = yearly if self.ceiling is None else min(yearly, self.ceiling)
        return max(Decimal(0), top - self.floor) * self.rate


@dataclass(frozen=True)
class Country:
    """A country's employer contributions, its currency's units to one US dollar, and
    where the rates come from."""

    code: str
    name: str
    currency: str
    per_usd: Decimal
    contributions: tuple[Contribution, ...] = ()
    source_name: str = ""
    source_url: str = ""
    as_of: str = ""
    note: str = ""

    def monthly_on_costs(self, monthly_pay_usd: Decimal) -> Decimal:
        """The employer's contributions a month, in US dollars, on a monthly pay in dollars."""
        if monthly_pay_usd <= 0:
            return Decimal(0)
        yearly = monthly_pay_usd * MONTHS * self.per_usd
        due = sum((c.on(yearly) for c in self.contributions), Decimal(0))
        return due / self.per_usd / MONTHS

    def effective_rate(self, monthly_pay_usd: Decimal) -> Decimal:
        if monthly_pay_usd <= 0:
            return Decimal(0)
        return self.monthly_on_costs(monthly_pay_usd) / monthly_pay_usd


def country_data(country: Country) -> dict:
    def plain(c: Contribution) -> dict:
        return {
            "name": c.name,
            "rate": str(c.rate),
            "floor": str(c.floor),
            "ceiling": None if c.ceiling is None else str(c.ceiling),
        }

    return {
        "code": country.code,
        "name": country.name,
        "currency": country.currency,
        "per_usd": str(country.per_usd),
        "contributions": [plain(c) for c in country.contributions],
        "source_name": country.source_name,
        "source_url": country.source_url,
        "as_of": country.as_of,
        "note": country.note,
    }


def country_from_data(data: dict) -> Country:
    """A country from its plain data; ValueError saying what is wrong when it is not one."""
    try:
        contributions = tuple(
            Contribution(
                name=str(c["name"]),
                rate=Decimal(str(c["rate"])),
                floor=Decimal(str(c.get("floor") or 0)),
                ceiling=None if c.get("ceiling") in (None, "") else Decimal(str(c["ceiling"])),
            )
            for c in data.get("contributions", [])
        )
        country = Country(
            code=str(data["code"]),
            name=str(data["name"]),
            currency=str(data["currency"]),
            per_usd=Decimal(str(data["per_usd"])),
            contributions=contributions,
            source_name=str(data.get("source_name", "")),
            source_url=str(data.get("source_url", "")),
            as_of=str(data.get("as_of", "")),
            note=str(data.get("note", "")),
        )
    except (KeyError, TypeError, ArithmeticError, AttributeError) as error:
        raise ValueError(f"a country needs code, name, currency, per_usd: {error}") from error
    if country.per_usd <= 0:
        raise ValueError(f"{country.name}: units to the dollar must be above zero")
    for c in contributions:
        if not 0 <= c.rate < 1:
            raise ValueError(f"{country.name}, {c.name}: a rate is a share below 1, e.g. 0.062")
        if c.floor < 0 or (c.ceiling is not None and c.ceiling < c.floor):
            raise ValueError(f"{country.name}, {c.name}: the ceiling must not be below the floor")
    return country
