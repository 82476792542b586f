"""One wizard step's form: the founder's answer to one question."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from advisor.advice.bank import Question


class AnswerForm(forms.Form):
    """One wizard step: a radio group named after the question's slug."""

    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields[question.slug] = forms.ChoiceField(
            choices=[(c.slug, c.label) for c in question.choices],
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Choose one answer to go on."),
                "invalid_choice": _("That answer is not one of the choices: choose one below."),
            },
        )
