from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import render

from advisor import throttle
from advisor.models import Assessment, Choice, CostRate, Points, Question, RoleProfile

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
        fields = ["order", "slug", "label", "hint", "explanation", "holds_back"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2, "cols": 50})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {p.role_id: p.points for p in self.instance.points.all()}
        for role in self.roles:
            name = f"points_{role.slug}"
            self.fields[name].initial = existing.get(role.pk)

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
            widget=forms.NumberInput(attrs={"style": "width: 4em"}),
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
        if len(kept) < 2:
            raise ValidationError("A question needs at least two choices.")
        slugs = [f.cleaned_data.get("slug") for f in kept]
        if len(slugs) != len(set(slugs)):
            raise ValidationError("Each choice of a question needs its own slug.")


class ChoiceInline(admin.StackedInline):
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
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "slug", "weight", "order", "is_active", "choice_count"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["text", "slug"]
    inlines = [ChoiceInline]
    fieldsets = [
        (None, {"fields": ["text", "slug", "help_text", "why"]}),
        ("Scoring and order", {"fields": ["weight", "order", "is_active"]}),
    ]

    @admin.display(description="choices")
    def choice_count(self, obj):
        return obj.choices.count()


@admin.register(RoleProfile)
class RoleProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "first_by_default"]
    list_editable = ["order"]


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
        return super().get_queryset(request).filter(completed_at__isnull=False)

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
