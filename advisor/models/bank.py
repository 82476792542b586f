"""The question bank admins edit: the roles, and the questions the wizard asks with their
choices and the points each choice gives a role. The rules and founder cases are in
`rules`."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation

from advisor.advice import bank_rules
from advisor.advice.bank import CORE, FACT, LEVER, NEUTRAL_SLUGS


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


class EnglishOriginal:
    """Saved with English active, so a row's original text columns stay the English ones
    whatever language the admin who saved it reads (advisor/translation.py)."""

    def save(self, *args, **kwargs):
        with translation.override("en"):
            super().save(*args, **kwargs)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RoleProfile(EnglishOriginal, models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    short_name = models.CharField(max_length=40, help_text="Used in tight places, e.g. “ML”.")
    summary = models.TextField(help_text="One paragraph: what this person does.")
    core_work = models.CharField(max_length=200)
    typical_stack = models.CharField(max_length=200)
    data_need = models.CharField(max_length=200)
    time_to_first_value = models.CharField(max_length=100)
    owns_in_production = models.CharField(max_length=200)
    best_when = models.CharField(max_length=200)
    job_description = models.TextField(
        blank=True, help_text="A starter job description for this role, one line per point."
    )
    first_by_default = models.BooleanField(
        default=False,
        help_text="Hire this role first when the answers are evenly balanced. "
        "Only one role should have this.",
    )
    first_rule = models.TextField(
        blank=True,
        default="",
        db_default="",
        help_text="The rule of thumb that makes this role the first hire in a toss-up, "
        "shown on the result page (only for the role first by default).",
    )
    order = models.PositiveSmallIntegerField(default=0)
    value_weeks_low = models.PositiveSmallIntegerField(
        "time to first value, from (weeks)",
        default=0,
        db_default=0,
        help_text="Once hired and up to speed, how soon this role delivers value: the "
        "article's “time to first value” in weeks, e.g. days to weeks = 1 to 4.",
    )
    value_weeks_high = models.PositiveSmallIntegerField(
        "time to first value, to (weeks)", default=0, db_default=0
    )

    objects = SlugManager()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.value_weeks_low > self.value_weeks_high:
            raise ValidationError(
                {"value_weeks_high": "The longest time must not be below the shortest."}
            )


class Question(EnglishOriginal, models.Model):
    slug = models.SlugField(
        unique=True, help_text="Used in URLs and analytics. Changing it breaks saved links."
    )
    text = models.CharField(max_length=200, help_text="The question, as the step's heading.")
    help_text = models.TextField(blank=True, help_text="A line under the question.")
    why = models.TextField(blank=True, help_text="Why this matters, from the article.")
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Importance, 1–5: each choice's points are multiplied by it.",
    )
    kind = models.CharField(
        max_length=10,
        choices=[
            (CORE, "Core: one of the two checklist questions that decide when they agree"),
            (LEVER, "Lever: something the founder can change (timeline, data, ownership)"),
            (FACT, "Fact about the product, the team or the company"),
        ],
        default=FACT,
        db_default=FACT,
        help_text="Levers are offered first under “what would change the answer”.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    show_if = models.ForeignKey(
        "Choice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="show only if",
        help_text="Ask this question only when an earlier question was answered with this choice.",
    )

    objects = SlugManager()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.slug,)

    @property
    def is_contract(self) -> bool:
        return bank_rules.is_contract(self.slug)

    def _key(self) -> tuple[int, int]:
        return (self.order, self.pk or 10**9)

    def problems(self) -> dict[str, str]:
        """What would break the wizard if this question were saved as it is, by field."""
        errors = {}
        stored = None
        if self.pk:
            stored = Question.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if message := bank_rules.question_slug_problem(self.slug, stored):
            errors["slug"] = message
        if self.show_if_id:
            parent = self.show_if.question
            message = bank_rules.condition_problem(
                own=self._key(),
                parent=parent._key(),
                parent_text=parent.text,
                parent_active=parent.is_active,
                same=parent.pk == self.pk,
                neutral=self.show_if.slug in NEUTRAL_SLUGS,
            )
            if message:
                errors["show_if"] = message
        if self.pk:
            children = Question.objects.filter(show_if__question=self, is_active=True)
            errors.update(
                bank_rules.dependant_problems(
                    own=self._key(),
                    active=self.is_active,
                    children=[(c.text, c._key()) for c in children],
                )
            )
        return errors


class ChoiceManager(models.Manager):
    def get_by_natural_key(self, question_slug, slug):
        return self.get(question__slug=question_slug, slug=slug)


class Choice(EnglishOriginal, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    slug = models.SlugField()
    label = models.CharField(max_length=200)
    hint = models.CharField(max_length=300, blank=True)
    explanation = models.TextField(
        help_text="Why this answer points where it does, in a sentence from the article."
    )
    # No longer read (the bank's rules decide what holds a role back); kept one release so
    # app servers on the old code keep working during a deploy, then removed.
    holds_back = models.ForeignKey(
        RoleProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = ChoiceManager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "slug"], name="choice_slug_per_question")
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (*self.question.natural_key(), self.slug)

    natural_key.dependencies = ["advisor.question"]


class PointsManager(models.Manager):
    def get_by_natural_key(self, question_slug, choice_slug, role_slug):
        return self.get(
            choice__question__slug=question_slug, choice__slug=choice_slug, role__slug=role_slug
        )


class Points(models.Model):
    """How many points a choice gives a role (before the question's weight)."""

    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="points")
    role = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(validators=[MaxValueValidator(bank_rules.MAX_POINTS)])

    objects = PointsManager()

    class Meta:
        verbose_name_plural = "points"
        constraints = [
            models.UniqueConstraint(fields=["choice", "role"], name="points_per_choice_role")
        ]

    def __str__(self):
        return f"{self.choice} → {self.role}: {self.points}"

    def natural_key(self):
        return (*self.choice.natural_key(), self.role.slug)

    natural_key.dependencies = ["advisor.choice", "advisor.roleprofile"]
