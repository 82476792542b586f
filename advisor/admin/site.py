"""The admin site: Hiring Advisor's header, and sign-in refused for a while after repeated
failures from one client.

It is `admin.site` through `advisor.apps.AdvisorAdminConfig` (Django's documented way to
replace the default site), so `@admin.register` and `admin.site.urls` use it.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from advisor.ops import throttle

LOGIN_SCOPE = "login"
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_LIMITED = "Too many failed sign-ins from this connection. Wait 15 minutes and try again."


class AdvisorAdminSite(admin.AdminSite):
    site_header = "Hiring Advisor admin"
    site_title = "Hiring Advisor admin"

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """Admin sign-in, refused (429) after `LOGIN_FAILURES_PER_15_MINUTES` failures
        from one client; a successful sign-in forgets that client's failures."""
        if request.method != "POST":
            return super().login(request, extra_context)
        # Each attempt takes a token; a successful one gives them all back.
        key = throttle.key_of(LOGIN_SCOPE, request)
        limit = settings.LOGIN_FAILURES_PER_15_MINUTES
        if not throttle.allow(key, limit, LOGIN_WINDOW):
            return render(request, "429.html", {"message": LOGIN_LIMITED}, status=429)
        response = super().login(request, extra_context)
        if self.has_permission(request):  # signed in as active staff, not merely a user
            throttle.forget(key)
        return response


@cache
def default_site() -> AdvisorAdminSite:
    """`admin.site`, made once however often Django asks: loading this module first runs
    the package's registrations, which ask for the site while Django is still making it."""
    return AdvisorAdminSite()
