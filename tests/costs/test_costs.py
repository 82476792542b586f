from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor import costs

# The whole cost of a hire

US = costs.Currency("USD", "$", Decimal(1))
EUR = costs.Currency("EUR", "€", Decimal("0.9231"))
ML_US_SENIOR = costs.PayRate(
    "ml-engineer", "us", "in-house", "senior", "month", Decimal(12000), Decimal(14000),
    loaded=True, estimate=False,
)  # fmt: skip
AI_OFFSHORE = costs.PayRate(
    "ai-engineer", "south-asia", "offshore", "mid", "hour", Decimal(15), Decimal(15),
    starting=True, estimate=False,
)  # fmt: skip
US_IN_HOUSE = costs.Terms(
    "us", "in-house", on_costs=Decimal("0.25"), recruiting_share=Decimal("0.20"),
    recruiting_fee=Decimal(0), equipment=Decimal(2500), weeks_to_hire=Decimal(26),
    ramp_up_weeks=Decimal(8), hire_time_estimate=False,
)  # fmt: skip
VENDOR = costs.Terms(
    "south-asia", "offshore", on_costs=Decimal(0), recruiting_share=Decimal(0),
    recruiting_fee=Decimal(0), equipment=Decimal(0), weeks_to_hire=Decimal(1),
    ramp_up_weeks=Decimal(2), hire_time_estimate=False,
)  # fmt: skip
ML_TIME = costs.TimeToValue("ml-engineer", 4, 26)


def test_a_fully_loaded_figure_is_split_into_pay_and_on_costs_not_added_to():
    cost = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE, months=12)
    assert cost.monthly == costs.Span(Decimal(12000), Decimal(14000))
    assert not cost.monthly_estimate  # the article's figure, as it is
    pay, on_costs, recruiting, equipment = cost.parts
    assert (pay.amount + on_costs.amount) == cost.monthly.times(12 - Decimal(26) / WPM)
    assert pay.estimate and on_costs.estimate  # the split is ours
    assert equipment.included and equipment.amount == costs.ZERO
    # 20% of a first year's base pay: 12,000 / 1.25 × 12 × 0.2
    assert recruiting.amount.low == Decimal(23040)


def test_an_hourly_vendor_rate_is_paid_from_its_first_week():
    cost = costs.hire_cost(AI_OFFSHORE, VENDOR, hours_per_week=40, months=12)
    shown = costs.priced(cost, US)
    assert shown.monthly == costs.Figure(2600, 2600, estimate=False, starting=True)
    # $15 × 40 h for 52 weeks less the week it takes to join: nothing of ours in it
    assert (shown.cash.low, shown.cash.estimate) == (15 * 40 * 51, False)
    assert shown.per_productive_month.estimate  # the ramp-up is ours


def test_the_empty_seat_is_the_months_of_search_at_the_roles_monthly_cost():
    cost = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE, months=12)
    assert cost.vacancy.amount == cost.monthly.times(Decimal(26) / WPM)
    # a horizon shorter than the search: the seat is empty all along, nothing is paid
    short = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE, months=3)
    assert short.cash == costs.ZERO
    assert short.vacancy.amount == short.monthly.times(Decimal(3))
    assert short.per_productive_month is None


def test_time_to_first_value_adds_hiring_ramp_up_and_the_roles_own_time():
    cost = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE, time_to_value=ML_TIME)
    assert cost.first_value_weeks == costs.Span(Decimal(26 + 8 + 4), Decimal(26 + 8 + 26))


def test_a_wrong_hire_is_a_quarter_of_the_wrong_role_and_the_search_for_the_right_one():
    ai_us = costs.PayRate(
        "ai-engineer", "us", "in-house", "senior", "month", Decimal(8000), Decimal(10000)
    )
    wrong = costs.hire_cost(ai_us, US_IN_HOUSE)
    right = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE)
    cost = costs.wrong_hire(wrong, right)
    assert cost.misdirected == wrong.monthly.times(Decimal(3))
    assert cost.vacancy == right.monthly.times(Decimal(26) / WPM)
    shown = costs.priced_wrong_hire(cost, US, starting=False)
    assert shown.total.low == shown.misdirected.low + shown.vacancy.low


def test_a_hire_shortens_the_runway_from_when_it_starts():
    cost = costs.hire_cost(AI_OFFSHORE, VENDOR, hours_per_week=40, months=12)
    runway = costs.runway(cost, US, burn=26000, cash=520000)
    assert runway.share_of_burn.low == 10  # $2,600 of $26,000
    assert runway.months_now == 20
    # a week at $26,000, then $28,600 a month
    week = Decimal(1) / WPM
    assert runway.months_with.low == week + (520000 - 26000 * week) / Decimal(28600)
    assert 1 < runway.shortened_by.low < 2


def test_runway_without_cash_gives_only_the_share_of_burn():
    cost = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE)
    runway = costs.runway(cost, EUR, burn=50000, cash=None)
    assert runway.shortened_by is None
    assert runway.share_of_burn.low == Decimal(12000) * EUR.per_usd * 100 / 50000


@pytest.mark.parametrize("burn,cash", [(0, 1000), (99, 1000), (10**9, 1000), (1000, -1)])
def test_runway_refuses_figures_out_of_range(burn, cash):
    cost = costs.hire_cost(ML_US_SENIOR, US_IN_HOUSE)
    with pytest.raises(ValueError):
        costs.runway(cost, US, burn=burn, cash=cash)


WPM = costs.WEEKS_PER_MONTH
money = st.decimals(min_value=1, max_value=40000, places=2)
share = st.decimals(min_value=0, max_value=Decimal("0.6"), places=3)


@st.composite
def rates(draw, unit=None):
    unit = unit or draw(st.sampled_from(["month", "hour"]))
    low = draw(money if unit == "month" else st.decimals(min_value=1, max_value=300, places=2))
    high = low + draw(st.decimals(min_value=0, max_value=5000, places=2))
    return costs.PayRate(
        "ml-engineer", "us", "in-house", "mid", unit, low, high,
        loaded=unit == "month" and draw(st.booleans()),
        starting=draw(st.booleans()), estimate=draw(st.booleans()),
    )  # fmt: skip


@st.composite
def terms(draw):
    return costs.Terms(
        "us", "in-house", on_costs=draw(share), recruiting_share=draw(share),
        recruiting_fee=draw(st.decimals(min_value=0, max_value=10000, places=0)),
        equipment=draw(st.decimals(min_value=0, max_value=5000, places=0)),
        weeks_to_hire=Decimal(draw(st.integers(0, 60))),
        ramp_up_weeks=Decimal(draw(st.integers(0, 26))),
        estimate=draw(st.booleans()), hire_time_estimate=draw(st.booleans()),
    )  # fmt: skip


currencies = st.builds(
    costs.Currency,
    st.just("XXX"),
    st.just("¤"),
    st.decimals(min_value=Decimal("0.5"), max_value=Decimal(2), places=4),
)
hours = st.integers(*costs.HOURS_RANGE)
months = st.integers(*costs.MONTHS_RANGE)


def every_figure(cost: costs.HireCost) -> list[Decimal]:
    spans = [cost.monthly, cost.cash, cost.whole, cost.vacancy.amount]
    spans += [p.amount for p in cost.parts]
    return [value for span in spans for value in (span.low, span.high)]


@given(rates(unit="hour"), terms(), hours, months)
def test_more_hours_never_cost_less(rate, terms, hours, months):
    fewer = costs.hire_cost(rate, terms, hours_per_week=hours, months=months)
    more = costs.hire_cost(rate, terms, hours_per_week=min(hours + 1, 60), months=months)
    assert all(m >= f for m, f in zip(every_figure(more), every_figure(fewer), strict=True))


@given(rates(), terms(), hours, st.integers(1, 35))
def test_a_longer_horizon_never_costs_less(rate, terms, hours, months):
    shorter = costs.hire_cost(rate, terms, hours_per_week=hours, months=months)
    longer = costs.hire_cost(rate, terms, hours_per_week=hours, months=months + 1)
    for attribute in ("cash", "whole"):
        short, long = getattr(shorter, attribute), getattr(longer, attribute)
        assert long.low >= short.low and long.high >= short.high


@given(rates(), terms(), hours, months, st.decimals(min_value=0, max_value=5000, places=2))
def test_a_senior_never_costs_less_than_a_mid_level_hire(rate, terms, hours, months, more):
    senior = replace(rate, seniority="senior", low=rate.low + more, high=rate.high + more)
    mid_cost = costs.hire_cost(rate, terms, hours_per_week=hours, months=months)
    senior_cost = costs.hire_cost(senior, terms, hours_per_week=hours, months=months)
    assert all(
        s >= m for s, m in zip(every_figure(senior_cost), every_figure(mid_cost), strict=True)
    )


@given(rates(), terms(), hours, months, currencies)
def test_a_productive_month_never_costs_less_than_a_month(rate, terms, hours, months, currency):
    cost = costs.hire_cost(rate, terms, hours_per_week=hours, months=months)
    shown = costs.priced(cost, currency)
    if cost.per_productive_month is None:
        assert cost.productive_months == 0
        return
    # Exact but for Decimal's 28 digits: dividing by fractional months may lose the last.
    tiny = Decimal("0.000001")
    assert cost.per_productive_month.low >= cost.monthly.low - tiny
    assert cost.per_productive_month.high >= cost.monthly.high - tiny
    assert shown.per_productive_month.low >= shown.monthly.low


@given(rates(), terms(), hours, months, currencies)
def test_the_parts_shown_add_up_to_the_totals_shown(rate, terms, hours, months, currency):
    shown = costs.priced(
        costs.hire_cost(rate, terms, hours_per_week=hours, months=months), currency
    )
    assert shown.cash.low == sum(f.low for _, f in shown.parts)
    assert shown.cash.high == sum(f.high for _, f in shown.parts)
    assert (shown.whole.low, shown.whole.high) == (
        shown.cash.low + shown.vacancy.low,
        shown.cash.high + shown.vacancy.high,
    )


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


@given(rates(), terms(), hours, months, currencies)
def test_each_figure_is_converted_exactly_and_rounded_once(rate, terms, hours, months, currency):
    cost = costs.hire_cost(rate, terms, hours_per_week=hours, months=months)
    shown = costs.priced(cost, currency)
    assert shown.monthly.low == round_half_up(cost.monthly.low * currency.per_usd)
    assert shown.monthly.high == round_half_up(cost.monthly.high * currency.per_usd)
    for part, figure in shown.parts:
        assert figure.high == round_half_up(part.amount.high * currency.per_usd)
    # a total, the sum of rounded parts, is never more than half a unit a part away
    exact = cost.cash.high * currency.per_usd
    assert abs(shown.cash.high - exact) <= Decimal(len(shown.parts)) / 2


@given(rates(), terms(), months, st.integers(100, 10**6), st.integers(0, 10**8))
def test_a_hire_never_lengthens_the_runway(rate, terms, months, burn, cash):
    cost = costs.hire_cost(rate, terms, months=months)
    runway = costs.runway(cost, US, burn=burn, cash=cash)
    assert runway.months_with.high <= runway.months_with.low <= runway.months_now
    assert runway.shortened_by.high >= runway.shortened_by.low >= 0


def test_a_book_survives_its_json_round_trip():
    book = costs.Book(
        regions=(costs.Region("us", "US"), costs.Region("south-asia", "South Asia")),
        terms=(US_IN_HOUSE, VENDOR),
        rates=(ML_US_SENIOR, AI_OFFSHORE),
        currencies=(US, EUR),
        times_to_value=(ML_TIME,),
    )
    data = costs.book_data(book)
    assert json.loads(json.dumps(data)) == data  # plain JSON
    again = costs.book_from_data(data)
    assert again == book
    assert costs.book_digest(costs.book_data(again)) == costs.book_digest(data)
    assert again.options == (("us", "in-house"), ("south-asia", "offshore"))
    assert not again.offers("us", "offshore")


# Employer on-costs from official rates, and rates that follow their base

UK = costs.Country(
    "GB", "United Kingdom", "GBP", Decimal("0.8"),
    (costs.Contribution("Employer NI", Decimal("0.15"), floor=Decimal(5000)),),
)  # fmt: skip
CAPPED = costs.Country(
    "US", "United States", "USD", Decimal(1),
    (
        costs.Contribution("Social Security", Decimal("0.062"), ceiling=Decimal(176100)),
        costs.Contribution("Medicare", Decimal("0.0145")),
    ),
)  # fmt: skip


def test_a_threshold_is_taken_off_before_the_rate_applies():
    # £48,000 a year is $5,000 a month at 0.8: 15% of £43,000, back in dollars a month.
    expected = Decimal(43000) * Decimal("0.15") / Decimal("0.8") / 12
    assert UK.monthly_on_costs(Decimal(5000)) == expected


def test_a_ceiling_lowers_the_effective_rate_at_high_pay():
    below = CAPPED.effective_rate(Decimal(10000))  # $120,000 a year: under the wage base
    above = CAPPED.effective_rate(Decimal(20000))  # $240,000: Social Security stops
    assert below == Decimal("0.0765")
    assert above < below
    assert (
        CAPPED.monthly_on_costs(Decimal(20000))
        == (Decimal(176100) * Decimal("0.062") + Decimal(240000) * Decimal("0.0145")) / 12
    )


@given(st.integers(1, 60_000), st.integers(0, 20_000))
def test_contributions_never_fall_as_pay_rises(pay, more):
    for country in (UK, CAPPED):
        assert country.monthly_on_costs(Decimal(pay + more)) >= country.monthly_on_costs(
            Decimal(pay)
        )


def test_a_region_of_two_countries_runs_from_the_lower_to_the_higher():
    terms = replace(US_IN_HOUSE, on_costs=Decimal(0), countries=(UK, CAPPED))
    span = costs.on_costs_of(terms, costs.Span(Decimal(8000), Decimal(8000)))
    assert span.low == CAPPED.monthly_on_costs(Decimal(8000))
    assert span.high == UK.monthly_on_costs(Decimal(8000))


@given(st.integers(1000, 60_000))
def test_a_loaded_figure_splits_into_pay_and_the_on_costs_of_that_pay(loaded):
    terms = replace(US_IN_HOUSE, on_costs=Decimal("0.1"), countries=(CAPPED,))
    base = costs.base_of_loaded(terms, Decimal(loaded))
    again = base + costs.on_costs_of(terms, costs.Span(base, base)).high
    assert abs(again - loaded) < Decimal("0.01")


def test_a_country_is_read_back_from_its_data_and_bad_data_is_refused():
    assert costs.country_from_data(costs.country_data(CAPPED)) == CAPPED
    with pytest.raises(ValueError):
        costs.country_from_data({"code": "X", "name": "X", "currency": "X", "per_usd": "0"})
    data = costs.country_data(UK)
    data["contributions"][0]["rate"] = "15"
    with pytest.raises(ValueError):
        costs.country_from_data(data)


def test_a_book_with_countries_survives_storing_and_an_old_book_still_loads():
    terms = replace(US_IN_HOUSE, countries=(UK, CAPPED))
    book = costs.Book(terms=(terms,), rates=(ML_US_SENIOR,))
    data = json.loads(json.dumps(costs.book_data(book)))
    assert costs.book_from_data(data) == book
    for item in data["rates"]:  # as stored before sources and bases were kept
        for name in ("source_kind", "source_name", "source_url", "method", "base", "factor"):
            del item[name]
    for item in data["terms"]:
        del item["countries"]
    old = costs.book_from_data(data)
    assert old.rates[0].kind == "article" and old.terms[0].countries == ()


def test_a_derived_rate_follows_its_base_and_its_unit():
    assert costs.derived(
        Decimal(10000), Decimal(12000), base_unit="month", unit="hour", factor=Decimal("1.75")
    ) == (Decimal("100.96"), Decimal("121.15"))
    assert costs.derived(
        Decimal(40), Decimal(50), base_unit="hour", unit="hour", factor=Decimal("1.3")
    ) == (Decimal("52.00"), Decimal("65.00"))
    with pytest.raises(ValueError):
        costs.derived(Decimal(1), Decimal(2), base_unit="hour", unit="hour", factor=Decimal(0))


def test_a_figure_the_founder_typed_is_marked_as_theirs_in_every_total():
    mine = replace(ML_US_SENIOR, loaded=False, source_kind="founder", estimate=False)
    terms = replace(US_IN_HOUSE, on_costs=Decimal(0), estimate=False, countries=(CAPPED,))
    shown = costs.priced(costs.hire_cost(mine, terms, months=12), US)
    assert shown.monthly.kind == "founder"
    assert shown.whole.kind == "estimate"  # the empty seat is valued by a rule of thumb
    pay = dict((p.key, f) for p, f in shown.parts)["pay"]
    assert pay.kind == "founder"
