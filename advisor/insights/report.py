"""Everything the analytics page shows for a period, optionally for the results of one
published version of the question bank, as plain JSON-able data: the page renders it as
it loads, or a job stores it as it is for a long period of a busy site.

With a version chosen, results count when they were scored with it, the answers and the
funnel read that version's questions, and drafts, first steps and team decisions count
while it was the version founders got.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.advice.bank import Bank, bank_from_data
from advisor.bank import store as bank_store
from advisor.bank.answer_sets import result_groups
from advisor.insights import analytics
from advisor.insights.funnel import funnel
from advisor.insights.periods import Period, Span, bucket_of
from advisor.models import BankVersion


def report_bank(version: int | None) -> Bank:
    """The chosen version's own bank, else the one founders get."""
    if version is not None:
        data = BankVersion.objects.filter(number=version).values_list("bank", flat=True).first()
        if data:
            return bank_from_data(data)
    return bank_store.get()


def version_span(period: Period, version: int | None) -> Span:
    """The part of the period the version was live in (all of it without a version)."""
    span = period.span()
    if version is None:
        return span
    live = analytics.version_live(version)
    return span.within(*live) if live else Span(span.since, span.since)


def analytics_report(
    period: Period,
    *,
    version: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """The page's figures; `progress(done, total)` hears as each part is counted."""
    parts = 5
    tell = progress or (lambda done, total: None)
    tell(0, parts)
    bank = report_bank(version)
    groups = result_groups(since=period.since, until=period.until, version=version)
    tell(1, parts)
    bars = analytics.completions_over(period, version)
    published = analytics.published_in(period)
    tell(2, parts)
    span = version_span(period, version)
    steps = funnel(bank, groups, span)
    tell(3, parts)
    answers = analytics.answer_counts(bank, groups)
    teams = analytics.team_counts(span)
    sources = analytics.completions_by_source(bank, period, version)
    by_version = analytics.results_by_version(bank, period, version)
    by_language = analytics.results_by_language(bank, period, version)
    tell(4, parts)
    split = analytics.recommendation_split(groups)
    total = sum(split.values())
    bar_index = {b["start"].isoformat(): i for i, b in enumerate(bars)}
    report = {
        "period": {
            "start": period.first.isoformat(),
            "end": period.last.isoformat(),
            "first": period.first.strftime("%-d %b %Y"),
            "last": period.last.strftime("%-d %b %Y"),
            "days": period.days,
        },
        "version": version,
        "bucket": bucket_of(period),
        "bars": [{**b, "start": b["start"].isoformat()} for b in bars],
        "bars_total": sum(b["count"] for b in bars),
        "published": [{**p, "index": bar_index.get(p["bar"])} for p in published],
        "by_version": by_version,
        "by_language": by_language,
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
