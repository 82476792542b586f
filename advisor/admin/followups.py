"""The admin for what happens beyond the site: where founders came from (a filter and
columns for the assessments list), the follow-up settings and the contact requests they
allow (with a CSV), and webhook endpoints with a log of every delivery."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.admin import export_views
from advisor.admin.pages import admin_url
from advisor.models import (
    Attribution,
    ContactRequest,
    FollowUpSettings,
    WebhookDelivery,
    WebhookEndpoint,
    source_label,
)
from advisor.ops import jobs
from advisor.outreach import embed, webhooks

NO_SOURCE = source_label("", "", "", False)


def _attribution(assessment) -> Attribution | None:
    return getattr(assessment, "attribution", None)


def source_of(assessment) -> str:
    found = _attribution(assessment)
    return found.label if found else NO_SOURCE


def source_detail(assessment) -> str:
    found = _attribution(assessment)
    if found is None:
        return NO_SOURCE
    parts = [f"{f}={getattr(found, f)}" for f in Attribution.UTM_FIELDS if getattr(found, f)]
    if found.referrer:
        parts.append(_("referred by %(site)s") % {"site": found.referrer})
    if found.embedded:
        page = found.embed_origin + found.embed_path or _("an unknown page")
        parts.append(_("embedded on %(page)s") % {"page": page})
    return "; ".join(parts) or NO_SOURCE


class SourceFilter(admin.SimpleListFilter):
    """How founders came, in the order analytics names them: a campaign first, then
    another site's page, a link on another site, or none of these."""

    title = gettext_lazy("came through")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [
            ("campaign", _("a campaign (utm_source)")),
            ("embedded", _("another site's page")),
            ("referred", _("a link on another site")),
            ("direct", _("direct or unknown")),
        ]

    def queryset(self, request, queryset):
        plain = {"attribution__utm_source": ""}
        if self.value() == "campaign":
            return queryset.filter(attribution__utm_source__gt="")
        if self.value() == "embedded":
            return queryset.filter(attribution__embedded=True, **plain)
        if self.value() == "referred":
            return queryset.filter(
                attribution__embedded=False, attribution__referrer__gt="", **plain
            )
        if self.value() == "direct":
            return queryset.filter(
                Q(attribution__isnull=True)
                | Q(attribution__embedded=False, attribution__referrer="", **plain)
            )
        return queryset


@admin.register(FollowUpSettings)
class FollowUpSettingsAdmin(admin.ModelAdmin):
    fields = ["enabled", "consent_text", "retention_days"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not FollowUpSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: the list is its page (or, before anyone saved it, the page to make it).
        if FollowUpSettings.objects.exists():
            return redirect("admin:advisor_followupsettings_change", 1)
        return redirect("admin:advisor_followupsettings_add")


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    """Founders who asked to be contacted: read-only; deleting one is allowed."""

    change_list_template = "admin/advisor/contactrequest/change_list.html"
    list_display = ["consented_at", "name", "email", "result", "recommendation"]
    list_select_related = ["assessment"]
    search_fields = ["name", "email"]
    date_hierarchy = "consented_at"
    readonly_fields = ["name", "email", "result", "consent_text", "consented_at", "deleted_after"]
    fields = readonly_fields

    @admin.display(description=gettext_lazy("result"))
    def result(self, obj):
        url = reverse("result", args=[obj.assessment.token])
        return format_html('<a href="{}">{}…</a>', url, obj.assessment.token[:10])

    @admin.display(description=gettext_lazy("first hire"), ordering="assessment__recommendation")
    def recommendation(self, obj):
        return obj.assessment.recommendation

    @admin.display(description=gettext_lazy("deleted after"))
    def deleted_after(self, obj):
        days = FollowUpSettings.objects.filter(pk=1).values_list("retention_days", flat=True)
        keep = days.first() or FollowUpSettings._meta.get_field("retention_days").default
        when = f"{obj.consented_at + timedelta(days=keep):%Y-%m-%d %H:%M}"
        message = ngettext(
            "%(when)s UTC (kept %(days)d day)", "%(when)s UTC (kept %(days)d days)", keep
        )
        return message % {"when": when, "days": keep}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            admin_url(self, "export/", export_views.contact_export, "advisor_contact_export"),
            *super().get_urls(),
        ]


class WebhookEndpointForm(forms.ModelForm):
    """An endpoint, with the events it wants picked from the registry."""

    # An address typed without a scheme is https.
    url = forms.URLField(
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Receives a POST for each event."),
        label=gettext_lazy("URL"),
    )
    events = forms.MultipleChoiceField(
        choices=webhooks.event_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Each is sent as a signed POST (see the README)."),
        label=gettext_lazy("events"),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "is_active", "secret"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["events"].initial = self.instance.events()
        else:
            self.fields["events"].initial = [webhooks.RESULT_COMPLETED]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "description", "wanted", "is_active", "deliveries"]
    list_filter = ["is_active", "subscriptions__event"]
    fields = ["url", "description", "events", "is_active", "secret"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subscriptions")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.subscribe(*form.cleaned_data["events"])

    @admin.display(description=gettext_lazy("events"))
    def wanted(self, obj):
        names = dict(webhooks.event_choices())
        return ", ".join(names.get(e, e) for e in obj.events()) or _("none")

    @admin.display(description=gettext_lazy("deliveries"))
    def deliveries(self, obj):
        url = reverse("admin:advisor_webhookdelivery_changelist")
        return format_html('<a href="{}?endpoint__id__exact={}">{}</a>', url, obj.pk, _("log"))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Every event sent to an endpoint, with the last attempt's response."""

    list_display = [
        "created_at",
        "event",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        "last_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    readonly_fields = [
        "delivery_id",
        "event",
        "endpoint",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "delivered_at",
        "response_status",
        "duration_ms",
        "response_body",
        "error",
    ]
    fields = readonly_fields
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("advisor.change_webhookendpoint")

    @admin.action(
        description=gettext_lazy("Send the selected deliveries again"), permissions=["resend"]
    )
    def send_again(self, request, queryset):
        site = embed.site_url(request, "/")
        count = 0
        for delivery in queryset.exclude(status=WebhookDelivery.CANCELLED):
            WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.PENDING)
            jobs.job_enqueue(
                kind="webhook.deliver",
                payload={"delivery": delivery.pk, "site": site.rstrip("/")},
                max_attempts=webhooks.MAX_ATTEMPTS,
            )
            count += 1
        message = ngettext(
            "%(count)d delivery queued to be sent again.",
            "%(count)d deliveries queued to be sent again.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.INFO)
