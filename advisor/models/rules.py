"""The bank's reasoning admins edit: the rules the advice follows, and the founder cases
it must keep getting right."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from advisor.advice import bank_rules
from advisor.advice.scoring import CONFIDENCES
from advisor.models.bank import EnglishOriginal, RoleProfile, SlugManager


class Rule(EnglishOriginal, models.Model):
    """A piece of the article's reasoning the advice follows, as data: when these answers
    are given, this happens (see the kinds). Shown on the result page by its title and
    message when it applies."""

    KIND_CHOICES = [
        ("decide", "Decide: the core answers agree"),
        ("hold-back", "Hold back: the role cannot deliver yet (staged plan)"),
        ("caution", "Caution: the role can deliver, but slowly"),
        ("contradiction", "Contradiction: answers that pull against each other"),
        ("constraint", "Constraint: a hard limit on where a model may run"),
        ("not-yet", "Not yet: the team can ship it without a specialist"),
        ("tie-break", "Tie-break: who goes first in a toss-up"),
    ]

    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    when = models.CharField(
        max_length=400,
        help_text="Every condition that must hold, e.g. "
        "“general-model-fit=mostly & model-role=plumbing”; several choices as “none|raw”.",
    )
    role = models.ForeignKey(
        RoleProfile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Decide: the first hire. Hold back, caution, not yet: the role it is about. "
        "Constraint: the role it favours. Tie-break: the first hire (blank: the answers' leader).",
    )
    title = models.CharField(max_length=200, help_text="A short heading for the page.")
    message = models.TextField(help_text="What it means for the founder, and what to check.")
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def parsed_when(self) -> dict:
        return bank_rules.parse_when(self.when)

    def clean(self):
        try:
            self.parsed_when()
        except ValueError as error:
            raise ValidationError({"when": str(error)}) from None


class Case(models.Model):
    """A founder the advice must get right: answers and the expected first hire.
    `python manage.py check_cases` fails when the bank stops getting one right."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    answers = models.JSONField(help_text="{question slug: choice slug}")
    expected = models.ForeignKey(RoleProfile, on_delete=models.PROTECT, related_name="+")
    confidences = models.CharField(
        max_length=60,
        help_text="Accepted confidences, comma-separated: clear, lean, toss-up, held-back.",
    )
    specialist = models.CharField(
        max_length=10,
        blank=True,
        choices=[("now", "now"), ("not-yet", "not yet")],
        help_text="Blank: either.",
    )
    note = models.TextField(blank=True, help_text="Where in the article this founder comes from.")

    objects = SlugManager()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def accepted(self) -> set[str]:
        return {c.strip() for c in self.confidences.split(",") if c.strip()}

    def clean(self):
        bad = self.accepted() - set(CONFIDENCES)
        if bad or not self.accepted():
            raise ValidationError({"confidences": f"Use {', '.join(CONFIDENCES)}."})
        if not isinstance(self.answers, dict):
            raise ValidationError({"answers": "Answers are {question slug: choice slug}."})
