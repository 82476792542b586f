"""A founder's draft: found, started, attached to this browser's session and discarded.

The session (a signed cookie) holds only the draft's token; answers live in the database.
The results a browser made are remembered by `results.remembered`; the funnel's first
step is counted by `insights.funnel`. Functions are named `<entity>_<action>`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from advisor.advice.bank import Bank
from advisor.models import Answer, Assessment
from advisor.ops import throttle
from advisor.outreach import attribution

DRAFT_ANSWERS_SQL = (
    f"SELECT a.assessment_id, a.question_id, a.choice_id FROM {Answer._meta.db_table} a "
    f"JOIN {Assessment._meta.db_table} s ON s.id = a.assessment_id "
    "WHERE s.token = %s AND s.completed_at IS NULL"
)


def draft_get(*, request) -> Assessment | None:
    token = request.session.get("draft")
    if not token:
        return None
    return Assessment.objects.drafts().filter(token=token).first()


def draft_find(*, request, bank: Bank) -> tuple[Assessment | None, dict[str, str]]:
    """The browser's draft and its answers, in one query: a draft gets its first answer
    when it is made, so its answers tell whether it exists."""
    token = request.session.get("draft")
    if not token:
        return None, {}
    # Plain SQL: this runs on every wizard request, and building the ORM query for it
    # cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute(DRAFT_ANSWERS_SQL, [token])
        rows = cursor.fetchall()
    if not rows:
        return draft_get(request=request), {}
    draft = Assessment(pk=rows[0][0], token=token)
    return draft, bank.answers_from_ids((question, choice) for _, question, choice in rows)


def draft_start(*, session, client: str, embedded: bool) -> Assessment:
    """A new draft for the browser of `session`, which keeps where it came from until now;
    `client` is the keyed hash of its address (`throttle.client_of`), `embedded` whether
    it answers in another site's frame. Raises throttle.Limited past DRAFTS_PER_HOUR."""
    if not throttle.allow(f"draft:{client}", settings.DRAFTS_PER_HOUR, throttle.HOUR):
        raise throttle.Limited(
            _("This connection has started many sets of answers in the last hour. Try again later.")
        )
    draft = Assessment.objects.create()
    arrival = session.pop(attribution.SESSION_KEY, None) or {}
    attribution.attribution_record(draft=draft, arrival=arrival, embedded=embedded)
    draft_attach(session=session, draft=draft)
    return draft


def draft_attach(*, session, draft: Assessment) -> None:
    """Make `draft` the draft of the browser with this session, replacing (and deleting)
    any other."""
    old = session.get("draft")
    if old and old != draft.token:
        Assessment.objects.drafts().filter(token=old).delete()
    session["draft"] = draft.token
    session.pop("completed", None)


def draft_discard(*, request) -> None:
    """Start again: the draft and its answers are deleted."""
    draft = draft_get(request=request)
    if draft:
        draft.delete()
    request.session.pop("draft", None)
    request.session.pop("completed", None)
