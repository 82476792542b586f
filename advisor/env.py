"""Settings read from environment variables: text, booleans, integers, origins and a
cache's address, a bad value failing loudly at start-up rather than running with a
surprise."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_origins(name: str) -> list[str]:
    """Comma-separated origins such as `https://blog.example.com`: a scheme, a host and
    an optional port, nothing more (CSP and postMessage compare whole origins)."""
    origins = []
    for value in env(name).replace(" ", "").split(","):
        if not value:
            continue
        scheme, _, rest = value.lower().partition("://")
        if scheme not in ("http", "https") or not rest or "/" in rest or "*" in rest:
            raise ImproperlyConfigured(
                f"{name} takes origins like https://blog.example.com, not {value!r}"
            )
        # As browsers write an origin: without the scheme's default port.
        rest = rest.removesuffix({"http": ":80", "https": ":443"}[scheme])
        origins.append(f"{scheme}://{rest}")
    return origins


def env_cache(name: str, *, entries: int) -> dict:
    """Django's cache from a URL: redis:// or rediss:// (pip install redis), memcached://
    (pip install pymemcache), or, unset, each process's own memory holding `entries`."""
    url = env(name)
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("memcached://"):
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": url.removeprefix("memcached://"),
        }
    if url:
        raise ImproperlyConfigured(f"{name} must start with redis://, rediss:// or memcached://")
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "advisor-pages",
        "OPTIONS": {"MAX_ENTRIES": entries},
    }
