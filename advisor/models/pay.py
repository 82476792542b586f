"""Pay rates, as admins edit them: what one role is paid in one region, one way of hiring,
at one seniority, with where the figure comes from, and the rates that follow a base
figure worked out again when it changes."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor import costs
from advisor.models.bank import RoleProfile
from advisor.models.costs import (
    ENGAGEMENTS,
    ESTIMATE_HELP,
    SENIORITIES,
    SOURCE_KINDS,
    Region,
    active_field,
)


class PayRateManager(models.Manager):
    def get_by_natural_key(self, role_slug, region_slug, engagement, seniority):
        return self.get(
            role__slug=role_slug,
            region__slug=region_slug,
            engagement=engagement,
            seniority=seniority,
        )


class PayRate(models.Model):
    """What one role is paid in one region, one way of hiring, at one seniority."""

    class Unit(models.TextChoices):
        MONTH = "month", _("per month, full time")
        HOUR = "hour", _("per hour")

    role = models.ForeignKey(
        RoleProfile, on_delete=models.CASCADE, related_name="pay_rates", verbose_name=_("role")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="pay_rates", verbose_name=_("region")
    )
    engagement = models.CharField(max_length=20, choices=ENGAGEMENTS, verbose_name=_("engagement"))
    seniority = models.CharField(max_length=10, choices=SENIORITIES, verbose_name=_("seniority"))
    unit = models.CharField(max_length=10, choices=Unit.choices, verbose_name=_("unit"))
    low = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0)], verbose_name=_("low")
    )
    high = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0)], verbose_name=_("high")
    )
    is_loaded = models.BooleanField(
        _("fully loaded"),
        default=False,
        help_text=_(
            "A monthly figure that already holds employer on-costs and equipment, "
            "as the article's US figure does. Otherwise: base pay."
        ),
    )
    is_starting_price = models.BooleanField(
        _("starting price"), default=False, help_text=_("Shown as “from”, e.g. a vendor's price.")
    )
    source_note = models.TextField(
        help_text=_("What founders read about the figure on the sources page."),
        verbose_name=_("source note"),
    )
    as_of = models.DateField(
        help_text=_("The date of the figure: the source's, or the method's."),
        verbose_name=_("as of"),
    )
    is_estimate = models.BooleanField(
        default=True, help_text=ESTIMATE_HELP, verbose_name=_("is estimate")
    )
    source_kind = models.CharField(
        _("where the figure comes from"),
        max_length=10,
        choices=SOURCE_KINDS,
        blank=True,
        default="",
        help_text=_("A public source needs its name and address; an estimate its method."),
    )
    source_name = models.CharField(
        max_length=500, blank=True, default="", verbose_name=_("source name")
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True, default="")
    method = models.TextField(
        blank=True,
        default="",
        help_text=_("For a derived figure: which statistic, which adjustment, and why."),
        verbose_name=_("method"),
    )
    check_note = models.TextField(
        _("what could not be checked"),
        blank=True,
        default="",
        help_text=_("For admins only: what was not checked against the source itself."),
    )
    base = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followers",
        help_text=_(
            "The rate this one follows: its low and high are the base's times the "
            "factor (a monthly base turned into an hourly rate over 2,080 hours a year)."
        ),
        verbose_name=_("base"),
    )
    factor = models.DecimalField(
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001"))],
        verbose_name=_("factor"),
    )
    is_active = active_field()

    objects = PayRateManager()

    class Meta:
        verbose_name = _("pay rate")
        verbose_name_plural = _("pay rates")
        ordering = ["role__order", "region__order", "region__slug", "engagement", "seniority"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "region", "engagement", "seniority"],
                name="one_pay_rate_per_role_region_engagement_seniority",
            )
        ]

    def __str__(self):
        return (
            f"{self.role.name}, {self.region}, {self.get_engagement_display()}, "
            f"{self.get_seniority_display()}"
        )

    def natural_key(self):
        return (self.role.slug, self.region.slug, self.engagement, self.seniority)

    natural_key.dependencies = ["advisor.roleprofile", "advisor.region"]

    def follow_base(self) -> None:
        """Low and high from the base and the factor, when this rate follows one."""
        if self.base_id and self.factor:
            self.low, self.high = costs.derived(
                self.base.low,
                self.base.high,
                base_unit=self.base.unit,
                unit=self.unit,
                factor=self.factor,
            )
        if self.source_kind:
            self.is_estimate = self.source_kind == "estimate"

    def clean(self):
        errors = {}
        if self.base_id:
            if not self.factor:
                errors["factor"] = "A rate that follows a base needs a factor."
            seen, step = {self.pk}, self.base
            while step is not None:
                if step.pk in seen:
                    errors["base"] = "A rate cannot follow itself, even through others."
                    break
                seen.add(step.pk)
                step = step.base
            if not errors:
                self.follow_base()
        if self.source_kind == "published" and not (self.source_name and self.source_url):
            errors["source_url"] = "A figure from a public source needs its name and address."
        if self.source_kind == "estimate" and not self.method:
            errors["method"] = "An estimate needs its method: the statistic, the adjustment, why."
        if self.low is not None and self.high is not None and self.low > self.high:
            errors["high"] = "The high figure must not be below the low one."
        if self.is_loaded and self.unit != self.Unit.MONTH:
            errors["is_loaded"] = "Only a monthly figure can be fully loaded."
        if not errors and self.role_id and self.region_id and self.low is not None:
            # A senior never costs less than a mid-level hire of the same kind.
            other = "mid" if self.seniority == "senior" else "senior"
            pair = (
                PayRate.objects.filter(
                    role_id=self.role_id,
                    region_id=self.region_id,
                    engagement=self.engagement,
                    seniority=other,
                    unit=self.unit,
                )
                .values_list("low", "high")
                .first()
            )
            if pair:
                this = (self.low, self.high)
                mid, senior = (pair, this) if self.seniority == "senior" else (this, pair)
                if senior[0] < mid[0] or senior[1] < mid[1]:
                    errors["low"] = (
                        f"A senior must not cost less than a mid-level hire: the "
                        f"{'mid-level' if other == 'mid' else 'senior'} rate here is "
                        f"{pair[0]:,.2f}–{pair[1]:,.2f}."
                    )
        if errors:
            raise ValidationError(errors)


def followers_update(rate: PayRate) -> list[tuple[PayRate, tuple, tuple]]:
    """Work out again every rate that follows `rate`, and those that follow them: each
    changed one with its figures before and after (saved)."""
    changed, todo, seen = [], [rate], {rate.pk}
    while todo:
        base = todo.pop(0)
        for follower in PayRate.objects.filter(base=base).select_related("role", "region"):
            if follower.pk in seen:
                continue
            seen.add(follower.pk)
            follower.base = base
            before = (follower.low, follower.high)
            follower.follow_base()
            after = (follower.low, follower.high)
            if before != after:
                follower.save(update_fields=["low", "high", "is_estimate"])
                changed.append((follower, before, after))
            todo.append(follower)
    return changed
