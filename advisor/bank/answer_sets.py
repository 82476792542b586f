"""Completed results grouped by their answers: each distinct set of answers is stored once
(`AnswerSet`) and every result points at its set, so replay, the effect check and
analytics score or walk each set once and multiply by how many results share it.

The key is the result's own answers (its snapshot's), as sorted "question=choice" pairs
joined by ";": slugs never hold "=" or ";".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Max, Min

from advisor.models import AnswerSet, Assessment
from advisor.ops.jobs import job_handler, job_progress
from advisor.results.snapshots import snapshot_answers

BACKFILL_BATCH = 1000
SAMPLES = 3  # results shown for each answer set a report names


def answers_key(answers: Mapping[str, str]) -> str:
    return ";".join(f"{question}={choice}" for question, choice in sorted(answers.items()))


def answers_from_key(key: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in key.split(";") if pair)


def answer_set_id(answers: Mapping[str, str]) -> int:
    """The id of this set of answers, stored the first time any result has it (one query
    when it is already known; two results making a new set at once get the same row)."""
    answer_set, _ = AnswerSet.objects.get_or_create(answers=answers_key(answers))
    return answer_set.pk


@dataclass(frozen=True)
class Group:
    """Completed results with the same answers and the same first hire when made."""

    answer_set: int | None  # None: results made before answer sets, keyed from snapshots
    key: str  # answers_key(answers)
    answers: dict[str, str]
    recommendation: str
    count: int
    # (token, completed_at) of a few of them, for results not yet given their set (the
    # others are found through the set's index when needed).
    samples: tuple[tuple[str, datetime], ...] = ()


GROUPS_SQL = (
    "SELECT g.answer_set_id, s.answers, g.recommendation, g.n FROM ("
    "  SELECT answer_set_id, recommendation, COUNT(*) AS n FROM {results}"
    "  WHERE completed_at IS NOT NULL{period} GROUP BY answer_set_id, recommendation"
    ") g LEFT JOIN {sets} s ON s.id = g.answer_set_id"
)


def result_groups(
    *, since: datetime | None = None, until: datetime | None = None, version: int | None = None
) -> list[Group]:
    """Completed results (made in [since, until) when given, scored with that published
    version of the bank when `version` is) counted per answer set and first hire: one
    aggregate in the database, read through an index, whatever the number of results.
    Results made before answer sets existed are keyed from their snapshots."""
    if version is None and (since is not None or until is not None):
        # A period holding every result reads the smaller index, as replay does.
        span = Assessment.objects.completed().aggregate(
            first=Min("completed_at"), last=Max("completed_at")
        )
        if (since is None or span["first"] is None or since <= span["first"]) and (
            until is None or span["last"] is None or until > span["last"]
        ):
            since = until = None
    period, params = "", []
    if since is not None:
        period += " AND completed_at >= %s"
        params.append(since)
    if until is not None:
        period += " AND completed_at < %s"
        params.append(until)
    if version is not None:
        period += " AND bank_version = %s"
        params.append(version)
    sql = GROUPS_SQL.format(
        results=Assessment._meta.db_table, sets=AnswerSet._meta.db_table, period=period
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    groups = [
        Group(set_id, key, answers_from_key(key), recommendation, n)
        for set_id, key, recommendation, n in rows
        if set_id is not None
    ]
    if any(set_id is None for set_id, *_ in rows):
        groups.extend(_unkeyed_groups(since, until, version))
    return groups


def _unkeyed_groups(since, until, version) -> list[Group]:
    """Results not yet given their answer set (made by an older app server during a
    deploy, or before `backfill_answer_sets` ran), counted from their snapshots."""
    rows = Assessment.objects.completed().filter(answer_set__isnull=True)
    if since is not None:
        rows = rows.filter(completed_at__gte=since)
    if until is not None:
        rows = rows.filter(completed_at__lt=until)
    if version is not None:
        rows = rows.filter(bank_version=version)
    counts: dict[tuple[str, str], int] = {}
    samples: dict[tuple[str, str], list] = {}
    columns = ("token", "completed_at", "recommendation", "snapshot__answers")
    for token, at, recommendation, answers in rows.values_list(*columns).iterator(
        chunk_size=BACKFILL_BATCH
    ):
        group = (answers_key(snapshot_answers({"answers": answers or []})), recommendation)
        counts[group] = counts.get(group, 0) + 1
        if len(kept := samples.setdefault(group, [])) < SAMPLES:
            kept.append((token, at))
    return [
        Group(None, k, answers_from_key(k), r, n, tuple(samples[k, r]))
        for (k, r), n in counts.items()
    ]


def answer_sets_backfill(
    *, assessments=Assessment, answer_sets=AnswerSet, batch: int = BACKFILL_BATCH
) -> Iterator[int]:
    """Give every completed result without one its answer set, a batch at a time; yields
    how many were done so far. The models are parameters so a migration can pass its own."""
    done = 0
    last = 0
    while True:
        rows = list(
            assessments.objects.filter(
                completed_at__isnull=False, answer_set__isnull=True, pk__gt=last
            )
            .order_by("pk")
            .values_list("pk", "snapshot__answers")[:batch]
        )
        if not rows:
            return
        keys = {pk: answers_key(snapshot_answers({"answers": a or []})) for pk, a in rows}
        known = dict(
            answer_sets.objects.filter(answers__in=set(keys.values())).values_list("answers", "pk")
        )
        for key in set(keys.values()) - set(known):
            known[key] = answer_sets.objects.get_or_create(answers=key)[0].pk
        by_set: dict[int, list[int]] = {}
        for pk, key in keys.items():
            by_set.setdefault(known[key], []).append(pk)
        for set_id, pks in by_set.items():
            # answer_set__isnull again: a result keyed meanwhile keeps its set.
            assessments.objects.filter(pk__in=pks, answer_set__isnull=True).update(
                answer_set_id=set_id
            )
        done += len(rows)
        last = rows[-1][0]
        yield done


@job_handler("backfill-answer-sets")
def _backfill_job(job) -> dict:
    """Queued by the migration that added answer sets; `manage.py backfill_answer_sets`
    does the same from the command line."""
    total = Assessment.objects.completed().filter(answer_set__isnull=True).count()
    done = 0
    for done in answer_sets_backfill():
        job_progress(job, done=done, total=total)
    return {"results": done}
