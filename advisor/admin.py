from __future__ import annotations

import csv
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from advisor import analytics, bank_rules, bank_store, scoring, throttle
from advisor.bank_rules import CONTRACT
from advisor.models import Assessment, Case, Choice, CostRate, Points, Question, RoleProfile, Rule

admin.site.site_header = "Hiring Advisor admin"
admin.site.site_title = "Hiring Advisor admin"

LOGIN_WINDOW = timedelta(minutes=15)
_admin_login = admin.site.login


def _throttled_login(request, extra_context=None):
    """Admin sign-in, refused for a while after repeated failures from one client."""
    if request.method != "POST":
        return _admin_login(request, extra_context)
    client = throttle.client_of(request)
    limit = settings.LOGIN_FAILURES_PER_15_MINUTES
    if throttle.is_limited("login", client, limit=limit, window=LOGIN_WINDOW):
        message = "Too many failed sign-ins from this connection. Wait 15 minutes and try again."
        return render(request, "429.html", {"message": message}, status=429)
    response = _admin_login(request, extra_context)
    if request.user.is_authenticated:
        throttle.clear("login", client)
    else:
        throttle.record("login", client, window=LOGIN_WINDOW)
    return response


admin.site.login = _throttled_login


class ChoiceForm(forms.ModelForm):
    """A choice with one points field per role, so a question, its choices and every
    choice's points are edited on one page."""

    roles: list[RoleProfile] = []

    class Meta:
        model = Choice
        fields = ["order", "slug", "label", "hint", "explanation"]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 3, "cols": 30}),
            "label": forms.TextInput(attrs={"size": 20}),
            "hint": forms.TextInput(attrs={"size": 16}),
            "slug": forms.TextInput(attrs={"size": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {p.role_id: p.points for p in self.instance.points.all()}
        for role in self.roles:
            name = f"points_{role.slug}"
            self.fields[name].initial = existing.get(role.pk)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        question = self.instance.question if self.instance.question_id else None
        if question is not None:
            message = bank_rules.choice_slug_problem(question.slug, slug, self.initial.get("slug"))
            if message:
                raise ValidationError(message)
        return slug

    def save(self, commit=True):
        choice = super().save(commit=commit)
        if commit:
            self._save_points(choice)
        else:
            save_m2m = self.save_m2m

            def save_all():
                save_m2m()
                self._save_points(choice)

            self.save_m2m = save_all
        return choice

    def _save_points(self, choice):
        for role in self.roles:
            Points.objects.update_or_create(
                choice=choice,
                role=role,
                defaults={"points": self.cleaned_data[f"points_{role.slug}"]},
            )


def choice_form_for(roles: list[RoleProfile]) -> type[ChoiceForm]:
    fields = {
        f"points_{role.slug}": forms.IntegerField(
            label=f"Points: {role.short_name}",
            min_value=0,
            max_value=10,
            required=True,
            error_messages={"required": f"Give this choice points for {role.name} (0 is fine)."},
        )
        for role in roles
    }
    return type("ChoiceFormWithPoints", (ChoiceForm,), {**fields, "roles": roles})


class ChoiceFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk
            if not (self.can_delete and self._should_delete_form(f))
        ]
        kept = [f for f in kept if f.cleaned_data]
        choices = {
            f.cleaned_data.get("slug"): {
                k: v for k, v in f.cleaned_data.items() if k.startswith("points_")
            }
            for f in kept
        }
        if len(choices) != len(kept):
            raise ValidationError("Each choice of a question needs its own slug.")
        problems = bank_rules.choices_problems(self.instance.slug, choices)
        if problems:
            raise ValidationError(problems)


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


class QuestionForm(forms.ModelForm):
    """Refuses what would break the wizard, on the question page and the list alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "show_if" in self.fields:
            # Choices of the other questions, in wizard order (validation then checks
            # that the one picked comes earlier).
            choices = self.fields["show_if"].queryset.order_by("question__order", "order")
            if self.instance.pk:
                choices = choices.exclude(question=self.instance)
            self.fields["show_if"].queryset = choices

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        for field, message in self.instance.problems().items():
            self.add_error(field if field in self.fields else None, message)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "show_if":
            kwargs["queryset"] = Choice.objects.filter(question__is_active=True).select_related(
                "question"
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda c: f"{c.question.text} → {c.label}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
        urls = [
            path("replay/", self.admin_site.admin_view(self.replay_view), name="advisor_replay"),
            path("preview/", self.admin_site.admin_view(self.preview_view), name="advisor_preview"),
        ]
        return urls + super().get_urls()

    def replay_view(self, request):
        """Past results scored again with the question bank as it is now."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        bank = bank_store.build()
        context = {
            **self.admin_site.each_context(request),
            "title": "Replay past results with the current question bank",
            "report": analytics.replay(bank),
            "roles": {r.slug: r for r in bank.roles},
            "pending": False,
        }
        return TemplateResponse(request, "admin/advisor/replay.html", context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or "_replay" not in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        # Replay before saving: save inside a transaction, score every past result
        # with the edited bank, then roll everything back.
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            saved = response.status_code == 302
            bank = bank_store.build() if saved else None
            transaction.set_rollback(True)
        bank_store.forget()
        if not saved:
            return response  # the form, with what is wrong with it
        # Scored after the rollback: `bank` is plain data, and founders' writes need not wait.
        report = analytics.replay(bank)
        # Drop "… was changed successfully": nothing was saved.
        messages.get_messages(request)._queued_messages.clear()
        resubmit = [
            (key, value)
            for key, values in request.POST.lists()
            if key not in ("_replay", "csrfmiddlewaretoken")
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "What your changes would do to past results",
            "report": report,
            "roles": {r.slug: r for r in bank.roles},
            "pending": True,
            "resubmit": resubmit,
            "action": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/advisor/replay.html", context)

    def preview_view(self, request):
        """Every step as founders see it; answer them to see the outcome. Nothing is stored."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        bank = bank_store.build()
        answers = {
            q.slug: request.GET[q.slug]
            for q in bank.questions
            if q.choice(request.GET.get(q.slug, ""))
        }
        outcome = scoring.score(bank, answers) if answers else None
        context = {
            **self.admin_site.each_context(request),
            "title": "Preview the wizard",
            "steps": bank.asked(answers),
            "all_questions": bank.questions,
            "answers": answers,
            "outcome": outcome,
            "roles": {r.slug: r for r in bank.roles},
            "flips": scoring.flips(bank, answers) if answers else [],
            "points_by_choice": {
                f"{q.slug}:{c.slug}": ", ".join(
                    f"{r.short_name} +{c.points.get(r.slug, 0)}" for r in bank.roles
                )
                for q in bank.questions
                for c in q.choices
            },
        }
        return TemplateResponse(request, "admin/advisor/preview.html", context)


@admin.register(RoleProfile)
class RoleProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "first_by_default"]
    list_editable = ["order"]


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = ["slug", "kind", "when", "role", "title", "message", "order", "is_active"]

    def clean(self):
        data = super().clean()
        try:
            when = bank_rules.parse_when(data.get("when", ""))
        except ValueError as error:
            raise ValidationError({"when": str(error)}) from None
        candidate = scoring_rule(data, when)
        problems = scoring.rule_problems(candidate, bank_store.build())
        if problems:
            raise ValidationError(problems)
        return data


def scoring_rule(data: dict, when: dict):
    from advisor.bank import Rule as PlainRule

    role = data.get("role")
    return PlainRule(data.get("slug", ""), data.get("kind", ""), when, role.slug if role else "")


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ["title", "kind", "when", "role", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["title", "when", "message"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["name", "expected", "confidences", "specialist"]
    search_fields = ["name", "note"]


@admin.register(CostRate)
class CostRateAdmin(admin.ModelAdmin):
    list_display = [
        "role",
        "sourcing",
        "low",
        "high",
        "unit",
        "weeks_to_hire",
        "as_of",
        "is_estimate",
    ]
    list_filter = ["role", "sourcing", "is_estimate"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    change_list_template = "admin/advisor/assessment/change_list.html"
    show_full_result_count = False

    list_display = ["short_token", "recommendation", "confidence", "completed_at"]
    list_filter = ["recommendation", "confidence", ("completed_at", admin.DateFieldListFilter)]
    date_hierarchy = "completed_at"
    readonly_fields = [
        "token",
        "created_at",
        "completed_at",
        "recommendation",
        "confidence",
        "started_from",
        "answers_given",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).completed()

    @admin.display(description="token")
    def short_token(self, obj):
        return f"{obj.token[:10]}…"

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
        urls = [
            path(
                "analytics/",
                self.admin_site.admin_view(self.analytics_view),
                name="advisor_analytics",
            ),
            path("export/", self.admin_site.admin_view(self.export_view), name="advisor_export"),
        ]
        return urls + super().get_urls()

    def analytics_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        bank = bank_store.get()
        days = analytics.completions_by_day(30)
        top = max((d["count"] for d in days), default=0) or 1
        split = analytics.recommendation_split()
        total = sum(split.values())
        roles = bank.roles
        context = {
            **self.admin_site.each_context(request),
            "title": "How founders answer",
            "days": [
                {
                    **d,
                    "x": 10 * i,
                    "height": round(100 * d["count"] / top),
                    "y": 100 - round(100 * d["count"] / top),
                }
                for i, d in enumerate(days)
            ],
            "days_total": sum(d["count"] for d in days),
            "split": [
                {
                    "role": r,
                    "count": split.get(r.slug, 0),
                    "percent": round(100 * split.get(r.slug, 0) / total) if total else 0,
                }
                for r in roles
            ],
            "total": total,
            "funnel": analytics.funnel(bank),
            "answers": analytics.answer_counts(bank),
            "roles": roles,
        }
        return TemplateResponse(request, "admin/advisor/analytics.html", context)

    def export_view(self, request):
        """Completed assessments as CSV, streamed, with the list's filters applied."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("Those filters are not valid.")
        writer = csv.writer(_Echo())
        rows = analytics.export_rows(queryset.order_by("completed_at"), bank_store.get())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="assessments-{stamp}.csv"'
        return response


class _Echo:
    """csv.writer wants a file; hand each row straight to the response instead."""

    def write(self, value):
        return value
