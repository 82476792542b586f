"""What a hire costs, as admins edit it: regions and their countries, hiring terms and
exchange rates (pay rates are in `pay`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor import costs
from advisor.models.bank import SlugManager

ENGAGEMENTS = [
    ("in-house", _("In-house, full time")),
    ("contractor", _("Contractor or freelance")),
    ("offshore", _("Dedicated offshore, through a vendor")),
]
SENIORITIES = [("mid", _("Mid-level")), ("senior", _("Senior"))]
ESTIMATE_HELP = _("Not from the article: say in the note what it is based on.")
SOURCE_KINDS = [
    ("article", _("From the article")),
    ("published", _("From a cited public source")),
    ("estimate", _("An estimate by a stated method")),
]
COUNTRIES_HELP = _(
    "The countries this region is built from, each with its employer contributions as "
    'JSON: [{"code": "GB", "name": "United Kingdom", "currency": "GBP", "per_usd": "0.783", '
    '"contributions": [{"name": "Employer National Insurance", "rate": "0.15", '
    '"floor": "5000", "ceiling": null}], "source_name": "…", "source_url": "https://…", '
    '"as_of": "2025-04-06", "note": "…"}]. Floors and ceilings are yearly, in the '
    "country's currency. With countries, “employer on-costs” above is only what comes on "
    "top of the contributions (benefits the law does not require)."
)
ACTIVE_HELP = _(
    "Untick to stop offering it: results made after the next published version of the "
    "question bank leave it out; results already made keep the figures they were made with."
)


def active_field():
    return models.BooleanField(_("active"), default=True, help_text=ACTIVE_HELP)


class Region(models.Model):
    """Where a hire works. Its terms of hiring are `HiringTerms`, its pay `PayRate`."""

    slug = models.SlugField(
        unique=True, help_text=_("Used in links to results' costs."), verbose_name=_("slug")
    )
    name = models.CharField(max_length=60, verbose_name=_("name"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    is_active = active_field()

    objects = SlugManager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class HiringTermsManager(models.Manager):
    def get_by_natural_key(self, region_slug, engagement):
        return self.get(region__slug=region_slug, engagement=engagement)


def share_field(verbose_name: str, help_text: str):
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(2)],
        help_text=help_text,
    )


class HiringTerms(models.Model):
    """What comes on top of pay when hiring one way in one region, and how long it takes:
    the factors the whole cost of a hire is worked out with."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="terms", verbose_name=_("region")
    )
    engagement = models.CharField(max_length=20, choices=ENGAGEMENTS, verbose_name=_("engagement"))
    on_costs = share_field(
        _("employer on-costs"),
        _(
            "Employer taxes and benefits as a share of pay, e.g. 0.25 for 25%. "
            "0 where the rate already holds them (contractors, vendors)."
        ),
    )
    recruiting_share = share_field(
        _("recruiting fee (share of first-year pay)"), _("E.g. 0.20 for an agency's 20%.")
    )
    recruiting_fee = models.DecimalField(
        _("recruiting fee (fixed, US dollars)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("A fixed fee paid once, such as a vendor's placement fee."),
    )
    equipment = models.DecimalField(
        _("equipment (US dollars, once)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    weeks_to_hire = models.PositiveSmallIntegerField(
        help_text=_("Weeks until the hire starts."), verbose_name=_("weeks to hire")
    )
    hire_time_is_estimate = models.BooleanField(
        _("time to hire is an estimate"), default=True, help_text=ESTIMATE_HELP
    )
    ramp_up_weeks = models.PositiveSmallIntegerField(
        help_text=_("Weeks from the start to full productivity."), verbose_name=_("ramp up weeks")
    )
    source_note = models.TextField(
        help_text=_("Where these figures come from."), verbose_name=_("source note")
    )
    as_of = models.DateField(
        help_text=_("When the figures were last checked."), verbose_name=_("as of")
    )
    is_estimate = models.BooleanField(
        _("on-costs, fees, equipment and ramp-up are estimates"),
        default=True,
        help_text=ESTIMATE_HELP,
    )
    countries = models.JSONField(
        default=list, blank=True, help_text=COUNTRIES_HELP, verbose_name=_("countries")
    )
    is_active = active_field()

    objects = HiringTermsManager()

    class Meta:
        ordering = ["region__order", "region__slug", "engagement"]
        verbose_name = _("hiring terms")
        verbose_name_plural = _("hiring terms")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "engagement"], name="one_terms_per_region_engagement"
            )
        ]

    def __str__(self):
        return f"{self.region}, {self.get_engagement_display()}"

    def natural_key(self):
        return (self.region.slug, self.engagement)

    natural_key.dependencies = ["advisor.region"]

    def clean(self):
        if not isinstance(self.countries, list):
            raise ValidationError({"countries": "A list of countries, [] for none."})
        for item in self.countries:
            try:
                costs.country_from_data(item if isinstance(item, dict) else {})
            except ValueError as error:
                raise ValidationError({"countries": str(error)}) from error


class ExchangeRateManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class ExchangeRate(models.Model):
    """A currency founders can see costs in, at a rate to the US dollar."""

    code = models.CharField(
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters, e.g. EUR.")],
        verbose_name=_("code"),
    )
    symbol = models.CharField(max_length=4, help_text=_("E.g. €."), verbose_name=_("symbol"))
    per_usd = models.DecimalField(
        _("units for one US dollar"),
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    as_of = models.DateField(help_text=_("The day of the rate."), verbose_name=_("as of"))
    source_note = models.TextField(
        help_text=_("Where the rate comes from."), verbose_name=_("source note")
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    is_active = active_field()

    objects = ExchangeRateManager()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["order", "code"]

    def __str__(self):
        return self.code

    def natural_key(self):
        return (self.code,)
