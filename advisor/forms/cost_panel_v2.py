"""The cost panel's inputs on results made with snapshot versions 1 and 2, frozen: those
pages must render as they always have."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms

from advisor import costs


class CostFormV2(forms.Form):
    """The cost panel's inputs on results made with snapshot versions 1 and 2, frozen:
    those pages must render as they always have."""

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
