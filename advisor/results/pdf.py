"""A result as a PDF of at most two A4 pages, to attach to an email or a board deck: the
first hire, how sure, the reasons, the costs for the chosen settings and the permanent link.

Rendered on the server with WeasyPrint, once per result and cost settings: the file is
kept in PDF_DIR and served from there, so a burst of downloads costs one rendering. While
one request renders a file, others asking for the same one get "preparing" and a refresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from advisor.costs import presenter as cost_presenter
from advisor.costs.forms import CostForm
from advisor.results import presenters

VERSION = 1  # bump when the PDF's layout changes: files made before are not served
STALE_SECONDS = 120  # a rendering left unfinished this long (a crashed worker) is redone


class BadSettings(ValueError):
    """The cost settings in the link are not valid: the message says which and why."""


def pdf_costs(snapshot: dict, query, bank) -> tuple[dict, str]:
    """The cost panel for `query` (the result page's own settings) and a key naming it."""
    changed = presenters.costs_changed(snapshot, bank.cost_digest)
    todays = changed and bool(query.get("today"))
    book = bank.cost_book if todays else presenters.book_of(snapshot)
    form = CostForm(
        query or None,
        book=book,
        action="",
        offer_today=changed,
        default_compare=cost_presenter.default_compare(book),
    )
    if form.is_bound and not form.is_valid():
        problems = " ".join(str(e[0]) for e in form.errors.values())
        raise BadSettings(
            _("These cost settings cannot be used: %(problems)s") % {"problems": problems}
        )
    inputs = form.values()
    costs = presenters.cost_view(snapshot, book, **inputs, todays_rates=todays)
    # The PDF is in the page's language: each language is its own file.
    language = translation.get_language()
    key = json.dumps([inputs, todays and bank.cost_digest, language], sort_keys=True, default=str)
    return costs, key


def pdf_render(*, snapshot: dict, costs: dict, url: str, title: str = "") -> bytes:
    from weasyprint import HTML  # a heavy import, only where a PDF is made

    context = {"result": presenters.result_view(snapshot), "costs": costs, "url": url}
    html = render_to_string("advisor/result_pdf.html", {**context, "title": title})
    return HTML(string=html).write_pdf()


def pdf_path(token: str, key: str) -> Path:
    digest = hashlib.sha256(f"{VERSION}|{token}|{key}".encode()).hexdigest()[:32]
    return Path(settings.PDF_DIR) / f"{digest}.pdf"


def pdf_file(path: Path, render, *, wait: bool = False) -> Path | None:
    """The PDF at `path`, rendered with `render()` if it is not there yet; None while
    another request is rendering it (unless `wait`: then render it here too)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    try:
        fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        if not wait and time.time() - _mtime(part) < STALE_SECONDS:
            return None
        fd = os.open(part, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(render())
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    _prune(path.parent)
    return path


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _prune(folder: Path) -> None:
    """Keep at most PDF_FILES files: the oldest go first (they are made again if asked)."""
    files = list(folder.glob("*.pdf"))
    if len(files) <= settings.PDF_FILES:
        return
    files.sort(key=_mtime)
    for old in files[: len(files) - settings.PDF_FILES]:
        old.unlink(missing_ok=True)
