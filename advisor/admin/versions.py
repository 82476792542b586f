"""Question bank versions in the admin: the list, publishing the draft (after its checks)
and restoring an earlier version as the draft."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.html import format_html

from advisor.admin.pages import admin_url, page_response
from advisor.advice import bank_rules, cases
from advisor.advice.bank import bank_as_data
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.bank.replay import replay
from advisor.models import BankVersion


def changes_between(live: dict | None, draft: dict) -> list[str]:
    """What publishing the draft would change, in words an editor reads."""
    if live is None:
        return ["Nothing is published yet: founders get the draft as it is."]
    found = []
    old_q = {q["slug"]: q for q in live["questions"]}
    new_q = {q["slug"]: q for q in draft["questions"]}
    for slug in new_q.keys() - old_q.keys():
        found.append(f"New question: “{new_q[slug]['text']}”.")
    for slug in old_q.keys() - new_q.keys():
        found.append(f"No longer asked: “{old_q[slug]['text']}”.")
    for slug in old_q.keys() & new_q.keys():
        old, new = old_q[slug], new_q[slug]
        if {k: v for k, v in old.items() if k != "choices"} != {
            k: v for k, v in new.items() if k != "choices"
        }:
            found.append(f"“{new['text']}”: its wording, weight, kind, order or condition.")
        old_c = {c["slug"]: c for c in old["choices"]}
        for choice in new["choices"]:
            before = old_c.get(choice["slug"])
            if before is None:
                found.append(f"“{new['text']}”: a new choice “{choice['label']}”.")
            elif before["points"] != choice["points"]:
                found.append(f"“{new['text']}” → “{choice['label']}”: its points.")
            elif before != choice:
                found.append(f"“{new['text']}” → “{choice['label']}”: its wording.")
    old_r = {r["slug"]: r for r in live["rules"]}
    new_r = {r["slug"]: r for r in draft["rules"]}
    for slug in sorted(old_r.keys() | new_r.keys()):
        if old_r.get(slug) != new_r.get(slug):
            title = (new_r.get(slug) or old_r.get(slug))["title"]
            state = "new" if slug not in old_r else "off" if slug not in new_r else "changed"
            found.append(f"Rule “{title}”: {state}.")
    if live["roles"] != draft["roles"] or live["default_role"] != draft["default_role"]:
        found.append("Role profiles.")
    if live.get("cost_book") != draft.get("cost_book"):
        found.append("Costs: regions, hiring terms, pay rates or exchange rates.")
    return found


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
            return "what founders get now"
        if not self.may_publish(request):
            return ""
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{}"><button type="submit" class="button">Restore as the draft</button></form>',
            reverse("admin:advisor_bankversion_restore", args=[obj.pk]),
            get_token(request),
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
            messages.error(request, "Some founder cases fail with the draft: confirm to publish.")
        else:
            try:
                version = versions.bank_version_publish(
                    user=request.user, note=request.POST.get("note", "")[:300]
                )
            except versions.NotPublishable as refused:
                messages.error(request, "The draft breaks the bank's rules: " + str(refused))
            else:
                messages.success(request, f"Published version {version.number}.")
                return HttpResponseRedirect(reverse("admin:advisor_bankversion_changelist"))
    context = {
        "problems": bank_rules.bank_problems(draft),
        "changes": changes_between(live.bank if live else None, bank_as_data(draft)),
        "broken": broken,
        "report": replay(draft),
        "roles": {r.slug: r for r in draft.roles},
        "live": live,
    }
    title = "Publish the draft question bank"
    return page_response(model_admin, request, "admin/advisor/publish.html", title, context)


def restore(model_admin, request, pk: int):
    if request.method != "POST":
        raise Http404("Restore with the button on the versions list.")
    if not model_admin.may_publish(request):
        raise PermissionDenied
    version = BankVersion.objects.filter(pk=pk).select_related("revision").first()
    if version is None:
        raise Http404("No such version.")
    with transaction.atomic():
        versions.bank_version_restore(version=version, user=request.user)
    messages.success(
        request,
        f"Version {version.number} is the draft again. Founders get it once you publish.",
    )
    return HttpResponseRedirect(reverse("admin:advisor_bankversion_changelist"))
