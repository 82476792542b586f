"""The admin in a German browser, in Chromium: signing in with the second factor, the
index, analytics, publishing and a pay-rate change by a percentage, each read in German
(the admin has no language in its address: it follows the browser's)."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.browser.test_admin_browser import PASSWORD, message, shot

pytestmark = pytest.mark.browser


def sign_in_in_german(page: Page, url: str) -> None:
    page.goto(url + "/admin/login/")
    page.get_by_label("Benutzername").fill("admin")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(
        page.get_by_role("heading", name="Anmeldung mit zweitem Faktor einrichten")
    ).to_be_visible()
    secret = page.locator(".otp-secret").inner_text().replace(" ", "")
    page.get_by_role("textbox", name="Code").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Anmeldung mit zweitem Faktor einschalten").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Ich habe sie aufbewahrt: weiter zur Verwaltung").click()


def test_the_admin_in_a_german_browser(browser, live_bank):
    call_command("compilemessages", locale=["es", "de"], verbosity=0)
    User.objects.create_superuser("admin", "a@example.com", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    sign_in_in_german(page, live_bank.url)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#content-main caption").nth(1)).to_contain_text("Der Fragenkatalog")
    shot(page, "de-index")

    page.get_by_role("link", name="Auswertung: wie Gründer antworten").click()
    expect(page.get_by_role("heading", name="Woher Gründer kommen")).to_be_visible()
    page.get_by_role("link", name="letzte 7 Tage").click()
    expect(page.get_by_role("button", name="Anzeigen")).to_be_visible()
    shot(page, "de-analytics")

    page.goto(live_bank.url + "/admin/advisor/bankversion/")
    page.get_by_role("link", name="Entwurf veröffentlichen…").click()
    expect(page.get_by_role("heading", name="Frühere Ergebnisse")).to_be_visible()
    shot(page, "de-publish")
    page.get_by_role("button", name=re.compile("veröffentlichen")).click()
    message(page).to_contain_text("Version 1 veröffentlicht.")

    page.goto(live_bank.url + "/admin/advisor/payrate/")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("change_by_percent")
    page.get_by_role("button", name="Ausführen").click()
    page.get_by_label("Ändern um (%)").fill("5")
    page.get_by_role("button", name="Zeigen, was sich ändert").click()
    expect(page.get_by_text("Noch ist nichts gesichert.")).to_be_visible()
    shot(page, "de-payrate-bulk")
    page.get_by_role("button", name=re.compile(r"^Auf \d+ Sätze anwenden$")).click()
    message(page).to_contain_text("um +5 % geändert")
    context.close()
