"""In a browser: a database that refuses an answer shows the 503 in place, and its button
sends the same answer again."""

from __future__ import annotations

import re

import pytest

from advisor.models import Assessment
from tests.ops.test_database_faults import disk_full

pytestmark = pytest.mark.browser


def test_htmx_shows_the_503_in_the_wizard_and_its_button_sends_the_answer_again(
    page, live_bank, monkeypatch
):
    from playwright.sync_api import expect

    from advisor.wizard import assessments

    save = assessments.answer_save
    page.goto(live_bank.url + "/wizard/")
    page.locator('input[name="use-case"][value="fraud"]').check()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile("/wizard/general-model-fit/$"))
    page.evaluate("window.stayedOnPage = true")

    # The database refuses the next answer (the live server runs in another thread).
    def refused(**kwargs):
        raise disk_full()

    monkeypatch.setattr(assessments, "answer_save", refused)
    page.locator('input[name="general-model-fit"][value="no"]').check()
    page.get_by_role("button", name="Continue").click()
    heading = page.get_by_role("heading", name="Your answer was not saved")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
    expect(page).to_have_url(re.compile("/wizard/general-model-fit/$"))
    assert page.evaluate("window.stayedOnPage") is True

    # Back again: the button sends the same answer, and the founder moves on.
    monkeypatch.setattr(assessments, "answer_save", save)
    page.get_by_role("button", name="Try again").click()
    expect(page).to_have_url(re.compile("/wizard/model-role/$"))
    assert page.evaluate("window.stayedOnPage") is True
    draft = Assessment.objects.get(completed_at__isnull=True)
    assert dict(draft.answers.values_list("question__slug", "choice__slug")) == {
        "use-case": "fraud",
        "general-model-fit": "no",
    }
