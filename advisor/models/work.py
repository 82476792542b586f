"""Work behind the scenes: queued jobs, and published versions of the question bank."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Work run off the request path by `manage.py run_jobs` (see advisor/ops/jobs.py)."""

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
    claimed_by = models.CharField(max_length=100, blank=True)  # the worker's name for this claim
    lease_until = models.DateTimeField(null=True, blank=True)  # the claim's end, unless renewed
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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

    number = models.PositiveIntegerField(unique=True)
    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.PROTECT, related_name="bank_version"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.CharField(max_length=150, blank=True)
    note = models.CharField(max_length=300, blank=True)
    bank = models.JSONField(help_text=_("The bank as founders get it (advisor.bank.bank_as_data)."))

    class Meta:
        verbose_name_plural = _("question bank versions")
        ordering = ["-number"]
        verbose_name = _("question bank version")
        permissions = [("publish_bankversion", "Can publish a version of the question bank")]

    def __str__(self):
        return f"Version {self.number}"
