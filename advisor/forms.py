"""The founder's forms: one wizard step's answer, the cost panel's inputs, starting and
joining a team decision."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms

from advisor import costs
from advisor.bank import Question


class AnswerForm(forms.Form):
    """One wizard step: a radio group named after the question's slug."""

    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields[question.slug] = forms.ChoiceField(
            choices=[(c.slug, c.label) for c in question.choices],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose one answer to go on.",
                "invalid_choice": "That answer is not one of the choices: choose one below.",
            },
        )


class CostForm(forms.Form):
    hours = forms.IntegerField(
        label="Hours a week",
        min_value=costs.HOURS_RANGE[0],
        max_value=costs.HOURS_RANGE[1],
        initial=40,
        required=False,
        error_messages={
            "min_value": "Enter between 5 and 60 hours a week.",
            "max_value": "Enter between 5 and 60 hours a week.",
            "invalid": "Enter a whole number of hours, 5 to 60.",
        },
        help_text="For offshore hourly rates. An in-house hire is full time.",
    )
    months = forms.IntegerField(
        label="Months",
        min_value=costs.MONTHS_RANGE[0],
        max_value=costs.MONTHS_RANGE[1],
        initial=12,
        required=False,
        error_messages={
            "min_value": "Enter between 1 and 36 months.",
            "max_value": "Enter between 1 and 36 months.",
            "invalid": "Enter a whole number of months, 1 to 36.",
        },
        help_text="The horizon for the totals.",
    )

    sourcing = forms.ChoiceField(
        label="Show",
        choices=[
            ("both", "In-house and offshore"),
            ("in-house", "In-house (US) only"),
            ("offshore", "Dedicated offshore only"),
        ],
        required=False,
        initial="both",
    )
    today = forms.BooleanField(
        label="Use today's rates instead of those this result was made with",
        required=False,
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = f"{action}#costs"  # without JavaScript, land on the figures
        self.helper.form_id = "cost-form"
        self.helper.attrs = {
            "data-hx-get": action,
            "data-hx-target": "#costs",
            "data-hx-swap": "outerHTML",
            "data-hx-push-url": "true",
            "novalidate": "",
        }
        self.helper.layout = Layout(
            Div(
                Div(Field("hours", inputmode="numeric"), css_class="col-6 col-md-3"),
                Div(Field("months", inputmode="numeric"), css_class="col-6 col-md-3"),
                Div(Field("sourcing"), css_class="col-12 col-md-6"),
                Div(Field("today"), css_class="col-12"),
                Div(
                    HTML('<button class="btn btn-primary" type="submit">Recalculate</button>'),
                    css_class="col-12 mb-3",
                ),
                css_class="row",
            )
        )

    def values(self) -> dict:
        """The valid inputs, with the defaults wherever an input was missing or bad."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or self.fields[name].initial or False
            for name in ("hours", "months", "sourcing", "today")
        }


class TeamStartForm(forms.Form):
    name = forms.CharField(
        label="What are you deciding?",
        max_length=120,
        initial="Our first AI hire",
        error_messages={"required": "Give the decision a name, e.g. “Our first AI hire”."},
    )
    member_name = forms.CharField(
        label="Your name, as the others will see it",
        max_length=60,
        error_messages={"required": "Enter the name the others know you by."},
    )


class TeamJoinForm(forms.Form):
    member_name = TeamStartForm.base_fields["member_name"]


class EmailForm(forms.Form):
    """An address to send one email to; it is not kept once the email is sent."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address to send it to.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )


class ContactForm(forms.Form):
    """Asking to talk to someone about the hire: kept, with the consent given."""

    name = forms.CharField(
        label="Your name",
        max_length=100,
        error_messages={"required": "Enter your name, so we know whom to ask for."},
    )
    email = EmailForm.base_fields["email"]
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to agree, or leave this page."},
    )

    def __init__(self, *args, consent_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
