"""Pages rendered once and reused: wizard steps (with each browser's CSRF token put in
afterwards) and result pages (which never change).

Every key carries the render version, which changes whenever a deploy could change how
a page renders: the project's templates, code and static manifest, and the installed
packages that render pages.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import zlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation

WIZARD_PAGE_SECONDS = 60 * 60
RESULT_PAGE_SECONDS = 60 * 60
CSRF_MARK = "csrf-token-goes-here"  # stands in for the token in pages rendered once
RENDERING_PACKAGES = (
    "Django",
    "django-crispy-forms",
    "crispy-bootstrap5",
    "django-htmx",
    "django-template-partials",
)


@functools.cache
def render_version() -> str:
    """Changes whenever a deploy could change how a page renders."""
    digest = hashlib.sha256()
    for package in RENDERING_PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    manifest = Path(settings.STATIC_ROOT, "staticfiles.json")
    if manifest.exists():
        digest.update(manifest.read_bytes())
    for template in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        digest.update(template.read_bytes())
    for module in sorted(Path(settings.BASE_DIR, "advisor").rglob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def _key(prefix: str, parts: str) -> str:
    signed = hmac.new(
        settings.SECRET_KEY.encode(), f"{parts}|{render_version()}".encode(), "sha256"
    )
    return f"{prefix}:{signed.hexdigest()[:32]}"


def wizard_page(request, name: str, context: Callable[[], dict], depends_on) -> str:
    """A wizard page that depends only on `depends_on`, rendered once for everyone; this
    browser's CSRF token is put in afterwards. Pages in a frame (another script prefix,
    see advisor/outreach/embed.py) are kept apart from the site's own, and each language's
    from the others'."""
    where = f"{get_script_prefix()}|{translation.get_language()}"
    key = _key("page", f"{where}|{name}|{depends_on!r}")
    content = cache.get(key)
    if content is None:
        content = render_to_string(name, {**context(), "csrf_token": CSRF_MARK}, request)
        cache.set(key, content, WIZARD_PAGE_SECONDS)
    return csrf_fill(request, content)


def csrf_fill(request, content):
    """A page rendered once with CSRF_MARK for its token, made this browser's."""
    if isinstance(content, bytes):
        return content.replace(CSRF_MARK.encode(), get_token(request).encode())
    return content.replace(CSRF_MARK, get_token(request))


def result_etag(variant: str) -> str:
    return _key("result", variant).split(":", 1)[1]


def result_get(etag: str):
    cached = cache.get(f"result:{etag}")
    if cached is None:
        return None
    status, packed, modified = cached
    return status, zlib.decompress(packed), modified


def result_set(etag: str, value) -> None:
    # Kept compressed: a result page with its cost panel is tens of kilobytes of HTML,
    # and each worker keeps hundreds of them.
    status, content, modified = value
    cache.set(f"result:{etag}", (status, zlib.compress(content, 1), modified), RESULT_PAGE_SECONDS)
