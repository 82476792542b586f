"""Team decisions: start one, join through the invite link, the team page, settling a
disagreement, revoking the invite.

Members answer blind: until they have finished, the team page shows only who has."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from advisor.bank import store as bank_store
from advisor.models import Assessment, Team
from advisor.ops import throttle
from advisor.ops.responses import noindex, see_other, too_many
from advisor.outreach import embed
from advisor.results import presenters, remembered
from advisor.teams import services as teams
from advisor.teams.forms import TeamJoinForm, TeamStartForm
from advisor.wizard import assessments


def _team(token: str) -> Team:
    team = (
        Team.objects.filter(token=token)
        .prefetch_related("members__assessment")
        .select_related("result")
        .first()
    )
    if team is None:
        raise Http404(gettext_noop("No team decision has this link."))
    return team


def _own_result(request) -> Assessment | None:
    """The result a team is started from: only one this browser made."""
    token = request.POST.get("from", "") or request.GET.get("from", "")
    if not token or not remembered.result_owned(request=request, token=token):
        return None
    return assessments.result_get(token)


@require_http_methods(["GET", "POST"])
def team_new(request):
    """ "Decide with a co-founder": name the decision and yourself, then invite the others."""
    result = _own_result(request)
    form = TeamStartForm(request.POST if "name" in request.POST else None)
    if request.method == "POST" and form.is_valid():
        try:
            team = teams.team_start(
                session=request.session,
                client=throttle.client_of(request),
                name=form.cleaned_data["name"],
                member_name=form.cleaned_data["member_name"],
                result=result,
            )
        except throttle.Limited as limited:
            return too_many(request, str(limited))
        return see_other(reverse("team", args=[team.token]))
    status = 422 if form.is_bound else 200
    context = {"form": form, "result": result}
    return noindex(render(request, "advisor/team_new.html", context, status=status))


@require_http_methods(["GET", "POST"])
def team_join(request, invite):
    team = Team.objects.filter(invite_token=invite).prefetch_related("members").first()
    if team is None:
        raise Http404(gettext_noop("No team decision has this invite link."))
    member = teams.team_member_of(session=request.session, team=team)
    if member is not None:
        return see_other(reverse("team", args=[team.token]))
    form = TeamJoinForm(request.POST or None)
    error = ""
    if team.invite_revoked_at is not None:
        error = _("This invite link has been revoked: ask whoever sent it for a new one.")
    elif request.method == "POST" and form.is_valid():
        try:
            teams.team_join(
                session=request.session,
                client=throttle.client_of(request),
                team=team,
                member_name=form.cleaned_data["member_name"],
            )
        except teams.TeamClosed as closed:
            error = str(closed)
        except throttle.Limited as limited:
            return too_many(request, str(limited))
        else:
            return see_other(reverse("wizard"))
    status = 403 if error else 422 if form.is_bound else 200
    context = {"team": team, "form": form, "error": error}
    return noindex(render(request, "advisor/team_join.html", context, status=status))


@require_http_methods(["GET"])
def team(request, token):
    """What the team knows: who has answered and, for members who have, the team's call
    or what to settle before it has one."""
    team = _team(token)
    member = teams.team_member_of(session=request.session, team=team)
    finished = teams.team_members_finished(team)
    context = {
        "team": team,
        "member": member,
        "starter": teams.team_is_starter(session=request.session, team=team),
        "finished": finished,
        # The site's own address, also when the team was started inside a frame.
        "invite_url": embed.site_url(request, reverse("team_join", args=[team.invite_token])),
    }
    # Blind until you have answered: seeing the others first would anchor your answers.
    if member is not None and member.finished and len(finished) >= 2:
        bank = bank_store.get()
        advice = teams.team_advice_for(team=team, bank=bank)
        view = presenters.team_view(bank, advice, finished)
        view["columns"] = [
            {"label": m["name"], "url": reverse("result", args=[m["token"]])}
            for m in view["members"]
        ]
        context["advice"] = view
    return noindex(render(request, "advisor/team.html", context))


@require_POST
def team_settle(request, token):
    team = _team(token)
    member = teams.team_member_of(session=request.session, team=team)
    if member is None or not member.finished:
        raise Http404(gettext_noop("Only members who have answered can settle a question."))
    bank = bank_store.get()
    question = bank.question(request.POST.get("question", ""))
    choice = question and question.choice(request.POST.get("choice", ""))
    if not choice:
        messages.error(request, _("Pick one of the answers to settle that question."))
        return see_other(reverse("team", args=[team.token]) + "#disagreements")
    teams.team_settle(team=team, question=question.slug, choice=choice.slug, bank=bank)
    messages.success(
        request,
        _("You settled “%(question)s” as “%(answer)s”.")
        % {"question": question.text, "answer": choice.label},
    )
    return see_other(reverse("team", args=[team.token]))


@require_POST
def team_revoke(request, token):
    team = _team(token)
    if not teams.team_is_starter(session=request.session, team=team):
        raise Http404(
            gettext_noop("Only whoever started the team decision can revoke its invite link.")
        )
    teams.team_invite_revoke(team=team)
    messages.info(request, _("The invite link no longer lets anyone join."))
    return see_other(reverse("team", args=[team.token]))
