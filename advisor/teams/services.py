"""Writes for team decisions: start one, join it, finish answering, settle a
disagreement into a team result, revoke the invite link.

A browser's session remembers which teams it belongs to ({team token: member id}) and
which team it is answering for; nothing else about a member is kept but the name they give.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor.advice.bank import Bank
from advisor.advice.team_advice import Member, TeamAdvice, team_advice
from advisor.bank.answer_sets import answer_set_id
from advisor.models import Assessment, Team, TeamMember
from advisor.ops import throttle
from advisor.results.snapshots import snapshot_answers, snapshot_build


class TeamClosed(Exception):
    """The invite link was revoked, or the team is full: the message says which."""


def _limit(client: str) -> None:
    if not throttle.allow(f"team:{client}", settings.TEAMS_PER_HOUR, throttle.HOUR):
        raise throttle.Limited(
            _(
                "This connection has started or joined many team decisions in the last hour. "
                "Try again later."
            )
        )


def _remember(session, member: TeamMember, *, answering: bool) -> None:
    session["teams"] = {**session.get("teams", {}), member.team.token: member.pk}
    if answering:
        session["team_answering"] = member.team.token
        session.pop("completed", None)  # a fresh run, not "you have finished"


def team_start(
    *, session, client: str, name: str, member_name: str, result: Assessment | None = None
) -> Team:
    """A new team with its starter as the first member; with `result` (the starter's own),
    the starter's answers are that result's. `session` is the starter's browser session,
    `client` the keyed hash of their address (`throttle.client_of`)."""
    _limit(client)
    with transaction.atomic():
        team = Team.objects.create(name=name)
        member = TeamMember.objects.create(team=team, name=member_name, assessment=result)
    _remember(session, member, answering=result is None)
    return team


def team_join(*, session, client: str, team: Team, member_name: str) -> TeamMember:
    if team.invite_revoked_at is not None:
        raise TeamClosed(_("This invite link has been revoked: ask for a new one."))
    _limit(client)
    with transaction.atomic():
        locked = Team.objects.select_for_update().get(pk=team.pk)
        if locked.members.count() >= Team.MAX_MEMBERS:
            most = Team.MAX_MEMBERS
            raise TeamClosed(
                ngettext(
                    "This team already has %(count)d member.",
                    "This team already has %(count)d members.",
                    most,
                )
                % {"count": most}
            )
        member = TeamMember.objects.create(team=locked, name=member_name)
    _remember(session, member, answering=True)
    return member


def team_member_of(*, session, team: Team) -> TeamMember | None:
    member_id = session.get("teams", {}).get(team.token)
    if member_id is None:
        return None
    return next((m for m in team.members.all() if m.pk == member_id), None)


def team_is_starter(*, session, team: Team) -> bool:
    member = team_member_of(session=session, team=team)
    first = team.members.all()[:1]
    return member is not None and bool(first) and first[0].pk == member.pk


def team_member_finish(*, session, assessment: Assessment) -> Team | None:
    """A member answering for a team has made their result: it becomes their answers."""
    token = session.pop("team_answering", "")
    member_id = session.get("teams", {}).get(token)
    if not token or member_id is None:
        return None
    updated = TeamMember.objects.filter(pk=member_id, team__token=token).update(
        assessment=assessment
    )
    return Team.objects.filter(token=token).first() if updated else None


def team_of_result(*, session, token: str) -> Team | None:
    """The team this browser answered for with the result `token`, if any: looked up
    among the few teams the session belongs to."""
    member_ids = list(session.get("teams", {}).values())
    if not member_ids:
        return None
    member = (
        TeamMember.objects.filter(pk__in=member_ids, assessment__token=token)
        .select_related("team")
        .first()
    )
    return member.team if member else None


def team_members_finished(team: Team) -> list[TeamMember]:
    return [m for m in team.members.all() if m.finished]


def team_advice_for(*, team: Team, bank: Bank) -> TeamAdvice:
    members = [
        Member(m.name, {a["question"]: a["choice"] for a in m.assessment.snapshot["answers"]})
        for m in team_members_finished(team)
    ]
    return team_advice(bank, members, team.settled)


def team_settle(*, team: Team, question: str, choice: str, bank: Bank) -> Assessment:
    """The team picks its answer to a question; its result is made again from what it
    agrees on and has settled, as a new permanent result."""
    with transaction.atomic():
        locked = Team.objects.select_for_update().get(pk=team.pk)
        locked.settled = {**locked.settled, question: choice}
        team.settled = locked.settled
        advice = team_advice_for(team=team, bank=bank)
        snapshot = snapshot_build(bank, advice.answers)
        result = Assessment.objects.create(
            completed_at=timezone.now(),
            recommendation=snapshot["outcome"]["first_hire"],
            confidence=snapshot["outcome"]["confidence"],
            snapshot=snapshot,
            answer_set_id=answer_set_id(snapshot_answers(snapshot)),
            bank_version=bank.version or None,
            language=snapshot.get("language", "en"),
        )
        locked.result = result
        locked.save(update_fields=["settled", "result"])
    team.result = result
    return result


def team_invite_revoke(*, team: Team) -> None:
    Team.objects.filter(pk=team.pk, invite_revoked_at__isnull=True).update(
        invite_revoked_at=timezone.now()
    )
