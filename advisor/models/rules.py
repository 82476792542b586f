"""The bank's reasoning admins edit: the rules the advice follows, and the founder cases
it must keep getting right."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.advice import bank_rules
from advisor.advice.scoring import CONFIDENCES
from advisor.models.bank import EnglishOriginal, RoleProfile, SlugManager


class Rule(EnglishOriginal, models.Model):
    """A piece of the article's reasoning the advice follows, as data: when these answers
    are given, this happens (see the kinds). Shown on the result page by its title and
    message when it applies."""

    KIND_CHOICES = [
        ("decide", _("Decide: the core answers agree")),
        ("hold-back", _("Hold back: the role cannot deliver yet (staged plan)")),
        ("caution", _("Caution: the role can deliver, but slowly")),
        ("contradiction", _("Contradiction: answers that pull against each other")),
        ("constraint", _("Constraint: a hard limit on where a model may run")),
        ("not-yet", _("Not yet: the team can ship it without a specialist")),
        ("tie-break", _("Tie-break: who goes first in a toss-up")),
    ]

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, verbose_name=_("kind"))
    when = models.CharField(
        max_length=400,
        help_text=_(
            "Every condition that must hold, e.g. "
            "“general-model-fit=mostly & model-role=plumbing”; several choices as “none|raw”."
        ),
        verbose_name=_("when"),
    )
    role = models.ForeignKey(
        RoleProfile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Decide: the first hire. Hold back, caution, not yet: the role it is about. "
            "Constraint: the role it favours. Tie-break: the first hire "
            "(blank: the answers' leader)."
        ),
        verbose_name=_("role"),
    )
    title = models.CharField(
        max_length=200, help_text=_("A short heading for the page."), verbose_name=_("title")
    )
    message = models.TextField(
        help_text=_("What it means for the founder, and what to check."), verbose_name=_("message")
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    is_active = models.BooleanField(default=True, verbose_name=_("is active"))

    objects = SlugManager()

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
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

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    answers = models.JSONField(
        help_text=_("{question slug: choice slug}"), verbose_name=_("answers")
    )
    expected = models.ForeignKey(
        RoleProfile, on_delete=models.PROTECT, related_name="+", verbose_name=_("expected")
    )
    confidences = models.CharField(
        max_length=60,
        help_text=_("Accepted confidences, comma-separated: clear, lean, toss-up, held-back."),
        verbose_name=_("confidences"),
    )
    specialist = models.CharField(
        max_length=10,
        blank=True,
        choices=[("now", _("now")), ("not-yet", _("not yet"))],
        help_text=_("Blank: either."),
        verbose_name=_("specialist"),
    )
    note = models.TextField(
        blank=True,
        help_text=_("Where in the article this founder comes from."),
        verbose_name=_("note"),
    )

    objects = SlugManager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
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
