"""Three co-founders decide together, each in their own browser: each answers blind and
sees their own result first; the team page names no call while a deciding difference
stands; settling (nothing chosen in advance) gives a team call, stored as a result."""

from __future__ import annotations

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from advisor.models import Team
from tests.conftest import ML_ANSWERS

pytestmark = pytest.mark.browser

ML_SOON = {**ML_ANSWERS, "time-to-value": "one-three-months"}
SHOTS = "/work/shots/teams"
# Every table and its scrolling wrapper, measured: content wider than the box scrolls.
OVERFLOW_JS = """
() => [...document.querySelectorAll('table, .table-responsive, main, body')]
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => `${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`)
"""


def clean(page, where: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def fits_a_phone(page, where: str) -> None:
    """At 390 px nothing scrolls sideways; a screenshot at both sizes to look at."""
    for name, (width, height) in {"desktop": (1280, 800), "phone": (390, 844)}.items():
        page.set_viewport_size({"width": width, "height": height})
        if SHOTS and os.path.isdir(SHOTS):
            page.screenshot(path=f"{SHOTS}/{where}-{name}.png", full_page=True)
    assert page.evaluate(OVERFLOW_JS) == [], where
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, where
    page.set_viewport_size({"width": 1280, "height": 800})


def answer(page, answers: dict) -> None:
    for slug, choice in answers.items():
        page.locator(f'input[name="{slug}"][value="{choice}"]').check()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()


def test_three_founders_decide_together_in_their_own_browsers(browser, live_bank):
    base = live_bank.url
    jane = browser.new_context().new_page()
    jane.goto(base + "/")
    jane.get_by_label("What are you deciding?").fill("Our first AI hire")
    jane.get_by_label("Your name, as the others will see it").fill("Jane")
    jane.get_by_role("button", name="Invite them to answer").click()
    invite = jane.locator("[data-invite-link]").input_value()
    clean(jane, "team page, just started")
    jane.get_by_role("link", name="Answer the questions").click()
    answer(jane, ML_SOON)
    # her own result first, the team's state beside it
    expect(jane.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )
    expect(jane.locator(".team-state")).to_contain_text("Jane — has answered")
    jane_result = jane.url

    others = {
        "Sam": ({**ML_SOON, "training-data": "none"}, "ai-engineer"),
        "Ria": ({**ML_SOON, "team": "llm-shipped"}, "ml-engineer"),
    }
    pages = {}
    for name, (answers, first) in others.items():
        page = browser.new_context().new_page()
        page.goto(invite)
        page.get_by_label("Your name, as the others will see it").fill(name)
        page.get_by_role("button", name="Join and answer the questions").click()
        # blind: nobody's answers before one's own
        expect(page.locator("body")).not_to_contain_text("Your answers side by side")
        answer(page, answers)
        expect(page.locator("[data-recommendation]")).to_have_attribute(
            "data-recommendation", first
        )
        expect(page.locator(".team-state")).to_contain_text(f"{name} — has answered")
        pages[name] = page
    sam = pages["Sam"]
    clean(sam, "a member's own result with the team beside it")
    fits_a_phone(sam, "member-result")

    # the team page: no call while the data question decides the hire
    sam.get_by_role("link", name="Open the team page").click()
    expect(sam.locator("#team-verdict")).to_have_text("Not decided yet — settle this question")
    expect(sam.locator(".summary-card")).to_contain_text("Sam: AI Engineer first")
    expect(sam.locator(".compare-table tbody tr").first).to_have_class("decides")
    clean(sam, "team page, not decided")
    fits_a_phone(sam, "team-not-decided")
    # nothing chosen for the team in advance; settling without a choice goes nowhere
    assert sam.locator(".settle-form input[type=radio]:checked").count() == 0
    settle = sam.get_by_role("button", name=re.compile(r"Settle\W+Do you have data"))
    settle.click()
    expect(sam.locator("#team-verdict")).to_contain_text("Not decided yet")
    labeled = "Yes — a large, labeled, well-governed dataset"
    sam.locator("#disagreements").get_by_label(labeled).check()
    settle.click()
    expect(sam.locator("[role=status].alert")).to_have_text(
        "You settled “Do you have data to train a model on?” as “Yes — a large, labeled, "
        "well-governed dataset”."
    )
    call = sam.locator("[data-team-recommendation]")
    expect(call).to_have_attribute("data-team-recommendation", "ml-engineer")
    expect(sam.locator("#team-verdict")).to_have_text("Machine Learning Engineer first")
    expect(sam.locator("body")).not_to_contain_text("Not decided yet")
    clean(sam, "team page, decided")
    fits_a_phone(sam, "team-decided")
    # the stored team result is the page's call
    team = Team.objects.get(name="Our first AI hire")
    assert team.result.recommendation == "ml-engineer"
    sam.get_by_role("link", name="The team's result").click()
    expect(sam.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )
    assert sam.url.endswith(f"/r/{team.result.token}/")
    # the same everywhere: Jane's team page says what Sam's says
    jane.goto(base + f"/t/{team.token}/")
    expect(jane.locator("#team-verdict")).to_have_text("Machine Learning Engineer first")

    # from her result, the one way in also compares two links: a table that fits a phone
    jane.goto(jane_result)
    jane.get_by_role("link", name="Decide with a co-founder").click()
    jane.get_by_label("Link to a co-founder's result").fill(
        base + "/r/" + team.members.get(name="Sam").assessment.token + "/"
    )
    jane.get_by_role("button", name="Compare").click()
    expect(jane.locator(".compare-headline")).to_have_text(
        "The results differ: the Machine Learning Engineer first against the AI Engineer first."
    )
    clean(jane, "compare page")
    fits_a_phone(jane, "compare")
