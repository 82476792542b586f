"""A cost row that results use is deactivated, not deleted: regions, hiring terms, pay
rates and exchange rates in a published version's costs are refused
deletion with a message, alone or in bulk; an inactive row leaves new results' costs
only."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from advisor import costs
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.models import (
    Assessment,
    ExchangeRate,
    HiringTerms,
    PayRate,
    Region,
)
from tests.admin.test_admin import form_data
from tests.conftest import ML_ANSWERS, complete

US_MID = {"role__slug": "ml-engineer", "region__slug": "us", "engagement": "in-house"}


@pytest.fixture
def admin(bank):
    return User.objects.create_superuser("admin", "a@example.com", "pass-phrase-1")


@pytest.fixture
def staff(client, admin):
    client.force_login(admin)
    return client


def words(response) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return text.replace("&#x27;", "'").replace("&quot;", '"')


def rows() -> dict:
    """One row of each cost table, as the fixtures ship them."""
    return {
        "region": Region.objects.get(slug="us"),
        "hiringterms": HiringTerms.objects.get(region__slug="us", engagement="in-house"),
        "payrate": PayRate.objects.get(**US_MID, seniority="mid"),
        "exchangerate": ExchangeRate.objects.get(code="EUR"),
    }


@pytest.mark.parametrize("name", ["region", "hiringterms", "payrate", "exchangerate"])
def test_a_row_in_the_published_costs_is_not_deleted_but_the_admin_is_told_why(staff, admin, name):
    row = rows()[name]
    versions.bank_version_publish(user=admin)
    url = reverse(f"admin:advisor_{name}_delete", args=[row.pk])
    for response in (staff.get(url), staff.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert response["Location"] == reverse(f"admin:advisor_{name}_change", args=[row.pk])
    assert type(row).objects.filter(pk=row.pk).exists()
    page = words(staff.get(reverse(f"admin:advisor_{name}_change", args=[row.pk])))
    assert f"“{row}” is in the costs of a published version of the question bank" in page
    assert "Deactivate it instead (untick “active”)" in page


def oceania() -> PayRate:
    """A region and a pay rate added to the draft, in no published version."""
    rate = PayRate.objects.get(**US_MID, seniority="mid")
    return PayRate.objects.create(
        role=rate.role,
        region=Region.objects.create(slug="oceania", name="Oceania", order=9),
        engagement="in-house",
        seniority="mid",
        unit=rate.unit,
        low=rate.low,
        high=rate.high,
        source_note="A new figure.",
        as_of=date(2026, 11, 20),
    )


def test_a_row_only_in_the_draft_is_deleted_as_before(staff, admin):
    versions.bank_version_publish(user=admin)
    added = oceania()
    url = reverse("admin:advisor_payrate_delete", args=[added.pk])
    assert "Are you sure" in staff.get(url).content.decode()
    assert staff.post(url, {"post": "yes"}).status_code == 302
    assert not PayRate.objects.filter(pk=added.pk).exists()


def test_bulk_delete_deletes_the_unused_rows_and_names_the_others(staff, admin):
    used = ExchangeRate.objects.get(code="EUR")
    versions.bank_version_publish(user=admin)
    unused = ExchangeRate.objects.create(
        code="CHF", symbol="Fr", per_usd=Decimal("0.9"), as_of=date(2026, 11, 20), source_note="-"
    )
    url = reverse("admin:advisor_exchangerate_changelist")
    chosen = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    confirm = staff.post(url, chosen)
    assert confirm.status_code == 200  # Django's confirmation page, for the unused one only
    page = words(confirm)
    assert "“EUR” is in the costs of a published version" in page
    assert "CHF" in page and "Exchange rate: EUR" not in page
    done = staff.post(url, {**chosen, "post": "yes"}, follow=True)
    assert set(ExchangeRate.objects.values_list("code", flat=True)) >= {"EUR", "USD"}
    assert not ExchangeRate.objects.filter(code="CHF").exists()
    page = words(done)
    assert "Successfully deleted 1 exchange rate." in page
    assert "“EUR” is in the costs of a published version" in page


def test_bulk_delete_of_rows_all_in_use_deletes_nothing(staff, admin):
    versions.bank_version_publish(user=admin)
    chosen = list(PayRate.objects.filter(**US_MID).values_list("pk", flat=True))
    url = reverse("admin:advisor_payrate_changelist")
    response = staff.post(url, {"action": "delete_selected", "_selected_action": chosen})
    assert response.status_code == 302
    assert PayRate.objects.filter(pk__in=chosen).count() == len(chosen) == 2
    page = words(staff.get(url))
    assert "are in the costs of a published version" in page and "Deactivate them" in page


def test_a_regions_hiring_terms_in_use_are_not_deleted_from_its_page(staff, admin):
    versions.bank_version_publish(user=admin)
    region = Region.objects.get(slug="us")
    url = reverse("admin:advisor_region_change", args=[region.pk])
    data = form_data(staff.get(url))
    data["terms-0-DELETE"] = "on"
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "is in the costs of a published version" in words(response)
    assert HiringTerms.objects.filter(region=region).count() == 2


def test_before_anything_is_published_the_rows_founders_get_are_in_use(staff):
    rate = PayRate.objects.get(**US_MID, seniority="mid")
    url = reverse("admin:advisor_payrate_delete", args=[rate.pk])
    assert staff.post(url, {"post": "yes"}).status_code == 302
    assert PayRate.objects.filter(pk=rate.pk).exists()


def test_an_inactive_rate_leaves_new_results_only(admin, client):
    versions.bank_version_publish(user=admin)
    first = complete(Client(), ML_ANSWERS)
    keys = ("ml-engineer", "us", "in-house", "mid")
    PayRate.objects.filter(**US_MID, seniority="mid").update(is_active=False)
    Region.objects.filter(slug="eastern-europe").update(is_active=False)
    ExchangeRate.objects.filter(code="EUR").update(is_active=False)
    draft = bank_store.build_draft().cost_book
    assert draft.rate(*keys) is None and draft.currency("EUR") is None
    assert draft.region("eastern-europe") is None
    assert not any(t.region == "eastern-europe" for t in draft.terms)
    assert not any(r.region == "eastern-europe" for r in draft.rates)
    # founders keep the published costs until the next version
    assert bank_store.build().cost_book.rate(*keys) is not None
    versions.bank_version_publish(user=admin)
    second = complete(Client(), ML_ANSWERS)
    old, new = (Assessment.objects.get(token=url.split("/")[2]) for url in (first, second))
    assert costs.book_from_data(old.snapshot["costs"]).rate(*keys) is not None
    assert costs.book_from_data(new.snapshot["costs"]).rate(*keys) is None
    # the earlier result's page still prices the rate it was made with
    page = client.get(first + "?option=us/in-house&seniority=mid").content.decode()
    assert "US, in-house, full time (mid-level)" in page
    assert "No figure for this option" not in page


def test_restoring_a_version_retires_the_rows_it_did_not_have(admin):
    v1 = versions.bank_version_publish(user=admin)
    region = oceania().region
    versions.bank_version_publish(user=admin)
    versions.bank_version_restore(version=v1)
    region.refresh_from_db()
    assert not region.is_active  # kept for the results of version 2, out of the draft
    assert bank_store.build_draft().cost_book.region("oceania") is None


def test_publishing_says_when_the_costs_change(staff, admin):
    versions.bank_version_publish(user=admin)
    page_url = reverse("admin:advisor_bankversion_publish")
    assert "Costs:" not in words(staff.get(page_url))
    PayRate.objects.filter(**US_MID, seniority="mid").update(is_active=False)
    assert "Costs: the pay rates (1 row differs)." in words(staff.get(page_url))
