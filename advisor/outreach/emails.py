"""Emails a founder asks for, sent by the job queue (never inside a request): their result
(with its PDF attached), a link to finish later, and the confirmation of a request to be contacted.

An address given only to send something travels in the job's payload and is taken out of
it as soon as the email is sent, or given up on; error messages are stripped of it too,
so nothing keeps it. The contact confirmation reads the address from the contact request,
which the founder asked us to keep.

Each email is written in the language of the page it was asked for on: the payload keeps
that language, and the job renders the subject and the text in it.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from advisor.bank import store as bank_store
from advisor.models import ContactRequest, Job
from advisor.ops.jobs import job_enqueue, job_handler
from advisor.results import pdf, presenters
from advisor.wizard import assessments

MAX_ATTEMPTS = 4


class EmailNotSent(Exception):
    """Sending failed; the message never holds the address."""


def _language() -> str:
    """The language of the request asking for an email (its page's), for the job."""
    return translation.get_language() or settings.LANGUAGE_CODE


def in_language(handler):
    """Run a job handler in the language its payload was queued in (English for jobs
    queued before emails had one)."""

    @functools.wraps(handler)
    def run(job: Job):
        language = job.payload.get("language") or settings.LANGUAGE_CODE
        with translation.override(language):
            return handler(job)

    return run


def email_result_enqueue(*, to: str, token: str, url: str) -> Job:
    return job_enqueue(
        kind="email.result",
        payload={"to": to, "token": token, "url": url, "language": _language()},
        max_attempts=MAX_ATTEMPTS,
    )


def email_resume_enqueue(*, to: str, url: str, revoke_url: str, answered: int, days: int) -> Job:
    payload = {
        "to": to,
        "url": url,
        "revoke_url": revoke_url,
        "answered": answered,
        "days": days,
        "language": _language(),
    }
    return job_enqueue(kind="email.resume", payload=payload, max_attempts=MAX_ATTEMPTS)


def email_contact_enqueue(
    *, contact: ContactRequest, withdraw_url: str, result_url: str, days: int
) -> Job:
    payload = {
        "contact": contact.pk,
        "withdraw_url": withdraw_url,
        "result_url": result_url,
        "days": days,
        "language": _language(),
    }
    return job_enqueue(kind="email.contact", payload=payload, max_attempts=MAX_ATTEMPTS)


def _forget_address(job: Job) -> None:
    payload = {k: v for k, v in job.payload.items() if k != "to"}
    Job.objects.filter(pk=job.pk).update(payload=payload)
    job.payload = payload


def _send(
    job: Job, to: str, subject: str, template: str, context: dict, *, keep=False, attach=()
) -> dict:
    """`attach`: (file name, content, MIME type) for each attachment."""
    message = EmailMessage(subject, render_to_string(template, context), None, [to])
    for name, content, kind in attach:
        message.attach(name, content, kind)
    try:
        message.send()
    except Exception as error:
        if not keep and job.attempts >= job.max_attempts:
            _forget_address(job)  # given up on: the address goes too
        reason = f"{type(error).__name__}: {error}".replace(to, "<address>")
        raise EmailNotSent(reason[:500]) from None
    if not keep:
        _forget_address(job)
    return {"sent": True}


@job_handler("email.result")
@in_language
def _result(job: Job):
    to = job.payload.get("to")
    if not to:
        return {"sent": False, "reason": "no address"}
    row = assessments.result_get(job.payload["token"])
    if row is None:
        _forget_address(job)
        return {"sent": False, "reason": "no such result"}
    result = presenters.result_view(row.snapshot)
    subject = _("Your Hiring Advisor result: hire %(role)s first") % {
        "role": result["first"]["name"]
    }
    context = {"result": result, "url": job.payload["url"]}
    # The PDF with the result's own cost settings, from its file when one was made.
    costs, key = pdf.pdf_costs(row.snapshot, {}, bank_store.get())
    path = pdf.pdf_file(
        pdf.pdf_path(row.token, key),
        lambda: pdf.pdf_render(snapshot=row.snapshot, costs=costs, url=job.payload["url"]),
        wait=True,
    )
    attachment = (f"hiring-advisor-{row.token[:8]}.pdf", path.read_bytes(), "application/pdf")
    return _send(job, to, subject, "emails/result.txt", context, attach=[attachment])


@job_handler("email.resume")
@in_language
def _resume(job: Job):
    to = job.payload.get("to")
    if not to:
        return {"sent": False, "reason": "no address"}
    subject = _("Finish your Hiring Advisor answers")
    return _send(job, to, subject, "emails/resume.txt", job.payload)


@job_handler("email.contact")
@in_language
def _contact(job: Job):
    contact = ContactRequest.objects.filter(pk=job.payload["contact"]).first()
    if contact is None:
        return {"sent": False, "reason": "withdrawn"}
    subject = _("You asked to talk to someone about your hire")
    context = {**job.payload, "contact": contact}
    return _send(job, contact.email, subject, "emails/contact.txt", context, keep=True)
