"""Founders' assessments and answers, the answer sets results share, rate limits and the
funnel's first step."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.models.bank import Choice, Question, new_token


class AnswerSet(models.Model):
    """One distinct set of answers that completed results were made from, stored once.

    Every completed result points at its set, so replaying the bank or counting answers
    scores and walks each set once and multiplies by how many results share it, instead
    of reading every result. `answers` is the sorted "question=choice;…" key
    (advisor.bank.answer_sets.answers_key)."""

    answers = models.TextField(unique=True, verbose_name=_("answers"))

    class Meta:
        verbose_name = _("answer set")
        verbose_name_plural = _("answer sets")

    def __str__(self):
        return self.answers


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

    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    completed_at = models.DateTimeField(
        null=True, blank=True, db_index=True, verbose_name=_("completed at")
    )
    recommendation = models.SlugField(blank=True, db_index=True, verbose_name=_("recommendation"))
    confidence = models.CharField(max_length=20, blank=True, verbose_name=_("confidence"))
    snapshot = models.JSONField(null=True, blank=True, editable=False, verbose_name=_("snapshot"))
    started_from = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("Token of the result this draft was copied from."),
        verbose_name=_("started from"),
    )
    bank_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("The published version of the question bank it used."),
        verbose_name=_("bank version"),
    )
    language = models.CharField(
        max_length=8,
        default="en",
        db_default="en",
        help_text=_("The language the result was made in; its page opens in it."),
        verbose_name=_("language"),
    )
    # Set when the result is made (and by `manage.py backfill_answer_sets` for older ones).
    answer_set = models.ForeignKey(
        AnswerSet,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("answer set"),  # the indexes below start with it or serve it
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
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
            # Analytics by question bank version, and of one version, over a date range.
            models.Index(
                fields=["completed_at", "bank_version", "recommendation", "answer_set"],
                name="result_version",
                condition=models.Q(completed_at__isnull=False),
            ),
            # Analytics by the language results were made in.
            models.Index(
                fields=["completed_at", "language", "recommendation"],
                name="result_language",
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
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, related_name="+", verbose_name=_("choice")
    )
    answered_at = models.DateTimeField(auto_now=True, verbose_name=_("answered at"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question.slug} = {self.choice.slug}"


class RateLimit(models.Model):
    """One client's token bucket for one limit (`advisor.ops.throttle.allow`): `key` is the
    limit's scope and a keyed hash of the address, never the address itself.

    Kept in the database so the limits hold across any number of app servers. `updated`
    is in Unix seconds so that refilling is plain arithmetic in one UPDATE.
    """

    key = models.CharField(max_length=100, unique=True, verbose_name=_("key"))
    tokens = models.FloatField(verbose_name=_("tokens"))
    updated = models.FloatField(db_index=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("rate limit")
        verbose_name_plural = _("rate limits")

    def __str__(self):
        scope, _, client = self.key.partition(":")
        return f"{scope} {client[:8]} {self.tokens:.2f}"


class Attempt(models.Model):
    """The earlier rate-limit table, a row per event: no longer used (see `RateLimit`).
    Kept for one release so app servers still on the previous code keep working during
    a deploy; `purge_drafts` empties it, and the next release removes it."""

    scope = models.CharField(max_length=20, verbose_name=_("scope"))
    client = models.CharField(max_length=64, verbose_name=_("client"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        indexes = [models.Index(fields=["scope", "client", "at"], name="attempt_lookup")]

    def __str__(self):
        return f"{self.scope} {self.client[:8]} {self.at:%Y-%m-%d %H:%M}"


class WizardStart(models.Model):
    """How many browsers were shown the first question, per day: the top of the funnel.
    (Drafts exist only from the first answer on, so they cannot count this.)"""

    day = models.DateField(unique=True, verbose_name=_("day"))
    count = models.PositiveIntegerField(default=0, verbose_name=_("count"))

    class Meta:
        verbose_name = _("wizard start")
        verbose_name_plural = _("wizard starts")

    def __str__(self):
        return f"{self.day}: {self.count}"
