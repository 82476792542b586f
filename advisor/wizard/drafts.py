"""A founder's draft and what their browser's session remembers.

The session (a signed cookie) holds only pointers: the draft's token, the last result
and a few recent results. Answers live in the database. Every function here takes the
request and keyword arguments, and is named `<entity>_<action>`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from advisor.advice.bank import Bank
from advisor.insights import funnel
from advisor.models import Answer, Assessment
from advisor.ops import throttle
from advisor.ops.database import best_effort
from advisor.outreach import attribution

RECENT_RESULTS = 5  # results a browser's landing page lists
STARTED_COOKIE = "advisor_started"  # set once a browser has been counted at the first step
STARTED_COOKIE_AGE = 90 * 24 * 60 * 60
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
            "This connection has started many sets of answers in the last hour. Try again later."
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


def result_remember(*, request, token: str, role: str = "", day: str = "") -> None:
    """This browser made the result: it is its owner, and lists it on the landing page."""
    request.session.pop("draft", None)
    request.session["completed"] = token
    earlier = [r for r in results_recent(request=request) if r["token"] != token]
    recent = [{"token": token, "role": role, "day": day}, *earlier]
    request.session["results"] = recent[:RECENT_RESULTS]


def result_last(*, request) -> str:
    """The token of the result this browser's draft just became, if any."""
    return request.session.get("draft") or request.session.get("completed") or ""


def result_finished(*, request) -> str:
    """The result this browser finished last, while it has no draft in progress."""
    if request.session.get("draft"):
        return ""
    return request.session.get("completed", "")


def results_recent(*, request) -> list[dict]:
    """{token, role, day} of this browser's latest results, newest first."""
    return [
        item if isinstance(item, dict) else {"token": item, "role": "", "day": ""}
        for item in request.session.get("results", [])
    ]


def result_owned(*, request, token: str) -> bool:
    return any(r["token"] == token for r in results_recent(request=request))


def compare_remember(*, request, token: str) -> None:
    """Someone shown this result answers for themselves: compare the two at the end.
    A result this browser finished earlier no longer stands in the way of a new run."""
    request.session["compare_with"] = token
    request.session.pop("completed", None)


def compare_pending(*, request) -> bool:
    """Whether these answers end beside a result someone shared."""
    return bool(request.session.get("compare_with"))


def compare_take(*, request) -> str:
    return request.session.pop("compare_with", "")


def start_count(*, request) -> bool:
    """The top of the funnel: count this browser once, with a cookie rather than a
    session write. True when the response must set the cookie."""
    if STARTED_COOKIE in request.COOKIES:
        return False
    # Analytics only: a full disk or a read-only database must not cost the founder the
    # page. Without the cookie this browser is counted on its next first-step visit.
    with best_effort("The wizard start"):
        funnel.count_start()
        return True
    return False


def start_cookie_set(*, response) -> None:
    response.set_cookie(
        STARTED_COOKIE,
        "1",
        max_age=STARTED_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
