"""What the admin shows for each model: the question bank, roles, rules, founder cases,
rates and completed assessments, registered on `admin.site` (the advisor's own site).

Forms are in `forms`, the custom pages in `views`, edits tried before they are kept in
`edits`, work run as jobs in `background`, long lists' pages in `paging`, the sign-in
limit in `site`.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from advisor import bank_store, cases
from advisor.admin import followups, views  # noqa: F401 (followups registers its models)
from advisor.admin.edits import CaseGuardMixin, EffectCheckMixin
from advisor.admin.forms import CaseForm, ChoiceFormSet, QuestionForm, RuleForm, choice_form_for
from advisor.admin.paging import EstimatedPaginator
from advisor.admin.rates import KeepRowsInUse
from advisor.admin.versions import BankVersionAdmin
from advisor.bank import NEUTRAL_SLUGS
from advisor.bank_rules import CONTRACT, NEW_UNSURE
from advisor.models import (
    Assessment,
    BankVersion,
    Case,
    Choice,
    CostRate,
    Points,
    Question,
    RoleProfile,
    Rule,
    Team,
)
from advisor.scoring import CONFIDENCES


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 0
    min_num = 2
    fk_name = "question"

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = choice_form_for(list(RoleProfile.objects.all()))
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("points")


@admin.register(Question)
class QuestionAdmin(EffectCheckMixin, admin.ModelAdmin):
    form = QuestionForm
    list_display = [
        "text",
        "slug",
        "kind",
        "weight",
        "order",
        "is_active",
        "asked_when",
        "choice_count",
    ]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["text", "slug"]
    inlines = [ChoiceInline]

    class Media:
        css = {"all": ["advisor/admin.css"]}

    change_form_template = "admin/advisor/question/change_form.html"
    change_list_template = "admin/advisor/question/change_list.html"
    fieldsets = [
        (None, {"fields": ["text", "slug", "help_text", "why"]}),
        (
            "Scoring, order and conditions",
            {"fields": ["kind", "weight", "order", "is_active", "show_if"]},
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        question = form.instance
        if not question.choices.filter(slug__in=NEUTRAL_SLUGS).exists():
            # Every question has its "not sure" choice: a new one gets it here.
            order = max((c.order for c in question.choices.all()), default=0) + 1
            unsure = Choice.objects.create(question=question, order=order, **NEW_UNSURE)
            for role in RoleProfile.objects.all():
                Points.objects.create(choice=unsure, role=role, points=0)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("show_if__question")
            .annotate(n_choices=Count("choices"))
        )

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", QuestionForm)
        return super().get_changelist_form(request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # The fixed questions keep their slugs: links, tests and analytics rely on them.
        return ["slug"] if obj is not None and obj.is_contract else []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_contract:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # Bulk delete from the list: the fixed questions stay.
        super().delete_queryset(request, queryset.exclude(slug__in=CONTRACT))

    @admin.display(description="choices", ordering="n_choices")
    def choice_count(self, obj):
        return obj.n_choices

    @admin.display(description="asked when")
    def asked_when(self, obj):
        if not obj.show_if_id:
            return "always"
        return f"{obj.show_if.question.slug} = {obj.show_if.slug}"

    def get_urls(self):
        return [
            views.admin_url(self, "replay/", views.replay, "advisor_replay"),
            views.admin_url(self, "replay/<int:job_id>/", views.replay_job, "advisor_replay_job"),
            views.admin_url(self, "preview/", views.preview, "advisor_preview"),
            views.admin_url(
                self, "preview/result/", views.preview_result, "advisor_preview_result"
            ),
            *super().get_urls(),
        ]


@admin.register(RoleProfile)
class RoleProfileAdmin(CaseGuardMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "first_by_default"]
    list_editable = ["order"]


@admin.register(Rule)
class RuleAdmin(CaseGuardMixin, admin.ModelAdmin):
    form = RuleForm
    list_display = ["kind_name", "conditions", "role_name", "title", "order", "is_active"]

    class Media:
        css = {"all": ["advisor/admin.css"]}

    list_display_links = ["title"]
    list_filter = ["kind", "is_active", "role"]
    list_editable = ["order", "is_active"]
    list_select_related = ["role"]
    search_fields = ["title", "when", "message", "slug"]

    @admin.display(description="kind", ordering="kind")
    def kind_name(self, obj):
        return obj.kind  # the kind's own short name; the form explains each

    @admin.display(description="when", ordering="when")
    def conditions(self, obj):
        # One condition a line; long lists of choices may wrap after each "|".
        lines = [
            format_html_join(mark_safe("|<wbr>"), "{}", ((c,) for c in part.strip().split("|")))
            for part in obj.when.split("&")
        ]
        return mark_safe("<br>".join(lines))  # each line escaped by format_html_join

    @admin.display(description="role", ordering="role__order")
    def role_name(self, obj):
        return obj.role.short_name if obj.role else "—"


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    form = CaseForm
    list_display = ["name", "expected", "confidences", "specialist"]
    list_select_related = ["expected"]
    search_fields = ["name", "note", "slug"]

    def get_list_display(self, request):
        # One bank for the whole page: each row is scored with it, no query per row.
        bank = bank_store.build_draft()

        @admin.display(description="with the current bank")
        def verdict(case):
            result = cases.case_check(case, bank)
            if result.passed:
                return "passes"
            return format_html("<strong>fails</strong>: gets {}", result.got)

        return [*self.list_display, verdict]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        result = cases.case_check(obj, bank_store.build_draft())
        if result.passed:
            self.message_user(request, f"“{obj}” passes with the current bank: {result.got}.")
        else:
            self.message_user(
                request, f"“{obj}” fails with the current bank: {result.summary}.", "warning"
            )


@admin.register(CostRate)
class CostRateAdmin(KeepRowsInUse, admin.ModelAdmin):
    list_display = [
        "role",
        "sourcing",
        "low",
        "high",
        "unit",
        "weeks_to_hire",
        "as_of",
        "is_estimate",
        "is_active",
    ]
    list_filter = ["role", "sourcing", "is_estimate", "is_active"]


class RecommendationFilter(admin.SimpleListFilter):
    """The roles of the bank, not a scan of every result for the values it holds."""

    title = "recommendation"
    parameter_name = "recommendation"

    def lookups(self, request, model_admin):
        return [(r.slug, r.name) for r in bank_store.get().roles]

    def queryset(self, request, queryset):
        return queryset.filter(recommendation=self.value()) if self.value() else queryset


class ConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [(c, c) for c in CONFIDENCES]

    def queryset(self, request, queryset):
        return queryset.filter(confidence=self.value()) if self.value() else queryset


class ResultList(ChangeList):
    """The list reads only the columns it shows."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.only("token", "recommendation", "confidence", "completed_at", "attribution")


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

    list_display = ["short_token", "recommendation", "confidence", "completed_at", "source"]
    list_filter = [
        RecommendationFilter,
        ConfidenceFilter,
        ("completed_at", admin.DateFieldListFilter),
        followups.SourceFilter,  # fixed choices: listing every utm_source would read them all
    ]
    list_select_related = ["attribution"]
    readonly_fields = [
        "token",
        "created_at",
        "completed_at",
        "recommendation",
        "confidence",
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

    @admin.display(description="token")
    def short_token(self, obj):
        return f"{obj.token[:10]}…"

    @admin.display(description="source")
    def source(self, obj):
        return followups.source_of(obj)

    @admin.display(description="where the founder came from")
    def came_from(self, obj):
        return followups.source_detail(obj)

    @admin.display(description="answers")
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
            views.admin_url(self, "analytics/", views.analytics_page, "advisor_analytics"),
            views.admin_url(
                self, "analytics/<int:job_id>/", views.analytics_job, "advisor_analytics_job"
            ),
            views.admin_url(self, "export/", views.export, "advisor_export"),
            views.admin_url(self, "export/<int:job_id>/", views.export_job, "advisor_export_job"),
            views.admin_url(
                self,
                "export/<int:job_id>/download/",
                views.export_download,
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

    @admin.display(description="members", ordering="n_members")
    def member_count(self, obj):
        return obj.n_members

    @admin.display(description="answered", ordering="n_answered")
    def answered(self, obj):
        return obj.n_answered

    @admin.display(description="members")
    def names(self, obj):
        return ", ".join(m.name for m in obj.members.all())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(BankVersion, BankVersionAdmin)
