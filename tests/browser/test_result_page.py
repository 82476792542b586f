"""The result page read as a busy founder reads it, in Chromium: the answer in the first
screen, controls that look like controls, the working folded away."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.conftest import ML_ANSWERS, complete

pytestmark = pytest.mark.browser

SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
# What the summary card must show without scrolling.
ABOVE_THE_FOLD = {
    "first hire": "[data-recommendation]",
    "how sure": ".summary-card .confidence",
    "the reason": ".summary-card .headline",
    "monthly cost, in-house": ".card-costs div:nth-child(1) dd",
    "monthly cost, offshore": ".card-costs div:nth-child(2) dd",
    "the wrong hire": ".card-costs div:nth-child(3) dd",
    "share": ".summary-card .card-share",
    "compare": ".summary-card .card-compare",
}

# WCAG 1.4.11: a control's edge against what is behind it, at least 3:1.
CONTRAST_JS = """
(selector) => {
  function rgba(text) {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    const [r, g, b, a] = m[1].split(',').map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  }
  function behind(el) {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) return c;
    }
    return rgba(getComputedStyle(document.body).backgroundColor);
  }
  function lum([r, g, b]) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  const el = document.querySelector(selector);
  const back = behind(el);
  const edge = rgba(getComputedStyle(el).borderTopColor);
  const mixed = edge.slice(0, 3).map((v, i) => v * edge[3] + back[i] * (1 - edge[3]));
  const [hi, lo] = [lum(mixed), lum(back)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}
"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("viewer", ["owner", "shared"])
def test_the_answer_fits_in_the_first_screen(browser, live_bank, screen, viewer):
    founder = Client()
    url = live_bank.url + complete(founder, ML_ANSWERS)
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height})
    if viewer == "owner":
        cookie = founder.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_bank.url}])
    page = context.new_page()
    page.goto(url)
    expect(page.locator(".summary-card .eyebrow")).to_contain_text(
        "Your result" if viewer == "owner" else "A result shared with you"
    )
    for what, selector in ABOVE_THE_FOLD.items():
        box = page.locator(selector).bounding_box()
        assert box is not None, what
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{what} is below the fold"
        assert box["x"] + box["width"] <= width, f"{what} runs off the side"
    context.close()


def test_the_working_is_folded_away_and_opens_for_print(page, live_bank):
    page.goto(live_bank.url + complete(Client(), ML_ANSWERS))
    sections = page.locator("details.working")
    assert sections.count() >= 5
    assert sections.evaluate_all("all => all.every(d => !d.open)")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert sections.evaluate_all("all => all.every(d => d.open)")


def test_a_link_to_a_folded_section_opens_it(page, live_bank):
    page.goto(live_bank.url + complete(Client(), ML_ANSWERS) + "#costs-title")
    expect(page.locator("#costs details.working")).to_have_attribute("open", "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_radios_and_outlined_buttons_stand_out_from_their_background(browser, live_bank, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    assert page.evaluate(CONTRAST_JS, ".choice .form-check-input") >= 3
    page.locator(".choice .form-check-input").first.check()
    page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile("/wizard/use-case/"))  # the answer is kept
    page.goto(live_bank.url + "/wizard/restart/")  # "Keep them and carry on": a grey outline
    assert page.evaluate(CONTRAST_JS, ".btn-outline-secondary") >= 3
    page.goto(live_bank.url + complete(Client(), ML_ANSWERS))
    assert page.evaluate(CONTRAST_JS, ".btn-outline-primary") >= 3
    context.close()


@pytest.mark.parametrize(
    "answers,most",
    [
        (ML_ANSWERS, 2),
        # the longest page there is: named contradictions, a staged plan, every cost option
        ({**ML_ANSWERS, "training-data": "none", "general-model-fit": "mostly"}, 2),
        # held back, with a constraint, a caution and value needed in weeks
        (
            {
                **ML_ANSWERS,
                "training-data": "raw",
                "time-to-value": "days-weeks",
                "constraints": "data-stays-private",
                "team": "no-engineers",
            },
            2,
        ),
    ],
    ids=["clear", "contradicted and held back", "held back in a hurry"],
)
def test_it_prints_on_two_a4_pages_with_its_link(page, live_bank, answers, most):
    url = live_bank.url + complete(Client(), answers)
    page.goto(url)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= most, f"{pages} pages"
    page.emulate_media(media="print")
    expect(page.locator(".share p.print-only")).to_have_text(url)


# A 390 × 844 phone, everything folded: the page in two screens. A staged plan with the
# constraint it is held to is about as long as a result with cautions gets.
HELD_BACK = {**ML_ANSWERS, "training-data": "raw", "time-to-value": "days-weeks"}
PRIVATE = {**HELD_BACK, "constraints": "data-stays-private", "team": "no-engineers"}
CONTRADICTED = {**ML_ANSWERS, "training-data": "none", "general-model-fit": "mostly"}


@pytest.mark.parametrize(
    "answers",
    [ML_ANSWERS, HELD_BACK, PRIVATE, CONTRADICTED],
    ids=["clear", "held back", "held back, private data", "contradicted and held back"],
)
def test_folded_the_page_is_two_phone_screens(browser, live_bank, answers):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_bank.url + complete(Client(), answers))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * 844, f"{height} px"
    # and every part of the working opens, and says where the figures come from
    page.evaluate("document.querySelectorAll('details.working').forEach(d => d.open = true)")
    expect(page.locator("#costs .sources-link a")).to_be_visible()
    context.close()
