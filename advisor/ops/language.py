"""The founder's language: English at `/`, Spanish at `/es/`, German at `/de/`.

A page's language is the one in its address, so a link opens in the language it was
shared in. Only the landing page looks further: a browser that prefers Spanish or German
(its `Accept-Language`), with no language chosen here before, is sent to that language's
landing page. The switcher on every founder page goes through `switch`, which remembers
the choice in a cookie and opens the same page in the other language, so a founder keeps
their place in the wizard.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

CODES = tuple(code for code, _ in settings.LANGUAGES)


def path_in(path: str, code: str) -> str:
    """`path` (any language's) as it is in language `code`; unchanged when it is no
    founder page."""
    current = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(current):
        return translate_url(path, code)


def switch_links(request) -> list[dict]:
    """The switcher's links: each language this page can be read in (a view may narrow
    them, as a result does to its bank version's), with the address that opens it."""
    here = request.get_full_path()
    current = translation.get_language()
    offered = getattr(request, "languages", CODES)
    return [
        {"code": code, "name": name, "current": code == current, "next": here}
        for code, name in settings.LANGUAGES
        if code in offered or code == current
    ]


def name_of(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def switch(request, code: str):
    """Remember `code` as the founder's language and open `next` in it."""
    if code not in CODES:
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    parts = urlsplit(target)
    path = path_in(parts.path or "/", code)
    response = HttpResponseRedirect(path + (f"?{parts.query}" if parts.query else ""))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )
    return response


@cache
def admin_root() -> str | None:
    """Where the admin's pages start (worked out once); None where no admin is served."""
    try:
        return reverse("admin:index", urlconf=settings.ROOT_URLCONF)
    except NoReverseMatch:
        return None


class LanguageMiddleware(LocaleMiddleware):
    """Django's, and: the English landing page sends a browser that prefers another of
    our languages there, unless this browser chose a language here before; the admin
    speaks the language the browser asks for (or the one chosen here)."""

    def process_request(self, request):
        super().process_request(request)
        admin = admin_root()
        if admin and request.path.startswith(admin):
            # The admin has no language in its address: it speaks the browser's language.
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        if request.path_info != "/" or request.method not in ("GET", "HEAD"):
            return None
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in CODES:
            preferred = chosen
        else:
            preferred = translation.get_language_from_request(request)
        request._language_negotiated = True
        if preferred != settings.LANGUAGE_CODE and preferred in CODES:
            query = request.META.get("QUERY_STRING", "")
            target = f"{request.path}{preferred}/" + (f"?{query}" if query else "")
            response = HttpResponseRedirect(target)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if getattr(request, "_language_negotiated", False):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
