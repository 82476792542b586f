"""Settings and URLconf for the benchmark's baseline: the app's own settings and
middleware, but one view that returns "ok".

Served as `DJANGO_SETTINGS_MODULE=scripts.bench_baseline gunicorn advisor.wsgi` from the
project's root, so the baseline pays the same gunicorn, Django and middleware cost as the app
and the ratio to it shows what the app's own views cost.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

from advisor.settings import *  # noqa: F403

ROOT_URLCONF = __name__


def ok(request) -> HttpResponse:
    """The cheapest page Django can serve: no template, no database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]
