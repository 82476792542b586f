"""Results made with every earlier snapshot version keep their facts.

`data/old_snapshots.json` holds results as the site stored them with versions 1, 2 and 3,
and what their pages showed the day they were made (first hire, how sure, whether a
specialist now, the reasons, the first hire's monthly cost each way the summary showed it,
and the wrong hire). The data migrations upgrade each to
the current schema; the one result template must then show the same facts.
"""

from __future__ import annotations

import importlib
import json
import re
from datetime import datetime
from html import unescape
from pathlib import Path

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from advisor.models import Assessment
from advisor.results import presenters
from advisor.results.snapshots import SNAPSHOT_VERSION
from tests.conftest import AI_ANSWERS, complete

OLD = json.loads(
    Path(__file__).parent.parent.joinpath("data").joinpath("old_snapshots.json").read_text()
)


def upgraders():
    """The `forwards` and `upgrade` of every migration that upgrades snapshots, in order."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = sorted(name for app, name in loader.disk_migrations if app == "advisor")
    modules = [importlib.import_module(f"advisor.migrations.{name}") for name in names]
    return [m for m in modules if hasattr(m, "upgrade")]


def upgraded(snapshot: dict) -> dict:
    for module in upgraders():
        snapshot = module.upgrade(snapshot)
    return snapshot


def store(stored: dict, snapshot: dict) -> Assessment:
    return Assessment.objects.create(
        token=stored["token"],
        completed_at=datetime.fromisoformat(stored["completed_at"]),
        recommendation=stored["recommendation"],
        confidence=stored["confidence"],
        snapshot=snapshot,
    )


def text_of(page: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_recorded_results_cover_every_earlier_version():
    versions = {stored["snapshot"].get("version", 1) for stored in OLD.values()}
    assert versions == set(range(1, SNAPSHOT_VERSION))


@pytest.mark.parametrize("name", sorted(OLD))
def test_an_upgraded_result_shows_the_facts_it_was_made_with(bank, name):
    stored = OLD[name]
    shown = stored["shown"]
    snapshot = upgraded(stored["snapshot"])
    assert snapshot["version"] == SNAPSHOT_VERSION
    store(stored, snapshot)

    response = Client().get(f"/r/{stored['token']}/")
    assert response.status_code == 200
    page = response.content.decode()
    verdict = re.search(r"<h1[^>]*data-recommendation[^>]*>", page).group(0)
    assert f'data-recommendation="{shown["first_hire"]}"' in verdict
    assert f'data-confidence="{shown["confidence"]}"' in verdict
    assert f'data-specialist="{shown["specialist"]}"' in verdict
    # The same reasons, in the same order.
    reasons = presenters.result_view(snapshot)["reasons"]
    assert [r["question"] for r in reasons] == shown["reasons"]
    for reason in reasons:
        assert reason["choice_label"] in unescape(page)
    # Every monthly figure the page showed that day is on it still, at the same settings
    # (in the table of options, where the card showed only some).
    text = text_of(page)
    for figure in shown["monthly"]:
        assert figure.removesuffix(" a month") in text, figure
    # The wrong hire: version 3 showed the whole of it; versions 1 and 2 showed its
    # misdirected quarter and the months to find the right person in words, which the
    # page now also prices as the empty seat.
    assert shown["wrong_hire"] in text


@pytest.mark.parametrize("name", sorted(OLD))
def test_an_upgraded_results_cost_panel_follows_the_founders_inputs(bank, name):
    stored = OLD[name]
    store(stored, upgraded(stored["snapshot"]))
    response = Client().get(f"/r/{stored['token']}/?hours=20&months=6", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "a month" in text_of(response.content.decode())
    bad = Client().get(f"/r/{stored['token']}/?hours=999")
    assert bad.status_code == 422


def test_the_migration_upgrades_every_stored_result_and_nothing_twice(db):
    for stored in OLD.values():
        store(stored, stored["snapshot"])
    for module in upgraders():
        module.forwards(apps, None)
    for stored in OLD.values():
        result = Assessment.objects.get(token=stored["token"])
        assert result.snapshot["version"] == SNAPSHOT_VERSION
        assert result.snapshot == upgraded(stored["snapshot"])
        # The column analytics count follows what the page shows.
        assert result.confidence == stored["shown"]["confidence"]
    before = {a.token: a.snapshot for a in Assessment.objects.all()}
    for module in upgraders():
        module.forwards(apps, None)
    assert {a.token: a.snapshot for a in Assessment.objects.all()} == before


def test_an_upgraded_result_compares_with_a_new_one(bank, client):
    stored = OLD["v1-ml"]
    store(stored, upgraded(stored["snapshot"]))
    new = complete(client, AI_ANSWERS).split("/")[2]
    response = client.get(f"/compare/{stored['token']}/{new}/")
    assert response.status_code == 200
    assert "Machine Learning Engineer" in response.content.decode()


@pytest.mark.parametrize("name", sorted(OLD))
def test_an_upgraded_result_lists_its_sources(bank, name):
    stored = OLD[name]
    store(stored, upgraded(stored["snapshot"]))
    response = Client().get(f"/r/{stored['token']}/sources/")
    assert response.status_code == 200
    rate = stored["snapshot"].get("rates", stored["snapshot"].get("costs", {}).get("rates"))[0]
    assert rate["source_note"][:40] in unescape(response.content.decode())
