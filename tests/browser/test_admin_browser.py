"""The admin in Chromium, as an admin uses it: signing in with a password and an
authenticator app's code, then each custom button clicked and the message or page that
follows read — versions (publish, restore, compare), a question's effect check, rules,
cases, a pay rate's "Show what it changes first", replay, analytics, export, and lifting a
sign-in lockout."""

from __future__ import annotations

import os
import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from advisor.models import Case, PayRate, Question, RateLimit, Rule
from tests.browser.test_browser import answer_all
from tests.conftest import ML_ANSWERS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-pass-phrase"
SHOTS = os.environ.get("ADMIN_SHOTS")  # a folder to keep screenshots in, when set


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def sign_in(page: Page, url: str) -> None:
    """Password, then enrolling the authenticator app with the key the page shows."""
    page.goto(url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    shot(page, "second-factor")
    secret = page.locator(".otp-secret").inner_text().replace(" ", "")
    page.get_by_role("textbox", name="Code").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue to the admin").click()


def message(page: Page):
    return expect(page.locator(".messagelist"))


def test_every_custom_admin_button_works_when_clicked(browser, live_bank):
    User.objects.create_superuser("admin", "a@example.com", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    answer_all(page, ML_ANSWERS)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()
    sign_in(page, live_bank.url)
    captions = page.locator("#content-main caption")
    expect(captions.first).to_contain_text("Founders’ results and analytics")
    expect(captions.nth(1)).to_contain_text("The question bank")
    shot(page, "index")

    # versions: publish twice, then restore the first from the list
    versions = live_bank.url + "/admin/advisor/bankversion/"
    for number in (1, 2):
        page.goto(versions)
        page.get_by_role("link", name="Publish the draft…").click()
        page.get_by_role("button", name=re.compile("Publish")).click()
        message(page).to_contain_text(f"Published version {number}.")
    page.get_by_role("button", name="Restore as the draft").click()
    message(page).to_contain_text("Version 1 is the draft again.")

    # a question's points: the banner, then the effect check naming the deciding rule
    moat = Question.objects.get(slug="model-role")
    page.goto(f"{live_bank.url}/admin/advisor/question/{moat.pk}/change/")
    prefix = page.locator('input[name$="-slug"][value="moat"]').get_attribute("name")[:-5]
    page.locator(f'input[name="{prefix}-points_ml-engineer"]').fill("0")
    page.locator(f'input[name="{prefix}-points_ai-engineer"]').fill("1")
    page.get_by_role("button", name="Check the effect on past results first").click()
    expect(page.get_by_role("heading", name="Where a rule decides")).to_be_visible()
    expect(page.locator(".decided")).to_contain_text("Your point change does not move them")
    page.get_by_role("button", name=re.compile("Save these changes|Save anyway")).click()
    message(page).to_contain_text("was changed successfully")
    expect(page.locator(".draft-banner")).to_contain_text("Founders get version 2")
    shot(page, "question")
    page.locator(".draft-banner").get_by_role("link", name="review").click()
    expect(page.locator(".changes")).to_contain_text("points")
    shot(page, "versions-diff")

    # a rule and a case, saved from their forms
    rule = Rule.objects.get(slug="core-agree-ml")
    page.goto(f"{live_bank.url}/admin/advisor/rule/{rule.pk}/change/")
    shot(page, "rule-form")
    page.get_by_role("button", name="Save", exact=True).click()
    message(page).to_contain_text("was changed successfully")
    case = Case.objects.order_by("pk").first()
    page.goto(f"{live_bank.url}/admin/advisor/case/{case.pk}/change/")
    page.get_by_role("button", name="Save", exact=True).click()
    message(page).to_contain_text("with the current bank")

    # a pay rate: what it changes, shown before anything is saved
    rate = PayRate.objects.filter(followers__isnull=False).first() or PayRate.objects.first()
    page.goto(f"{live_bank.url}/admin/advisor/payrate/{rate.pk}/change/")
    page.get_by_role("button", name="Show what it changes first").click()
    expect(page.get_by_role("heading", name="What saving this rate changes")).to_be_visible()

    # a region's base rates +5%, previewed, then applied
    page.goto(live_bank.url + "/admin/advisor/payrate/?region__id__exact=" + str(rate.region_id))
    page.locator("#action-toggle").check()
    page.locator('select[name="action"]').select_option("change_by_percent")
    page.get_by_role("button", name="Go").click()
    page.get_by_label("Change by (%)").fill("5")
    page.get_by_role("button", name="Show what it changes").click()
    expect(page.get_by_text("Nothing has been saved yet.")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Apply to")).click()
    message(page).to_contain_text("by +5%")

    # the preview: the outcome first, in words
    page.goto(
        live_bank.url
        + "/admin/advisor/question/preview/?"
        + "&".join(f"{q}={c}" for q, c in ML_ANSWERS.items())
    )
    expect(page.locator(".preview-outcome")).to_contain_text(
        "Hire first: Machine Learning Engineer"
    )
    shot(page, "preview")
    page.get_by_role("link", name="Open the founder's result page (a preview)").click()
    expect(page.get_by_text("Preview with the draft question bank.")).to_be_visible()

    # replay, analytics and export from the lists
    page.goto(live_bank.url + "/admin/advisor/question/")
    page.get_by_role("link", name="Replay past results").click()
    expect(page.get_by_role("heading", name=re.compile("Replay past results"))).to_be_visible()
    page.goto(live_bank.url + "/admin/advisor/assessment/")
    page.get_by_role("link", name="Analytics", exact=True).click()
    expect(page.get_by_role("heading", name="How founders answer")).to_be_visible()
    page.goto(live_bank.url + "/admin/advisor/assessment/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Export CSV")).click()
    assert download.value.suggested_filename.endswith(".csv")

    # a locked-out connection, lifted by the superuser
    RateLimit.objects.create(key="login:" + "ab" * 32, tokens=0, updated=9e9)
    page.goto(live_bank.url + "/admin/advisor/ratelimit/")
    page.locator('input[name="_selected_action"]').first.check()
    page.locator('select[name="action"]').select_option("lift")
    page.get_by_role("button", name="Go").click()
    message(page).to_contain_text("Lifted 1 lockout.")
    context.close()
