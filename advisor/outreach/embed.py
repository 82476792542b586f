"""The advisor inside another site's page: every founder page is also served under
`/embed/`, and only there may the sites in `EMBED_ORIGINS` frame it.

`EmbedMiddleware` takes the prefix off before URLs are resolved and makes it the script
prefix while the page is made, so every link, redirect and pushed URL the page gives
stays inside the frame, and the page cache keeps embedded pages apart. On the way out it
lets the allowed sites frame the page (CSP `frame-ancestors`; no X-Frame-Options) and
makes each cookie the page sets `SameSite=None; Secure; Partitioned` (CHIPS): browsers
that block third-party cookies still keep those, for this parent site only, so the draft
and the CSRF token survive in the frame. Every other page keeps refusing all frames.
"""

from __future__ import annotations

from http.cookies import Morsel
from urllib.parse import urlsplit

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import get_script_prefix, reverse, set_script_prefix, set_urlconf

PREFIX = "embed"
URLCONF = "advisor.urls_embed"
PAGE_MAX = 300  # characters of an embedding page's address kept (origin and path)


class PartitionedMorsel(Morsel):
    """A cookie with the `Partitioned` attribute, which Python's Morsel does not know yet."""

    def OutputString(self, attrs=None):  # noqa: N802 (Morsel's own name)
        return f"{super().OutputString(attrs)}; Partitioned"


def partition_cookies(response) -> None:
    for name, morsel in list(response.cookies.items()):
        cookie = PartitionedMorsel()
        cookie.set(morsel.key, morsel.value, morsel.coded_value)
        cookie.update(dict(morsel))
        cookie["samesite"] = "None"
        cookie["secure"] = True  # browsers take Secure cookies from http://localhost too
        dict.__setitem__(response.cookies, name, cookie)


def allow_framing(request, response) -> None:
    """The allowed sites, and only they, may frame this response."""
    response.headers.pop("X-Frame-Options", None)
    origins = list(settings.EMBED_ORIGINS)
    if "Content-Security-Policy" in response:
        nonce = getattr(request, "_csp_nonce", None)
        policy = build_policy(replace={"frame-ancestors": origins}, nonce=nonce)
    else:  # a response the policy skipped (a debug error page): still no other site
        policy = f"frame-ancestors {' '.join(origins)}"
    response["Content-Security-Policy"] = policy


class EmbedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.embed = False
        path = request.path_info
        embedded = path == f"/{PREFIX}" or path.startswith(f"/{PREFIX}/")
        if not embedded or not settings.EMBED_ORIGINS:
            # With no site allowed, /embed/ is just a path the site does not have: a 404
            # that, like every other page, refuses frames.
            return self.get_response(request)
        if path == f"/{PREFIX}":
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        request.embed = True
        request.path_info = path[len(PREFIX) + 1 :]
        request.urlconf = URLCONF
        outer = get_script_prefix()
        set_script_prefix(f"{outer}{PREFIX}/")
        try:
            response = self.get_response(request)
        finally:
            set_script_prefix(outer)
            set_urlconf(None)
        allow_framing(request, response)
        partition_cookies(response)
        response["X-Robots-Tag"] = "noindex"
        return response


def is_embedded(request) -> bool:
    return getattr(request, "embed", False)


def outside(path: str) -> str:
    """A path reversed while making an embedded page, as the site serves it outside the
    frame: for a new tab or an email."""
    prefix = get_script_prefix()
    inner = f"/{PREFIX}/"
    if prefix.endswith(inner) and path.startswith(prefix):
        return prefix[: -len(inner) + 1] + path[len(prefix) :]
    return path


def site_url(request, path: str) -> str:
    """The absolute address of `path` outside any frame: for an email or a webhook."""
    return request.build_absolute_uri(outside(path))


def origin_of(address: str) -> str:
    """`scheme://host[:port]` of an address, or "" when it is not an http(s) address."""
    try:
        parts = urlsplit(address.strip())
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def embedding_page(request) -> tuple[str, str]:
    """(origin, path) of the page showing this frame, when that site may: from the `page`
    the embed script passes, else the origin the browser's Referer gives. Never a query
    string or fragment, which may carry personal data."""
    page = request.GET.get("page", "")[:2000]
    origin = origin_of(page)
    if origin in settings.EMBED_ORIGINS:
        path = urlsplit(page).path or "/"
        return origin, path[: PAGE_MAX - len(origin)]
    origin = origin_of(request.headers.get("Referer", ""))
    if origin in settings.EMBED_ORIGINS:
        return origin, ""
    return "", ""


def context(request) -> dict:
    """For base.html: an embedded page drops the site's header and tells its frame script
    which parent sites it may talk to."""
    if not is_embedded(request):
        return {"embedded": False}
    return {
        "embedded": True,
        "embed_origins": " ".join(settings.EMBED_ORIGINS),
        "privacy_url": outside(reverse("privacy")),
        "site_wizard_url": outside(reverse("wizard")),
    }
