"""Admin tools whose cost does not grow with every result ever made: replay by answer set,
replays and exports as jobs once they are big, analytics for a period from aggregates,
and the assessments list paged along an index."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisor.admin import paging
from advisor.admin.results import AssessmentAdmin
from advisor.advice import scoring
from advisor.advice.bank import bank_as_data, bank_from_data
from advisor.bank import replay
from advisor.bank import store as bank_store
from advisor.bank.answer_sets import result_groups
from advisor.insights import funnel
from advisor.insights.periods import Period
from advisor.models import Answer, Assessment, Job, Question
from advisor.ops import jobs
from advisor.results.snapshots import snapshot_answers
from tests.admin.test_admin import change_url, choice_prefix, form_data
from tests.admin.test_admin_tools import labeled, make_question
from tests.bank.test_answer_sets import make_result
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

# Founders answering in a few different ways, some of them many times.
PARTLY = {**ML_ANSWERS, "general-model-fit": "partly"}
ANSWER_SETS = [
    ML_ANSWERS,
    AI_ANSWERS,
    PARTLY,
    {**PARTLY, "team": "llm-shipped"},
    {**AI_ANSWERS, "training-data": "labeled", "model-role": "moat"},
    {**ML_ANSWERS, "company-stage": "unsure", "constraints": "data-stays-private"},
]


@pytest.fixture
def staff(client, bank):
    client.force_login(User.objects.create_superuser("admin", "a@example.com", "pass-phrase-1"))
    return client


def many_results(bank, copies: int = 1) -> None:
    """Results of every set: some as the bank says now, some as it said before (another
    first hire), some made before answer sets existed."""
    for i, answers in enumerate(ANSWER_SETS):
        for _ in range(copies * (i + 1)):
            make_result(bank, answers)
        make_result(bank, answers, recommendation="ml-engineer", keyed=i % 2 == 0)
        make_result(bank, answers, recommendation="ai-engineer", keyed=i % 2 == 1)


def replayed_row_by_row(bank) -> tuple[int, int, Counter]:
    """What replay did before answer sets: every result's snapshot scored on its own."""
    total, changed, moves = 0, 0, Counter()
    for was, snapshot in Assessment.objects.completed().values_list("recommendation", "snapshot"):
        total += 1
        now = scoring.score(bank, snapshot_answers(snapshot)).first_hire
        if now != was:
            changed += 1
            moves[was, now] += 1
    return total, changed, moves


def edited(bank):
    """The bank with "partly" pointing hard at the AI engineer, as an admin might edit it."""
    data = bank_as_data(bank)
    for question in data["questions"]:
        if question["slug"] == "general-model-fit":
            question["weight"] = 5
            for choice in question["choices"]:
                if choice["slug"] == "partly":
                    choice["points"] = {"ai-engineer": 10, "ml-engineer": 0}
    return bank_from_data(json.loads(json.dumps(data)))


# Replay by answer set


def test_replay_by_answer_set_counts_what_a_row_by_row_replay_counts(bank):
    many_results(bank, copies=2)
    for replay_bank in (bank, edited(bank)):
        report = replay.replay(replay_bank)
        total, changed, moves = replayed_row_by_row(replay_bank)
        assert (report.total, report.changed, report.moves) == (total, changed, moves)
        assert report.sets == len(ANSWER_SETS)
        # each example is a set of answers that really changes, with results that have it
        assert sum(e["count"] for e in report.examples) == changed
        names = {r.name: r.slug for r in replay_bank.roles}
        for example in report.examples:
            token = example["results"][0][0]
            answers = snapshot_answers(Assessment.objects.get(token=token).snapshot)
            # in the founder's words, in the bank's order
            asked = [q for q in replay_bank.questions if q.slug in answers]
            assert example["answers"] == [(q.text, q.choice(answers[q.slug]).label) for q in asked]
            now = scoring.score(replay_bank, answers)
            assert names[example["now"]] == now.first_hire
            assert example["shares"] == [(r.name, now.shares[r.slug]) for r in replay_bank.roles]
            assert 1 <= len(example["results"]) <= min(3, example["count"])
            for token, _ in example["results"]:
                result = Assessment.objects.get(token=token)
                assert snapshot_answers(result.snapshot) == answers
                assert result.recommendation == names[example["was"]]
    assert changed > report.examples[0]["count"] > 0  # the edit changes several sets


def test_the_stored_report_reads_back_as_it_was(bank):
    many_results(bank)
    report = replay.replay(edited(bank))
    again = replay.Replay.from_data(json.loads(json.dumps(report.as_data())))
    assert again == report


def test_an_edited_bank_travels_as_plain_data(bank):
    assert bank_from_data(json.loads(json.dumps(bank_as_data(bank)))) == bank


def test_replay_costs_the_same_queries_however_many_results(staff, bank):
    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(reverse("admin:advisor_replay"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    many_results(bank)
    few, page = count()
    total = Assessment.objects.completed().count()
    assert f"of {total}</strong> past results" in page
    assert f"share {len(ANSWER_SETS)} different sets of answers" in page
    many_results(bank, copies=4)
    more, page = count()
    assert f"of {Assessment.objects.completed().count()}</strong> past results" in page
    assert more == few


# Replays and effect checks as jobs


def run_jobs() -> int:
    return jobs.jobs_run_due()


def test_a_big_effect_check_runs_as_a_job_and_shows_its_report(staff, bank, settings):
    settings.ADMIN_INLINE_RESULTS = 2
    for _ in range(3):
        complete(Client(), PARTLY)
    complete(Client(), AI_ANSWERS)
    question = Question.objects.get(slug="general-model-fit")
    data = form_data(staff.get(change_url(question)))
    partly = choice_prefix(data, "partly")
    data[f"{partly}-points_ai-engineer"] = 10
    data[f"{partly}-points_ml-engineer"] = 0
    data["weight"] = 5
    data["_replay"] = "Check"
    response = staff.post(change_url(question), data)
    assert response.status_code == 303
    job_url = response["Location"]
    # while it waits, the page says so and refreshes itself; nothing is saved
    page = staff.get(job_url).content.decode()
    assert "Waiting to start…" in page
    assert '<meta http-equiv="refresh"' in page
    assert Question.objects.get(slug="general-model-fit").weight == 4
    assert bank_store.get().question("general-model-fit").weight == 4
    assert run_jobs() == 1
    page = staff.get(job_url).content.decode()
    assert '<meta http-equiv="refresh"' not in page
    assert "Nothing has been saved yet." in page
    assert "<strong>3 of 4</strong> past results" in page
    assert page.count("/r/") >= 3
    assert 'name="weight" value="5"' in page  # the edit, ready to save
    job = Job.objects.get(kind="replay")
    assert (job.progress_done, job.progress_total) == (2, 2)  # two answer sets


def test_a_big_replay_from_the_list_runs_once_however_often_asked(staff, bank, settings):
    settings.ADMIN_INLINE_RESULTS = 0
    complete(Client(), ML_ANSWERS)
    first = staff.get(reverse("admin:advisor_replay"))
    second = staff.get(reverse("admin:advisor_replay"))
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(status=Job.RUNNING, progress_done=0, progress_total=1)
    page = staff.get(first["Location"]).content.decode()
    assert "Running… 0 of 1" in page and "answer sets scored" in page
    Job.objects.filter(pk=job.pk).update(status=Job.QUEUED)
    assert run_jobs() == 1
    page = staff.get(first["Location"]).content.decode()
    assert "<strong>0 of 1</strong> past result" in page
    # once it is done, asking again replays again
    assert staff.get(reverse("admin:advisor_replay"))["Location"] != first["Location"]


def test_a_job_left_waiting_says_the_worker_may_be_stopped(staff, bank, settings):
    settings.ADMIN_INLINE_RESULTS = 0
    make_result(bank, AI_ANSWERS)
    url = staff.get(reverse("admin:advisor_replay"))["Location"]
    Job.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert "python manage.py run_jobs" in staff.get(url).content.decode()


def test_a_replay_job_page_is_for_staff_who_may_see_questions(client, staff, bank, settings):
    settings.ADMIN_INLINE_RESULTS = 0
    make_result(bank, AI_ANSWERS)
    url = staff.get(reverse("admin:advisor_replay"))["Location"]
    export = Job.objects.create(kind="export", run_after=timezone.now(), payload={"user": 0})
    assert staff.get(reverse("admin:advisor_replay_job", args=[export.pk])).status_code == 404
    outsider = User.objects.create_user("someone", password="pass-phrase-2", is_staff=True)
    other = Client()
    other.force_login(outsider)
    assert other.get(url).status_code == 403


# Analytics for a period


def test_analytics_count_only_the_period_asked_for(staff, bank):
    old = datetime(2025, 3, 4, 10, tzinfo=UTC)
    for answers in (ML_ANSWERS, ML_ANSWERS, AI_ANSWERS):
        make_result(bank, answers, completed_at=old)
    make_result(bank, AI_ANSWERS)  # today
    response = staff.get(
        reverse("admin:advisor_analytics"), {"start": "2025-03-01", "end": "2025-03-31"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Completions, 1 Mar 2025 to 31 Mar 2025 (31 days): 3</h2>" in page
    assert "First hire recommended (3 results)" in page
    assert "<td>Machine Learning Engineer</td><td>2</td><td>67%</td>" in page
    funnel = page[page.index("Funnel") :]
    assert "<td>Check your answers → result</td><td>3</td><td>3</td><td>0</td>" in funnel
    # over a longer period, a bar a week, then a month
    page = staff.get(
        reverse("admin:advisor_analytics"), {"start": "2025-01-01", "end": "2025-06-30"}
    ).content.decode()
    assert "one bar a week" in page and "week of 3 Mar: 3" in page
    page = staff.get(reverse("admin:advisor_analytics"), {"start": "2024-01-01"}).content.decode()
    assert "one bar a month" in page and "Mar 2025: 3" in page
    assert "First hire recommended (4 results)" in page


def test_a_long_period_of_a_busy_site_is_counted_by_a_job(staff, bank, settings):
    settings.ADMIN_INLINE_RESULTS = 1
    for answers in (ML_ANSWERS, AI_ANSWERS, AI_ANSWERS):
        make_result(bank, answers)
    url = reverse("admin:advisor_analytics")
    # a month is counted as the page loads
    assert staff.get(url).status_code == 200
    query = {"start": "2025-01-01", "end": str(timezone.localdate())}
    response = staff.get(url, query)
    assert response.status_code == 303
    assert staff.get(url, query)["Location"] == response["Location"]  # the one on its way
    page = staff.get(response["Location"]).content.decode()
    assert "Waiting to start…" in page and '<meta http-equiv="refresh"' in page
    assert 'value="2025-01-01"' in page  # the period asked for, in the form
    assert run_jobs() == 1
    page = staff.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh"' not in page
    assert "by a job" in page and "Count again" in page
    assert "First hire recommended (3 results)" in page
    assert "<td>AI Engineer</td><td>2</td><td>67%</td>" in page
    job = Job.objects.get(kind="analytics")
    assert (job.progress_done, job.progress_total) == (5, 5)


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2025-02-30"}, "Enter a valid date."),
        ({"start": "yesterday"}, "Enter a valid date."),
        (
            {"start": "2025-03-02", "end": "2025-03-01"},
            "The first day must not come after the last.",
        ),
        ({"start": "1999-12-31"}, "Choose a day from 1 January 2000 to 31 December 2099."),
        ({"start": "2000-01-01", "end": "2099-12-31"}, "Choose a period of at most ten years."),
    ],
)
def test_analytics_refuse_a_bad_period_with_a_message(staff, bank, query, message):
    response = staff.get(reverse("admin:advisor_analytics"), query)
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert "First hire recommended" not in page
    assert 'name="start"' in page  # the form, to correct it


def test_the_funnel_by_answer_set_is_the_funnel_walked_answer_by_answer(staff, bank):
    make_question(show_if=labeled(), order=4)
    many_results(bank)
    for answers in ANSWER_SETS[:3]:  # drafts that stopped at different steps
        for stop in (1, 3, 5):
            founder = Client()
            for slug in list(answers)[:stop]:
                founder.post(reverse("step", args=[slug]), {slug: answers[slug]})
    conditional = {**ML_ANSWERS, "retraining-owner": "someone"}
    ordered = {
        k: conditional[k]
        for k in [*list(ML_ANSWERS)[:4], "retraining-owner", *list(ML_ANSWERS)[4:]]
    }
    complete(Client(), ordered)
    bank = bank_store.build()
    period = Period.last_days(30)
    groups = result_groups(since=period.since, until=period.until)
    steps = funnel.funnel(bank, groups, period.span())

    # the walk the funnel used to make: every founder's answer rows, one by one; results
    # made without answer rows (here: straight from snapshots) by their snapshot answers
    shown, answered, reached = Counter(), Counter(), 0
    by_founder: dict[int, dict] = {}
    for pk, question, choice in Answer.objects.values_list(
        "assessment_id", "question__slug", "choice__slug"
    ):
        by_founder.setdefault(pk, {})[question] = choice
    for pk, snapshot in Assessment.objects.completed().values_list("pk", "snapshot"):
        by_founder.setdefault(pk, snapshot_answers(snapshot))
    for answers in by_founder.values():
        for question in bank.asked(answers):
            shown[question.slug] += 1
            if question.slug not in answers:
                break
            answered[question.slug] += 1
        else:
            reached += 1
    assert [(s["shown"], s["answered"]) for s in steps[:-1]] == [
        (shown[q.slug], answered[q.slug]) for q in bank.questions
    ]
    confirmed = Assessment.objects.completed().count()
    assert (steps[-1]["shown"], steps[-1]["answered"]) == (max(reached, confirmed), confirmed)
    assert shown["retraining-owner"] >= 1 and reached > 0


def test_analytics_cost_the_same_queries_with_more_results_and_drafts(staff, bank):
    def count(results: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(reverse("admin:advisor_analytics"))
        assert response.status_code == 200
        assert f"First hire recommended ({results} results)" in response.content.decode()
        return len(queries)

    many_results(bank)
    Client().post(reverse("step", args=["use-case"]), {"use-case": "fraud"})
    few = count(Assessment.objects.completed().count())
    many_results(bank, copies=3)
    for choice in ("vision", "agent", "speech"):
        Client().post(reverse("step", args=["use-case"]), {"use-case": choice})
    assert count(Assessment.objects.completed().count()) == few


# The assessments list


def test_the_list_reads_no_snapshot_and_costs_the_same_queries(staff, bank):
    url = reverse("admin:advisor_assessment_changelist")

    def listed() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(url)
        assert response.status_code == 200
        assert not any("snapshot" in q["sql"] for q in queries.captured_queries)
        assert not any("DISTINCT" in q["sql"].upper() for q in queries.captured_queries)
        return len(queries), response.content.decode()

    many_results(bank)
    few, page = listed()
    assert f"{Assessment.objects.completed().count()} assessments" in page
    newest = Assessment.objects.completed().order_by("-completed_at", "-id").first()
    assert page.index(newest.token[:10]) < page.index("</tbody>")
    many_results(bank, copies=3)
    more, page = listed()
    assert f"{Assessment.objects.completed().count()} assessments" in page
    assert more == few


def test_the_list_pages_newest_first(staff, bank, monkeypatch):
    monkeypatch.setattr(AssessmentAdmin, "list_per_page", 4)
    many_results(bank)
    ordered = list(
        Assessment.objects.completed()
        .order_by("-completed_at", "-id")
        .values_list("token", flat=True)
    )
    url = reverse("admin:advisor_assessment_changelist")
    seen = []
    for number in range(1, (len(ordered) + 3) // 4 + 1):
        page = staff.get(url, {"p": number}).content.decode()
        seen += [t for t in ordered if t[:10] in page]
    assert seen == ordered


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner estimate")
def test_a_long_list_shows_the_planners_estimate(staff, bank, monkeypatch):
    monkeypatch.setattr(paging, "EXACT_UP_TO", 5)
    many_results(bank)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Assessment._meta.db_table}")
    with CaptureQueriesContext(connection) as queries:
        response = staff.get(reverse("admin:advisor_assessment_changelist"))
    assert response.status_code == 200
    assert any(q["sql"].startswith("EXPLAIN") for q in queries.captured_queries)
    page = response.content.decode()
    total = Assessment.objects.completed().count()
    estimate = int(re.search(r"about (\d+) assessments", page).group(1))
    assert abs(estimate - total) <= total // 4
    # the last page is the oldest results, read from the far end of the index
    monkeypatch.setattr(AssessmentAdmin, "list_per_page", 4)
    last = -(-estimate // 4)
    page = staff.get(reverse("admin:advisor_assessment_changelist"), {"p": last}).content.decode()
    oldest = Assessment.objects.completed().order_by("completed_at", "id")[:4]
    assert all(result.token[:10] in page for result in oldest)


# Export as a job


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode())))


def test_a_big_export_is_written_by_a_job_the_same_as_streamed(staff, bank, settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    many_results(bank)
    query = {"recommendation": "ml-engineer"}
    streamed = staff.get(reverse("admin:advisor_export"), query)
    assert streamed.status_code == 200
    streamed_bytes = b"".join(streamed.streaming_content)
    settings.EXPORT_INLINE_ROWS = 1
    response = staff.get(reverse("admin:advisor_export"), query)
    assert response.status_code == 303
    job_url = response["Location"]
    page = staff.get(job_url).content.decode()
    assert "Waiting to start…" in page and '<meta http-equiv="refresh"' in page
    assert run_jobs() == 1
    page = staff.get(job_url).content.decode()
    rows = Assessment.objects.completed().filter(recommendation="ml-engineer").count()
    assert f"Ready: {rows} results" in page
    job = Job.objects.get(kind="export")
    download = staff.get(reverse("admin:advisor_export_download", args=[job.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    filed = b"".join(download.streaming_content)
    assert filed == streamed_bytes
    assert len(read_csv(filed)) == rows + 1
    assert list(settings.EXPORT_DIR.iterdir()) == [
        settings.EXPORT_DIR / f"assessments-{job.pk}.csv"
    ]


def test_an_export_is_downloaded_only_by_who_asked_and_once_ready(staff, bank, settings, tmp_path):
    settings.EXPORT_DIR = tmp_path
    settings.EXPORT_INLINE_ROWS = 0
    make_result(bank, ML_ANSWERS)
    job_url = staff.get(reverse("admin:advisor_export"))["Location"]
    job = Job.objects.get(kind="export")
    download = reverse("admin:advisor_export_download", args=[job.pk])
    assert staff.get(download).status_code == 404  # not written yet
    run_jobs()
    colleague = User.objects.create_user("colleague", password="pass-phrase-3", is_staff=True)
    colleague.user_permissions.add(Permission.objects.get(codename="view_assessment"))
    other = Client()
    other.force_login(colleague)
    assert other.get(job_url).status_code == 403
    assert other.get(download).status_code == 403
    assert staff.get(download).status_code == 200


def test_the_export_reads_results_made_before_answer_sets_too(staff, bank):
    make_result(bank, ML_ANSWERS, keyed=False)
    make_result(bank, AI_ANSWERS)
    rows = read_csv(b"".join(staff.get(reverse("admin:advisor_export")).streaming_content))
    header = rows[0]
    for row, answers in zip(rows[1:], (ML_ANSWERS, AI_ANSWERS), strict=True):
        assert {slug: row[header.index(slug)] for slug in answers} == answers
        assert row[header.index("other_answers")] == ""
