"""The admin's forms for the question bank: each shows the bank's rules' messages where the
admin can act on them, and decides none of those rules itself (they live in `bank_rules`
and `scoring.rule_problems`). Also the analytics page's period."""

from __future__ import annotations

import json
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.advice import bank_rules, scoring
from advisor.advice.bank import Bank
from advisor.bank import store as bank_store
from advisor.insights.periods import Period
from advisor.models import BankVersion, Case, Choice, Points, RoleProfile


def slugs_help(bank: Bank) -> str:
    """Every active question's slug with its choices' slugs, folded away under the field."""
    rows = format_html_join(
        "",
        "<li><code>{}</code>: {}</li>",
        ((q.slug, " | ".join(c.slug for c in q.choices)) for q in bank.questions),
    )
    return format_html(
        "<details><summary>{}</summary><ul>{}</ul></details>", _("Question and choice slugs"), rows
    )


def in_each_language(*names: str) -> list[str]:
    """The translation fields of these texts: `label_en`, `label_es`, `label_de`, …"""
    return [f"{name}_{code}" for name in names for code, _ in settings.LANGUAGES]


class ChoiceForm(forms.ModelForm):
    """A choice with one points field per role, so a question, its choices and every
    choice's points are edited on one page."""

    roles: list[RoleProfile] = []

    class Meta:
        model = Choice
        # Each text in English with its Spanish and German (advisor/translation.py).
        fields = ["order", "slug", *in_each_language("label", "hint", "explanation")]
        widgets = {
            **dict.fromkeys(
                in_each_language("explanation"), forms.Textarea(attrs={"rows": 3, "cols": 24})
            ),
            **dict.fromkeys(in_each_language("label"), forms.TextInput(attrs={"size": 20})),
            **dict.fromkeys(in_each_language("hint"), forms.TextInput(attrs={"size": 16})),
            "slug": forms.TextInput(attrs={"size": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {p.role_id: p.points for p in self.instance.points.all()}
        for role in self.roles:
            self.fields[f"points_{role.slug}"].initial = existing.get(role.pk)

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
            label=_("Points: %(role)s") % {"role": role.short_name},
            min_value=0,
            max_value=bank_rules.MAX_POINTS,
            required=True,
            error_messages={
                "required": _("Give this choice points for %(role)s (0 is fine).")
                % {"role": role.name}
            },
        )
        for role in roles
    }
    return type("ChoiceFormWithPoints", (ChoiceForm,), {**fields, "roles": roles})


class ChoiceFormSet(BaseInlineFormSet):
    """A question's choices, checked together as they would be saved."""

    def clean(self):
        super().clean()
        kept = [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk
            if not (self.can_delete and self._should_delete_form(f))
        ]
        kept = [f for f in kept if f.cleaned_data]
        slugs = [f.cleaned_data.get("slug") for f in kept]
        if message := bank_rules.choice_slugs_problem(slugs):
            raise ValidationError(message)
        choices = {
            f.cleaned_data.get("slug"): {
                k: v for k, v in f.cleaned_data.items() if k.startswith("points_")
            }
            for f in kept
        }
        adding = self.instance.pk is None
        problems = bank_rules.choices_problems(self.instance.slug, choices, adding=adding)
        if problems:
            raise ValidationError(problems)


class QuestionForm(forms.ModelForm):
    """Refuses what would break the wizard, on the question page and the list alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "show_if" in self.fields:
            # Choices of the other active questions, in wizard order (validation then
            # checks that the one picked comes earlier).
            field = self.fields["show_if"]
            choices = Choice.objects.filter(question__is_active=True).select_related("question")
            if self.instance.pk:
                choices = choices.exclude(question=self.instance)
            field.queryset = choices.order_by("question__order", "order")
            field.label_from_instance = lambda c: f"{c.question.text} → {c.label}"

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        for field, message in self.instance.problems().items():
            self.add_error(field if field in self.fields else None, message)


class PrettyJSONField(forms.JSONField):
    """JSON shown indented, one answer a line, so it reads and edits like a list."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)


class CaseForm(forms.ModelForm):
    """A founder case: answers checked against the live bank, accepted confidences ticked."""

    confidences = forms.MultipleChoiceField(
        choices=[(c, c) for c in scoring.CONFIDENCES],
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("How sure the advice may be and still get this founder right."),
    )

    class Meta:
        model = Case
        fields = ["slug", "name", "answers", "expected", "confidences", "specialist", "note"]
        field_classes = {"answers": PrettyJSONField}
        widgets = {"answers": forms.Textarea(attrs={"rows": 12, "cols": 60, "spellcheck": "false"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bank = bank_store.build_draft()
        self.fields["answers"].help_text = format_html(
            _(
                'One line per answer, <code>"question slug": "choice slug"</code>; questions '
                "left out count as unanswered. {}"
            ),
            slugs_help(bank),
        )
        answers = self.initial.get("answers")
        if isinstance(answers, dict):  # shown in wizard order, whatever the database kept
            order = {q.slug: i for i, q in enumerate(bank.questions)}
            self.initial["answers"] = dict(
                sorted(answers.items(), key=lambda a: order.get(a[0], len(order)))
            )
        if self.instance.pk:
            self.initial["confidences"] = [
                c for c in scoring.CONFIDENCES if c in self.instance.accepted()
            ]

    def clean_answers(self):
        answers = self.cleaned_data["answers"]
        problems = bank_rules.answers_problems(answers, bank_store.build_draft())
        if problems:
            raise ValidationError(problems)
        return answers

    def clean_confidences(self):
        return ", ".join(self.cleaned_data["confidences"])


class PeriodForm(forms.Form):
    """Analytics for whole days, `start` to `end` included (GET parameters); either may be
    left out: the last 30 days up to `end`, or from `start` to today. `version` keeps
    to the results scored with one published version of the question bank."""

    EARLIEST = date(2000, 1, 1)
    LATEST = date(2099, 12, 31)
    MAX_DAYS = 366 * 10

    start = forms.DateField(
        required=False, label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        required=False, label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.TypedChoiceField(
        required=False, label=gettext_lazy("Question bank"), coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = BankVersion.objects.order_by("-number").values_list("number", "published_at")
        self.fields["version"].choices = [("", _("all versions"))] + [
            (
                n,
                _("version %(number)s, published %(day)s")
                % {"number": n, "day": date_format(timezone.localdate(at), "j M Y")},
            )
            for n, at in published
        ]

    def _in_range(self, name: str) -> date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not self.EARLIEST <= day <= self.LATEST:
            raise ValidationError(
                _("Choose a day from %(first)s to %(last)s.")
                % {
                    "first": date_format(self.EARLIEST, "j F Y"),
                    "last": date_format(self.LATEST, "j F Y"),
                }
            )
        return day

    def clean_start(self):
        return self._in_range("start")

    def clean_end(self):
        return self._in_range("end")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        end = data.get("end") or Period.last_days(1).last
        start = data.get("start") or end - timedelta(days=29)
        if start > end:
            raise ValidationError(_("The first day must not come after the last."))
        if (end - start).days >= self.MAX_DAYS:
            raise ValidationError(_("Choose a period of at most ten years."))
        data["start"], data["end"] = start, end
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])

    def chosen_version(self) -> int | None:
        return self.cleaned_data.get("version")
