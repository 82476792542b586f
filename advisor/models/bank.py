"""The question bank admins edit: the roles, and the questions the wizard asks with their
choices and the points each choice gives a role. The rules and founder cases are in
`rules`."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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
    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=80, verbose_name=_("name"))
    short_name = models.CharField(
        max_length=40, help_text=_("Used in tight places, e.g. “ML”."), verbose_name=_("short name")
    )
    summary = models.TextField(
        help_text=_("One paragraph: what this person does."), verbose_name=_("summary")
    )
    core_work = models.CharField(max_length=200, verbose_name=_("core work"))
    typical_stack = models.CharField(max_length=200, verbose_name=_("typical stack"))
    data_need = models.CharField(max_length=200, verbose_name=_("data need"))
    time_to_first_value = models.CharField(max_length=100, verbose_name=_("time to first value"))
    owns_in_production = models.CharField(max_length=200, verbose_name=_("owns in production"))
    best_when = models.CharField(max_length=200, verbose_name=_("best when"))
    job_description = models.TextField(
        blank=True,
        help_text=_("A starter job description for this role, one line per point."),
        verbose_name=_("job description"),
    )
    first_by_default = models.BooleanField(
        default=False,
        help_text=_(
            "Hire this role first when the answers are evenly balanced. "
            "Only one role should have this."
        ),
        verbose_name=_("first by default"),
    )
    first_rule = models.TextField(
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "The rule of thumb that makes this role the first hire in a toss-up, "
            "shown on the result page (only for the role first by default)."
        ),
        verbose_name=_("first rule"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    value_weeks_low = models.PositiveSmallIntegerField(
        _("time to first value, from (weeks)"),
        default=0,
        db_default=0,
        help_text=_(
            "Once hired and up to speed, how soon this role delivers value: the "
            "article's “time to first value” in weeks, e.g. days to weeks = 1 to 4."
        ),
    )
    value_weeks_high = models.PositiveSmallIntegerField(
        _("time to first value, to (weeks)"), default=0, db_default=0
    )

    objects = SlugManager()

    class Meta:
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
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
        unique=True,
        help_text=_("Used in URLs and analytics. Changing it breaks saved links."),
        verbose_name=_("slug"),
    )
    text = models.CharField(
        max_length=200, help_text=_("The question, as the step's heading."), verbose_name=_("text")
    )
    help_text = models.TextField(
        blank=True, help_text=_("A line under the question."), verbose_name=_("help text")
    )
    why = models.TextField(
        blank=True, help_text=_("Why this matters, from the article."), verbose_name=_("why")
    )
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Importance, 1–5: each choice's points are multiplied by it."),
        verbose_name=_("weight"),
    )
    kind = models.CharField(
        max_length=10,
        choices=[
            (CORE, _("Core: one of the two checklist questions that decide when they agree")),
            (LEVER, _("Lever: something the founder can change (timeline, data, ownership)")),
            (FACT, _("Fact about the product, the team or the company")),
        ],
        default=FACT,
        db_default=FACT,
        help_text=_("Levers are offered first under “what would change the answer”."),
        verbose_name=_("kind"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    is_active = models.BooleanField(default=True, verbose_name=_("is active"))
    show_if = models.ForeignKey(
        "Choice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("show only if"),
        help_text=_(
            "Ask this question only when an earlier question was answered with this choice."
        ),
    )

    objects = SlugManager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
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
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    slug = models.SlugField(verbose_name=_("slug"))
    label = models.CharField(max_length=200, verbose_name=_("label"))
    hint = models.CharField(max_length=300, blank=True, verbose_name=_("hint"))
    explanation = models.TextField(
        help_text=_("Why this answer points where it does, in a sentence from the article."),
        verbose_name=_("explanation"),
    )
    # No longer read (the bank's rules decide what holds a role back); kept one release so
    # app servers on the old code keep working during a deploy, then removed.
    holds_back = models.ForeignKey(
        RoleProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("holds back"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    objects = ChoiceManager()

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
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

    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, related_name="points", verbose_name=_("choice")
    )
    role = models.ForeignKey(
        RoleProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("role")
    )
    points = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(bank_rules.MAX_POINTS)], verbose_name=_("points")
    )

    objects = PointsManager()

    class Meta:
        verbose_name = _("points")
        verbose_name_plural = _("points")
        constraints = [
            models.UniqueConstraint(fields=["choice", "role"], name="points_per_choice_role")
        ]

    def __str__(self):
        return f"{self.choice} → {self.role}: {self.points}"

    def natural_key(self):
        return (*self.choice.natural_key(), self.role.slug)

    natural_key.dependencies = ["advisor.choice", "advisor.roleprofile"]
