from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor import costs
from advisor.costs import Rate

ML_US = Rate("ml-engineer", "in-house", "month", Decimal(12000), Decimal(14000), 26)
ML_OFFSHORE = Rate("ml-engineer", "offshore", "hour", Decimal(35), Decimal(35), 1)


def test_a_monthly_rate_is_a_full_time_figure():
    estimate = costs.estimate(ML_US, hours_per_week=20, months=12)
    assert (estimate.monthly_low, estimate.monthly_high) == (12000, 14000)
    assert (estimate.total_low, estimate.total_high) == (144000, 168000)


def test_an_hourly_rate_becomes_monthly_over_52_weeks():
    estimate = costs.estimate(ML_OFFSHORE, hours_per_week=40, months=12)
    assert estimate.monthly_low == round(35 * 40 * 52 / 12)  # 6,067
    assert estimate.total_low == 35 * 40 * 52  # 72,800: rounded once, not 12 × 6,067


def test_a_mishire_costs_a_quarter_of_the_wrong_hires_pay():
    wrong = costs.estimate(ML_US, hours_per_week=40, months=12)
    cost = costs.mishire(wrong, rehire_weeks=26)
    assert (cost.low, cost.high, cost.months) == (36000, 42000, 3)
    assert cost.weeks_lost_to_rehire == 26


@pytest.mark.parametrize("hours,months", [(0, 12), (61, 12), (40, 0), (40, 37), (-5, 12)])
def test_it_refuses_figures_out_of_range(hours, months):
    with pytest.raises(ValueError):
        costs.estimate(ML_OFFSHORE, hours_per_week=hours, months=months)


@given(st.integers(5, 60), st.integers(1, 36))
def test_totals_are_months_times_monthly_and_low_never_exceeds_high(hours, months):
    for rate in (ML_US, ML_OFFSHORE):
        estimate = costs.estimate(rate, hours_per_week=hours, months=months)
        assert abs(estimate.total_low - estimate.monthly_low * months) <= months / 2
        assert estimate.monthly_low <= estimate.monthly_high


@given(st.integers(5, 59))
def test_more_hours_never_cost_less_offshore(hours):
    fewer = costs.estimate(ML_OFFSHORE, hours_per_week=hours, months=1)
    more = costs.estimate(ML_OFFSHORE, hours_per_week=hours + 1, months=1)
    assert more.monthly_low >= fewer.monthly_low
