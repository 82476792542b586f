"""The wizard and the result page in Debian's Chromium, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import AI_ANSWERS, ML_ANSWERS

pytestmark = pytest.mark.browser


def choose(page: Page, slug: str, choice: str) -> None:
    page.locator(f'input[name="{slug}"][value="{choice}"]').check()


def answer_all(page: Page, answers: dict) -> None:
    for number, (slug, choice) in enumerate(answers.items(), start=1):
        expect(page).to_have_url(re.compile(f"/wizard/{slug}/$"))
        expect(page.locator(".step-count")).to_have_text(f"Step {number} of {len(answers)}")
        choose(page, slug, choice)
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile("/wizard/check/$"))
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


def test_a_founder_completes_the_wizard_with_htmx(page: Page, live_bank):
    page.goto(live_bank.url + "/")
    page.get_by_role("button", name="Start the questions").click()
    # a marker that only survives if htmx swaps the region instead of loading pages
    page.evaluate("window.stayedOnPage = true")
    answer_all(page, ML_ANSWERS)
    assert page.evaluate("window.stayedOnPage") is True
    page.get_by_role("button", name="See my recommendation").click()
    expect(page).to_have_url(re.compile(r"/r/[\w-]{32,}/$"))
    expect(page.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )


def test_a_founder_completes_the_wizard_without_javascript(browser, live_bank):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, AI_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ai-engineer"
    )
    # the cost panel works as a plain GET form
    page.locator("#costs > details > summary").click()  # the working is folded away
    page.locator(".more-settings > summary").click()  # hours a week are under it
    page.get_by_label("Hours a week", exact=True).fill("20")
    page.get_by_role("button", name="Recalculate").click()
    expect(page).to_have_url(re.compile(r"hours=20"))
    expect(page.locator("#costs")).to_contain_text("from $1,733")  # $20 × 20 h × 52/12
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_back_and_reload_keep_every_answer(browser, live_bank, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    for slug in ("use-case", "general-model-fit", "model-role"):
        choose(page, slug, ML_ANSWERS[slug])
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(re.compile(r"/wizard/(?!" + slug + r"/)[\w-]+/$"))
    expect(page).to_have_url(re.compile("/wizard/training-data/$"))

    # the page's Back link
    page.get_by_role("link", name="Back").click()
    expect(page).to_have_url(re.compile("/wizard/model-role/$"))
    expect(page.locator('input[name="model-role"][value="moat"]')).to_be_checked()

    # the browser's back button
    page.go_back()
    expect(page).to_have_url(re.compile("/wizard/training-data/$"))
    expect(page.locator("h1")).to_have_text("Do you have data to train a model on?")
    page.go_back()
    expect(page).to_have_url(re.compile("/wizard/model-role/$"))
    expect(page.locator("h1")).to_have_text("Is the model the moat, or is it plumbing?")
    expect(page.locator('input[name="model-role"][value="moat"]')).to_be_checked()

    # reload, and close the tab and come back
    page.reload()
    expect(page.locator('input[name="model-role"][value="moat"]')).to_be_checked()
    page.close()
    page = context.new_page()
    page.goto(live_bank.url + "/")
    page.get_by_role("button", name=re.compile("Resume your answers")).click()
    expect(page).to_have_url(re.compile("/wizard/training-data/$"))
    page.goto(live_bank.url + "/wizard/use-case/")
    expect(page.locator('input[name="use-case"][value="fraud"]')).to_be_checked()
    context.close()


def test_a_missing_answer_gets_a_message_on_the_same_step(page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose one answer to go on.")
    expect(page).to_have_url(re.compile("/wizard/use-case/$"))
    choose(page, "use-case", "fraud")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile("/wizard/general-model-fit/$"))


def test_focus_moves_to_the_new_question_after_each_step(page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    choose(page, "use-case", "fraud")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Does a good general-purpose model already solve it?")
    expect(page.locator("h1")).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text("Step 2 of 9")
    assert "step 2 of 9" in page.title()


def test_a_change_from_the_check_page_comes_back_to_it(page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role(
        "link", name=re.compile("Change your answer to: Is the model the moat")
    ).click()
    expect(page).to_have_url(re.compile(r"/wizard/model-role/\?change=1$"))
    choose(page, "model-role", "plumbing")
    page.get_by_role("button", name="Save and go back to your answers").click()
    expect(page).to_have_url(re.compile("/wizard/check/$"))
    expect(page.locator(".summary-list")).to_contain_text("Plumbing")


def test_the_result_link_opens_in_a_fresh_browser(browser, page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page).to_have_url(re.compile(r"/r/[\w-]+/$"))
    link = page.locator("#share-link").input_value()
    assert link == page.url
    heading = page.locator("h1").inner_text()

    other = browser.new_context()  # no cookies, no session
    theirs = other.new_page()
    theirs.goto(link)
    expect(theirs.locator("h1")).to_have_text(heading)
    expect(theirs.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )
    other.close()


def test_the_cost_panel_updates_in_place_with_htmx(page: Page, live_bank):
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page).to_have_url(re.compile(r"/r/[\w-]+/$"))
    page.evaluate("window.stayedOnPage = true")
    page.locator("#costs > details > summary").click()  # the working is folded away
    # a changed input recalculates on its own: no button press
    page.get_by_label("Months", exact=True).fill("18")
    page.get_by_label("Months", exact=True).press("Tab")
    expect(page.locator("#costs .my-option")).to_contain_text("All in over 18 months")
    expect(page).to_have_url(re.compile(r"months=18"))
    expect(page.locator("#announcer")).to_contain_text("Costs recalculated")
    expect(page.locator("#announcer")).to_contain_text("over 18 months")
    # the summary card follows the panel's inputs
    card = page.locator("#card-costs")
    expect(card).to_contain_text("US, in-house, full time (senior)")
    expect(card).to_contain_text("All in, 18 months")
    page.get_by_label("Mid-level").check()
    expect(card).to_contain_text("US, in-house, full time (mid-level)")
    expect(page).to_have_url(re.compile(r"seniority=mid"))
    # what is typed is kept while an earlier change is recalculated
    page.get_by_label("Monthly burn (optional)").fill("90000")
    page.get_by_label("Cash in the bank (optional)").fill("1000000")
    page.locator(".more-settings > summary").click()
    page.get_by_label("Currency").select_option("EUR")
    expect(card).to_contain_text("€")
    expect(page.locator("#costs .runway")).to_contain_text("of your monthly burn of €90,000")
    expect(page.locator("#costs .runway")).to_contain_text("With €1,000,000 in the bank")
    expect(page.locator("#costs caption").first).to_contain_text("over 18 months")
    expect(page.locator("#costs")).to_contain_text("In EUR")
    assert page.evaluate("window.stayedOnPage") is True
    # the link to share carries the chosen settings
    expect(page.locator("#share-link")).to_have_value(re.compile(r"/r/[\w-]+/\?.*months=\d+"))


def test_the_cost_panel_works_without_javascript(browser, live_bank):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    page.locator("#costs > details > summary").click()
    page.get_by_label("The hire you are pricing").select_option("western-europe/in-house")
    page.locator(".more-settings > summary").click()
    page.get_by_label("Currency").select_option("GBP")
    page.get_by_label("Monthly burn (optional)").fill("60000")
    page.get_by_label("Cash in the bank (optional)").fill("900000")
    page.get_by_role("button", name="Recalculate").click()
    expect(page).to_have_url(re.compile(r"option=western-europe%2Fin-house.*currency=GBP"))
    expect(page.locator("#card-costs")).to_contain_text(
        "Western Europe, in-house, full time (senior)£"
    )
    expect(page.locator(".runway")).to_contain_text("of your monthly burn of £60,000")
    expect(page.locator(".runway")).to_contain_text("shorter by")
    context.close()


def test_no_page_breaks_the_content_security_policy(page: Page, live_bank):
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(live_bank.url + "/")
    page.get_by_role("button", name="Start the questions").click()
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()
    page.locator("#costs > details > summary").click()  # the working is folded away
    page.get_by_label("Months", exact=True).fill("6")
    page.get_by_label("Months", exact=True).press("Tab")  # a change applies at once
    expect(page).to_have_url(re.compile("months=6"))
    page.get_by_role("button", name="Copy link").click()
    result = page.url.split("?")[0]
    page.goto(result + "change/")
    page.goto(live_bank.url + "/compare/?a=" + result.split("/")[-2] + "&b=nope")
    page.goto(live_bank.url + "/admin/login/")
    page.goto(live_bank.url + "/no-such-page/")
    assert violations == []


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_back_forward_and_reload_land_on_the_right_step_at_every_step(
    browser, live_bank, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    slugs = list(ML_ANSWERS)
    answer_all(page, ML_ANSWERS)
    # back through every step: each shows its own question with its saved answer
    for slug in reversed(slugs):
        page.go_back()
        expect(page).to_have_url(re.compile(f"/wizard/{slug}/$"))
        expect(page.locator(f'input[name="{slug}"][value="{ML_ANSWERS[slug]}"]')).to_be_checked()
        page.reload()
        expect(page.locator(f'input[name="{slug}"][value="{ML_ANSWERS[slug]}"]')).to_be_checked()
    # and forward again to the check page
    for slug in slugs[1:]:
        page.go_forward()
        expect(page).to_have_url(re.compile(f"/wizard/{slug}/$"))
        expect(page.locator(f'input[name="{slug}"][value="{ML_ANSWERS[slug]}"]')).to_be_checked()
    page.go_forward()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_change_my_answers_and_compare_work_from_the_result(browser, live_bank, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )
    first = page.url

    # a new draft from this result's answers, straight to the check page; change one, finish
    page.get_by_role("button", name="Change my answers").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role(
        "link", name=re.compile("Change your answer to: Is the model the moat")
    ).click()
    page.locator('input[name="model-role"][value="plumbing"]').check()
    page.get_by_role("button", name="Save and go back to your answers").click()
    page.get_by_role("button", name="See my recommendation").click()
    page.wait_for_url(lambda url: "/r/" in url and url != first)
    second = page.url

    # the first result is as it was
    page.goto(first)
    expect(page.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )
    # compare the two: the one answer that differs is highlighted
    page.get_by_role("link", name="Decide with a co-founder").click()  # the one way in
    page.get_by_label("Link to a co-founder's result").fill(second)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Two results side by side")).to_be_visible()
    expect(page.locator("tr.differs")).to_have_count(1)
    expect(page.locator("tr.differs")).to_contain_text("Is the model the moat")
    context.close()


def test_copy_link_and_print_controls_appear_with_javascript(browser, live_bank):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, AI_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#share-link-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.locator("#jd summary").click()
    expect(page.get_by_role("button", name="Copy the job description")).to_be_visible()
    context.close()

    # without JavaScript the link is still there to select, and the buttons are hidden
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, AI_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("#share-link")).to_have_value(page.url)
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    context.close()
