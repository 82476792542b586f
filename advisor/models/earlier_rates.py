"""The earlier cost rates: what results made before regions and seniority (snapshot
versions 1 and 2) show as "today's rates". Newer results use the models in `costs`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from advisor.models.bank import RoleProfile
from advisor.models.costs import active_field


class CostRateManager(models.Manager):
    def get_by_natural_key(self, role_slug, sourcing):
        return self.get(role__slug=role_slug, sourcing=sourcing)


class CostRate(models.Model):
    """The rates of results made before regions and seniority (snapshot versions 1 and 2):
    their "today's rates". New results use `PayRate` and `HiringTerms`."""

    class Sourcing(models.TextChoices):
        IN_HOUSE = "in-house", "In-house (US)"
        OFFSHORE = "offshore", "Dedicated offshore"

    class Unit(models.TextChoices):
        MONTH = "month", "per month, full time, fully loaded"
        HOUR = "hour", "per hour"

    role = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="rates")
    sourcing = models.CharField(max_length=20, choices=Sourcing.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    low = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    high = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    weeks_to_hire = models.PositiveSmallIntegerField(help_text="Typical weeks until they start.")
    source_note = models.TextField(help_text="Where the figure comes from.")
    as_of = models.DateField(help_text="When the figure was last checked.")
    is_estimate = models.BooleanField(
        default=False, help_text="Not from the article: say where it came from in the note."
    )
    is_active = active_field()

    objects = CostRateManager()

    class Meta:
        ordering = ["role__order", "sourcing"]
        verbose_name = "earlier cost rate"
        verbose_name_plural = "earlier cost rates (results made before regions)"
        constraints = [
            models.UniqueConstraint(fields=["role", "sourcing"], name="one_rate_per_role_sourcing")
        ]

    def __str__(self):
        return f"{self.role.name}, {self.get_sourcing_display()}"

    def natural_key(self):
        return (self.role.slug, self.sourcing)

    natural_key.dependencies = ["advisor.roleprofile"]

    def clean(self):
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValidationError({"high": "The high figure must not be below the low one."})
