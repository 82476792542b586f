"""The cost panel and the summary card in Chromium, at a phone's 390×844 and a laptop's
1280×800: the card follows the option the founder prices and, with burn and cash, shows
the runway; the opened cost section puts the option, its whole cost and the runway first,
within three phone screens before the folded table of every option."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_browser import answer_all
from tests.conftest import ML_ANSWERS

pytestmark = pytest.mark.browser

SCREENS = {"phone": (390, 844), "laptop": (1280, 800)}
SHOTS = os.environ.get("COST_SHOTS")  # a folder to keep screenshots in, when set


def result_page(browser, live_bank, size) -> Page:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page).to_have_url(re.compile(r"/r/[\w-]{32,}/$"))
    return page


def shoot(page: Page, name: str, locator=None) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        target = locator or page
        target.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_card_shows_the_chosen_option_and_the_runway(browser, live_bank, screen):
    page = result_page(browser, live_bank, SCREENS[screen])
    card = page.locator("#card-costs")
    expect(card).to_contain_text("US, in-house, full time (senior)")

    # The founder picks another option and gives burn and cash, with the controls.
    page.locator("#costs > details > summary").click()
    page.get_by_label("The hire you are pricing").select_option("latin-america/contractor")
    expect(card).to_contain_text("Latin America, contractor or freelance (senior)")
    page.get_by_label("Monthly burn (optional)").fill("60000")
    page.get_by_label("Monthly burn (optional)").press("Tab")  # a change, as a person makes it
    page.get_by_label("Cash in the bank (optional)").fill("900000")
    page.get_by_label("Cash in the bank (optional)").press("Tab")  # a change, as a person makes it
    expect(card.locator("[data-cost=runway]")).to_contain_text("15 months without")
    expect(card.locator("[data-cost=runway] [data-source]")).to_contain_text("with this hire")
    expect(card.locator("[data-cost=monthly] [data-source]")).to_contain_text("a month")
    expect(card.locator("[data-cost=wrong]")).to_contain_text("3 months of the AI engineer")

    # The card and its figures are on the first screen.
    page.evaluate("window.scrollTo(0, 0)")
    box = card.bounding_box()
    assert box and box["y"] + box["height"] <= SCREENS[screen][1] * (
        1.5 if screen == "phone" else 1
    )
    shoot(page, f"card-{screen}", page.locator(".summary-card"))

    # Opened, the section gives the option first; every other option is folded away.
    section = page.locator("#costs")
    table = page.locator("#all-options")
    expect(table).not_to_have_attribute("open", "")
    top = section.bounding_box()["y"]
    before_table = table.bounding_box()["y"] - top
    option_at = page.locator(".my-option").bounding_box()["y"] - top
    assert option_at < before_table
    section.scroll_into_view_if_needed()
    shoot(page, f"costs-{screen}", section)
    if screen == "phone":
        assert before_table <= 3 * 844, before_table
    table.locator("summary").click()
    expect(page.locator(".cost-table")).to_be_visible()
    page.context.close()


def test_a_founders_own_figure_changes_every_total_and_survives_the_link(browser, live_bank):
    page = result_page(browser, live_bank, SCREENS["laptop"])
    page.locator("#costs > details > summary").click()
    page.get_by_label("Monthly burn (optional)").fill("80000")
    page.get_by_label("Cash in the bank (optional)").fill("1200000")
    page.get_by_label("Cash in the bank (optional)").press("Tab")  # a change, as a person makes it
    card = page.locator("#card-costs")
    expect(card.locator("[data-cost=runway]")).to_contain_text("with this hire")
    before = {
        key: card.locator(f"[data-cost={key}] dd").text_content()
        for key in ("monthly", "whole", "runway", "wrong")
    }

    page.get_by_label("Your own figure (optional)").fill("9000")
    page.get_by_label("Your own figure (optional)").press("Tab")  # a change, as a person makes it
    expect(card.locator("[data-cost=founder] [data-source='founder']")).to_have_text(
        re.compile(r"^\$9,000 a month")
    )
    after = {key: card.locator(f"[data-cost={key}] dd").text_content() for key in before}
    assert all(after[key] != before[key] for key in before), (before, after)
    assert page.locator(".my-option [data-source='founder']").count() >= 1  # the pay

    # The address holds the figure: opened afresh, the page shows the same.
    expect(page).to_have_url(re.compile(r"pay=9000"))
    page.goto(page.url)
    for key, text in after.items():
        expect(card.locator(f"[data-cost={key}] dd")).to_have_text(text)
    page.context.close()


@pytest.mark.parametrize(
    "lang, label, typed, shown",
    [
        ("de", "Ihr eigener Betrag (optional)", "12.000,50", "12.000,50\u00a0$ pro Monat"),
        ("es", "Tu propia cifra (opcional)", "12.000", "12.000\u00a0$ al mes"),
    ],
)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_cost_panel_in_spanish_and_german_reads_the_figure_as_typed_there(
    browser, live_bank, screen, lang, label, typed, shown
):
    page = result_page(browser, live_bank, SCREENS[screen])
    page.goto(page.url.replace("/r/", f"/{lang}/r/"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.locator("#costs > details > summary").click()
    field = page.get_by_label(label)
    field.fill(typed)
    field.press("Tab")  # a change, as a person makes it
    card = page.locator("#card-costs")
    expect(card.locator("[data-cost=founder] [data-source='founder']")).to_have_text(
        re.compile("^" + re.escape(shown))
    )
    costs = page.locator("#costs")
    for folded in (".adds-up > summary", "#all-options > summary"):
        page.locator(folded).click()
    expect(page.locator(".cost-table")).to_be_visible()
    # Nothing wider than the screen: the longer words and amounts still fit a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SCREENS[screen][0], width
    shoot(page, f"cost-panel-{lang}-{screen}", costs)
    shoot(page, f"cost-card-{lang}-{screen}", card)
    assert_no_violations(page, f"cost panel in {lang}")
    field.fill("1.2.3")  # not a number in any language: said in the founder's
    field.press("Tab")
    expect(page.locator("#costs .alert-danger")).to_contain_text(
        {"de": "Geben Sie Ihren eigenen Betrag als Zahl ein", "es": "Introduce tu propia cifra"}[
            lang
        ]
    )
    assert_no_violations(page, f"cost panel in {lang} with an error")
    field.fill(typed)
    field.press("Tab")
    expect(card.locator("[data-cost=founder] [data-source='founder']")).to_have_text(
        re.compile("^" + re.escape(shown))
    )
    # Where each figure comes from, in the same language and with the same figure.
    page.locator("#costs .sources-link a").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/r/[\w-]+/sources/\?.*pay="))
    expect(page.locator("main")).to_contain_text(shown.split(" ")[0])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SCREENS[screen][0], width
    shoot(page, f"cost-sources-{lang}-{screen}")
    page.context.close()
