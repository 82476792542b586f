"""Admin → Jobs in Chromium: a failed job shows its error and is queued again from the list."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from advisor.models import Job
from advisor.ops import jobs
from tests.browser.test_admin_browser import PASSWORD, shot, sign_in

pytestmark = pytest.mark.browser


def test_an_admin_retries_a_failed_job_from_the_list(page: Page, live_bank):
    User.objects.create_superuser("admin", "ops@example.com", PASSWORD)
    job = jobs.job_enqueue(kind="nobody-knows")
    jobs.jobs_run_due()
    sign_in(page, live_bank.url)
    page.goto(live_bank.url + "/admin/advisor/job/?status__exact=failed")
    row = page.locator("#result_list tbody tr").first
    expect(row).to_contain_text("No handler for jobs of kind")
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        shot(page, f"jobs-failed-{width}")
    page.set_viewport_size({"width": 1280, "height": 800})
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("retry")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 failed job queued again.")
    shot(page, "jobs-retried-1280")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.QUEUED, 0)
