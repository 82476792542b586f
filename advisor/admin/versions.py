"""Question bank versions in the admin: the list, publishing the draft (after its checks)
and restoring an earlier version as the draft."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from advisor.admin.drafts import changes_between, compare
from advisor.admin.pages import admin_url, page_response
from advisor.advice import bank_rules, cases
from advisor.advice.bank import bank_as_data
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.bank.replay import replay
from advisor.models import BankVersion


class BankVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "published_at", "published_by", "note", "restore_button"]
    list_display_links = None
    change_list_template = "admin/advisor/bankversion/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # results name the version they were made with

    @admin.display(description="")
    def restore_button(self, obj):
        request = self._request
        if obj.number == self._live:
            return _("what founders get now")
        if not self.may_publish(request):
            return ""
        # A button of the list's own form (a form may not hold another): it posts the
        # list's CSRF token to the restore URL.
        return format_html(
            '<button type="submit" formaction="{}" formmethod="post" class="button" '
            'name="restore" value="{}">{}</button>',
            reverse("admin:advisor_bankversion_restore", args=[obj.pk]),
            obj.number,
            _("Restore as the draft"),
        )

    def changelist_view(self, request, extra_context=None):
        self._request = request
        live = versions.bank_version_live()
        self._live = live.number if live else None
        extra = {"may_publish": self.may_publish(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def may_publish(self, request) -> bool:
        return request.user.has_perm("advisor.publish_bankversion")

    def get_urls(self):
        restore_page = self.admin_site.admin_view(lambda r, pk: restore(self, r, pk))
        return [
            admin_url(self, "publish/", publish, "advisor_bankversion_publish"),
            admin_url(self, "compare/", compare, "advisor_bankversion_compare"),
            path("<int:pk>/restore/", restore_page, name="advisor_bankversion_restore"),
            *super().get_urls(),
        ]


def publish(model_admin, request):
    """GET: what publishing the draft would do. POST: publish it."""
    if not model_admin.may_publish(request):
        raise PermissionDenied
    draft = bank_store.build_draft()
    live = versions.bank_version_live()
    broken = cases.cases_broken(draft)
    if request.method == "POST":
        if broken and "_publish_anyway" not in request.POST:
            messages.error(
                request, _("Some founder cases fail with the draft: confirm to publish.")
            )
        else:
            try:
                version = versions.bank_version_publish(
                    user=request.user, note=request.POST.get("note", "")[:300]
                )
            except versions.NotPublishable as refused:
                messages.error(
                    request,
                    _("The draft breaks the bank's rules: %(problems)s") % {"problems": refused},
                )
            else:
                messages.success(
                    request, _("Published version %(number)s.") % {"number": version.number}
                )
                return HttpResponseRedirect(reverse("admin:advisor_bankversion_changelist"))
    context = {
        "problems": bank_rules.bank_problems(draft),
        "changes": changes_between(live.bank if live else None, bank_as_data(draft)),
        "broken": broken,
        "report": replay(draft),
        "roles": {r.slug: r for r in draft.roles},
        "live": live,
        "untranslated": versions.untranslated(draft),
    }
    title = _("Publish the draft question bank")
    return page_response(model_admin, request, "admin/advisor/publish.html", title, context)


def restore(model_admin, request, pk: int):
    if request.method != "POST":
        raise Http404(_("Restore with the button on the versions list."))
    if not model_admin.may_publish(request):
        raise PermissionDenied
    version = BankVersion.objects.filter(pk=pk).select_related("revision").first()
    if version is None:
        raise Http404(_("No such version."))
    with transaction.atomic():
        versions.bank_version_restore(version=version, user=request.user)
    messages.success(
        request,
        _("Version %(number)s is the draft again. Founders get it once you publish.")
        % {"number": version.number},
    )
    return HttpResponseRedirect(reverse("admin:advisor_bankversion_changelist"))
