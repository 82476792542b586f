"""The job queue in admin: every job with its status, attempts, lease and last error,
read-only, filterable by status and kind; failed jobs are queued again from the list."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from advisor.models import Job
from advisor.ops import jobs


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "attempts", "error_start", "finished_at")
    list_filter = ("status", "kind")
    ordering = ("-id",)
    show_full_result_count = False  # the queue may be long: no count of every row
    actions = ["retry"]
    fields = (
        "kind",
        "status",
        "attempts",
        "max_attempts",
        "run_after",
        "claimed_by",
        "claimed_at",
        "lease_until",
        "finished_at",
        "progress_done",
        "progress_total",
        "error",
        "result",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description=gettext_lazy("error"))
    def error_start(self, job: Job) -> str:
        return job.error.splitlines()[-1][:120] if job.error else ""

    @admin.action(
        description=gettext_lazy("Run the selected failed jobs again"), permissions=["change"]
    )
    def retry(self, request, queryset):
        count = jobs.job_retry(queryset)
        message = ngettext(
            "%(count)d failed job queued again.", "%(count)d failed jobs queued again.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # the list's action needs it; the page itself is read-only (every field above)
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False
