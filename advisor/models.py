"""The database: the question bank (roles, questions, choices, points, rules, cases) and
the costs (regions, hiring terms, pay rates, exchange rates) that admins edit, and
founders' assessments with their answers."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from advisor import bank_rules
from advisor.bank import CORE, FACT, LEVER, NEUTRAL_SLUGS


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RoleProfile(models.Model):
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


class Question(models.Model):
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


class Choice(models.Model):
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


class Rule(models.Model):
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
        bad = self.accepted() - {"clear", "lean", "toss-up", "held-back"}
        if bad or not self.accepted():
            raise ValidationError({"confidences": "Use clear, lean, toss-up or held-back."})
        if not isinstance(self.answers, dict):
            raise ValidationError({"answers": "Answers are {question slug: choice slug}."})


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


class AnswerSet(models.Model):
    """One distinct set of answers that completed results were made from, stored once.

    Every completed result points at its set, so replaying the bank or counting answers
    scores and walks each set once and multiplies by how many results share it, instead
    of reading every result. `answers` is the sorted "question=choice;…" key
    (advisor.answer_sets.answers_key)."""

    answers = models.TextField(unique=True)

    def __str__(self):
        return self.answers


ENGAGEMENTS = [
    ("in-house", "In-house, full time"),
    ("contractor", "Contractor or freelance"),
    ("offshore", "Dedicated offshore, through a vendor"),
]
SENIORITIES = [("mid", "Mid-level"), ("senior", "Senior")]
ESTIMATE_HELP = "Not from the article: say in the note what it is based on."


class Region(models.Model):
    """Where a hire works. Its terms of hiring are `HiringTerms`, its pay `PayRate`."""

    slug = models.SlugField(unique=True, help_text="Used in links to results' costs.")
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager()

    class Meta:
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

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="terms")
    engagement = models.CharField(max_length=20, choices=ENGAGEMENTS)
    on_costs = share_field(
        "employer on-costs",
        "Employer taxes and benefits as a share of pay, e.g. 0.25 for 25%. "
        "0 where the rate already holds them (contractors, vendors).",
    )
    recruiting_share = share_field(
        "recruiting fee (share of first-year pay)", "E.g. 0.20 for an agency's 20%."
    )
    recruiting_fee = models.DecimalField(
        "recruiting fee (fixed, US dollars)",
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="A fixed fee paid once, such as a vendor's placement fee.",
    )
    equipment = models.DecimalField(
        "equipment (US dollars, once)",
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    weeks_to_hire = models.PositiveSmallIntegerField(help_text="Weeks until the hire starts.")
    hire_time_is_estimate = models.BooleanField(
        "time to hire is an estimate", default=True, help_text=ESTIMATE_HELP
    )
    ramp_up_weeks = models.PositiveSmallIntegerField(
        help_text="Weeks from the start to full productivity."
    )
    source_note = models.TextField(help_text="Where these figures come from.")
    as_of = models.DateField(help_text="When the figures were last checked.")
    is_estimate = models.BooleanField(
        "on-costs, fees, equipment and ramp-up are estimates",
        default=True,
        help_text=ESTIMATE_HELP,
    )

    objects = HiringTermsManager()

    class Meta:
        ordering = ["region__order", "region__slug", "engagement"]
        verbose_name = "hiring terms"
        verbose_name_plural = "hiring terms"
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
        MONTH = "month", "per month, full time"
        HOUR = "hour", "per hour"

    role = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="pay_rates")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="pay_rates")
    engagement = models.CharField(max_length=20, choices=ENGAGEMENTS)
    seniority = models.CharField(max_length=10, choices=SENIORITIES)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    low = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    high = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    is_loaded = models.BooleanField(
        "fully loaded",
        default=False,
        help_text="A monthly figure that already holds employer on-costs and equipment, "
        "as the article's US figure does. Otherwise: base pay.",
    )
    is_starting_price = models.BooleanField(
        "starting price", default=False, help_text="Shown as “from”, e.g. a vendor's price."
    )
    source_note = models.TextField(help_text="Where the figure comes from.")
    as_of = models.DateField(help_text="When the figure was last checked.")
    is_estimate = models.BooleanField(default=True, help_text=ESTIMATE_HELP)

    objects = PayRateManager()

    class Meta:
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

    def clean(self):
        errors = {}
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


class ExchangeRateManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class ExchangeRate(models.Model):
    """A currency founders can see costs in, at a rate to the US dollar."""

    code = models.CharField(
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters, e.g. EUR.")],
    )
    symbol = models.CharField(max_length=4, help_text="E.g. €.")
    per_usd = models.DecimalField(
        "units for one US dollar",
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    as_of = models.DateField(help_text="The day of the rate.")
    source_note = models.TextField(help_text="Where the rate comes from.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = ExchangeRateManager()

    class Meta:
        ordering = ["order", "code"]

    def __str__(self):
        return self.code

    def natural_key(self):
        return (self.code,)


class AssessmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def drafts(self):
        return self.filter(completed_at__isnull=True)


class Assessment(models.Model):
    """A founder's run through the wizard: a draft until completed, then frozen.

    A completed assessment renders only from `snapshot`, so later edits to questions,
    points or rates never change a result someone has shared.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    recommendation = models.SlugField(blank=True, db_index=True)
    confidence = models.CharField(max_length=20, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    started_from = models.CharField(
        max_length=64, blank=True, help_text="Token of the result this draft was copied from."
    )
    bank_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The published version of the question bank it used."
    )
    # Set when the result is made (and by `manage.py backfill_answer_sets` for older ones).
    answer_set = models.ForeignKey(
        AnswerSet,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the indexes below start with it or serve it
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Replay and the effect check: results counted per answer set and first hire.
            models.Index(
                fields=["answer_set", "recommendation"],
                name="result_answer_set",
                condition=models.Q(completed_at__isnull=False),
            ),
            # The admin's list, newest first, and analytics over a date range: everything
            # they read is in the index, so neither touches a result's snapshot.
            models.Index(
                fields=["completed_at", "id", "recommendation", "answer_set"],
                name="result_completed",
                condition=models.Q(completed_at__isnull=False),
            ),
        ]

    def __str__(self):
        state = f"{self.recommendation} ({self.confidence})" if self.completed_at else "draft"
        return f"Assessment {self.token[:8]}… {state}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question.slug} = {self.choice.slug}"


class Attempt(models.Model):
    """One rate-limited event (a result made, a failed admin login) by one client.

    Kept in the database so the limits hold across any number of app servers.
    `client` is a keyed hash of the address, never the address itself.
    """

    scope = models.CharField(max_length=20)
    client = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "client", "at"], name="attempt_lookup")]

    def __str__(self):
        return f"{self.scope} {self.client[:8]} {self.at:%Y-%m-%d %H:%M}"


class WizardStart(models.Model):
    """How many browsers were shown the first question, per day: the top of the funnel.
    (Drafts exist only from the first answer on, so they cannot count this.)"""

    day = models.DateField(unique=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.day}: {self.count}"


class Team(models.Model):
    """Co-founders deciding together: each answers on their own, then the team page shows
    where they disagree and which disagreements decide the hire.

    `token` opens the team page; `invite_token` lets someone join, until it is revoked."""

    MAX_MEMBERS = 5  # whoever starts it and up to four others

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invite_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    invite_revoked_at = models.DateTimeField(null=True, blank=True)
    settled = models.JSONField(default=dict, blank=True, help_text="{question: choice}")
    result = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The team's latest result, made from what the members agree on and settle.",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=60)
    joined_at = models.DateTimeField(auto_now_add=True)
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["joined_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def finished(self) -> bool:
        return self.assessment_id is not None


class Job(models.Model):
    """Work run off the request path by `manage.py run_jobs` (see advisor/jobs.py)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

    kind = models.CharField(max_length=40)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10,
        choices=[(s, s) for s in (QUEUED, RUNNING, DONE, FAILED)],
        default=QUEUED,
    )
    run_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "run_after"], name="job_due")]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"


class BankVersion(models.Model):
    """A published version of the question bank: the whole bank as founders get it, and
    the revision (django-reversion) that holds each of its rows, to restore it as a draft."""

    number = models.PositiveIntegerField(unique=True)
    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.PROTECT, related_name="bank_version"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.CharField(max_length=150, blank=True)
    note = models.CharField(max_length=300, blank=True)
    bank = models.JSONField(help_text="The bank as founders get it (advisor.bank.bank_as_data).")

    class Meta:
        ordering = ["-number"]
        verbose_name = "question bank version"
        permissions = [("publish_bankversion", "Can publish a version of the question bank")]

    def __str__(self):
        return f"Version {self.number}"


class Attribution(models.Model):
    """Where a founder came from, recorded once when their draft starts and kept with the
    result: the campaign (utm_* parameters), the site that sent them (its origin only) and,
    in a frame, the page that showed the advisor. Nothing here names a person."""

    UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="attribution"
    )
    utm_source = models.CharField(
        "campaign source (utm_source)", max_length=100, blank=True, db_index=True
    )
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    utm_term = models.CharField(max_length=100, blank=True)
    utm_content = models.CharField(max_length=100, blank=True)
    referrer = models.CharField(
        "referring site", max_length=200, blank=True, db_index=True, help_text="Its origin only."
    )
    embedded = models.BooleanField(default=False, help_text="Answered in another site's page.")
    embed_origin = models.CharField("embedded on", max_length=200, blank=True, db_index=True)
    embed_path = models.CharField("embedding page", max_length=300, blank=True)

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """One name for where this founder came from, as analytics groups them."""
        return source_label(self.utm_source, self.embed_origin, self.referrer, self.embedded)


def source_label(utm_source: str, embed_origin: str, referrer: str, embedded: bool) -> str:
    if utm_source:
        return f"campaign: {utm_source}"
    if embedded:
        return f"embedded: {embed_origin.split('://')[-1] or 'unknown site'}"
    if referrer:
        return f"referred: {referrer.split('://')[-1]}"
    return "direct or unknown"


class ResumeLink(models.Model):
    """A link that carries a draft (or the result it became) to another browser or tab:
    "open in a new tab" from a frame, or an emailed "finish later". It has a token of its
    own, never the draft's, and stops working once revoked or expired; a new tab's link
    works once."""

    TAB, EMAIL = "tab", "email"

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=[(TAB, "new tab"), (EMAIL, "email")])
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.get_kind_display()} link {self.token[:8]}…"


DEFAULT_CONSENT = (
    "I agree that Hiring Advisor may keep my name and email address, with this result, "
    "so that someone can contact me about this hire. I can withdraw at any time through "
    "the link in the confirmation email."
)


class FollowUpSettings(models.Model):
    """Whether founders are offered "Talk to someone about this hire" after their result,
    and on what terms. One row; off until an admin turns it on."""

    enabled = models.BooleanField(
        default=False, help_text="Offer founders a way to ask to be contacted about the hire."
    )
    consent_text = models.TextField(
        default=DEFAULT_CONSENT,
        help_text="What founders agree to. A copy is stored with each request.",
    )
    retention_days = models.PositiveSmallIntegerField(
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text="Requests are deleted this many days after they were made "
        "(by `manage.py purge_drafts`).",
    )

    class Meta:
        verbose_name = verbose_name_plural = "follow-up settings"

    def __str__(self):
        return "Follow-up settings"

    def save(self, *args, **kwargs):
        self.pk = 1  # one row, whatever the form
        super().save(*args, **kwargs)


class ContactRequest(models.Model):
    """A founder who asked to talk to someone about their result, and what they agreed
    to. Deleted after the retention period, or at once when they withdraw."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    consent_text = models.TextField()
    consented_at = models.DateTimeField(db_index=True)
    withdraw_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["-consented_at"]

    def __str__(self):
        return f"{self.name} ({self.consented_at:%Y-%m-%d})"


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    """An address that is told, with a signed POST, when a founder completes a result or
    asks to be contacted."""

    RESULT_COMPLETED = "result.completed"
    CONTACT_REQUESTED = "contact.requested"

    url = models.URLField(max_length=500, help_text="Receives a POST for each event.")
    description = models.CharField(max_length=200, blank=True)
    on_result_completed = models.BooleanField("result completed", default=True)
    on_contact_requested = models.BooleanField("contact requested", default=False)
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Signs each delivery (see the README). Give it to the receiver; "
        "change it to rotate.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description or self.url


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: each attempt's response is recorded here."""

    PENDING, DELIVERED, FAILED, CANCELLED = "pending", "delivered", "failed", "cancelled"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    delivery_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_request = models.ForeignKey(
        ContactRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10,
        choices=[(s, s) for s in (PENDING, DELIVERED, FAILED, CANCELLED)],
        default=PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text="The start of the last response.")
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.endpoint} ({self.status})"
