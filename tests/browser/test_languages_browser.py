"""The wizard and a team in Spanish and German, in a browser with JavaScript: htmx steps
keep the page's language (address, title, announcements), the buttons carry the
language's words, and the copy button reports in the page's language."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import AI_ANSWERS

pytestmark = pytest.mark.browser


def test_a_german_founder_walks_the_wizard_with_javascript_in_german(browser, live_bank):
    base = live_bank.url
    page = browser.new_context().new_page()
    page.goto(base + "/de/")
    page.get_by_role("button", name="Mit den Fragen beginnen").click()
    expect(page).to_have_url(base + "/de/wizard/use-case/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    for number, (slug, choice) in enumerate(AI_ANSWERS.items(), start=1):
        expect(page.locator("#step-count")).to_have_text(f"Schritt {number} von 9")
        page.locator(f'input[name="{slug}"][value="{choice}"]').check()
        page.get_by_role("button", name="Weiter").click()
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(base + "/de/wizard/"), page.url
        if number < len(AI_ANSWERS):
            # the swapped step sets the title and announces itself in German
            expect(page).to_have_title(re.compile(rf"Schritt {number + 1} von 9 — Hiring Advisor$"))
            expect(page.locator("#announcer")).to_contain_text(f"Schritt {number + 1} von 9")
    expect(page.get_by_role("heading", name="Prüfen Sie Ihre Antworten")).to_be_visible()
    page.get_by_role("link", name="Zurück").click()
    expect(page.locator("#step-count")).to_have_text("Schritt 9 von 9")
    page.get_by_role("button", name="Weiter").click()
    page.get_by_role("button", name="Meine Empfehlung sehen").click()
    expect(page).to_have_url(re.compile(r"/de/r/[\w-]+/$"))


def test_a_spanish_team_copies_its_invite_link_and_says_so_in_spanish(browser, live_bank):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_bank.url + "/es/")
    page.get_by_label("¿Qué están decidiendo?").fill("Primer fichaje")
    page.get_by_label("Tu nombre, tal como lo verán los demás").fill("Ana")
    page.get_by_role("button", name="Invítalos a responder").click()
    expect(page.get_by_role("heading", name="Primer fichaje")).to_be_visible()
    assert "/es/t/" in page.url
    page.get_by_role("button", name="Copiar").click()
    expect(page.locator("#invite-link-status")).to_have_text("Enlace de invitación copiado.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(rf"{re.escape(live_bank.url)}/es/t/join/[\w-]+/", copied), copied
