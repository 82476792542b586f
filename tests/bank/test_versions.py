"""Versions of the question bank: admins edit a draft, founders get what is published."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from advisor import costs
from advisor.apps import CONTENT_EDITORS
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.models import (
    Assessment,
    BankVersion,
    ExchangeRate,
    HiringTerms,
    PayRate,
    Points,
    Question,
    Region,
    Rule,
)
from tests.conftest import ML_ANSWERS, complete


def words(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def published(bank, admin_user):
    return versions.bank_version_publish(user=admin_user, note="First")


def test_founders_get_the_published_version_until_the_draft_is_published(published, client):
    Question.objects.filter(slug="model-role").update(text="Reworded in the draft")
    bank_store.forget()
    step = reverse("step", args=["model-role"])
    client.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})
    client.post(reverse("step", args=["general-model-fit"]), {"general-model-fit": "no"})
    assert "Is the model the moat" in client.get(step).content.decode()
    versions.bank_version_publish(note="Reworded")
    assert "Reworded in the draft" in client.get(step).content.decode()


def test_a_result_records_the_version_it_was_scored_with(published, client):
    url = complete(client, ML_ANSWERS)
    result = Assessment.objects.get(token=url.split("/")[2])
    assert result.bank_version == published.number == 1
    assert result.snapshot["bank_version"] == 1


def test_restoring_an_earlier_version_brings_its_behaviour_back_as_the_draft(published):
    # version 2: no training data no longer holds the ML engineer back
    Rule.objects.filter(slug="no-training-data").update(is_active=False)
    moat_no_data = {**ML_ANSWERS, "training-data": "none", "time-to-value": "days-weeks"}
    versions.bank_version_publish(note="Without the hold-back")
    from advisor.advice import scoring

    assert scoring.score(bank_store.build(), moat_no_data).first_hire == "ml-engineer"
    versions.bank_version_restore(version=published)
    # the draft has the rule again; founders keep version 2 until it is published
    assert Rule.objects.get(slug="no-training-data").is_active
    assert scoring.score(bank_store.build(), moat_no_data).first_hire == "ml-engineer"
    assert scoring.score(bank_store.build_draft(), moat_no_data).first_hire == "ai-engineer"
    third = versions.bank_version_publish(note="Back to the first")
    assert third.number == 3
    assert scoring.score(bank_store.build(), moat_no_data).first_hire == "ai-engineer"


def test_restoring_retires_what_the_version_did_not_have(published):
    from tests.admin.test_admin_tools import make_question

    make_question()  # a question added after version 1
    versions.bank_version_restore(version=published)
    assert not Question.objects.get(slug="retraining-owner").is_active


def test_a_draft_that_breaks_the_banks_rules_cannot_be_published(published):
    Points.objects.filter(choice__slug="unsure", choice__question__slug="model-role").update(
        points=3
    )
    with pytest.raises(versions.NotPublishable, match="must give every role 0 points"):
        versions.bank_version_publish()
    assert BankVersion.objects.count() == 1


def test_publishing_in_admin_shows_what_changes_and_the_cases_it_breaks(published, admin_client):
    Rule.objects.filter(slug="no-training-data").update(is_active=False)
    page_url = reverse("admin:advisor_bankversion_publish")
    page = words(admin_client.get(page_url))
    assert "Founders now get version 1" in page
    title = "No usable training data, and value needed sooner than the ML path gives it"
    assert f"Rule “{title}”: off." in page
    assert "Fraud scoring with no data and a pilot in weeks: expected" in page
    # a first POST without confirming publishes nothing
    admin_client.post(page_url, {"note": "Drop the hold-back"})
    assert BankVersion.objects.count() == 1
    response = admin_client.post(page_url, {"note": "Drop the hold-back", "_publish_anyway": "1"})
    assert response.status_code == 302
    latest = versions.bank_version_live()
    assert (latest.number, latest.note, latest.published_by) == (2, "Drop the hold-back", "admin")
    listing = words(admin_client.get(reverse("admin:advisor_bankversion_changelist")))
    assert "Question bank versions" in listing and "what founders get now" in listing


def test_restore_in_admin_needs_a_post_and_a_publisher(published, admin_client, bank):
    url = reverse("admin:advisor_bankversion_restore", args=[published.pk])
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url).status_code == 302
    editor = User.objects.create_user("editor", password="pass-phrase-2", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client = Client()
    client.force_login(editor)
    assert client.get(reverse("admin:advisor_bankversion_changelist")).status_code == 200
    assert client.get(reverse("admin:advisor_bankversion_publish")).status_code == 403
    assert client.post(url).status_code == 403


def test_the_admin_index_links_question_bank_versions(admin_client, bank):
    assert "Question bank versions" in admin_client.get("/admin/").content.decode()


def test_the_preview_ends_on_the_founders_real_result_page_with_the_draft(admin_client, bank):
    Rule.objects.filter(slug="no-training-data").update(is_active=False)  # only in the draft
    answers = {**ML_ANSWERS, "training-data": "none"}
    response = admin_client.get(reverse("admin:advisor_preview_result"), answers)
    assert response.status_code == 200
    page = words(response)
    assert "Preview with the draft question bank." in page
    assert 'data-recommendation="ml-engineer"' in response.content.decode()
    assert Assessment.objects.count() == 0
    partial = admin_client.get(reverse("admin:advisor_preview_result"), {"use-case": "fraud"})
    assert partial.status_code == 400


def test_restoring_a_version_brings_its_cost_tables_back(published, client):
    keys = ("ml-engineer", "us", "in-house", "mid")
    v1 = bank_store.build().cost_book.rate(*keys)
    # version 2: dearer pay, other terms, another region's name, another exchange rate
    PayRate.objects.filter(
        role__slug="ml-engineer", region__slug="us", engagement="in-house", seniority="mid"
    ).update(low=v1.low + 1000, high=v1.high + 1000)
    HiringTerms.objects.filter(region__slug="us", engagement="in-house").update(equipment=9999)
    Region.objects.filter(slug="us").update(name="United States")
    ExchangeRate.objects.filter(code="EUR").update(per_usd=Decimal("2"))
    versions.bank_version_publish(note="Dearer")
    assert bank_store.build().cost_book.rate(*keys).low == v1.low + 1000
    versions.bank_version_restore(version=published)
    versions.bank_version_publish(note="Back to the first")
    url = complete(client, ML_ANSWERS)
    made = Assessment.objects.get(token=url.split("/")[2])
    assert made.bank_version == 3
    book = costs.book_from_data(made.snapshot["costs"])
    assert (book.rate(*keys).low, book.rate(*keys).high) == (v1.low, v1.high)
    assert book.terms_for("us", "in-house").equipment != 9999
    assert book.region("us").name == "US"
    assert book.currency("EUR").per_usd == Decimal("0.92")
