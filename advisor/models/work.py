"""Work behind the scenes: queued jobs, and published versions of the question bank."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Work run off the request path by `manage.py run_jobs` (see advisor/ops/jobs.py)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    payload = models.JSONField(default=dict, blank=True, verbose_name=_("payload"))
    status = models.CharField(
        max_length=10,
        choices=[(s, s) for s in (QUEUED, RUNNING, DONE, FAILED)],
        default=QUEUED,
        verbose_name=_("status"),
    )
    run_after = models.DateTimeField(verbose_name=_("run after"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    max_attempts = models.PositiveSmallIntegerField(default=5, verbose_name=_("max attempts"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("claimed at"))
    claimed_by = models.CharField(
        max_length=100, blank=True, verbose_name=_("claimed by")
    )  # the worker's name for this claim
    lease_until = models.DateTimeField(
        null=True, blank=True, verbose_name=_("lease until")
    )  # the claim's end, unless renewed
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))
    progress_done = models.PositiveIntegerField(default=0, verbose_name=_("progress done"))
    progress_total = models.PositiveIntegerField(default=0, verbose_name=_("progress total"))
    result = models.JSONField(null=True, blank=True, verbose_name=_("result"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(fields=["status", "run_after"], name="job_due"),
            models.Index(fields=["status", "lease_until"], name="job_lease"),
            models.Index(fields=["status", "finished_at"], name="job_ended"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"


class BankVersion(models.Model):
    """A published version of the question bank: the whole bank as founders get it, and
    the revision (django-reversion) that holds each of its rows, to restore it as a draft."""

    number = models.PositiveIntegerField(unique=True, verbose_name=_("number"))
    revision = models.OneToOneField(
        "reversion.Revision",
        on_delete=models.PROTECT,
        related_name="bank_version",
        verbose_name=_("revision"),
    )
    published_at = models.DateTimeField(auto_now_add=True, verbose_name=_("published at"))
    published_by = models.CharField(max_length=150, blank=True, verbose_name=_("published by"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))
    bank = models.JSONField(
        help_text=_("The bank as founders get it (advisor.bank.bank_as_data)."),
        verbose_name=_("bank"),
    )

    class Meta:
        verbose_name_plural = _("question bank versions")
        ordering = ["-number"]
        verbose_name = _("question bank version")
        permissions = [("publish_bankversion", "Can publish a version of the question bank")]

    def __str__(self):
        return f"Version {self.number}"
