"""The bank's translations in Chromium: an admin edits a question's German beside its
English and saves it; a Spanish text left blank is listed on the publish page, the draft
is published all the same, and a founder on the Spanish step reads that text in English,
marked, with the article's words shown with their English original."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from advisor.models import Question
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_admin_browser import PASSWORD, message, sign_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("ADMIN_SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        for width, height in ((1280, 800), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})


def test_an_admin_translates_and_founders_see_what_is_missing_marked(browser, live_bank):
    User.objects.create_superuser("admin", "a@example.com", PASSWORD)
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(page, live_bank.url)

    # a question's German edited beside its English and Spanish
    question = Question.objects.get(slug="use-case")
    page.goto(f"{live_bank.url}/admin/advisor/question/{question.pk}/change/")
    expect(page.locator('[name="text_en"]')).to_have_value("What are you building?")
    expect(page.locator('[name="text_es"]')).to_have_value("¿Qué estás construyendo?")
    page.locator('[name="text_de"]').fill("Woran arbeiten Sie?")
    page.locator('[name="text_es"]').fill("")  # left for later: founders get the English
    shot(page, "admin-question")
    page.get_by_role("button", name="Save", exact=True).click()
    message(page).to_contain_text("was changed successfully")
    question.refresh_from_db()
    assert (question.text_en, question.text_de) == ("What are you building?", "Woran arbeiten Sie?")
    assert not question.text_es

    # publishing says what is missing, and is allowed
    page.goto(live_bank.url + "/admin/advisor/bankversion/publish/")
    missing = page.locator("details.untranslated")
    expect(missing).to_have_count(1)
    expect(missing).to_contain_text("Español: 1 text not translated")
    missing.locator("summary").click()
    expect(missing.locator("tbody tr td")).to_have_text(
        ["Question “What are you building?”", "text", "What are you building?"]
    )
    shot(page, "admin-publish")
    page.get_by_role("button", name="Publish the draft").click()
    message(page).to_contain_text("Published version")

    # a founder in Spanish: the question in English, marked; the rest in Spanish
    page.goto(live_bank.url + "/es/wizard/use-case/")
    heading = page.get_by_role("heading", level=1)
    expect(heading.locator('[lang="en"]')).to_have_text("What are you building?")
    expect(heading.locator(".in-english")).to_be_visible()
    expect(page.locator("label.choice-label").first).to_contain_text("Un asistente de chat")
    page.locator("details.why summary").click()
    expect(page.locator(".quote-original q[lang='en']")).to_contain_text(
        "The article names the work each role does"
    )
    expect(page.locator("details.why")).to_contain_text("El artículo nombra el trabajo")
    assert_no_violations(page, "the Spanish step with a text in English")
    shot(page, "step-es")

    # in German, the new wording
    page.goto(live_bank.url + "/de/wizard/use-case/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Woran arbeiten Sie?")
    shot(page, "step-de")
