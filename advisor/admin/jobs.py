"""The job queue in admin: every job with its status, attempts, lease and last error,
read-only, filterable by status and kind; failed jobs are queued again from the list."""

from __future__ import annotations

from django.contrib import admin, messages

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

    @admin.display(description="error")
    def error_start(self, job: Job) -> str:
        return job.error.splitlines()[-1][:120] if job.error else ""

    @admin.action(description="Run the selected failed jobs again", permissions=["change"])
    def retry(self, request, queryset):
        count = jobs.job_retry(queryset)
        noun = "job" if count == 1 else "jobs"
        self.message_user(request, f"{count} failed {noun} queued again.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # the list's action needs it; the page itself is read-only (every field above)
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False
