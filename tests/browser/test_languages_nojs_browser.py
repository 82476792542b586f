"""The wizard in Spanish and German, walked in Chromium without JavaScript: the same
answers reach the same first hire and confidence as in English, every page says its
language, axe finds nothing, and the result can be read in the other languages."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import AI_ANSWERS, ML_ANSWERS

pytestmark = pytest.mark.browser

axe = Axe()
PREFIX = {"en": "", "es": "/es", "de": "/de"}


def walk_without_script(browser, base: str, language: str, answers: dict) -> tuple[str, list]:
    """The result's address, and each page's address and `lang`, walking in `language`."""
    context = browser.new_context(java_script_enabled=False, locale=language)
    page = context.new_page()
    seen = []
    page.goto(f"{base}{PREFIX[language]}/wizard/")
    for slug, choice in answers.items():
        expect(page).to_have_url(re.compile(f"{PREFIX[language]}/wizard/{slug}/$"))
        seen.append((page.url, page.locator("html").get_attribute("lang")))
        page.locator(f'input[name="{slug}"][value="{choice}"]').check()
        page.locator(f'form:has(input[name="{slug}"]) button[type=submit]').first.click()
    expect(page).to_have_url(re.compile(f"{PREFIX[language]}/wizard/check/$"))
    seen.append((page.url, page.locator("html").get_attribute("lang")))
    confirm = f'main form[action="{PREFIX[language]}/wizard/check/"] button[type=submit]'
    page.locator(confirm).click()
    expect(page).to_have_url(re.compile(f"{PREFIX[language]}/r/[A-Za-z0-9_-]+/$"))
    seen.append((page.url, page.locator("html").get_attribute("lang")))
    url = page.url
    context.close()
    return url, seen


def verdict(page) -> tuple[str, str]:
    heading = page.locator("[data-recommendation]")
    return heading.get_attribute("data-recommendation"), heading.get_attribute("data-confidence")


@pytest.mark.parametrize("answers", [AI_ANSWERS, ML_ANSWERS], ids=["ai", "ml"])
def test_the_same_answers_get_the_same_advice_in_every_language(browser, live_bank, answers):
    base = live_bank.url
    found = {}
    for language in ("en", "es", "de"):
        url, seen = walk_without_script(browser, base, language, answers)
        assert all(lang == language for _, lang in seen), seen
        page = browser.new_page()
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        found[language] = verdict(page)
        results = axe.run(page)
        assert results.violations_count == 0, f"{language}:\n{results.generate_report()}"
        page.close()
    assert found["es"] == found["en"] == found["de"], found


def test_a_result_opens_in_its_language_and_reads_in_the_others(browser, live_bank):
    base = live_bank.url
    url, _ = walk_without_script(browser, base, "de", AI_ANSWERS)
    page = browser.new_page()
    page.goto(url)
    german = page.locator("h1").inner_text()
    link = page.locator("nav.languages a[hreflang=es]")
    link.click()
    expect(page).to_have_url(re.compile("/es/r/"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() != german
    assert "alemán" in page.locator(".read-in").inner_text()  # says it was made in German
    page.locator(".read-in a[hreflang=en]").click()  # its own links read it in the others
    expect(page).to_have_url(re.compile(r"127\.0\.0\.1:\d+/r/[\w-]+/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "German" in page.locator(".read-in").inner_text()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_switcher_keeps_the_founders_place(browser, live_bank):
    base = live_bank.url
    page = browser.new_page()
    page.goto(f"{base}/wizard/")
    first = next(iter(AI_ANSWERS.items()))
    page.locator(f'input[name="{first[0]}"][value="{first[1]}"]').check()
    page.locator(f'form:has(input[name="{first[0]}"]) button[type=submit]').first.click()
    expect(page).to_have_url(re.compile(f"/wizard/{list(AI_ANSWERS)[1]}/$"))
    page.locator("nav.languages a[hreflang=de]").click()
    expect(page).to_have_url(re.compile(f"/de/wizard/{list(AI_ANSWERS)[1]}/$"))
    assert page.locator("html").get_attribute("lang") == "de"
    page.goto(f"{base}/")  # the choice is remembered
    expect(page).to_have_url(f"{base}/de/")
    page.locator("nav.languages a[hreflang=en]").click()
    expect(page).to_have_url(f"{base}/")
    assert page.locator("html").get_attribute("lang") == "en"
