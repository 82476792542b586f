"""Writes to assessments, and the snapshot a completed one renders from."""

from __future__ import annotations

import dataclasses

from django.db import connection, transaction
from django.utils import timezone

from advisor import scoring
from advisor.catalog import Catalog
from advisor.models import Answer, Assessment

SNAPSHOT_VERSION = 1
UPSERT_ANSWER_SQL = (
    f"INSERT INTO {Answer._meta.db_table} (assessment_id, question_id, choice_id, answered_at) "
    "VALUES (%s, %s, %s, %s) ON CONFLICT (assessment_id, question_id) "
    "DO UPDATE SET choice_id = excluded.choice_id, answered_at = excluded.answered_at"
)


def answer_save(*, assessment: Assessment, question_id: int, choice_id: int) -> None:
    """Record one answer on a draft, replacing an earlier answer to the same question.

    One upsert, so two tabs answering the same step at once leave one answer, never two.
    Plain SQL (the same on SQLite and PostgreSQL): it runs on every step a founder answers.
    """
    with connection.cursor() as cursor:
        cursor.execute(UPSERT_ANSWER_SQL, [assessment.pk, question_id, choice_id, timezone.now()])


def draft_copy(*, source: Assessment, catalog: Catalog) -> Assessment:
    """A new draft prefilled with a result's answers that still fit the bank."""
    answers = source.snapshot["answers"]
    draft = Assessment.objects.create(started_from=source.token)
    rows = []
    for item in answers:
        question = catalog.question(item["question"])
        choice = question and question.choice(item["choice"])
        if choice:
            rows.append(Answer(assessment=draft, question_id=question.id, choice_id=choice.id))
    Answer.objects.bulk_create(rows)
    return draft


def assessment_complete(*, assessment: Assessment, catalog: Catalog, answers: dict) -> bool:
    """Freeze a draft into a result. True if this call completed it; False if it was
    already completed (a double submit), which leaves the first result untouched."""
    outcome = scoring.score(catalog.bank, answers)
    snapshot = snapshot_build(catalog, answers, outcome)
    with transaction.atomic():
        updated = Assessment.objects.filter(pk=assessment.pk, completed_at__isnull=True).update(
            completed_at=timezone.now(),
            recommendation=outcome.first_hire,
            confidence=outcome.confidence,
            snapshot=snapshot,
        )
        if updated:
            # Answers to questions a later answer ruled out are not part of the result.
            Answer.objects.filter(assessment=assessment).exclude(
                question__slug__in=list(answers)
            ).delete()
    return updated == 1


def snapshot_build(catalog: Catalog, answers: dict, outcome: scoring.Outcome) -> dict:
    """Everything the result page shows, as plain JSON, so it never changes later."""
    labels = {}
    for q in catalog.questions:
        for c in q.choices:
            labels[q.slug, c.slug] = c.label

    def flip_data(flip: scoring.Flip) -> dict:
        return {
            "changes": [
                {
                    "question": q,
                    "question_text": catalog.question(q).text,
                    "choice": c,
                    "choice_label": labels[q, c],
                }
                for q, c in flip.changes
            ],
            "first_hire": flip.first_hire,
            "gap": flip.gap,
        }

    contributions = {c.question: c for c in outcome.contributions}
    answer_rows = []
    for q in catalog.questions:
        if q.slug not in answers:
            continue
        choice = q.choice(answers[q.slug])
        contribution = contributions[q.slug]
        answer_rows.append(
            {
                "question": q.slug,
                "question_text": q.text,
                "choice": choice.slug,
                "choice_label": choice.label,
                "explanation": choice.explanation,
                "weight": q.weight,
                "points": contribution.points,
                "favours": contribution.favours,
                "strength": contribution.strength,
            }
        )
    return {
        "version": SNAPSHOT_VERSION,
        "roles": list(catalog.roles),
        "rates": [
            {**dataclasses.asdict(r), "low": str(r.low), "high": str(r.high)} for r in catalog.rates
        ],
        "answers": answer_rows,
        "outcome": {
            "scores": outcome.scores,
            "shares": outcome.shares,
            "best_fit": outcome.best_fit,
            "first_hire": outcome.first_hire,
            "gap": outcome.gap,
            "confidence": outcome.confidence,
            "held_back_by": list(outcome.held_back_by),
            "later_hire": outcome.later_hire,
            "cautions": list(outcome.cautions),
            "reasons": [c.question for c in outcome.reasons()],
        },
        "flips": [flip_data(f) for f in scoring.flips(catalog.bank, answers)],
    }
