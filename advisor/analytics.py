"""What admins read about past founders: replay, the funnel, answer counts, export rows.

Completed results are read as groups (advisor.answer_sets): one aggregate in the
database counts them per answer set and first hire, so replay scores each distinct set
of answers once, and the answer counts and the funnel walk each set once and multiply by
its count. Drafts are grouped the same way from their answers. Each function costs a
fixed number of queries, and the work in Python grows with the distinct sets of answers,
not with the number of results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Case, Count, Sum, When
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from advisor import scoring
from advisor.answer_sets import SAMPLES, Group, answers_from_key, answers_key, result_groups
from advisor.bank import Bank
from advisor.models import Answer, Assessment, Team, TeamMember, WizardStart, source_label
from advisor.snapshots import snapshot_answers

SOURCE_COLUMNS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
CHUNK = 500  # export rows held at once: each is its outcome (about a kilobyte), no snapshot
EXAMPLE_SETS = 8  # changed answer sets a replay names, the most common first
PROGRESS_EVERY = 2000  # answer sets scored between two progress reports


# Replay


@dataclass
class Replay:
    total: int = 0
    changed: int = 0
    sets: int = 0  # distinct sets of answers scored
    moves: Counter = field(default_factory=Counter)  # (was, would be) -> results
    # The changed answer sets with most results: their answers, how many results, the
    # first hire before and now, the new shares, and a few of the results.
    examples: list[dict] = field(default_factory=list)

    @property
    def move_list(self) -> list[tuple[str, str, int]]:
        return [(was, now, n) for (was, now), n in self.moves.most_common()]

    def as_data(self) -> dict:
        """JSON-able, for a job's stored report; `from_data` reverses it."""
        examples = [
            {
                **e,
                "answers": [list(a) for a in e["answers"]],
                "shares": [list(s) for s in e["shares"]],
                "results": [[t, at.isoformat()] for t, at in e["results"]],
            }
            for e in self.examples
        ]
        return {
            "total": self.total,
            "changed": self.changed,
            "sets": self.sets,
            "moves": self.move_list,
            "examples": examples,
        }

    @classmethod
    def from_data(cls, data: dict) -> Replay:
        return cls(
            total=data["total"],
            changed=data["changed"],
            sets=data["sets"],
            moves=Counter({(was, now): n for was, now, n in data["moves"]}),
            examples=[
                {
                    **e,
                    "answers": [tuple(a) for a in e["answers"]],
                    "shares": [tuple(s) for s in e["shares"]],
                    "results": [(t, parse_datetime(at)) for t, at in e["results"]],
                }
                for e in data["examples"]
            ],
        )


def replay(
    bank: Bank,
    *,
    examples: int = EXAMPLE_SETS,
    progress: Callable[[int, int], None] | None = None,
) -> Replay:
    """How many completed results would get a different first hire under `bank`: each
    distinct set of answers scored once, its results counted with it. `progress(done,
    total)` hears how many sets are scored."""
    groups = result_groups()
    report = Replay()
    outcomes: dict[str, scoring.Decision] = {}
    changed: list[tuple[Group, scoring.Decision]] = []
    for done, group in enumerate(groups):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, len(groups))
        if (outcome := outcomes.get(group.key)) is None:
            outcome = outcomes[group.key] = scoring.decision(bank, group.answers)
        report.total += group.count
        if outcome.first_hire != group.recommendation:
            report.changed += group.count
            report.moves[group.recommendation, outcome.first_hire] += group.count
            changed.append((group, outcome))
    report.sets = len(outcomes)
    changed.sort(key=lambda pair: (-pair[0].count, pair[0].key))
    order = {q.slug: i for i, q in enumerate(bank.questions)}

    def name(role: str) -> str:
        return found.name if (found := bank.role(role)) else role

    def said(question: str, choice: str) -> tuple[str, str]:
        """The question and the answer in the founder's words, slugs if the bank lost them."""
        if (asked := bank.question(question)) is None:
            return question, choice
        return asked.text, (found.label if (found := asked.choice(choice)) else choice)

    for group, outcome in changed[:examples]:
        report.examples.append(
            {
                # lists, in the bank's order: a stored report keeps them as they are
                "answers": [
                    said(q, c)
                    for q, c in sorted(
                        group.answers.items(), key=lambda a: order.get(a[0], len(order))
                    )
                ],
                "count": group.count,
                "was": name(group.recommendation),
                "now": name(outcome.first_hire),
                "shares": [(name(r), outcome.shares.get(r, 0)) for r in bank.role_slugs],
                "results": list(group.samples or _samples(group)),
            }
        )
    if progress:
        progress(len(groups), len(groups))
    return report


def _samples(group: Group) -> list[tuple[str, datetime]]:
    """A few results of one group, found through the answer set's index."""
    rows = Assessment.objects.completed().filter(
        answer_set_id=group.answer_set, recommendation=group.recommendation
    )
    return list(rows.order_by().values_list("token", "completed_at")[:SAMPLES])


# Analytics over a period


@dataclass(frozen=True)
class Period:
    """Whole days, `first` to `last` included, in the site's time zone."""

    first: date
    last: date

    @classmethod
    def last_days(cls, days: int) -> Period:
        today = timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))


DAYS_BY_DAY = 62  # up to two months a bar a day; up to a year a bar a week; else a month


def bucket_of(period: Period) -> str:
    if period.days <= DAYS_BY_DAY:
        return "day"
    return "week" if period.days <= 366 else "month"


def completions_over(period: Period) -> list[dict]:
    """Completed results per day (per week over a longer period, per month over more
    than a year): {"start", "label", "short", "count"} for every bar, empty ones included."""
    trunc, starts, label, short = {
        "day": (TruncDate, _days, "%-d %b", "%-d"),
        "week": (TruncWeek, _weeks, "week of %-d %b", "%-d %b"),
        "month": (TruncMonth, _months, "%b %Y", "%b %y"),
    }[bucket_of(period)]
    rows = (
        Assessment.objects.completed()
        .filter(completed_at__gte=period.since, completed_at__lt=period.until)
        .annotate(bucket=trunc("completed_at"))
        .values_list("bucket")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter = Counter()
    for bucket, n in rows:
        counts[bucket.date() if isinstance(bucket, datetime) else bucket] += n
    return [
        {"start": s, "label": s.strftime(label), "short": s.strftime(short), "count": counts[s]}
        for s in starts(period)
    ]


def _days(period: Period) -> list[date]:
    return [period.first + timedelta(days=i) for i in range(period.days)]


def _weeks(period: Period) -> list[date]:
    monday = period.first - timedelta(days=period.first.weekday())
    return [monday + timedelta(weeks=i) for i in range((period.last - monday).days // 7 + 1)]


def _months(period: Period) -> list[date]:
    months, month = [], period.first.replace(day=1)
    while month <= period.last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def recommendation_split(groups: Iterable[Group]) -> dict[str, int]:
    split: Counter = Counter()
    for group in groups:
        split[group.recommendation] += group.count
    return dict(split)


def answer_counts(bank: Bank, groups: Iterable[Group]) -> list[dict]:
    """Per question: how often each choice was picked in completed results, by outcome."""
    counts: Counter = Counter()
    for group in groups:
        for question, choice in group.answers.items():
            counts[question, choice, group.recommendation] += group.count
    roles = list(bank.role_slugs)
    table = []
    for question in bank.questions:
        choices = []
        for choice in question.choices:
            by_outcome = {role: counts[question.slug, choice.slug, role] for role in roles}
            total = sum(by_outcome.values())
            choices.append({"choice": choice, "by_outcome": by_outcome, "total": total})
        total = sum(c["total"] for c in choices) or 1
        for c in choices:
            c["percent"] = round(100 * c["total"] / total)
        table.append({"question": question, "choices": choices})
    return table


DRAFT_SETS_SQL = (
    "SELECT choices, COUNT(*) FROM ("
    "  SELECT {choices} AS choices FROM {answers} a JOIN {results} s ON s.id = a.assessment_id"
    "  WHERE s.completed_at IS NULL AND s.created_at >= %s AND s.created_at < %s"
    "  GROUP BY a.assessment_id"
    ") drafts GROUP BY choices"
)
# Each draft's choices (a choice names its question), in no particular order.
CHOICES = {"postgresql": "STRING_AGG(CAST(a.choice_id AS TEXT), ',')"}


def draft_answer_sets(bank: Bank, period: Period) -> list[tuple[dict[str, str], int]]:
    """Drafts started in the period, counted per set of answers, grouped in the database.
    Drafts live only until `purge_drafts` takes them, so their number does not grow with
    the results ever made."""
    choices = CHOICES.get(connection.vendor, "GROUP_CONCAT(a.choice_id, ',')")
    sql = DRAFT_SETS_SQL.format(
        choices=choices, answers=Answer._meta.db_table, results=Assessment._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.since, period.until])
        rows = cursor.fetchall()
    question_of = {c.id: q.id for q in bank.questions for c in q.choices}
    merged: Counter = Counter()
    for text, n in rows:
        ids = (int(c) for c in text.split(","))
        answers = bank.answers_from_ids((question_of.get(c, 0), c) for c in ids)
        merged[answers_key(answers)] += n
    return [(answers_from_key(key), n) for key, n in merged.items()]


def funnel(bank: Bank, groups: Iterable[Group], period: Period) -> list[dict]:
    """For each question: how many founders were shown it and how many left there.

    A founder is shown a question when they answered every question asked before it,
    and its condition (if any) is met by their answers: what the wizard itself does.
    Completed results count by their answer sets, drafts by theirs.
    """
    shown: Counter = Counter()
    answered: Counter = Counter()
    reached_check = 0
    founders = [(g.answers, g.count) for g in groups]
    confirmed = sum(n for _, n in founders)
    for answers, n in [*founders, *draft_answer_sets(bank, period)]:
        for question in bank.asked(answers):
            shown[question.slug] += n
            if question.slug not in answers:
                break
            answered[question.slug] += n
        else:
            reached_check += n
    started = (
        WizardStart.objects.filter(day__gte=period.first, day__lte=period.last).aggregate(
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


def team_counts(period: Period | None = None) -> dict[str, int]:
    """Team decisions started (in the period), with at least two members' answers, and
    settled into a team result; three counts, whatever the number of teams."""
    teams = Team.objects.all()
    if period is not None:
        teams = teams.filter(created_at__gte=period.since, created_at__lt=period.until)
    answered = (
        TeamMember.objects.filter(assessment__isnull=False, team__in=teams)
        .values("team")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
    )
    return {
        "started": teams.count(),
        "compared": answered.count(),
        "settled": teams.filter(result__isnull=False).count(),
    }


def analytics_report(
    bank: Bank, period: Period, progress: Callable[[int, int], None] | None = None
) -> dict:
    """Everything the analytics page shows for a period, as plain JSON-able data (a job
    stores it as it is); `progress(done, total)` hears as each part is counted."""
    parts = 5
    tell = progress or (lambda done, total: None)
    tell(0, parts)
    groups = result_groups(since=period.since, until=period.until)
    tell(1, parts)
    bars = completions_over(period)
    tell(2, parts)
    steps = funnel(bank, groups, period)
    tell(3, parts)
    answers = answer_counts(bank, groups)
    teams = team_counts(period)
    sources = completions_by_source(bank, period)
    tell(4, parts)
    split = recommendation_split(groups)
    total = sum(split.values())
    report = {
        "period": {
            "start": period.first.isoformat(),
            "end": period.last.isoformat(),
            "first": period.first.strftime("%-d %b %Y"),
            "last": period.last.strftime("%-d %b %Y"),
            "days": period.days,
        },
        "bucket": bucket_of(period),
        "bars": [{**b, "start": b["start"].isoformat()} for b in bars],
        "bars_total": sum(b["count"] for b in bars),
        "split": [
            {
                "name": role.name,
                "count": split.get(role.slug, 0),
                "percent": round(100 * split.get(role.slug, 0) / total) if total else 0,
            }
            for role in bank.roles
        ],
        "total": total,
        "funnel": [
            {
                "text": s["question"].text if "question" in s else s["label"],
                "conditional": bool(s.get("question") and s["question"].condition),
                "shown": s["shown"],
                "answered": s["answered"],
                "left": s["left"],
            }
            for s in steps
        ],
        "teams": teams,
        "sources": sources,
        "answers": [
            {
                "text": block["question"].text,
                "choices": [
                    {
                        "label": row["choice"].label,
                        "total": row["total"],
                        "percent": row["percent"],
                        "by_outcome": [row["by_outcome"][r] for r in bank.role_slugs],
                    }
                    for row in block["choices"]
                ],
            }
            for block in answers
        ],
        "roles": [role.short_name for role in bank.roles],
    }
    tell(parts, parts)
    return report


# Export


def export_header(bank: Bank) -> list[str]:
    roles = list(bank.role_slugs)
    return (
        ["token", "completed_at", "recommendation", "confidence", "later_hire"]
        + [f"score_{r}" for r in roles]
        + [f"share_{r}" for r in roles]
        + [q.slug for q in bank.questions]
        + ["other_answers"]
        + ["source", *SOURCE_COLUMNS, "referrer", "embedded_on"]
    )


def export_rows(queryset, bank: Bank):
    """CSV rows for completed assessments, header first, streamed from the database.

    Each row reads the result's answer set and only the outcome part of its snapshot
    (the database extracts it), never the whole snapshot into Python."""
    roles = list(bank.role_slugs)
    slugs = [q.slug for q in bank.questions]
    yield export_header(bank)
    rows = queryset.annotate(
        outcome=KeyTransform("outcome", "snapshot"),
        # only for results not yet given an answer set: the database skips it otherwise
        unkeyed=Case(When(answer_set__isnull=True, then=KeyTransform("answers", "snapshot"))),
    ).values_list(
        "token",
        "completed_at",
        "recommendation",
        "confidence",
        "answer_set__answers",
        "outcome",
        "unkeyed",
        "attribution__embedded",
        "attribution__embed_origin",
        "attribution__embed_path",
        "attribution__referrer",
        *(f"attribution__{f}" for f in SOURCE_COLUMNS),
    )
    for token, at, recommendation, confidence, key, outcome, unkeyed, *source in rows.iterator(
        chunk_size=CHUNK
    ):
        embedded, origin, path, referrer, *utm = (value or "" for value in source)
        outcome = outcome or {}
        if key is not None:
            answers = answers_from_key(key)
        else:
            answers = snapshot_answers({"answers": unkeyed or []})
        other = "; ".join(f"{q}={c}" for q, c in sorted(answers.items()) if q not in slugs)
        yield (
            [token, at.isoformat(), recommendation, confidence, outcome.get("later_hire", "")]
            + [outcome.get("scores", {}).get(r, "") for r in roles]
            + [outcome.get("shares", {}).get(r, "") for r in roles]
            + [answers.get(slug, "") for slug in slugs]
            + [other]
            + [source_label(utm[0], origin, referrer, bool(embedded)), *utm, referrer]
            + [origin + path]
        )


SOURCES_SHOWN = 20  # the biggest sources; the rest are added up in one row


def completions_by_source(bank: Bank, period: Period | None = None) -> list[dict]:
    """Completed results per source (a campaign, the site that embedded the advisor, the
    referring site, or none), biggest first, each with its split of recommendations, in
    the period if one is given. One grouped query."""
    completed = Assessment.objects.completed()
    if period:
        completed = completed.filter(completed_at__gte=period.since, completed_at__lt=period.until)
    rows = (
        completed.values_list(
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
                        "role": role.short_name,
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
