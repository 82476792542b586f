"""What admins read about past founders: replay, the funnel, answer counts, export rows.

Each function reads in a fixed number of queries, streaming rows where the table can
grow, so the admin pages stay as fast with a million assessments as with ten.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from advisor import scoring
from advisor.bank import Bank
from advisor.models import Answer, Assessment, Team, TeamMember, WizardStart, source_label
from advisor.snapshots import snapshot_answers

CHUNK = 100  # rows held at once: each carries a whole snapshot
SOURCE_COLUMNS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


@dataclass
class Replay:
    total: int = 0
    changed: int = 0
    moves: Counter = field(default_factory=Counter)  # (was, would be) -> count
    examples: list[dict] = field(default_factory=list)

    @property
    def move_list(self) -> list[tuple[str, str, int]]:
        return [(was, now, n) for (was, now), n in self.moves.most_common()]


def replay(bank: Bank, *, examples: int = 8) -> Replay:
    """How many completed results would get a different first hire under `bank`."""
    report = Replay()
    rows = Assessment.objects.completed().values_list(
        "token", "recommendation", "completed_at", "snapshot"
    )
    for token, was, at, snapshot in rows.iterator(chunk_size=CHUNK):
        report.total += 1
        outcome = scoring.score(bank, snapshot_answers(snapshot))
        if outcome.first_hire != was:
            report.changed += 1
            report.moves[was, outcome.first_hire] += 1
            if len(report.examples) < examples:
                report.examples.append(
                    {
                        "token": token,
                        "completed_at": at,
                        "was": was,
                        "now": outcome.first_hire,
                        "shares": outcome.shares,
                    }
                )
    return report


def completions_by_day(days: int = 30) -> list[dict]:
    today = timezone.now().date()
    since = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(
        days=days - 1
    )
    counts = dict(
        Assessment.objects.completed()
        .filter(completed_at__gte=since)
        .annotate(day=TruncDate("completed_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    return [
        {"day": day, "count": counts.get(day, 0)}
        for day in (today - timedelta(days=i) for i in range(days - 1, -1, -1))
    ]


def recommendation_split() -> dict[str, int]:
    return dict(
        Assessment.objects.completed()
        .values_list("recommendation")
        .annotate(n=Count("id"))
        .order_by()
    )


def answer_counts(bank: Bank) -> list[dict]:
    """Per question: how often each choice was picked in completed results, by outcome."""
    counts = Counter()
    rows = (
        Answer.objects.filter(assessment__completed_at__isnull=False)
        .values_list("question_id", "choice_id", "assessment__recommendation")
        .annotate(n=Count("id"))
        .order_by()
    )
    for question_id, choice_id, outcome, n in rows:
        counts[question_id, choice_id, outcome] += n
    roles = list(bank.role_slugs)
    table = []
    for question in bank.questions:
        choices = []
        for choice in question.choices:
            by_outcome = {role: counts[question.id, choice.id, role] for role in roles}
            total = sum(by_outcome.values())
            choices.append({"choice": choice, "by_outcome": by_outcome, "total": total})
        total = sum(c["total"] for c in choices) or 1
        for c in choices:
            c["percent"] = round(100 * c["total"] / total)
        table.append({"question": question, "choices": choices})
    return table


def funnel(bank: Bank) -> list[dict]:
    """For each question: how many founders were shown it and how many left there.

    A founder is shown a question when they answered every question asked before it,
    and its condition (if any) is met by their answers: what the wizard itself does.
    """
    by_id = {q.id: q for q in bank.questions}
    choice_slug = {c.id: c.slug for q in bank.questions for c in q.choices}
    shown = Counter()
    answered = Counter()
    reached_check = 0
    rows = Answer.objects.order_by("assessment_id").values_list(
        "assessment_id", "question_id", "choice_id"
    )
    for _, group in itertools.groupby(rows.iterator(chunk_size=CHUNK), key=lambda r: r[0]):
        answers = {
            by_id[q].slug: choice_slug[c] for _, q, c in group if q in by_id and c in choice_slug
        }
        for question in bank.asked(answers):
            shown[question.slug] += 1
            if question.slug not in answers:
                break
            answered[question.slug] += 1
        else:
            reached_check += 1
    started = WizardStart.objects.aggregate(total=Sum("count"))["total"] or 0
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
    confirmed = Assessment.objects.completed().count()
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


def export_rows(queryset, bank: Bank):
    """CSV rows for completed assessments, header first, streamed from the database."""
    roles = list(bank.role_slugs)
    slugs = [q.slug for q in bank.questions]
    yield (
        ["token", "completed_at", "recommendation", "confidence", "later_hire"]
        + [f"score_{r}" for r in roles]
        + [f"share_{r}" for r in roles]
        + slugs
        + ["other_answers"]
        + ["source", *SOURCE_COLUMNS, "referrer", "embedded_on"]
    )
    rows = queryset.values_list(
        "token",
        "completed_at",
        "recommendation",
        "confidence",
        "snapshot",
        "attribution__embedded",
        "attribution__embed_origin",
        "attribution__embed_path",
        "attribution__referrer",
        *(f"attribution__{f}" for f in SOURCE_COLUMNS),
    )
    for token, at, recommendation, confidence, snapshot, *source in rows.iterator(chunk_size=CHUNK):
        outcome = (snapshot or {}).get("outcome", {})
        answers = snapshot_answers(snapshot)
        other = "; ".join(f"{q}={c}" for q, c in answers.items() if q not in slugs)
        embedded, origin, path, referrer, *utm = (value or "" for value in source)
        yield (
            [token, at.isoformat(), recommendation, confidence, outcome.get("later_hire", "")]
            + [outcome.get("scores", {}).get(r, "") for r in roles]
            + [outcome.get("shares", {}).get(r, "") for r in roles]
            + [answers.get(slug, "") for slug in slugs]
            + [other]
            + [source_label(utm[0], origin, referrer, bool(embedded)), *utm, referrer]
            + [origin + path]
        )


def team_counts() -> dict[str, int]:
    """Team decisions started, with at least two members' answers, and settled into a
    team result; three counts, whatever the number of teams."""
    answered = (
        TeamMember.objects.filter(assessment__isnull=False)
        .values("team")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
    )
    return {
        "started": Team.objects.count(),
        "compared": answered.count(),
        "settled": Team.objects.filter(result__isnull=False).count(),
    }


SOURCES_SHOWN = 20  # the biggest sources; the rest are added up in one row


def completions_by_source(bank: Bank) -> list[dict]:
    """Completed results per source (a campaign, the site that embedded the advisor, the
    referring site, or none), biggest first, each with its split of recommendations.
    One grouped query, however many results."""
    rows = (
        Assessment.objects.completed()
        .values_list(
            "attribution__utm_source",
            "attribution__embed_origin",
            "attribution__referrer",
            "attribution__embedded",
            "recommendation",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    by_source: dict[str, Counter] = {}
    for utm, origin, referrer, embedded, recommendation, n in rows:
        label = source_label(utm or "", origin or "", referrer or "", bool(embedded))
        by_source.setdefault(label, Counter())[recommendation] += n
    ranked = sorted(by_source.items(), key=lambda item: (-item[1].total(), item[0]))
    if len(ranked) > SOURCES_SHOWN:
        rest = sum((counts for _, counts in ranked[SOURCES_SHOWN - 1 :]), Counter())
        ranked = [*ranked[: SOURCES_SHOWN - 1], ("all other sources", rest)]
    table = []
    for label, counts in ranked:
        total = counts.total()
        table.append(
            {
                "source": label,
                "total": total,
                "by_role": [
                    {
                        "role": role,
                        "count": counts[role.slug],
                        "percent": round(100 * counts[role.slug] / total) if total else 0,
                    }
                    for role in bank.roles
                ],
            }
        )
    return table


def contact_rows(queryset):
    """CSV rows for contact requests, header first, streamed from the database."""
    yield [
        "requested_at",
        "name",
        "email",
        "consent_text",
        "result_token",
        "recommendation",
        "confidence",
        "source",
    ]
    rows = queryset.values_list(
        "consented_at",
        "name",
        "email",
        "consent_text",
        "assessment__token",
        "assessment__recommendation",
        "assessment__confidence",
        "assessment__attribution__utm_source",
        "assessment__attribution__embed_origin",
        "assessment__attribution__referrer",
        "assessment__attribution__embedded",
    )
    for at, name, email, consent, token, recommendation, confidence, *source in rows.iterator(
        chunk_size=CHUNK
    ):
        utm, origin, referrer, embedded = (value or "" for value in source)
        label = source_label(utm, origin, referrer, bool(embedded))
        yield [at.isoformat(), name, email, consent, token, recommendation, confidence, label]
