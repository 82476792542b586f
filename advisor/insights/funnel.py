"""The funnel: how many founders were shown each step of the wizard and how many left
there, from completed results (by answer set), drafts (grouped by their answers in the
database) and the count of browsers shown the first step. A fixed number of queries,
whatever the number of founders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from advisor.advice.bank import Bank
from advisor.bank.answer_sets import Group, answers_from_key, answers_key
from advisor.insights.periods import Span
from advisor.models import Answer, Assessment, WizardStart
from advisor.ops.database import best_effort

STARTED_COOKIE = "advisor_started"  # set once a browser has been counted at the first step
STARTED_COOKIE_AGE = 90 * 24 * 60 * 60
DRAFT_SETS_SQL = (
    "SELECT choices, COUNT(*) FROM ("
    "  SELECT {choices} AS choices FROM {answers} a JOIN {results} s ON s.id = a.assessment_id"
    "  WHERE s.completed_at IS NULL AND s.created_at >= %s AND s.created_at < %s"
    "  GROUP BY a.assessment_id"
    ") drafts GROUP BY choices"
)
# Each draft's choices (a choice names its question), in no particular order.
CHOICES = {"postgresql": "STRING_AGG(CAST(a.choice_id AS TEXT), ',')"}


def draft_answer_sets(bank: Bank, span: Span) -> list[tuple[dict[str, str], int]]:
    """Drafts started in the span, counted per set of answers, grouped in the database.
    Drafts live only until `purge_drafts` takes them, so their number does not grow with
    the results ever made."""
    choices = CHOICES.get(connection.vendor, "GROUP_CONCAT(a.choice_id, ',')")
    sql = DRAFT_SETS_SQL.format(
        choices=choices, answers=Answer._meta.db_table, results=Assessment._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [span.since, span.until])
        rows = cursor.fetchall()
    question_of = {c.id: q.id for q in bank.questions for c in q.choices}
    merged: Counter = Counter()
    for text, n in rows:
        ids = (int(c) for c in text.split(","))
        answers = bank.answers_from_ids((question_of.get(c, 0), c) for c in ids)
        merged[answers_key(answers)] += n
    return [(answers_from_key(key), n) for key, n in merged.items()]


def funnel(bank: Bank, groups: Iterable[Group], span: Span) -> list[dict]:
    """For each question: how many founders were shown it and how many left there.

    A founder is shown a question when they answered every question asked before it,
    and its condition (if any) is met by their answers: what the wizard itself does.
    Completed results count by their answer sets (`groups`), drafts started in `span`
    by theirs.
    """
    shown: Counter = Counter()
    answered: Counter = Counter()
    reached_check = 0
    founders = [(g.answers, g.count) for g in groups]
    confirmed = sum(n for _, n in founders)
    for answers, n in [*founders, *draft_answer_sets(bank, span)]:
        for question in bank.asked(answers):
            shown[question.slug] += n
            if question.slug not in answers:
                break
            answered[question.slug] += n
        else:
            reached_check += n
    started = (
        WizardStart.objects.filter(day__gte=span.first, day__lte=span.last).aggregate(
            total=Sum("count")
        )["total"]
        or 0
    )
    first = bank.questions[0].slug if bank.questions else ""
    # Every draft was shown the first question, counted or not (say, before counting began).
    shown[first] = max(shown[first], started)
    steps = []
    for question in bank.questions:
        steps.append(
            {
                "question": question,
                "shown": shown[question.slug],
                "answered": answered[question.slug],
                "left": shown[question.slug] - answered[question.slug],
            }
        )
    steps.append(
        {
            "label": "Check your answers → result",
            "shown": max(reached_check, confirmed),
            "answered": confirmed,
            "left": max(reached_check - confirmed, 0),
        }
    )
    return steps


def count_start() -> None:
    """One more browser shown the first question today (one statement, so none is lost
    when two arrive at once)."""
    today = connection.ops.adapt_datefield_value(timezone.now().date())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {WizardStart._meta.db_table} (day, count) VALUES (%s, 1) "
            "ON CONFLICT (day) DO UPDATE SET count = "
            f"{WizardStart._meta.db_table}.count + 1",
            [today],
        )


def start_count(*, request) -> bool:
    """The top of the funnel: count this browser once, with a cookie rather than a
    session write. True when the response must set the cookie."""
    if STARTED_COOKIE in request.COOKIES:
        return False
    # Analytics only: a full disk or a read-only database must not cost the founder the
    # page. Without the cookie this browser is counted on its next first-step visit.
    with best_effort("The wizard start"):
        count_start()
        return True
    return False


def start_cookie_set(*, response) -> None:
    response.set_cookie(
        STARTED_COOKIE,
        "1",
        max_age=STARTED_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
