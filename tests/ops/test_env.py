"""Settings from the environment: a cache's address becomes Django's cache, or a loud error."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from advisor.env import env_cache


def test_a_redis_address_shares_one_cache(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://cache:6379/0")
    cache = env_cache("CACHE_URL", entries=10)
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache:6379/0",
    }


def test_a_memcached_address_names_the_server(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "memcached://cache:11211")
    assert env_cache("CACHE_URL", entries=10)["LOCATION"] == "cache:11211"


def test_without_an_address_each_process_keeps_its_own(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)
    cache = env_cache("CACHE_URL", entries=10)
    assert cache["BACKEND"].endswith("LocMemCache") and cache["OPTIONS"]["MAX_ENTRIES"] == 10


def test_any_other_address_fails_at_start_up(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "mysql://nope")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with"):
        env_cache("CACHE_URL", entries=10)
