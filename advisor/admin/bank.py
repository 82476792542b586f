"""The question bank in the admin: questions with their choices and points, roles, rules
and founder cases, each edit tried against past results and cases before it is kept.
Every text is edited in English with its Spanish and German beside it (modeltranslation
puts `text [en]`, `text [es]`, `text [de]` where `text` was)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from advisor.admin import draft_views
from advisor.admin.edits import CaseGuardMixin, EffectCheckMixin
from advisor.admin.forms import CaseForm, ChoiceFormSet, QuestionForm, choice_form_for
from advisor.admin.pages import admin_url
from advisor.admin.rule_form import PREFIX, RuleForm, condition_fields
from advisor.advice import cases
from advisor.advice.bank import NEUTRAL_SLUGS
from advisor.advice.bank_rules import CONTRACT, NEW_UNSURE
from advisor.bank import store as bank_store
from advisor.models import Case, Choice, Points, Question, RoleProfile, Rule


class ChoiceInline(TranslationTabularInline):
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
class QuestionAdmin(EffectCheckMixin, TranslationAdmin):
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
            gettext_lazy("Scoring, order and conditions"),
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

    @admin.display(description=gettext_lazy("choices"), ordering="n_choices")
    def choice_count(self, obj):
        return obj.n_choices

    @admin.display(description=gettext_lazy("asked when"))
    def asked_when(self, obj):
        if not obj.show_if_id:
            return _("always")
        return f"{obj.show_if.question.slug} = {obj.show_if.slug}"

    def get_urls(self):
        return [
            admin_url(self, "replay/", draft_views.replay, "advisor_replay"),
            admin_url(self, "replay/<int:job_id>/", draft_views.replay_job, "advisor_replay_job"),
            admin_url(self, "preview/", draft_views.preview, "advisor_preview"),
            admin_url(
                self, "preview/result/", draft_views.preview_result, "advisor_preview_result"
            ),
            *super().get_urls(),
        ]


@admin.register(RoleProfile)
class RoleProfileAdmin(CaseGuardMixin, TranslationAdmin):
    list_display = ["name", "slug", "order", "first_by_default"]
    list_editable = ["order"]


@admin.register(Rule)
class RuleAdmin(CaseGuardMixin, TranslationAdmin):
    form = RuleForm
    list_display = ["kind_name", "conditions", "role_name", "title", "order", "is_active"]

    class Media:
        css = {"all": ["advisor/admin.css"]}

    list_display_links = ["title"]
    list_filter = ["kind", "is_active", "role"]
    list_editable = ["order", "is_active"]
    list_select_related = ["role"]
    search_fields = ["title", "when", "message", "slug"]

    def get_fieldsets(self, request, obj=None):
        return self._patch_fieldsets(self._fieldsets())

    def _fieldsets(self):
        return [
            (None, {"fields": ["title", "kind", "role"]}),
            (
                _("When: the answers that make the rule apply"),
                {
                    "fields": condition_fields(),
                    "description": _(
                        "Tick the answers for each question that matters: any "
                        "ticked answer meets that question's condition, and every question with "
                        "a tick must be met. Leave a question blank when it does not matter."
                    ),
                },
            ),
            (None, {"fields": ["message", "slug", "order", "is_active"]}),
        ]

    def get_form(self, request, obj=None, **kwargs):
        # The condition fields are the form's own (one per question), not the model's.
        fields = kwargs.get("fields")
        if fields:
            kwargs["fields"] = [f for f in fields if not f.startswith(PREFIX)]
        return super().get_form(request, obj, **kwargs)

    @admin.display(description=gettext_lazy("kind"), ordering="kind")
    def kind_name(self, obj):
        return obj.kind  # the kind's own short name; the form explains each

    @admin.display(description=gettext_lazy("when"), ordering="when")
    def conditions(self, obj):
        # One condition a line; long lists of choices may wrap after each "|".
        lines = [
            format_html_join(mark_safe("|<wbr>"), "{}", ((c,) for c in part.strip().split("|")))
            for part in obj.when.split("&")
        ]
        return mark_safe("<br>".join(lines))  # each line escaped by format_html_join

    @admin.display(description=gettext_lazy("role"), ordering="role__order")
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

        @admin.display(description=_("with the current bank"))
        def verdict(case):
            result = cases.case_check(case, bank)
            if result.passed:
                return _("passes")
            if result.problems:
                return format_html(
                    _("<strong>fails</strong>: gets {}; {}"), result.got, " ".join(result.problems)
                )
            return format_html(_("<strong>fails</strong>: gets {}"), result.got)

        return [*self.list_display, verdict]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        result = cases.case_check(obj, bank_store.build_draft())
        if result.passed:
            self.message_user(
                request,
                _("“%(case)s” passes with the current bank: %(got)s.")
                % {"case": obj, "got": result.got},
            )
        else:
            self.message_user(
                request,
                _("“%(case)s” fails with the current bank: %(summary)s.")
                % {"case": obj, "summary": result.summary},
                "warning",
            )
