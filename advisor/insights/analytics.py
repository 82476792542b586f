"""What admins count about past founders over a period: completions per bar, the split of
recommendations, answers by outcome, sources, team decisions, and results by the
question bank version they were scored with.

Every count is one grouped query the database answers from an index on the results'
completion time (with their version, first hire and answer set in it), optionally for
the results of one published version; the work in Python grows with the bars, sources
and distinct sets of answers, never with the number of results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Count
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils import timezone

from advisor.advice.bank import Bank
from advisor.bank.answer_sets import Group
from advisor.insights.periods import LABELS, Period, Span, bar_start, bar_starts, bucket_of
from advisor.models import Assessment, BankVersion, Team, TeamMember, source_label

SOURCES_SHOWN = 20  # the biggest sources; the rest are added up in one row


def completed_in(period: Period | None, version: int | None = None):
    """Completed results made in the period (any time when None), of one published
    version of the question bank when `version` is given."""
    results = Assessment.objects.completed()
    if period is not None:
        results = results.filter(completed_at__gte=period.since, completed_at__lt=period.until)
    if version is not None:
        results = results.filter(bank_version=version)
    return results


def completions_over(period: Period, version: int | None = None) -> list[dict]:
    """Completed results per day (per week over a longer period, per month over more
    than a year): {"start", "label", "count"} for every bar, empty ones included."""
    bucket = bucket_of(period)
    trunc = {"day": TruncDate, "week": TruncWeek, "month": TruncMonth}[bucket]
    rows = (
        completed_in(period, version)
        .annotate(bucket=trunc("completed_at"))
        .values_list("bucket")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter = Counter()
    for start, n in rows:
        counts[start.date() if isinstance(start, datetime) else start] += n
    return [
        {"start": s, "label": s.strftime(LABELS[bucket]), "count": counts[s]}
        for s in bar_starts(period)
    ]


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


def team_counts(span: Span | None = None) -> dict[str, int]:
    """Team decisions started (in the span), with at least two members' answers, and
    settled into a team result; three counts, whatever the number of teams."""
    teams = Team.objects.all()
    if span is not None:
        teams = teams.filter(created_at__gte=span.since, created_at__lt=span.until)
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


def role_split(bank: Bank, counts: Counter) -> list[dict]:
    """Each of the bank's roles with its count and share of `counts` (role slug → n)."""
    total = counts.total()
    return [
        {
            "role": role.short_name,
            "count": counts[role.slug],
            "percent": round(100 * counts[role.slug] / total) if total else 0,
        }
        for role in bank.roles
    ]


def completions_by_source(
    bank: Bank, period: Period | None = None, version: int | None = None
) -> list[dict]:
    """Completed results per source (a campaign, the site that embedded the advisor, the
    referring site, or none), biggest first, each with its split of recommendations, in
    the period if one is given. One grouped query."""
    rows = (
        completed_in(period, version)
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
    return [
        {"source": label, "total": counts.total(), "by_role": role_split(bank, counts)}
        for label, counts in ranked
    ]


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%-d %b %Y %H:%M")


def results_by_version(bank: Bank, period: Period, version: int | None = None) -> list[dict]:
    """Completed results of the period per question bank version they were scored with,
    newest version first, each with when and by whom it was published and its split of
    recommendations; results made before any version was published come last. Two
    queries: the grouped count, and the versions it names."""
    rows = (
        completed_in(period, version)
        .values_list("bank_version", "recommendation")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int | None, Counter] = {}
    for number, recommendation, n in rows:
        counts.setdefault(number, Counter())[recommendation] += n
    published = {
        v.number: v
        for v in BankVersion.objects.filter(number__in=[n for n in counts if n is not None])
    }
    table = []
    for number in sorted(counts, key=lambda n: -1 if n is None else n, reverse=True):
        found = published.get(number)
        table.append(
            {
                "number": number,
                "published": _when(found.published_at) if found else "",
                "by": found.published_by if found else "",
                "total": counts[number].total(),
                "by_role": role_split(bank, counts[number]),
            }
        )
    return table


def results_by_language(bank: Bank, period: Period, version: int | None = None) -> list[dict]:
    """Completed results of the period per language they were made in, most first, each
    with its split of recommendations: one grouped query."""
    from django.conf import settings

    rows = (
        completed_in(period, version)
        .values_list("language", "recommendation")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, Counter] = {}
    for language, recommendation, n in rows:
        counts.setdefault(language, Counter())[recommendation] += n
    names = dict(settings.LANGUAGES)
    return [
        {
            "code": code,
            "name": names.get(code, code),
            "total": counts[code].total(),
            "by_role": role_split(bank, counts[code]),
        }
        for code in sorted(counts, key=lambda c: -counts[c].total())
    ]


def published_in(period: Period) -> list[dict]:
    """The versions of the question bank published in the period, oldest first, each with
    the first day of the bar it falls in."""
    versions = BankVersion.objects.filter(
        published_at__gte=period.since, published_at__lt=period.until
    ).order_by("number")
    return [
        {
            "number": v.number,
            "when": _when(v.published_at),
            "by": v.published_by,
            "bar": bar_start(period, timezone.localdate(v.published_at)).isoformat(),
        }
        for v in versions.only("number", "published_at", "published_by")
    ]


def version_live(number: int) -> tuple[datetime, datetime | None] | None:
    """When a published version was what founders got: from its publishing to the next
    one's (None while it still is); None if there is no such version."""
    times = list(
        BankVersion.objects.filter(number__gte=number)
        .order_by("number")
        .values_list("number", "published_at")[:2]
    )
    if not times or times[0][0] != number:
        return None
    return times[0][1], times[1][1] if len(times) > 1 else None
