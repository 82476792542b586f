"""Analytics by question bank version: a filter for one published version, results per
version, the chart's marks where a version was published, and the job that counts a long
period carrying the version too; every figure from indexed aggregates."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisor.admin import charts
from advisor.bank import versions
from advisor.models import Assessment, BankVersion, Job, Rule
from advisor.ops import jobs
from tests.bank.test_answer_sets import make_result
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

URL = reverse("admin:advisor_analytics")


@pytest.fixture
def admin(bank):
    return User.objects.create_superuser("admin", "a@example.com", "pass-phrase-1")


@pytest.fixture
def staff(client, admin):
    client.force_login(admin)
    return client


def days_ago(days: int, hour: int = 12) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def publish(admin, at: datetime, note: str = "") -> BankVersion:
    version = versions.bank_version_publish(user=admin, note=note)
    BankVersion.objects.filter(pk=version.pk).update(published_at=at)
    return version


def result(bank, answers: dict, version: int | None, at: datetime) -> Assessment:
    made = make_result(bank, answers, completed_at=at)
    Assessment.objects.filter(pk=made.pk).update(bank_version=version)
    return made


def words(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def two_versions(bank, admin):
    """Version 1 published ten days ago with three results (two ML, one AI), version 2
    three days ago with two AI results, and one result from before any version."""
    result(bank, ML_ANSWERS, None, days_ago(20))
    publish(admin, days_ago(10, hour=9), "First")
    for answers in (ML_ANSWERS, ML_ANSWERS, AI_ANSWERS):
        result(bank, answers, 1, days_ago(8))
    Rule.objects.filter(slug="no-training-data").update(is_active=False)
    publish(admin, days_ago(3, hour=9), "Without the hold-back")
    for _ in range(2):
        result(bank, AI_ANSWERS, 2, days_ago(1))


def test_one_version_restricts_every_figure_to_its_results(staff, two_versions):
    page = staff.get(URL, {"version": 1}).content.decode()
    assert "Only results scored with question bank version 1" in page
    assert "(30 days): 3</h2>" in page
    assert "First hire recommended (3 results)" in page
    assert "<td>Machine Learning Engineer</td><td>2</td><td>67%</td>" in page
    funnel = page[page.index("Funnel") :]
    assert "<td>Check your answers → result</td><td>3</td><td>3</td><td>0</td>" in funnel
    sources = page[page.index("Where founders come from") :]
    assert "<td>direct or unknown</td><td>3</td>" in sources
    versions_table = page[page.index("Results by question bank version") :]
    assert '<th scope="row">v1</th>' in versions_table
    assert '<th scope="row">v2</th>' not in versions_table
    # the choice is kept by the period's shortcuts
    assert "&amp;version=1" in page
    # and all versions again
    page = staff.get(URL, {"version": ""}).content.decode()
    assert "(30 days): 6</h2>" in page and "Only results scored" not in page


def test_results_are_listed_by_the_version_they_were_scored_with(staff, two_versions):
    page = words(staff.get(URL))
    assert "Results by question bank version" in page
    table = page[page.index("Results by question bank version") :]
    assert re.search(r"v2 \d+ \w+ \d{4} \d\d:\d\d by admin 2 2 \(100%\) 0 \(0%\)", table)
    assert re.search(r"v1 \d+ \w+ \d{4} \d\d:\d\d by admin 3 1 \(33%\) 2 \(67%\)", table)
    unversioned = "made before a version was published, or a team's result 1 0 (0%) 1 (100%)"
    assert "no version recorded " + unversioned in table
    assert table.index("v2 ") < table.index("v1 ") < table.index("no version recorded")


def test_the_chart_marks_each_version_published_in_the_period(staff, two_versions):
    page = staff.get(URL).content.decode()
    assert page.count('class="version-marker"') == 2
    assert '<text x="' in page and ">v1</text>" in page and ">v2</text>" in page
    # the same in words, for screen readers and anyone
    text = words(staff.get(URL))
    assert re.search(r"published in the period .*: v1 on .* by admin; v2 on .* by admin\.", text)
    assert "Question bank published: version 1 on" in page  # the chart's description
    # one row a day, with the version published that day
    published_day = (timezone.localdate() - timedelta(days=3)).strftime("%-d %b")
    assert f'<th scope="row">{published_day}</th><td class="num">0</td><td>v2</td>' in page
    # a period before both: no marks
    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    end = (timezone.localdate() - timedelta(days=15)).isoformat()
    page = staff.get(URL, {"start": start, "end": end}).content.decode()
    assert "version-marker" not in page and "published in the period" not in page


def test_a_mark_sits_between_bars_and_its_label_above_them():
    chart = charts.bar_chart([(day, n) for day, n in enumerate([1, 4, 2, 0])], [(2, "v3")])
    (marker,) = chart.markers
    left, right = chart.bars[1], chart.bars[2]
    assert left.x + chart.bar_width < marker.x < right.x  # in the gap, not over a bar
    assert chart.top == charts.MARKER_BAND and chart.marker_label_y < chart.top
    assert all(b.y + b.height == chart.top + charts.PLOT_HEIGHT for b in chart.bars)
    assert chart.height == chart.top + charts.PLOT_HEIGHT + charts.LABEL_BAND
    first = charts.bar_chart([(0, 1), (1, 1), (2, 1), (3, 1), (4, 1)], [(0, "v1"), (4, "v2")])
    assert first.markers[0].x > 0 and first.markers[0].anchor == "start"
    assert first.markers[1].anchor == "end"  # near the right edge, read leftwards
    assert charts.bar_chart([(0, 1)]).top == 0  # no band without marks


def test_a_week_bar_carries_the_versions_published_that_week(staff, two_versions):
    start = (timezone.localdate() - timedelta(days=200)).isoformat()
    page = staff.get(URL, {"start": start}).content.decode()
    assert "one bar a week" in page
    assert page.count('class="version-marker"') in (1, 2)  # one bar when the same week
    assert "v1" in page and "v2" in page


def test_a_long_period_of_one_version_is_counted_by_a_job_for_that_version(
    staff, two_versions, settings
):
    settings.ADMIN_INLINE_RESULTS = 1
    query = {"start": "2025-01-01", "end": str(timezone.localdate()), "version": 2}
    response = staff.get(URL, query)
    assert response.status_code == 303
    assert staff.get(URL, query)["Location"] == response["Location"]  # the one on its way
    other = staff.get(URL, {**query, "version": 1})["Location"]
    assert other != response["Location"]  # another version, another count
    assert Job.objects.get(pk=response["Location"].split("/")[-2]).payload["version"] == 2
    assert jobs.jobs_run_due() == 2
    page = staff.get(response["Location"]).content.decode()
    assert "by a job" in page and "First hire recommended (2 results)" in page
    assert "Only results scored with question bank version 2" in page
    assert '<option value="2" selected>' in page
    assert "version=2" in re.search(r'href="([^"]+)">Count again', page).group(1)
    assert 'class="version-marker"' in page  # the stored report keeps its marks


def test_a_version_that_was_never_published_is_refused(staff, two_versions):
    response = staff.get(URL, {"version": 7})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_drafts_count_while_their_version_was_live(staff, bank, admin):
    publish(admin, days_ago(5), "First")
    Client().post(reverse("step", args=["use-case"]), {"use-case": "fraud"})  # a draft today
    assert complete(Client(), ML_ANSWERS).startswith("/r/")  # scored with version 1
    page = staff.get(URL, {"version": 1}).content.decode()
    funnel = page[page.index("Funnel") :]
    assert "<td>What are you building?</td><td>2</td><td>2</td><td>0</td>" in funnel
    versions.bank_version_publish(user=admin, note="Second")  # version 1 is no longer live
    page = staff.get(URL, {"version": 1}).content.decode()
    funnel = page[page.index("Funnel") :]
    assert "<td>What are you building?</td><td>2</td><td>2</td><td>0</td>" in funnel
    Client().post(reverse("step", args=["use-case"]), {"use-case": "vision"})  # under v2
    page = staff.get(URL, {"version": 1}).content.decode()
    assert "<td>What are you building?</td><td>2</td>" in page[page.index("Funnel") :]
    page = staff.get(URL, {"version": 2}).content.decode()
    assert "<td>What are you building?</td><td>1</td><td>1</td><td>0</td>" in page


def test_analytics_of_one_version_cost_the_same_queries_however_many_results(
    staff, two_versions, bank
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(URL, {"version": 1}).status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        result(bank, AI_ANSWERS, 1, days_ago(7))
        result(bank, ML_ANSWERS, 2, days_ago(2))
    assert count() == few


def test_counts_by_version_are_read_from_the_index(two_versions):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is checked here; `make scale` times PostgreSQL's")
    table = Assessment._meta.db_table
    since, until = days_ago(30), days_ago(-1)
    for sql in (
        f"SELECT bank_version, recommendation, COUNT(*) FROM {table} WHERE completed_at IS NOT "
        "NULL AND completed_at >= %s AND completed_at < %s GROUP BY bank_version, recommendation",
        f"SELECT answer_set_id, recommendation, COUNT(*) FROM {table} WHERE completed_at IS NOT "
        "NULL AND completed_at >= %s AND completed_at < %s AND bank_version = %s "
        "GROUP BY answer_set_id, recommendation",
    ):
        params = [since, until] + ([1] if "bank_version =" in sql else [])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "COVERING INDEX result_version" in plan, plan


def test_the_admin_index_links_analytics_and_versions(staff):
    page = staff.get("/admin/").content.decode()
    assert f'<a href="{URL}">Analytics: how founders answer</a>' in page
    assert "Question bank versions" in page


def test_the_day_table_is_one_row_a_day(staff, two_versions):
    page = staff.get(URL).content.decode()
    table = page[page.index('<table class="bars-table">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 31  # the header and thirty days
    today = timezone.localdate().strftime("%-d %b")
    assert f'<th scope="row">{today}</th><td class="num">0</td>' in table
