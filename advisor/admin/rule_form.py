"""A rule as a form: its conditions ticked from the bank's questions and choices (any of
the ticked choices meets a question's condition; a question with none ticked does not
matter), each kind explained beside the kind. The rule is stored as the text form
(`general-model-fit=mostly & model-role=plumbing`) that import and export read and write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from advisor.advice import bank_rules, scoring
from advisor.advice.bank import NEUTRAL_SLUGS
from advisor.advice.bank import Rule as PlainRule
from advisor.bank import store as bank_store
from advisor.models import Rule

PREFIX = "when__"  # a condition's field: when__<question slug>


def condition_fields() -> list[str]:
    """The names of the condition fields a rule form has with the bank as it is."""
    return [PREFIX + q.slug for q in bank_store.build_draft().questions]


class RuleForm(forms.ModelForm):
    """A rule, refused unless its conditions make sense against the draft bank."""

    class Meta:
        model = Rule
        fields = ["slug", "kind", "role", "title", "message", "order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = format_html_join("", "<li><strong>{}</strong>: {}</li>", scoring.RULE_KINDS.items())
        self.fields["kind"].help_text = format_html(
            "{}<ul>{}</ul>", _("What each kind does:"), kinds
        )
        self.bank = bank_store.build_draft()
        try:
            current = bank_rules.parse_when(self.instance.when or "")
        except ValueError:
            current = {}
        asked = {q.slug for q in self.bank.questions}
        # Conditions on questions no longer asked are kept as they are (and named).
        self.kept = {q: c for q, c in current.items() if q not in asked}
        for question in self.bank.questions:
            self.fields[PREFIX + question.slug] = forms.MultipleChoiceField(
                label=question.text,
                required=False,
                # A "not sure" answer never makes a rule apply: it is not offered.
                choices=[
                    (c.slug, c.label) for c in question.choices if c.slug not in NEUTRAL_SLUGS
                ],
                initial=sorted(current.get(question.slug, ())),
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        data = super().clean()
        when = dict(self.kept)
        for question in self.bank.questions:
            ticked = data.get(PREFIX + question.slug) or []
            if ticked:
                when[question.slug] = frozenset(ticked)
        if not when:
            raise ValidationError(
                _("Tick at least one answer: the rule applies when they are given.")
            )
        role = data.get("role")
        rule = PlainRule(
            data.get("slug", ""), data.get("kind", ""), when, role.slug if role else ""
        )
        problems = scoring.rule_problems(rule, self.bank)
        if problems:
            raise ValidationError(problems)
        self.instance.when = bank_rules.format_when(when)
        return data
