"""Assessments: finding a completed result by its token (the selectors), and the writes:
an answer saved, a draft copied from a result, a draft completed into a frozen result."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from advisor.advice.bank import Bank
from advisor.bank.answer_sets import answer_set_id
from advisor.models import Answer, Assessment
from advisor.ops import metrics
from advisor.results.snapshots import snapshot_answers, snapshot_build

UPSERT_ANSWER_SQL = (
    f"INSERT INTO {Answer._meta.db_table} (assessment_id, question_id, choice_id, answered_at) "
    "VALUES (%s, %s, %s, %s) ON CONFLICT (assessment_id, question_id) "
    "DO UPDATE SET choice_id = excluded.choice_id, answered_at = excluded.answered_at"
)


# --- selectors: completed results by token ---------------------------------------------


def result_get(token: str, *fields: str) -> Assessment | None:
    """The completed result with this token, or None (a draft's token finds nothing);
    with `fields`, only those columns are read."""
    rows = Assessment.objects.completed().filter(token=token)
    return (rows.only(*fields) if fields else rows).first()


def results_get(tokens: list[str]) -> dict[str, Assessment]:
    """The completed results among these tokens, by token."""
    return {a.token: a for a in Assessment.objects.completed().filter(token__in=tokens)}


def result_exists(token: str) -> bool:
    return Assessment.objects.completed().filter(token=token).exists()


def result_snapshot(token: str) -> dict | None:
    """Only the stored snapshot of the completed result with this token."""
    rows = Assessment.objects.completed().filter(token=token)
    return rows.values_list("snapshot", flat=True).first()


# --- writes ----------------------------------------------------------------------------


def answer_save(*, assessment: Assessment, question_id: int, choice_id: int) -> None:
    """Record one answer on a draft, replacing an earlier answer to the same question.

    One upsert, so two tabs answering the same step at once leave one answer, never two.
    Plain SQL (the same on SQLite and PostgreSQL): it runs on every step a founder answers.
    """
    with connection.cursor() as cursor:
        cursor.execute(UPSERT_ANSWER_SQL, [assessment.pk, question_id, choice_id, timezone.now()])


def draft_copy(*, source: Assessment, bank: Bank) -> Assessment:
    """A new draft prefilled with a result's answers that still fit the bank."""
    draft = Assessment.objects.create(started_from=source.token)
    rows = []
    for item in source.snapshot["answers"]:
        question = bank.question(item["question"])
        choice = question and question.choice(item["choice"])
        if choice:
            rows.append(Answer(assessment=draft, question_id=question.id, choice_id=choice.id))
    Answer.objects.bulk_create(rows)
    return draft


def assessment_complete(*, assessment: Assessment, bank: Bank, answers: dict) -> bool:
    """Freeze a draft into a result. True if this call completed it; False if it was
    already completed (a double submit), which leaves the first result untouched."""
    source = Assessment.objects.filter(pk=assessment.pk).values_list("started_from", flat=True)
    earlier = None
    if (token := source.first()) and (copied := result_snapshot(token)):
        earlier = (token, copied)
    snapshot = snapshot_build(bank, answers, earlier=earlier)
    outcome = snapshot["outcome"]
    answer_set = answer_set_id(snapshot_answers(snapshot))
    with transaction.atomic():
        updated = (
            Assessment.objects.drafts()
            .filter(pk=assessment.pk)
            .update(
                completed_at=timezone.now(),
                recommendation=outcome["first_hire"],
                confidence=outcome["confidence"],
                snapshot=snapshot,
                bank_version=bank.version or None,
                answer_set_id=answer_set,
                language=snapshot.get("language", "en"),
            )
        )
        if updated:
            # Answers to questions a later answer ruled out are not part of the result.
            Answer.objects.filter(assessment=assessment).exclude(
                question__slug__in=list(bank.effective(answers))
            ).delete()
    if updated:
        metrics.RESULTS.inc()
    return updated == 1
