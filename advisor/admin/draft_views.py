"""The admin's pages that try the draft question bank out before it is published: past
results and founder cases replayed with it (here or as a job, then the job's page), and the
wizard and a result page previewed with it, nothing stored."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.admin import background
from advisor.admin.pages import admin_page, job_page
from advisor.advice import cases, scoring
from advisor.advice.navigation import Navigation
from advisor.bank import store as bank_store
from advisor.bank.replay import Replay
from advisor.bank.replay import replay as replay_results
from advisor.costs import presenter as cost_presenter
from advisor.costs.forms import CostForm
from advisor.models import Assessment, Job
from advisor.ops.responses import see_other
from advisor.results import presenters
from advisor.results.snapshots import snapshot_build

PREVIEW_TOKEN = "preview-not-stored"
REPLAY_TITLE = gettext_lazy("Replay past results with the current question bank")
EDIT_TITLE = gettext_lazy("What your changes would do to past results")


def failing_cases(results: list[cases.CaseResult], passing_before: set[int]) -> list[dict]:
    """The cases a bank gets wrong, each marked new when it passed before; plain data, so
    a job's page can show them too."""
    return [
        {
            "result": {
                "case": {"pk": r.case.pk, "name": r.case.name},
                "expected": r.expected,
                "got": r.got,
                "problems": list(r.problems),
            },
            "new": r.case.pk in passing_before,
        }
        for r in results
        if not r.passed
    ]


def replay_roles(bank) -> dict:
    """The bank's roles by slug, for the replay report's names."""
    return {r.slug: r for r in bank.roles}


@admin_page("admin/advisor/replay.html", REPLAY_TITLE)
def replay(model_admin, request):
    """Past results and founder cases scored again with the question bank as it is now:
    here when there are few results, else as a job whose page this redirects to."""
    bank = bank_store.build_draft()
    results = cases.cases_check(bank)
    context = {
        "cases_total": len(results),
        "cases_failing": failing_cases(results, set()),
        "pending": False,
    }
    if not background.replay_is_quick():
        job = background.replay_start(bank=bank, context=context, title=str(REPLAY_TITLE))
        return see_other(reverse("admin:advisor_replay_job", args=[job.pk]))
    return {**context, "report": replay_results(bank), "roles": replay_roles(bank)}


@admin_page("admin/advisor/replay.html")
def replay_job(model_admin, request, job_id: int):
    """A replay running as a job, then its report."""
    job = get_object_or_404(Job, pk=job_id, kind=background.REPLAY)
    report = Replay.from_data(job.result) if job.status == Job.DONE else None
    return {
        **job.payload["context"],
        **job_page(job, _("answer sets scored")),
        # The title in the reader's language: an edit's effect, or the bank as it is.
        "title": EDIT_TITLE if job.payload["context"].get("pending") else REPLAY_TITLE,
        "report": report,
        "roles": replay_roles(background.replay_bank(job)),
    }


@admin_page("admin/advisor/preview.html", gettext_lazy("Preview the wizard"))
def preview(model_admin, request):
    """Every step as founders see it; answer them to see the outcome. Nothing is stored."""
    bank = bank_store.build_draft()
    answers = {
        q.slug: request.GET[q.slug] for q in bank.questions if q.choice(request.GET.get(q.slug, ""))
    }
    outcome = scoring.score(bank, answers) if answers else None
    return {
        "steps": bank.asked(answers),
        "all_questions": bank.questions,
        "answers": answers,
        "outcome": outcome and outcome_in_words(bank, outcome, scoring.flips(bank, answers)),
        "complete": Navigation(bank, answers, lambda slug, change: "", "", "").complete,
        "points_by_choice": {
            f"{q.slug}:{c.slug}": ", ".join(
                f"{r.short_name} +{c.points.get(r.slug, 0)}" for r in bank.roles
            )
            for q in bank.questions
            for c in q.choices
        },
    }


def outcome_in_words(bank, outcome, flips) -> dict:
    """What a founder with these answers gets, in the words of the result page."""
    names = {r.slug: r.name for r in bank.roles}
    titles = {r.slug: r.title or r.slug for r in bank.rules}

    def answer(q_slug: str, c_slug: str) -> str:
        question = bank.question(q_slug)
        choice = question.choice(c_slug) if question else None
        return f"“{question.text}” → “{choice.label}”" if choice else f"{q_slug} → {c_slug}"

    return {
        "first_hire": names.get(outcome.first_hire, outcome.first_hire),
        "how_sure": scoring.CONFIDENCES.get(outcome.confidence, outcome.confidence),
        "later_hire": names.get(outcome.later_hire, "") if outcome.later_hire else "",
        "shares": [(names.get(s, s), share) for s, share in outcome.shares.items()],
        "held_back_by": [titles.get(slug, slug) for slug in outcome.held_back_by],
        "flips": [
            {
                "answers": _(" and ").join(answer(q, c) for q, c in flip.changes),
                "first_hire": names.get(flip.first_hire, flip.first_hire),
            }
            for flip in flips
        ],
    }


@admin_page()
def preview_result(model_admin, request):
    """The founder's real result page for these answers with the draft bank, marked as a
    preview; nothing is stored."""
    bank = bank_store.build_draft()
    answers = {
        q.slug: request.GET[q.slug] for q in bank.questions if q.choice(request.GET.get(q.slug, ""))
    }
    navigation = Navigation(bank, answers, lambda slug, change: "", "", "")
    if not navigation.complete:
        return HttpResponseBadRequest(
            _("Answer every question asked before previewing the result.")
        )
    snapshot = snapshot_build(bank, answers)
    book = presenters.book_of(snapshot)
    form = CostForm(
        None,
        book=book,
        action=request.path,
        offer_today=False,
        default_compare=cost_presenter.default_compare(book),
    )
    context = {
        "assessment": Assessment(
            token=PREVIEW_TOKEN, completed_at=timezone.now(), snapshot=snapshot
        ),
        "result": presenters.result_view(snapshot),
        "costs": presenters.cost_view(snapshot, book, **form.values(), todays_rates=False),
        "form": form,
        "share_url": request.build_absolute_uri(),
        "owner": True,
        "preview": True,
    }
    return render(request, presenters.TEMPLATE, context)
