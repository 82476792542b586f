"""Where founders come from: the campaign (utm_* parameters), the site that sent them (its
origin only) and, in a frame, the page that showed the advisor.

A founder's first page remembers it in their session; it is recorded once, with the
draft, when they answer their first question, and stays with the result. Bounded lengths,
no query strings or paths of referring sites, and no value that holds an email address.
"""

from __future__ import annotations

from advisor.models import Assessment, Attribution
from advisor.outreach import embed

SESSION_KEY = "arrival"
UTM_MAX = 100
ORIGIN_MAX = 200


def _clean(value: str) -> str:
    value = "".join(ch for ch in value if ch.isprintable()).strip()
    # An address in a campaign parameter (mailing tools put them there) is personal data.
    return "" if "@" in value else value[:UTM_MAX]


def arrival_of(request) -> dict:
    """Where this request says the founder came from; {} unless it is a way in: campaign
    parameters, or a first request from another site (in a frame: from the parent page)."""
    arrival = {}
    for name in Attribution.UTM_FIELDS:
        if value := _clean(request.GET.get(name, "")):
            arrival[name] = value
    own = f"{request.scheme}://{request.get_host()}".lower()
    if embed.is_embedded(request):
        origin, path = embed.embedding_page(request)
        if origin:
            arrival.update(embedded=True, embed_origin=origin, embed_path=path)
        # The page's own referrer, as the embed script passes it (an origin).
        referrer = embed.origin_of(request.GET.get("ref", ""))
    else:
        referrer = embed.origin_of(request.headers.get("Referer", ""))
    if referrer and referrer != own:
        arrival["referrer"] = referrer[:ORIGIN_MAX]
    return arrival


def arrival_remember(*, request) -> None:
    """Keep where this founder came from, until their draft starts. A founder already
    answering keeps the source they started with."""
    if request.method != "GET" or request.session.get("draft"):
        return
    arrival = arrival_of(request)
    if arrival and request.session.get(SESSION_KEY) != arrival:
        request.session[SESSION_KEY] = arrival


def attribution_record(*, draft: Assessment, arrival: dict, embedded: bool) -> Attribution | None:
    """Store where the founder came from (`arrival`, as `arrival_of` noted it) with the
    draft they have just started; `embedded`: they answer in another site's frame."""
    arrival = dict(arrival)
    if embedded:
        arrival["embedded"] = True
    if not arrival:
        return None
    known = {f.name for f in Attribution._meta.get_fields()} - {"id", "assessment"}
    fields = {k: v for k, v in arrival.items() if k in known}
    return Attribution.objects.create(assessment=draft, **fields)
