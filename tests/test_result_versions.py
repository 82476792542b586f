"""Results keep the presentation of the snapshot version they were made with.

`data/v1_results.json` holds results made with the first version, and the pages the site
served for them that day; they must render byte for byte the same (static file names
aside, which change with every stylesheet edit).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from django.test import Client

from advisor.models import Assessment

STORED = json.loads(Path(__file__).with_name("data").joinpath("v1_results.json").read_text())


def normalised(page: str) -> str:
    return re.sub(r'/static/[^"]+', "/static/…", page)


@pytest.fixture
def v1_result(db):
    def make(name: str) -> dict:
        stored = STORED[name]
        Assessment.objects.create(
            token=stored["token"],
            completed_at=datetime.fromisoformat(stored["completed_at"]),
            recommendation=stored["recommendation"],
            confidence=stored["confidence"],
            snapshot=stored["snapshot"],
        )
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
