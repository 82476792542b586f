"""Completed results keyed by their answer set: kept when a result is made, given to older
results by a backfill, and counted per set by one aggregate."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from advisor.advice.bank import Bank
from advisor.bank.answer_sets import answer_set_id, answers_from_key, answers_key, result_groups
from advisor.models import AnswerSet, Assessment, Job, Team
from advisor.ops import jobs
from advisor.results.snapshots import snapshot_answers, snapshot_build
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete


def make_result(
    bank: Bank,
    answers: dict,
    *,
    recommendation: str | None = None,
    completed_at: datetime | None = None,
    keyed: bool = True,
) -> Assessment:
    """A completed result as the wizard makes it; `recommendation` stands for a result
    made while the bank said otherwise, `keyed=False` for one made before answer sets."""
    snapshot = snapshot_build(bank, answers)
    return Assessment.objects.create(
        completed_at=completed_at or timezone.now(),
        recommendation=recommendation or snapshot["outcome"]["first_hire"],
        confidence=snapshot["outcome"]["confidence"],
        snapshot=snapshot,
        answer_set_id=answer_set_id(snapshot_answers(snapshot)) if keyed else None,
    )


def test_a_key_is_the_sorted_answers_and_reads_back():
    key = answers_key({"model-role": "moat", "general-model-fit": "no", "use-case": "fraud"})
    assert key == "general-model-fit=no;model-role=moat;use-case=fraud"
    assert answers_from_key(key) == {
        "general-model-fit": "no",
        "model-role": "moat",
        "use-case": "fraud",
    }
    assert answers_from_key("") == {}


def test_a_result_made_in_the_wizard_keeps_its_answer_set(bank):
    url = complete(Client(), ML_ANSWERS)
    result = Assessment.objects.get(token=url.split("/")[2])
    assert result.answer_set.answers == answers_key(ML_ANSWERS)
    assert snapshot_answers(result.snapshot) == answers_from_key(result.answer_set.answers)
    # a second founder answering the same way shares the set
    other = Assessment.objects.get(token=complete(Client(), ML_ANSWERS).split("/")[2])
    assert other.answer_set_id == result.answer_set_id
    assert AnswerSet.objects.count() == 1


def test_a_team_result_keeps_its_answer_set(bank):
    from advisor.teams import services as teams

    team = Team.objects.create(name="Founders")
    teams.team_settle(team=team, question="use-case", choice="fraud", bank=bank)
    team.refresh_from_db()
    assert team.result.answer_set.answers == answers_key(snapshot_answers(team.result.snapshot))


def test_results_made_before_answer_sets_are_backfilled_by_the_command(bank):
    older = [make_result(bank, answers, keyed=False) for answers in (ML_ANSWERS, AI_ANSWERS)]
    keyed = make_result(bank, ML_ANSWERS)
    draft = Assessment.objects.create()
    out = StringIO()
    call_command("backfill_answer_sets", stdout=out)
    assert "Gave 2 results their answer set." in out.getvalue()
    for result in older:
        result.refresh_from_db()
        assert result.answer_set.answers == answers_key(snapshot_answers(result.snapshot))
    assert older[0].answer_set_id == keyed.answer_set_id
    draft.refresh_from_db()
    assert draft.answer_set_id is None
    call_command("backfill_answer_sets", stdout=out)  # nothing left to do
    assert "Gave 0 results" in out.getvalue()


def test_the_migration_queues_the_backfill_only_when_there_are_results(bank):
    migration = importlib.import_module("advisor.migrations.0008_answer_sets")
    migration.queue_backfill(apps, None)
    assert not Job.objects.exists()
    older = make_result(bank, AI_ANSWERS, keyed=False)
    migration.queue_backfill(apps, None)
    job = Job.objects.get(kind="backfill-answer-sets")
    assert jobs.jobs_run_due() == 1
    job.refresh_from_db()
    older.refresh_from_db()
    assert (job.status, job.result) == (Job.DONE, {"results": 1})
    assert (job.progress_done, job.progress_total) == (1, 1)
    assert older.answer_set.answers == answers_key(AI_ANSWERS)


def test_groups_count_results_per_set_and_first_hire_keyed_or_not(bank):
    for _ in range(3):
        make_result(bank, ML_ANSWERS)
    make_result(bank, ML_ANSWERS, recommendation="ai-engineer")  # the bank said otherwise
    make_result(bank, AI_ANSWERS, keyed=False)
    make_result(bank, AI_ANSWERS)
    Assessment.objects.create()  # a draft counts nowhere
    counted = {
        (answers_key(g.answers), g.recommendation, g.answer_set is None): g.count
        for g in result_groups()
    }
    assert counted == {
        (answers_key(ML_ANSWERS), "ml-engineer", False): 3,
        (answers_key(ML_ANSWERS), "ai-engineer", False): 1,
        (answers_key(AI_ANSWERS), "ai-engineer", True): 1,
        (answers_key(AI_ANSWERS), "ai-engineer", False): 1,
    }
    unkeyed = next(g for g in result_groups() if g.answer_set is None)
    assert [token for token, _ in unkeyed.samples] == list(
        Assessment.objects.filter(answer_set__isnull=True, completed_at__isnull=False).values_list(
            "token", flat=True
        )
    )


def test_groups_follow_the_period(bank):
    old = make_result(bank, ML_ANSWERS)
    Assessment.objects.filter(pk=old.pk).update(completed_at=datetime(2025, 1, 10, 12, tzinfo=UTC))
    make_result(bank, AI_ANSWERS)
    since = datetime(2025, 1, 10, tzinfo=UTC)
    until = datetime(2025, 1, 11, tzinfo=UTC)
    groups = result_groups(since=since, until=until)
    assert [(g.answers, g.count) for g in groups] == [(ML_ANSWERS, 1)]
    assert sum(g.count for g in result_groups()) == 2
