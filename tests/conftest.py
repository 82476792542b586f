from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from advisor import bank_store, followup
from advisor.management.commands.seed import FIXTURES

# A founder whose product is plumbing on a general-purpose model.
AI_ANSWERS = {
    "use-case": "chat-assistant",
    "general-model-fit": "mostly",
    "model-role": "plumbing",
    "training-data": "none",
    "production-ownership": "stable-integration",
    "time-to-value": "days-weeks",
    "team": "no-engineers",
    "constraints": "none",
    "company-stage": "pre-launch",
}

# A founder whose moat is a custom model on their own labeled data.
ML_ANSWERS = {
    "use-case": "fraud",
    "general-model-fit": "no",
    "model-role": "moat",
    "training-data": "labeled",
    "production-ownership": "continuous-retraining",
    "time-to-value": "multi-month-ok",
    "team": "generalists",
    "constraints": "none",
    "company-stage": "scaling",
}


@pytest.fixture(autouse=True)
def _fresh_bank():
    # The bank and the follow-up settings are kept per process; each test's database
    # starts anew.
    bank_store.forget()
    followup.forget()
    yield
    bank_store.forget()
    followup.forget()


@pytest.fixture
def bank(db):
    """The real question bank, roles and rates from fixtures/."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    bank_store.forget()
    return bank_store.get()


def complete(client, answers: dict, **headers) -> str:
    """Answer every step through the views and confirm; returns the result URL."""
    for slug, choice in answers.items():
        response = client.post(reverse("step", args=[slug]), {slug: choice}, **headers)
        assert response.status_code == 303, response.content
    response = client.post(reverse("check"))
    assert response.status_code == 303, response.content
    assert response["Location"].startswith("/r/"), "not every question was answered"
    return response["Location"]


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving the collected, hashed static files the
    pages link to (the finders-based handler knows only the unhashed names)."""
    from django.test.testcases import _StaticFilesHandler
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1", start=False)
    server.thread.static_handler = _StaticFilesHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_bank(transactional_db, live_server):
    call_command("loaddata", *FIXTURES, verbosity=0)
    bank_store.forget()
    return live_server
