"""Edits to the bank tried before they are kept: saved inside a transaction, the edited
bank built there and the transaction rolled back, to show what the edit would do to past
results and founder cases; an edit that would break a case is kept only once confirmed.
With many past results, the edited bank is scored against them by a job (see
`background`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor.admin import background
from advisor.admin.draft_views import EDIT_TITLE, failing_cases
from advisor.admin.pages import page_response
from advisor.advice import cases
from advisor.advice.bank import Bank
from advisor.advice.scoring.rules import DECIDE, HOLD_BACK
from advisor.bank import store as bank_store
from advisor.bank.replay import replay
from advisor.ops.responses import see_other

CONFIRM = "_save_anyway"  # the second submit: keep the edit though it breaks cases
REPLAY = "_replay"  # "Check the effect on past results first"
NOT_RESUBMITTED = {"csrfmiddlewaretoken", CONFIRM, REPLAY}
PICKING_KINDS = (DECIDE, HOLD_BACK)  # rules that name who goes first, whatever the points


def tried(save: Callable[[], HttpResponse]) -> tuple[HttpResponse, Bank | None]:
    """Run an admin save and roll it back: its response, and the bank as the save would
    have left it (None when the form was refused, so nothing would change)."""
    with transaction.atomic():
        response = save()
        bank = bank_store.build_draft() if response.status_code == 302 else None
        transaction.set_rollback(True)
    bank_store.forget()  # in case anything read the edited bank into the cache
    return response, bank


def favoured(points) -> str:
    """The role a choice's points favour, "" when none leads."""
    ranked = sorted(points.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def explanations_to_reread(before: Bank, after: Bank) -> list[dict]:
    """Choices whose points now favour another role while their explanation, written for
    the old points, stayed the same: the editor should reread them."""
    roles = {r.slug: r.name for r in after.roles}
    found = []
    for question in after.questions:
        old_question = before.question(question.slug)
        for choice in question.choices:
            old = old_question.choice(choice.slug) if old_question else None
            if old is None or old.explanation != choice.explanation:
                continue
            was, now = favoured(old.points), favoured(choice.points)
            if was != now:
                found.append(
                    {
                        "question": question.text,
                        "choice": choice.label,
                        "was": roles.get(was, _("neither role")),
                        "now": roles.get(now, _("neither role")),
                        "explanation": choice.explanation,
                    }
                )
    return found


def rules_deciding(before: Bank, after: Bank) -> list[dict]:
    """The rules that decide answer sets an edit's points touch: a "decide" or "hold
    back" rule names its role whatever the points, so those founders do not move."""
    roles = {r.slug: r.name for r in after.roles}
    found = []
    for question in after.questions:
        old_question = before.question(question.slug)
        for choice in question.choices:
            old = old_question.choice(choice.slug) if old_question else None
            if old is None or dict(old.points) == dict(choice.points):
                continue
            for rule in after.rules:
                if rule.kind in PICKING_KINDS and choice.slug in rule.when.get(question.slug, ()):
                    found.append(
                        {
                            "question": question.text,
                            "choice": choice.label,
                            "rule": rule.title or rule.slug,
                            "kind": rule.kind,
                            "role": roles.get(rule.role, _("its role")),
                        }
                    )
    return found


def passing_case_ids(bank: Bank) -> set[int]:
    return {r.case.pk for r in cases.cases_check(bank) if r.passed}


def resubmitted(request) -> list[tuple[str, str]]:
    """The submitted form again, as hidden fields, for a second submit of the same edit."""
    return [
        (key, value)
        for key, values in request.POST.lists()
        if key not in NOT_RESUBMITTED
        for value in values
    ]


def forget_messages(request) -> None:
    """Drop the admin's "… was changed successfully": the save was rolled back."""
    messages.get_messages(request)._queued_messages.clear()


class CaseGuardMixin:
    """A save that would make a passing founder case fail is rolled back and shown with
    the cases it breaks; the same submit with "Save anyway" keeps it. Covers the change
    page, edits on the list (and its bulk delete) and the delete page."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view
        return self._kept_unless_cases_break(
            request,
            lambda: view(request, object_id, form_url, extra_context),
            back=request.get_full_path(),
        )

    def changelist_view(self, request, extra_context=None):
        view = super().changelist_view
        return self._kept_unless_cases_break(
            request, lambda: view(request, extra_context), back=request.get_full_path()
        )

    def delete_view(self, request, object_id, extra_context=None):
        view = super().delete_view
        opts = self.model._meta
        back = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return self._kept_unless_cases_break(
            request, lambda: view(request, object_id, extra_context), back=back, verb="Delete"
        )

    def _kept_unless_cases_break(self, request, save, *, back: str, verb: str = "Save"):
        if request.method != "POST" or CONFIRM in request.POST:
            return save()
        passing = passing_case_ids(bank_store.build_draft())
        with transaction.atomic():
            response = save()
            results = cases.cases_check(bank_store.build_draft())
            broken = [r for r in results if not r.passed and r.case.pk in passing]
            if not broken:
                return response  # kept: the transaction commits
            transaction.set_rollback(True)
        bank_store.forget()
        forget_messages(request)
        context = {
            "cases_failing": failing_cases(results, passing),
            "cases_total": len(results),
            "resubmit": resubmitted(request),
            "action": request.get_full_path(),
            "back": back,
            "deleting": verb == "Delete",
            "pending": True,
            "confirm": CONFIRM,
        }
        if verb == "Delete":
            title = ngettext(
                "Delete anyway? This would break %(count)d founder case",
                "Delete anyway? This would break %(count)d founder cases",
                len(broken),
            )
        else:
            title = ngettext(
                "Save anyway? This would break %(count)d founder case",
                "Save anyway? This would break %(count)d founder cases",
                len(broken),
            )
        title %= {"count": len(broken)}
        return page_response(self, request, "admin/advisor/confirm_cases.html", title, context)


class EffectCheckMixin(CaseGuardMixin):
    """The change page's "Check the effect on past results first": past results and
    founder cases scored with the unsaved edit, and nothing saved."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or REPLAY not in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The admin's own save, not the guarded one: this one is always rolled back.
        view = super(CaseGuardMixin, self).changeform_view
        response, bank = tried(lambda: view(request, object_id, form_url, extra_context))
        if bank is None:
            return response  # the form, with what is wrong with it
        forget_messages(request)
        # Scored after the rollback: `bank` is plain data, and founders' writes need not wait.
        before = bank_store.build_draft()
        passing = passing_case_ids(before)
        results = cases.cases_check(bank)
        failing = failing_cases(results, passing)
        context = {
            "cases_total": len(results),
            "cases_failing": failing,
            "pending": True,
            "resubmit": resubmitted(request),
            "action": request.get_full_path(),
            "confirm": CONFIRM if any(f["new"] for f in failing) else "",
            "reread": explanations_to_reread(before, bank),
            "decided": rules_deciding(before, bank),
        }
        title = str(EDIT_TITLE)  # plain text: a job carries it
        if not background.replay_is_quick():
            # Many results: a job scores them with the edited bank, carried as plain data.
            job = background.replay_start(bank=bank, context=context, title=title)
            return see_other(reverse("admin:advisor_replay_job", args=[job.pk]))
        context |= {"report": replay(bank), "roles": {r.slug: r for r in bank.roles}}
        return page_response(self, request, "admin/advisor/replay.html", title, context)
