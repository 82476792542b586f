"""Headers, limits and error pages, read off real responses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from advisor.models import Answer, Assessment
from tests.conftest import AI_ANSWERS, complete

ROOT = Path(__file__).resolve().parents[2]


def test_pages_send_the_security_headers(client, bank):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_a_result_never_leaks_its_link_through_the_referer(client, bank):
    response = client.get(complete(client, AI_ANSWERS))
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in response.content.decode()


def test_session_and_csrf_cookies_are_httponly_and_same_site(client, bank):
    client.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})
    session = client.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "SECRET_KEY": "a-production-secret-" + "x" * 50,
        "HTTPS": "1",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "advisor.example.com",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_setting_fails_loudly():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "advisor.settings", "DEBUG": "maybe"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_a_post_without_csrf_token_gets_a_clear_403(bank):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})
    assert response.status_code == 403
    assert "That form has expired" in response.content.decode()
    assert Answer.objects.count() == 0


def test_error_pages_are_in_the_sites_style(client, bank):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Hiring Advisor" in response.content.decode()
    for name in ("400.html", "403.html", "500.html", "429.html"):
        html = render_to_string(name)
        assert "<!doctype html>" in html and 'class="brand"' in html


def test_making_results_is_rate_limited_per_client(client, bank, settings):
    settings.RESULTS_PER_HOUR = 2
    complete(client, AI_ANSWERS)
    complete(client, AI_ANSWERS)
    for slug, choice in AI_ANSWERS.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    response = client.post(reverse("check"))
    assert response.status_code == 429
    assert "Your answers are saved" in response.content.decode()
    # the draft and its answers are kept
    draft = Assessment.objects.get(completed_at__isnull=True)
    assert draft.answers.count() == len(AI_ANSWERS)
    # another client is not affected
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert complete(other, AI_ANSWERS).startswith("/r/")


def test_admin_sign_in_is_throttled_after_repeated_failures(client, db, settings):
    settings.LOGIN_FAILURES_PER_15_MINUTES = 3
    User.objects.create_superuser("admin", "a@example.com", "the-right-pass-phrase")
    url = reverse("admin:login")
    for _ in range(3):
        response = client.post(url, {"username": "admin", "password": "wrong"})
        assert response.status_code == 200
    blocked = client.post(url, {"username": "admin", "password": "the-right-pass-phrase"})
    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.content.decode()
    # from another address the right password still works
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert (
        other.post(url, {"username": "admin", "password": "the-right-pass-phrase"}).status_code
        == 302
    )


def test_no_sequential_id_in_any_link(client, bank):
    url = complete(client, AI_ANSWERS)
    html = client.get(url).content.decode() + client.get("/").content.decode()
    for link in re.findall(r'(?:href|action)="(/[^"]*)"', html):
        assert not re.search(r"/\d+/", link), link
