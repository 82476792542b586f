"""Founders' results in the admin, read-only: completed assessments (paged along their
index, with analytics and export) and team decisions."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.admin import analytics_views, export_views, followups
from advisor.admin.pages import admin_url
from advisor.admin.paging import EstimatedPaginator
from advisor.advice.scoring import CONFIDENCES
from advisor.bank import store as bank_store
from advisor.models import Assessment, Team


class RecommendationFilter(admin.SimpleListFilter):
    """The roles of the bank, not a scan of every result for the values it holds."""

    title = gettext_lazy("recommendation")
    parameter_name = "recommendation"

    def lookups(self, request, model_admin):
        return [(r.slug, r.name) for r in bank_store.get().roles]

    def queryset(self, request, queryset):
        return queryset.filter(recommendation=self.value()) if self.value() else queryset


class ConfidenceFilter(admin.SimpleListFilter):
    title = gettext_lazy("confidence")
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [(c, c) for c in CONFIDENCES]

    def queryset(self, request, queryset):
        return queryset.filter(confidence=self.value()) if self.value() else queryset


class LanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        from django.conf import settings

        return settings.LANGUAGES

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class ResultList(ChangeList):
    """The list reads only the columns it shows."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        fields = ("token", "recommendation", "confidence", "bank_version", "language")
        fields += ("completed_at",)
        return queryset.only(*fields, "attribution").annotate(
            is_team=Exists(Team.objects.filter(result=OuterRef("pk")))
        )


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Completed results, newest first, paged along the index on (completed_at, id): a
    page reads its hundred rows' few columns and never a snapshot, and the list is not
    counted row by row (see `paging`)."""

    change_list_template = "admin/advisor/assessment/change_list.html"
    show_full_result_count = False
    paginator = EstimatedPaginator
    ordering = ["-completed_at", "-id"]
    show_facets = admin.ShowFacets.NEVER  # a count per filter choice would read every row

    list_display = [
        "result_page",
        "first_hire",
        "how_sure",
        "version",
        "language",
        "completed_at",
        "source",
    ]
    list_filter = [
        RecommendationFilter,
        ConfidenceFilter,
        LanguageFilter,
        ("completed_at", admin.DateFieldListFilter),
        followups.SourceFilter,  # fixed choices: listing every utm_source would read them all
    ]
    list_select_related = ["attribution"]
    readonly_fields = [
        "result_page",
        "made_by",
        "created_at",
        "completed_at",
        "first_hire",
        "how_sure",
        "version",
        "started_from",
        "answers_given",
        "came_from",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).completed()

    def get_changelist(self, request, **kwargs):
        return ResultList

    def lookup_allowed(self, lookup, value, request=None):
        # A campaign or embedding site by its exact value (links from analytics' source
        # table), without listing every value the table holds.
        if lookup in ("attribution__utm_source", "attribution__embed_origin"):
            return True
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description=gettext_lazy("result"))
    def result_page(self, obj):
        return format_html(
            '<a href="{}">{}…</a>', reverse("result", args=[obj.token]), obj.token[:10]
        )

    @admin.display(description=gettext_lazy("first hire"), ordering="recommendation")
    def first_hire(self, obj):
        names = {r.slug: r.name for r in bank_store.get().roles}
        return names.get(obj.recommendation, obj.recommendation)

    @admin.display(description=gettext_lazy("how sure"), ordering="confidence")
    def how_sure(self, obj):
        return CONFIDENCES.get(obj.confidence, obj.confidence)

    @admin.display(description=gettext_lazy("scored with"))
    def version(self, obj):
        number = {"number": obj.bank_version}
        if getattr(obj, "is_team", False):
            if obj.bank_version:
                return _("a team's result, version %(number)s") % number
            return _("a team's result")
        return (
            _("version %(number)s") % number if obj.bank_version else _("before versions were kept")
        )

    @admin.display(description=gettext_lazy("made by"))
    def made_by(self, obj):
        team = Team.objects.filter(result=obj).first()
        return _("the team “%(name)s”") % {"name": team.name} if team else _("a founder")

    @admin.display(description=gettext_lazy("source"))
    def source(self, obj):
        return followups.source_of(obj)

    @admin.display(description=gettext_lazy("where the founder came from"))
    def came_from(self, obj):
        return followups.source_detail(obj)

    @admin.display(description=gettext_lazy("answers"))
    def answers_given(self, obj):
        rows = (obj.snapshot or {}).get("answers", [])
        return "; ".join(f"{a['question_text']} → {a['choice_label']}" for a in rows)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # results are permanent: their links are shared

    def get_urls(self):
        return [
            admin_url(self, "analytics/", analytics_views.analytics_page, "advisor_analytics"),
            admin_url(
                self,
                "analytics/<int:job_id>/",
                analytics_views.analytics_job,
                "advisor_analytics_job",
            ),
            admin_url(self, "export/", export_views.export, "advisor_export"),
            admin_url(self, "export/<int:job_id>/", export_views.export_job, "advisor_export_job"),
            admin_url(
                self,
                "export/<int:job_id>/download/",
                export_views.export_download,
                "advisor_export_download",
            ),
            *super().get_urls(),
        ]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Team decisions, read-only: who joined (by the names they gave) and what they settled."""

    list_display = ["name", "created_at", "member_count", "answered", "result"]
    readonly_fields = ["name", "created_at", "invite_revoked_at", "settled", "result", "names"]
    fields = readonly_fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("result")
            .annotate(n_members=Count("members"), n_answered=Count("members__assessment"))
        )

    @admin.display(description=gettext_lazy("members"), ordering="n_members")
    def member_count(self, obj):
        return obj.n_members

    @admin.display(description=gettext_lazy("answered"), ordering="n_answered")
    def answered(self, obj):
        return obj.n_answered

    @admin.display(description=gettext_lazy("members"))
    def names(self, obj):
        return ", ".join(m.name for m in obj.members.all())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
