"""Sign-in lockouts: the connections whose sign-ins are refused now (their sign-in limit
is spent, see `signin`), shown to superusers with an action that lifts them."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.admin.signin import LOGIN_SCOPE, LOGIN_WINDOW
from advisor.models import RateLimit


@admin.register(RateLimit)
class SignInLockoutAdmin(admin.ModelAdmin):
    """Clients whose sign-ins are refused now: superusers only, who may lift them."""

    list_display = ["client", "free_again"]
    actions = ["lift"]

    def changelist_view(self, request, extra_context=None):
        extra = {"title": _("Sign-in lockouts: connections refused now"), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(key__startswith=f"{LOGIN_SCOPE}:", tokens__lt=1)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("connection (a keyed hash of its address)"))
    def client(self, obj):
        return obj.key.partition(":")[2][:16]

    @admin.display(description=gettext_lazy("may try again in"))
    def free_again(self, obj):
        per = LOGIN_WINDOW.total_seconds() / settings.LOGIN_FAILURES_PER_15_MINUTES
        seconds = max(0, obj.updated + (1 - obj.tokens) * per - time.time())
        return _("%(minutes)d min %(seconds)d s") % {
            "minutes": seconds // 60,
            "seconds": seconds % 60,
        }

    @admin.action(description=gettext_lazy("Lift the lockout: let these connections sign in again"))
    def lift(self, request, queryset):
        count = RateLimit.objects.filter(pk__in=queryset.values("pk")).delete()[0]
        lifted = ngettext("Lifted %(count)d lockout.", "Lifted %(count)d lockouts.", count)
        messages.success(request, lifted % {"count": count})
