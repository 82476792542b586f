"""The one rate-limit call: a token bucket per key, taken atomically."""

from __future__ import annotations

import io
import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from advisor.models import RateLimit
from advisor.ops import throttle

HOUR = timedelta(hours=1)


@pytest.fixture
def clock(monkeypatch):
    """Time as the throttle sees it, moved by hand."""
    now = [1_000_000.0]
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: now[0]))
    return now


def test_a_burst_of_the_limit_then_refused_with_one_row_per_key(db, clock):
    assert [throttle.allow("result:a", 3, HOUR) for _ in range(4)] == [True] * 3 + [False]
    assert throttle.allow("result:b", 3, HOUR)  # another client has its own bucket
    assert throttle.allow("draft:a", 3, HOUR)  # and so has another limit
    assert RateLimit.objects.count() == 3
    assert RateLimit.objects.get(key="result:a").tokens == 0


def test_the_bucket_refills_at_the_limit_per_period(db, clock):
    for _ in range(3):
        assert throttle.allow("k", 3, HOUR)
    clock[0] += 15 * 60  # a quarter of an hour gives back three quarters of a token
    assert not throttle.allow("k", 3, HOUR)
    clock[0] += 5 * 60  # a third of an hour: one whole token
    assert throttle.allow("k", 3, HOUR)
    assert not throttle.allow("k", 3, HOUR)
    clock[0] += 10 * 3600  # never more than the limit, however long the wait
    assert [throttle.allow("k", 3, HOUR) for _ in range(4)] == [True] * 3 + [False]


def test_a_refused_call_takes_nothing(db, clock):
    for _ in range(2):
        throttle.allow("k", 2, HOUR)
    for _ in range(5):
        assert not throttle.allow("k", 2, HOUR)
    clock[0] += 30 * 60  # one token back, not reduced by the refusals
    assert throttle.allow("k", 2, HOUR)


def test_two_callers_at_the_same_moment_never_both_take_the_last_token(db, clock):
    throttle.allow("k", 2, HOUR)  # one token left
    # Each call is one UPDATE asking for a whole token: whichever runs second finds
    # the first one's result, not the value both saw before.
    first = throttle._take("k", 2, HOUR, clock[0])
    second = throttle._take("k", 2, HOUR, clock[0])
    assert (first, second) == (True, False)


def test_a_missing_row_made_by_another_caller_in_between_is_used_not_refused(db, clock):
    # Another caller made the row between this call's UPDATE and its INSERT.
    real_take = throttle._take
    calls = []

    def take(key, limit, per, now):
        calls.append(key)
        if len(calls) == 1:
            RateLimit.objects.create(key=key, tokens=limit - 1, updated=now)
            return False
        return real_take(key, limit, per, now)

    throttle._take = take
    try:
        assert throttle.allow("k", 3, HOUR)
    finally:
        throttle._take = real_take
    assert RateLimit.objects.get(key="k").tokens == 1


def test_a_limit_of_zero_refuses_and_a_period_beyond_a_day_is_a_mistake(db):
    assert not throttle.allow("k", 0, HOUR)
    with pytest.raises(ValueError, match="at most"):
        throttle.allow("k", 5, timedelta(days=2))


@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_take_exactly_the_limit(clock):
    limit, callers = 5, 12
    throttle.allow("k", limit, HOUR)  # the row exists; four tokens left
    results = []
    barrier = threading.Barrier(callers)

    def call():
        try:
            barrier.wait()
            results.append(throttle.allow("k", limit, HOUR))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == limit - 1, (connection.vendor, results)
    assert RateLimit.objects.get(key="k").tokens == 0


def test_each_limit_has_its_own_setting_and_answers_429_with_a_message(client, bank, settings):
    settings.TEAMS_PER_HOUR = 1
    settings.RESULTS_PER_HOUR = 1  # no longer the teams' limit
    form = {"name": "Our first hire", "member_name": "Ada"}
    assert client.post(reverse("team_new"), form).status_code == 303
    refused = client.post(reverse("team_new"), form)
    assert refused.status_code == 429
    assert "many team decisions in the last hour" in refused.content.decode()
    # another client is not affected
    assert Client(REMOTE_ADDR="10.9.8.7").post(reverse("team_new"), form).status_code == 303


def test_purge_deletes_only_buckets_that_are_full_again(db, clock):
    throttle.allow("old", 3, HOUR)
    clock[0] += 2 * 86400
    throttle.allow("new", 3, HOUR)
    call_command("purge_drafts", stdout=io.StringIO())
    assert list(RateLimit.objects.values_list("key", flat=True)) == ["new"]
