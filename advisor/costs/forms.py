"""The cost panel's inputs: the hire priced, the
founder's hours, horizon, currency, burn and cash, and the regions to compare."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from advisor import costs
from advisor.costs.amounts import LocaleDecimalField
from advisor.costs.presenter import ENGAGEMENT_WORDS, SENIORITY_WORDS
from advisor.costs.presenter.words import PER_WORDS, number, region_words

SHOW_CHOICES = [
    ("all", _("Every way of hiring")),
    ("in-house", _("In-house only")),
    ("contractor", _("Contractors only")),
    ("offshore", _("Dedicated offshore only")),
]


PAY_PER_CHOICES = list(PER_WORDS.items())
PAY_RANGE = (Decimal(1), Decimal(10_000_000))


def _filled(message: str, **numbers) -> str:
    """A message translated and its numbers written in the language of the request."""
    return gettext(message) % {name: number(value) for name, value in numbers.items()}


# Form messages are made once, at import: translated and filled when shown.
filled = lazy(_filled, str)


BURN_RANGE_MESSAGE = filled(
    gettext_noop("Enter a monthly burn between %(low)s and %(high)s."),
    low=costs.BURN_RANGE[0],
    high=costs.BURN_RANGE[1],
)
CASH_RANGE_MESSAGE = filled(
    gettext_noop("Enter the cash in the bank between %(low)s and %(high)s."),
    low=costs.CASH_RANGE[0],
    high=costs.CASH_RANGE[1],
)
PAY_RANGE_MESSAGE = filled(
    gettext_noop("Enter your own figure as an amount from %(low)s to %(high)s."),
    low=PAY_RANGE[0],
    high=PAY_RANGE[1],
)


class RegionsField(forms.MultipleChoiceField):
    """Checkboxes that may all be unticked: the form sends an empty `compare` value
    alongside them, so a link without `compare` keeps the default instead."""

    def to_python(self, value):
        return [v for v in super().to_python(value) if v]


class CostForm(forms.Form):
    """The cost panel's inputs, all in the query
    string: a link shows the same figures. Choices come from the rates the figures are
    worked out from; `values()` gives the default wherever an input is missing or bad."""

    option = forms.ChoiceField(label=_("The hire you are pricing"), required=False)
    seniority = forms.ChoiceField(
        label=_("Seniority"),
        choices=list(SENIORITY_WORDS.items()),
        required=False,
        initial="senior",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose mid-level or senior.")},
    )
    compare = RegionsField(
        label=_("Compare with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other regions to show alongside."),
    )
    show = forms.ChoiceField(
        label=_("Show"),
        choices=SHOW_CHOICES,
        required=False,
        initial="all",
        error_messages={
            "invalid_choice": _(
                "Choose what to show: every way of hiring, in-house, "
                "contractors or dedicated offshore."
            )
        },
    )
    hours = forms.IntegerField(
        label=_("Hours a week"),
        min_value=costs.HOURS_RANGE[0],
        max_value=costs.HOURS_RANGE[1],
        initial=40,
        required=False,
        error_messages={
            "min_value": _("Enter between 5 and 60 hours a week."),
            "max_value": _("Enter between 5 and 60 hours a week."),
            "invalid": _("Enter a whole number of hours, 5 to 60."),
        },
        help_text=_("For contract and offshore work. An in-house hire is full time."),
    )
    months = forms.IntegerField(
        label=_("Months"),
        min_value=costs.MONTHS_RANGE[0],
        max_value=costs.MONTHS_RANGE[1],
        initial=12,
        required=False,
        error_messages={
            "min_value": _("Enter between 1 and 36 months."),
            "max_value": _("Enter between 1 and 36 months."),
            "invalid": _("Enter a whole number of months, 1 to 36."),
        },
        help_text=_("Your horizon: the totals cover this many months from now."),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    burn = forms.IntegerField(
        label=_("Monthly burn (optional)"),
        min_value=costs.BURN_RANGE[0],
        max_value=costs.BURN_RANGE[1],
        required=False,
        error_messages={
            "min_value": BURN_RANGE_MESSAGE,
            "max_value": BURN_RANGE_MESSAGE,
            "invalid": filled(
                gettext_noop("Enter your monthly burn as a whole number, %(low)s to %(high)s."),
                low=costs.BURN_RANGE[0],
                high=costs.BURN_RANGE[1],
            ),
        },
        help_text=_("What the company spends a month now, in the currency above."),
    )
    cash = forms.IntegerField(
        label=_("Cash in the bank (optional)"),
        min_value=costs.CASH_RANGE[0],
        max_value=costs.CASH_RANGE[1],
        required=False,
        error_messages={
            "min_value": CASH_RANGE_MESSAGE,
            "max_value": CASH_RANGE_MESSAGE,
            "invalid": filled(
                gettext_noop("Enter the cash in the bank as a whole number, %(low)s to %(high)s."),
                low=costs.CASH_RANGE[0],
                high=costs.CASH_RANGE[1],
            ),
        },
        help_text=_("With the burn, gives your runway with and without this hire."),
    )
    pay = LocaleDecimalField(
        label=_("Your own figure (optional)"),
        min_value=PAY_RANGE[0],
        max_value=PAY_RANGE[1],
        max_digits=12,
        decimal_places=2,
        required=False,
        error_messages={
            "min_value": PAY_RANGE_MESSAGE,
            "max_value": PAY_RANGE_MESSAGE,
            "invalid": _("Enter your own figure as a number, e.g. 9500 or 42.50."),
            "max_decimal_places": _("Enter your own figure with at most two decimals."),
            "max_digits": PAY_RANGE_MESSAGE,
            "max_whole_digits": PAY_RANGE_MESSAGE,
        },
        help_text=_(
            "A salary you would pay or a vendor's quote for the hire you are pricing, "
            "in the currency above: it replaces our figure everywhere."
        ),
    )
    pay_per = forms.ChoiceField(
        label=_("Per"),
        choices=PAY_PER_CHOICES,
        required=False,
        initial="month",
        error_messages={
            "invalid_choice": _("Choose the period of your figure: a month, an hour or a year.")
        },
    )
    today = forms.BooleanField(
        label=_("Use today's rates instead of those this result was made with"),
        required=False,
    )

    def __init__(
        self,
        data=None,
        *,
        book: costs.Book,
        action: str = "",
        offer_today: bool = False,
        default_compare: tuple[str, ...] = (),
    ):
        super().__init__(data)
        if data is not None:
            # A link may hold only some inputs: the others show, and use, their defaults.
            data = self.data = data.copy()
            if "compare" not in data:
                data.setlist("compare", list(default_compare))
        regions = {r.slug: region_words(r.name) for r in book.regions}
        options: dict[str, list[tuple[str, str]]] = {}
        for region, engagement in book.options:
            label = gettext("%(region)s, %(engagement)s") % {
                "region": regions[region],
                "engagement": ENGAGEMENT_WORDS[engagement],
            }
            options.setdefault(regions[region], []).append((f"{region}/{engagement}", label))
        self.fields["option"].choices = list(options.items())
        self.fields["option"].initial = (
            "us/in-house" if book.offers("us", "in-house") else _first(book.options)
        )
        self.fields["option"].error_messages["invalid_choice"] = gettext(
            "Choose the hire you are pricing from the list."
        )
        self.fields["compare"].choices = list(regions.items())
        self.fields["compare"].initial = list(default_compare)
        self.fields["compare"].error_messages["invalid_choice"] = gettext(
            "Choose regions to compare from: %(regions)s."
        ) % {"regions": ", ".join(regions.values())}
        codes = [c.code for c in book.currencies] or ["USD"]
        self.fields["currency"].choices = [(code, code) for code in codes]
        self.fields["currency"].initial = "USD" if "USD" in codes else codes[0]
        self.fields["currency"].error_messages["invalid_choice"] = gettext(
            "Choose a currency: %(codes)s."
        ) % {"codes": ", ".join(codes)}
        if not offer_today:
            del self.fields["today"]
        if data is not None:
            for name, field in self.fields.items():
                if name not in data and field.initial is not None and name != "compare":
                    data[name] = str(field.initial)

        self.action = action  # rendered by templates/advisor/_cost_form.html

    # For templates/advisor/_cost_form.html, which writes the inputs out itself: Django's
    # widget templates took a third of the result page's render time.

    @property
    def amounts(self) -> list[dict]:
        """The fields typed in as numbers, side by side."""
        found = []
        for name in ("hours", "months", "burn", "cash"):
            field, value = self.fields[name], self[name].value()
            found.append(
                {
                    "field": self[name],
                    "value": "" if value is None else value,
                    "min": field.min_value,
                    "max": field.max_value,
                }
            )
        return found

    def choices(self, name: str) -> list[tuple[str, str, bool]]:
        """(value, label, chosen) for each of a field's choices."""
        value = self[name].value()
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        return [(str(v), label, str(v) in chosen) for v, label in self.fields[name].choices]

    @property
    def option_groups(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        chosen = str(self["option"].value())
        return [
            (group, [(v, label, v == chosen) for v, label in options])
            for group, options in self.fields["option"].choices
        ]

    @property
    def seniority_choices(self):
        return self.choices("seniority")

    @property
    def compare_choices(self):
        return self.choices("compare")

    @property
    def show_choices(self):
        return self.choices("show")

    @property
    def currency_choices(self):
        return self.choices("currency")

    @property
    def pay_per_choices(self):
        return self.choices("pay_per")

    @property
    def pay_value(self):
        value = self["pay"].value()
        return "" if value is None else value

    def values(self) -> dict:
        """The valid inputs, with the defaults wherever an input was missing or bad."""
        data = getattr(self, "cleaned_data", {})

        def value(name):
            if name in data and data[name] not in (None, ""):
                return data[name]
            if name in ("burn", "cash", "pay"):
                return None
            return self.fields[name].initial if name in self.fields else False

        found = {name: value(name) for name in self.base_fields}
        region, _, engagement = found["option"].partition("/")
        found["option"] = (region, engagement)
        found["today"] = bool(found.get("today"))
        return found


def _first(options) -> str:
    return f"{options[0][0]}/{options[0][1]}" if options else ""
