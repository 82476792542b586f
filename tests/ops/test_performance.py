"""Counts, not timings: queries per request and bytes per page (`make bench` measures speed)."""

from __future__ import annotations

import gzip
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from advisor.models import Answer, Assessment
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

MAX_FIRST_VISIT_BYTES = 60 * 1024


def grow(n: int) -> None:
    """Many stored results and answers, to show the counts do not depend on them."""
    for _ in range(n):
        from django.test import Client

        complete(Client(), ML_ANSWERS)


@pytest.mark.parametrize("stored", [0, 15])
def test_a_step_get_costs_at_most_3_queries(client, bank, django_assert_max_num_queries, stored):
    grow(stored)
    for slug, choice in list(AI_ANSWERS.items())[:8]:
        client.post(reverse("step", args=[slug]), {slug: choice})
    with django_assert_max_num_queries(3):
        response = client.get(reverse("step", args=["company-stage"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(bank.question("company-stage").text) in page
    assert 'name="company-stage" value="pre-launch"' in page
    with django_assert_max_num_queries(3):
        response = client.get(reverse("step", args=["use-case"]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(bank.question("use-case").text) in page
    assert 'name="use-case" value="chat-assistant"' in page


@pytest.mark.parametrize("stored", [0, 15])
def test_a_step_post_costs_at_most_5_queries(client, bank, django_assert_max_num_queries, stored):
    grow(stored)
    for slug, choice in list(AI_ANSWERS.items())[:8]:
        client.post(reverse("step", args=[slug]), {slug: choice})
    with django_assert_max_num_queries(5):
        response = client.post(reverse("step", args=["company-stage"]), {"company-stage": "unsure"})
    assert response.status_code == 303
    assert response["Location"] == reverse("check")
    with django_assert_max_num_queries(5):
        response = client.post(reverse("step", args=["use-case"]), {"use-case": "vision"})
    assert response.status_code == 303
    assert response["Location"] == reverse("step", args=["general-model-fit"])
    draft = Answer.objects.filter(assessment__completed_at__isnull=True)
    assert dict(draft.values_list("question__slug", "choice__slug")) == {
        **dict(list(AI_ANSWERS.items())[:8]),
        "company-stage": "unsure",
        "use-case": "vision",
    }


@pytest.mark.parametrize("stored", [0, 15])
def test_a_result_page_costs_at_most_2_queries(client, bank, django_assert_max_num_queries, stored):
    grow(stored)
    url = complete(client, AI_ANSWERS)
    for query, status, shown in (
        ("", 200, 'name="hours" value="40"'),
        ("?hours=20&months=6", 200, 'name="hours" value="20"'),
        ("?hours=zzz", 422, "Enter a whole number of hours, 5 to 60."),
    ):
        with django_assert_max_num_queries(2):
            response = client.get(url + query)
        assert response.status_code == status, query
        page = response.content.decode()
        assert 'data-recommendation="ai-engineer"' in page, query
        assert shown in page, query
    assert Assessment.objects.count() == stored + 1
    assert Answer.objects.count() == (stored + 1) * len(AI_ANSWERS)


def _asset_bytes(client, url: str) -> int:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, url
    assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} has no content hash"
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 60 * 60, url
    body = b"".join(response.streaming_content)
    return len(body) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(body))


def test_the_first_visit_to_a_step_is_small(client, bank):
    html = client.get(reverse("step", args=["use-case"])).content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    assert len(assets) >= 3
    total = len(gzip.compress(html)) + sum(_asset_bytes(client, a.decode()) for a in assets)
    assert total <= MAX_FIRST_VISIT_BYTES, f"{total} bytes compressed"
