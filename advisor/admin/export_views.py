"""The admin's CSV exports: completed results streamed when there are few enough, else
written to a file by a job (its page, then the file's download), and contact requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.admin import background
from advisor.admin.pages import admin_page, job_page
from advisor.bank import store as bank_store
from advisor.insights import exports
from advisor.models import Job
from advisor.ops.responses import see_other


@admin_page()
def export(model_admin, request):
    """Completed assessments as CSV with the list's filters applied: streamed when there
    are few enough, else written to a file by a job whose page this redirects to."""
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except IncorrectLookupParameters:
        return HttpResponseBadRequest(_("Those filters are not valid."))
    if not background.at_most(queryset, settings.EXPORT_INLINE_ROWS):
        job = background.export_start(query=request.GET.urlencode(), user=request.user)
        return see_other(reverse("admin:advisor_export_job", args=[job.pk]))
    writer = exports.SafeWriter(_Echo())
    rows = exports.export_rows(background.export_order(queryset), bank_store.get())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="assessments-{stamp}.csv"'
    return response


def _export_job(request, job_id: int) -> Job:
    """An export job, for the admin who asked for it (or a superuser)."""
    job = get_object_or_404(Job, pk=job_id, kind=background.EXPORT)
    if job.payload.get("user") != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return job


@admin_page("admin/advisor/export.html", gettext_lazy("Export completed results as CSV"))
def export_job(model_admin, request, job_id: int):
    """An export running as a job, then the link to its file."""
    job = _export_job(request, job_id)
    ready = job.status == Job.DONE and background.export_path(job).exists()
    return {**job_page(job, _("results written")), "ready": ready, "filters": job.payload["query"]}


@admin_page()
def export_download(model_admin, request, job_id: int):
    """The file an export job wrote, once it is done."""
    job = _export_job(request, job_id)
    path = background.export_path(job)
    if job.status != Job.DONE or not path.exists():
        raise Http404(_("That export is not ready, or its file has been removed."))
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=background.export_filename(job),
        content_type="text/csv; charset=utf-8",
    )


@admin_page()
def contact_export(model_admin, request):
    """Contact requests as CSV, streamed, with the list's filters and search applied."""
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except IncorrectLookupParameters:
        return HttpResponseBadRequest(_("Those filters are not valid."))
    rows = exports.contact_rows(queryset.order_by("consented_at"))
    writer = exports.SafeWriter(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="contact-requests-{stamp}.csv"'
    return response


class _Echo:
    """The CSV writer wants a file; hand each row straight to the response instead."""

    def write(self, value):
        return value
