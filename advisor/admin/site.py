"""The admin site: Hiring Advisor's header, an index grouped by task, sign-in refused for a
while after repeated failures from one client, and a second factor for staff who may
publish or change costs (see `signin`).

It is `admin.site` through `advisor.apps.AdvisorAdminConfig` (Django's documented way to
replace the default site), so `@admin.register` and `admin.site.urls` use it.
"""

from __future__ import annotations

from functools import cache

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from advisor.admin import drafts, signin

# The index's groups, by task: each names the models (by their object_name) it holds.
TASKS = [
    (gettext_lazy("Founders’ results and analytics"), ["Assessment", "Team"]),
    (
        gettext_lazy("The question bank"),
        ["Question", "Rule", "Case", "RoleProfile", "BankVersion"],
    ),
    (gettext_lazy("Costs"), ["Region", "PayRate", "HiringTerms", "ExchangeRate"]),
    (
        gettext_lazy("Reach and follow-up"),
        ["ContactRequest", "FollowUpSettings", "WebhookEndpoint", "WebhookDelivery"],
    ),
]
PEOPLE = gettext_lazy("People and settings")


class AdvisorAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Hiring Advisor admin")
    site_title = gettext_lazy("Hiring Advisor admin")

    def each_context(self, request):
        # On the question bank's pages: the version founders get, and what waits.
        return {**super().each_context(request), "draft_state": drafts.draft_state(request)}

    def has_permission(self, request):
        # Active staff, with their second factor when their rights call for one.
        return super().has_permission(request) and signin.signed_in_fully(request.user)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """Admin sign-in, refused (429) after `LOGIN_FAILURES_PER_15_MINUTES` attempts
        from one client; then the second factor for those who need it."""
        if request.method == "POST":
            if not signin.sign_in_allowed(request):
                return signin.locked_out(request)
            response = super().login(request, extra_context)
        else:
            response = None
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            if not signin.signed_in_fully(user):
                target = request.POST.get("next") or request.GET.get("next") or ""
                query = urlencode({"next": target}) if target else ""
                return HttpResponseRedirect(reverse("admin:second_factor") + "?" + query)
            if response is not None:
                signin.signed_in(request)  # a full sign-in forgets the failures
        return response or super().login(request, extra_context)

    def get_urls(self):
        view = signin.second_factor_view(self)
        return [path("second-factor/", view, name="second_factor"), *super().get_urls()]

    def get_app_list(self, request, app_label=None):
        """The index by task rather than by app: results, the bank, costs, reach, and
        people and settings (whatever is not placed in a task)."""
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        models = [m for app in apps for m in app["models"]]
        groups = []
        for name, members in TASKS:
            found = [m for m in models if m["object_name"] in members]
            found.sort(key=lambda m: members.index(m["object_name"]))
            if found:
                groups.append(group(name, found, apps[0]))
        placed = {n for _, members in TASKS for n in members}
        rest = [m for m in models if m["object_name"] not in placed]
        if rest:
            groups.append(group(PEOPLE, rest, apps[0]))
        return groups


def group(name: str, models: list[dict], like: dict) -> dict:
    return {**like, "name": name, "app_label": like["app_label"], "models": models}


@cache
def default_site() -> AdvisorAdminSite:
    """`admin.site`, made once however often Django asks: loading this module first runs
    the package's registrations, which ask for the site while Django is still making it."""
    return AdvisorAdminSite()
