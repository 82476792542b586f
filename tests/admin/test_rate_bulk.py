"""A change to many pay rates at once: +5% for a region's base rates, shown before and
after (the rates that follow them included) before anything is saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from advisor.models import PayRate


@pytest.fixture
def staff(client, bank):
    client.force_login(User.objects.create_superuser("admin", "a@example.com", "pass-phrase-9"))
    return client


def test_a_regions_base_rates_change_by_a_percentage_previewed_first(staff):
    bases = PayRate.objects.filter(region__slug="us", base__isnull=True)
    assert bases.exists() and PayRate.objects.filter(base__in=bases).exists()
    before = {r.pk: (r.low, r.high) for r in PayRate.objects.all()}
    url = reverse("admin:advisor_payrate_changelist")
    picked = {"action": "change_by_percent", "_selected_action": [r.pk for r in bases]}
    asked = staff.post(url, picked)
    assert asked.status_code == 200 and "Change by (%)" in asked.content.decode()

    preview = staff.post(url, {**picked, "percent": "5", "_preview": "Show"})
    page = preview.content.decode()
    assert "Nothing has been saved yet." in page and "(follows its base)" in page
    assert {r.pk: (r.low, r.high) for r in PayRate.objects.all()} == before

    done = staff.post(url, {**picked, "percent": "5", "_apply": "Apply"}, follow=True)
    assert "by +5%" in done.content.decode()
    for rate in bases:
        rate.refresh_from_db()
        low, high = before[rate.pk]
        assert rate.low == (low * Decimal("1.05")).quantize(Decimal("0.01"))
        assert rate.high == (high * Decimal("1.05")).quantize(Decimal("0.01"))
    follower = PayRate.objects.filter(base__in=bases).first()
    assert (follower.low, follower.high) != before[follower.pk]


def test_a_percentage_out_of_range_is_refused_with_a_message(staff):
    rate = PayRate.objects.filter(base__isnull=True).first()
    url = reverse("admin:advisor_payrate_changelist")
    data = {"action": "change_by_percent", "_selected_action": [rate.pk], "percent": "-95"}
    response = staff.post(url, {**data, "_apply": "Apply"})
    assert response.status_code == 200
    assert "greater than or equal to -90" in response.content.decode()
    assert PayRate.objects.get(pk=rate.pk).low == rate.low
