"""Results keep the presentation of the snapshot version they were made with.

`data/v1_results.json`, `data/v2_results.json` and `data/v3_results.json` hold results
made with the first three versions, and the pages the site served for them that day; they
must render byte for byte the same (static file names aside, which change with every
stylesheet edit).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from django.test import Client

from advisor.models import Assessment, CostRate, RoleProfile

DATA = Path(__file__).with_name("data")
STORED = json.loads(DATA.joinpath("v1_results.json").read_text())
STORED_V2 = json.loads(DATA.joinpath("v2_results.json").read_text())
STORED_V3 = json.loads(DATA.joinpath("v3_results.json").read_text())


def normalised(page: str) -> str:
    return re.sub(r'/static/[^"]+', "/static/…", page)


def store(stored: dict) -> None:
    Assessment.objects.create(
        token=stored["token"],
        completed_at=datetime.fromisoformat(stored["completed_at"]),
        recommendation=stored["recommendation"],
        confidence=stored["confidence"],
        snapshot=stored["snapshot"],
    )


@pytest.fixture
def v1_result(db):
    def make(name: str) -> dict:
        stored = STORED[name]
        store(stored)
        return stored

    return make


@pytest.mark.parametrize("name", ["ml", "held"])
def test_a_version_1_result_renders_exactly_as_it_did(v1_result, name):
    stored = v1_result(name)
    assert stored["snapshot"].get("version", 1) == 1
    page = Client().get(f"/r/{stored['token']}/").content.decode()
    assert normalised(page) == normalised(stored["page"])


def test_a_version_1_results_cost_panel_renders_exactly_as_it_did(v1_result):
    stored = v1_result("ml")
    query = "?hours=20&months=6&sourcing=offshore"
    page = Client().get(f"/r/{stored['token']}/{query}").content.decode()
    assert normalised(page) == normalised(stored["costs_page"])


def test_a_version_1_result_still_compares_with_a_new_one(v1_result, client, bank):
    from tests.conftest import AI_ANSWERS, complete

    old = v1_result("ml")["token"]
    new = complete(client, AI_ANSWERS).split("/")[2]
    response = client.get(f"/compare/{old}/{new}/")
    assert response.status_code == 200
    assert "Machine Learning Engineer" in response.content.decode()


# Version 2: the result page before regions, seniority and the whole cost of a hire.
V2_PAGES = [
    ("ml", "page"),
    ("ml", "costs_page"),
    ("ml", "fragment"),
    ("ml", "error_page"),
    ("ml", "today_page"),
    ("held", "page"),
    ("held", "costs_page"),
]


@pytest.mark.parametrize("name,page", V2_PAGES)
def test_a_version_2_result_renders_exactly_as_it_did(bank, name, page):
    stored = STORED_V2[name]
    assert stored["snapshot"]["version"] == 2
    store(stored)
    # "Today's rates" of a version-2 result are the earlier cost rates, as they were.
    for rate in stored["snapshot"]["rates"]:
        CostRate.objects.create(
            role=RoleProfile.objects.get(slug=rate["role"]),
            **{k: rate[k] for k in ("sourcing", "unit", "low", "high", "weeks_to_hire")},
            source_note=rate["source_note"],
            as_of=rate["as_of"],
            is_estimate=rate["estimate"],
        )
    served = stored[page]
    headers = {"HTTP_HX_REQUEST": "true"} if served["htmx"] else {}
    response = Client().get(f"/r/{stored['token']}/{served['query']}", **headers)
    assert response.status_code == served["status"]
    assert normalised(response.content.decode()) == normalised(served["content"])


def test_a_version_2_result_still_compares_with_a_new_one(bank, client):
    from tests.conftest import AI_ANSWERS, complete

    store(STORED_V2["held"])
    new = complete(client, AI_ANSWERS).split("/")[2]
    response = client.get(f"/compare/{STORED_V2['held']['token']}/{new}/")
    assert response.status_code == 200
    assert "First, for now" in response.content.decode()


# Version 3: regions, seniority and the whole cost of a hire, on the page before it was
# laid out in fewer screens.
V3_PAGES = [
    ("ml", "page"),
    ("ml", "costs_page"),
    ("ml", "fragment"),
    ("ml", "error_page"),
    ("held", "page"),
    ("held", "costs_page"),
]


@pytest.mark.parametrize("name,page", V3_PAGES)
def test_a_version_3_result_renders_exactly_as_it_did(bank, name, page):
    stored = STORED_V3[name]
    assert stored["snapshot"]["version"] == 3
    store(stored)
    served = stored[page]
    headers = {"HTTP_HX_REQUEST": "true"} if served["htmx"] else {}
    response = Client().get(f"/r/{stored['token']}/{served['query']}", **headers)
    assert response.status_code == served["status"]
    assert normalised(response.content.decode()) == normalised(served["content"])


def test_a_version_3_result_still_compares_with_a_new_one(bank, client):
    from tests.conftest import AI_ANSWERS, complete

    store(STORED_V3["held"])
    new = complete(client, AI_ANSWERS).split("/")[2]
    response = client.get(f"/compare/{STORED_V3['held']['token']}/{new}/")
    assert response.status_code == 200
    assert "First, for now" in response.content.decode()
