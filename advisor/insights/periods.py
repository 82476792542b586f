"""The time analytics count over: a period of whole days in the site's time zone, its bars
(a day, a week or a month each), and spans of time within it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DAYS_BY_DAY = 62  # up to two months a bar a day; up to a year a bar a week; else a month
LABELS = {"day": "%-d %b", "week": "week of %-d %b", "month": "%b %Y"}  # how bars are named


@dataclass(frozen=True)
class Span:
    """From `since` up to, not including, `until`: what drafts, the wizard's first step
    and team decisions are counted in."""

    since: datetime
    until: datetime

    @property
    def first(self) -> date:
        return timezone.localdate(self.since)

    @property
    def last(self) -> date:
        return timezone.localdate(self.until - timedelta(microseconds=1))

    @property
    def empty(self) -> bool:
        return self.since >= self.until

    def within(self, since: datetime, until: datetime | None) -> Span:
        """The part of this span from `since` to `until` (open-ended when None)."""
        end = self.until if until is None else min(self.until, until)
        return Span(max(self.since, since), end)


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

    def span(self) -> Span:
        return Span(self.since, self.until)


def bucket_of(period: Period) -> str:
    if period.days <= DAYS_BY_DAY:
        return "day"
    return "week" if period.days <= 366 else "month"


def bar_starts(period: Period) -> list[date]:
    """The first day of every bar of the period, in order."""
    bucket = bucket_of(period)
    if bucket == "day":
        return [period.first + timedelta(days=i) for i in range(period.days)]
    if bucket == "week":
        monday = period.first - timedelta(days=period.first.weekday())
        return [monday + timedelta(weeks=i) for i in range((period.last - monday).days // 7 + 1)]
    months, month = [], period.first.replace(day=1)
    while month <= period.last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def bar_start(period: Period, day: date) -> date:
    """The first day of the bar that holds `day`."""
    bucket = bucket_of(period)
    if bucket == "day":
        return day
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)
