"""Staff sign-in: a second factor for those who may publish or change costs (enrolling an
authenticator app, signing in with its code or a recovery code), and the lockout after
repeated failures, which a superuser sees and lifts."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from advisor.models import RateLimit

PASSWORD = "the-right-pass-phrase"


def sign_in(client, password=PASSWORD, username="admin"):
    return client.post(
        reverse("admin:login") + "?next=/admin/advisor/question/",
        {"username": username, "password": password, "next": "/admin/advisor/question/"},
    )


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=steps_ahead):06d}"


@pytest.fixture
def publisher(db):
    return User.objects.create_superuser("admin", "a@example.com", PASSWORD)


def enrol(client) -> list[str]:
    """Password, then the enrolment page's key and a first code; returns the recovery codes."""
    assert sign_in(client)["Location"].startswith(reverse("admin:second_factor"))
    page = client.get(reverse("admin:second_factor")).content.decode()
    assert "<svg" in page and "otp-secret" in page  # the QR code and the key as text
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(reverse("admin:second_factor"), {"code": code_of(device)})
    assert done.status_code == 200
    return re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())


def test_a_publisher_cannot_reach_the_admin_with_a_password_alone(client, publisher, bank):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:second_factor"))
    for url in (reverse("admin:index"), reverse("admin:advisor_bankversion_publish")):
        assert client.get(url)["Location"].startswith(reverse("admin:login"))
    # the sign-in page sends a half-signed-in user on to the second factor
    assert client.get(reverse("admin:login"))["Location"].startswith(reverse("admin:second_factor"))


def test_enrolment_shows_the_key_then_recovery_codes_once_and_opens_the_admin(
    client, publisher, bank
):
    codes = enrol(client)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=publisher).confirmed
    assert client.get(reverse("admin:advisor_question_changelist")).status_code == 200


def test_signing_in_again_takes_the_apps_code(publisher, bank):
    enrol(Client())
    client = Client()
    sign_in(client)
    device = TOTPDevice.objects.get(user=publisher)
    response = client.post(
        reverse("admin:second_factor"),
        {"code": code_of(device, 1), "next": "/admin/advisor/question/"},
    )
    assert response["Location"] == "/admin/advisor/question/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_recovery_code_signs_in_once(publisher, bank):
    codes = enrol(Client())
    first = Client()
    sign_in(first)
    assert first.post(reverse("admin:second_factor"), {"code": codes[0]}).status_code == 302
    assert first.get(reverse("admin:index")).status_code == 200
    again = Client()
    sign_in(again)
    used = again.post(reverse("admin:second_factor"), {"code": codes[0]})
    assert used.status_code == 200 and "has been used" in used.content.decode()
    assert again.get(reverse("admin:index")).status_code == 302


def test_staff_without_publishing_or_cost_rights_sign_in_with_a_password(db):
    editor = User.objects.create_user("admin", "e@example.com", PASSWORD, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_assessment"))
    client = Client()
    assert sign_in(client)["Location"] == "/admin/advisor/question/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_wrong_codes_lock_the_connection_out_until_a_superuser_lifts_it(publisher, settings, bank):
    settings.LOGIN_FAILURES_PER_15_MINUTES = 3
    enrol(Client())
    RateLimit.objects.all().delete()
    client = Client()
    sign_in(client)  # one attempt
    for _ in range(2):
        wrong = client.post(reverse("admin:second_factor"), {"code": "000000"})
        assert "not right" in wrong.content.decode()
    refused = client.post(reverse("admin:second_factor"), {"code": "000000"})
    assert refused.status_code == 429 and "Wait 15 minutes" in refused.content.decode()
    assert sign_in(Client()).status_code == 429  # the password too, from this connection

    lifter = Client()
    lifter.force_login(publisher)  # a verified superuser
    listing = lifter.get(reverse("admin:advisor_ratelimit_changelist"))
    assert "Sign-in lockouts" in listing.content.decode()
    locked = RateLimit.objects.get(key__startswith="login:")
    lifted = lifter.post(
        reverse("admin:advisor_ratelimit_changelist"),
        {"action": "lift", "_selected_action": [locked.pk]},
        follow=True,
    )
    assert "Lifted 1 lockout." in lifted.content.decode()
    assert sign_in(Client()).status_code == 302


def test_only_superusers_see_the_lockouts(client, db):
    editor = User.objects.create_user("editor", "e@example.com", PASSWORD, is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_ratelimit"))
    client.force_login(editor)
    assert client.get(reverse("admin:advisor_ratelimit_changelist")).status_code == 403
