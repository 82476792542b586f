"""The results this browser made, and one it was shown to compare with: pointers kept in
the session (a signed cookie), never the results themselves. A browser that made a result
is its owner; the landing page lists its latest ones."""

from __future__ import annotations

RECENT_RESULTS = 5  # results a browser's landing page lists


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
