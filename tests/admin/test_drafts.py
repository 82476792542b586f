"""Drafts that say so: the banner on the question bank's pages, and two versions (or a
version and the draft) compared in words."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from advisor.bank import versions
from advisor.models import Points, Rule


@pytest.fixture
def staff(client, bank):
    user = User.objects.create_superuser("admin", "a@example.com", "pass-phrase-7")
    client.force_login(user)
    versions.bank_version_publish(user=user, note="first")
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_every_question_bank_page_says_what_founders_get_and_what_waits(staff):
    questions = reverse("admin:advisor_question_changelist")
    assert "Founders get version 1; the draft is the same." in text(staff.get(questions))
    Points.objects.filter(choice__slug="moat", role__slug="ml-engineer").update(points=0)
    Rule.objects.filter(slug="core-agree-ml").update(title="Moat and no general model")
    for url in (
        questions,
        reverse("admin:advisor_rule_changelist"),
        reverse("admin:advisor_payrate_changelist"),
    ):
        assert "Founders get version 1 — 2 unpublished changes:" in text(staff.get(url))
    # not on pages outside the bank
    assert "Founders get" not in text(staff.get(reverse("admin:advisor_assessment_changelist")))


def test_versions_compare_in_words_points_rules_and_costs(staff):
    Points.objects.filter(choice__slug="moat", role__slug="ml-engineer").update(points=0)
    Rule.objects.filter(slug="core-agree-ml").update(is_active=False)
    page = text(staff.get(reverse("admin:advisor_bankversion_compare"), {"a": 1, "b": "draft"}))
    assert "From version 1 to the draft" in page
    assert "“The moat — our model's accuracy is why customers choose us”: points" in page
    assert "points ML engineer +3 → no points." in page
    assert "Rule “No general model gets you there, and the model is your moat”: off." in page
    same = text(staff.get(reverse("admin:advisor_bankversion_compare"), {"a": 1, "b": 1}))
    assert "No differences" in same


def test_comparing_a_version_that_does_not_exist_is_a_404(staff):
    url = reverse("admin:advisor_bankversion_compare")
    assert staff.get(url, {"a": 99, "b": "draft"}).status_code == 404
    assert staff.get(url, {"a": "x", "b": "draft"}).status_code == 404
