"""Shared fixtures. The shipped bank, roles and rates are loaded into the test database
once per session; each test runs in a transaction rolled back at its end, and a test that
commits (a transactional one, whose tables are flushed after it) has them loaded again."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.plugin import blocking_manager_key

from advisor.admin import signin
from advisor.bank import store as bank_store
from advisor.management.commands.seed import FIXTURES
from advisor.models import BANK_MODELS, PayRate
from advisor.outreach import followup
from advisor.results import languages

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


def _load_fixtures() -> None:
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the fixtures loaded once."""
    with django_db_blocker.unblock():
        _load_fixtures()


def _commits(item) -> bool:
    """Whether pytest-django runs this test without a transaction around it (as it
    decides: a marker, or a fixture that asks for it), flushing every table after it."""
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    asked = marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    used = {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names)
    return bool(asked or (marker and marker.args and marker.args[0]) or used)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if nextitem is not None and _commits(item):  # after the last test, the database is gone
        with item.config.stash[blocking_manager_key].unblock():
            _load_fixtures()


@pytest.fixture(autouse=True)
def _fresh_bank():
    # The bank and the follow-up settings are kept per process; each test's database
    # starts anew. Each test starts in English, whatever language a page before it used
    # (the bank's ORM texts follow the active language).
    bank_store.forget()
    followup.forget()
    languages.version_bank_forget()  # version numbers start again in each test's database
    translation.activate(settings.LANGUAGE_CODE)
    yield
    bank_store.forget()
    followup.forget()
    # A request to /es/ or /de/ leaves its language active in this thread: each test
    # starts in English, as a request to an English page does.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def bank(db):
    """The real question bank, roles and rates from fixtures/ (loaded once per session)."""
    bank_store.forget()
    return bank_store.get()


@pytest.fixture
def empty_bank(db):
    """A database without the shipped bank, roles and rates (removed inside the test's
    transaction, so the next test has them again)."""
    PayRate.objects.update(base=None)  # rates that follow a base protect it
    for model in reversed(BANK_MODELS):
        model.objects.all().delete()
    bank_store.forget()


@pytest.fixture(autouse=True)
def _force_login_with_second_factor(monkeypatch):
    """`client.force_login(user)` signs staff in as the admin requires: for a user whose
    rights call for a second factor, also verified with an authenticator app of their own
    (the admin's check itself is unchanged; tests of the real sign-in post to its pages)."""
    from django.test import Client

    plain = Client.force_login

    def force_login(self, user, backend=None):
        plain(self, user, backend)
        if not signin.needs_second_factor(user):
            return
        app, _ = TOTPDevice.objects.get_or_create(user=user, name="Tests", confirmed=True)
        session = self.session  # signed cookies: the saved session is the cookie's value
        session[DEVICE_ID_SESSION_KEY] = app.persistent_id
        session.save()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    monkeypatch.setattr(Client, "force_login", force_login)


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
    bank_store.forget()
    return live_server
