"""Accessibility in Chromium: axe-core on every page, keyboard only, phone size."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import AI_ANSWERS, ML_ANSWERS

pytestmark = pytest.mark.browser

axe = Axe()


def assert_no_violations(page: Page, where: str) -> None:
    results = axe.run(page)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def walk(page: Page, base: str, answers: dict, on_step=None) -> None:
    page.goto(base + "/wizard/")
    if page.get_by_role("heading", name="You have finished").is_visible():
        if on_step:
            on_step("finished")
        page.get_by_role("button", name="Start again").click()
    for slug, choice in answers.items():
        expect(page).to_have_url(re.compile(f"/wizard/{slug}/$"))
        if on_step:
            on_step(slug)
        page.locator(f'input[name="{slug}"][value="{choice}"]').check()
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(browser, live_bank, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    base = live_bank.url

    page.goto(base + "/")
    assert_no_violations(page, "landing")

    # every step, and the first one's error state
    page.goto(base + "/wizard/")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_violations(page, "step with an error")
    walk(page, base, ML_ANSWERS, on_step=lambda slug: assert_no_violations(page, slug))
    assert_no_violations(page, "check your answers")

    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()
    assert_no_violations(page, "result")
    first = page.url

    # the cost panel after an htmx update, and with a bad input
    page.locator("#costs > details > summary").click()  # the working is folded away
    # with script, a change applies at once: the no-script button is hidden
    expect(page.get_by_role("button", name="Recalculate")).to_be_hidden()
    page.locator(".more-settings > summary").click()  # hours and currency are under it
    page.get_by_label("Hours a week", exact=True).fill("20")
    page.get_by_label("Hours a week", exact=True).press("Enter")
    expect(page).to_have_url(re.compile("hours=20"))
    assert_no_violations(page, "cost panel after update")
    page.get_by_label("Hours a week", exact=True).fill("500")
    page.get_by_label("Hours a week", exact=True).press("Enter")
    expect(page.locator("#costs .alert-danger")).to_be_visible()
    assert_no_violations(page, "cost panel with an error")
    page.get_by_label("Hours a week", exact=True).fill("30")
    page.get_by_label("Monthly burn (optional)").fill("80000")
    page.get_by_label("Cash in the bank (optional)").fill("900000")
    page.get_by_label("Currency").select_option("EUR")
    expect(page.locator("#costs .runway")).to_contain_text("€80,000")
    assert_no_violations(page, "cost panel with burn and cash, in euros")

    # a second, staged result, and the two compared
    # back in the wizard after finishing, then a second, staged result
    walk(
        page,
        base,
        {**ML_ANSWERS, "training-data": "none", "time-to-value": "days-weeks"},
        on_step=lambda where: where == "finished" and assert_no_violations(page, where),
    )
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()
    assert_no_violations(page, "staged result")
    page.locator("#compare > summary").click()  # folded under the share link
    page.get_by_label("Link to a co-founder's result").fill(first)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Two results side by side")).to_be_visible()
    assert_no_violations(page, "compare")

    page.goto(base + "/r/not-a-result/")
    assert_no_violations(page, "404")
    context.close()


def test_the_wizard_can_be_completed_with_the_keyboard_alone(page: Page, live_bank):
    page.goto(live_bank.url + "/")

    def tab_to(predicate_js: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate_js):
                return
        raise AssertionError(f"Tab never reached: {predicate_js}")

    tab_to("document.activeElement.textContent.trim() === 'Start the questions'")
    page.keyboard.press("Enter")
    for number, (slug, choice) in enumerate(AI_ANSWERS.items(), start=1):
        expect(page.locator(".step-count")).to_have_text(f"Step {number} of 9")
        # into the radio group, then arrow keys to the wanted choice
        tab_to(f"document.activeElement.name === '{slug}'")
        for _ in range(12):
            if page.evaluate(f"document.activeElement.value === '{choice}'"):
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(page.locator(f'input[name="{slug}"][value="{choice}"]')).to_be_checked()
        tab_to("document.activeElement.type === 'submit'")
        page.keyboard.press("Enter")
        if number < len(AI_ANSWERS):
            # focus lands on the new question, so the next Tab starts from there
            expect(page.locator("h1")).to_be_focused()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_focused()
    tab_to("document.activeElement.textContent.trim() === 'See my recommendation'")
    page.keyboard.press("Enter")
    expect(page.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ai-engineer"
    )


def test_focus_is_always_visible(page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    for selector in ("a.back-link", 'input[name="use-case"]', "button[type=submit]", "summary"):
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "getComputedStyle(document.activeElement).outlineStyle + ' ' + "
            "getComputedStyle(document.activeElement).outlineWidth"
        )
        assert not outline.startswith("none") and not outline.endswith(" 0px"), selector


def test_errors_are_linked_to_their_field_and_announced(page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    page.get_by_role("button", name="Continue").click()
    fieldset = page.locator("fieldset")
    expect(fieldset).to_have_attribute("aria-describedby", re.compile("use-case-error"))
    expect(page.locator("#use-case-error")).to_contain_text("Choose one answer")
    expect(page.locator("#announcer")).to_contain_text("There is a problem")


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_nothing_scrolls_sideways_and_targets_are_big_enough(browser, live_bank):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    base = live_bank.url

    def check(where: str) -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{where}: page is {width}px wide"
        small = page.evaluate(
            """() => [...document.querySelectorAll(
                  'button:not([hidden]), .btn, .choice, a.back-link, .summary-action a, '
                  + 'input.form-control, select, summary')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height])
                .filter(([, h]) => h < 44)"""
        )
        assert not small, f"{where}: tap targets under 44px: {small}"

    page.goto(base + "/")
    check("landing")
    walk(page, base, ML_ANSWERS, on_step=check)
    check("check your answers")
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()
    check("result")
    context.close()


def test_reduced_motion_is_respected(browser, live_bank):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    duration = page.evaluate("getComputedStyle(document.querySelector('.btn')).transitionDuration")
    assert duration in ("0s", "")
    context.close()
