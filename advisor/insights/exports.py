"""CSV rows for the admin's exports: completed results and contact requests, header first,
streamed from the database a chunk at a time; and the one writer every CSV goes through,
which keeps a cell from being read as a formula by a spreadsheet."""

from __future__ import annotations

import csv

from django.db.models import Case, When
from django.db.models.fields.json import KeyTransform

from advisor.advice.bank import Bank
from advisor.bank.answer_sets import answers_from_key
from advisor.models import source_label
from advisor.results.snapshots import snapshot_answers

SOURCE_COLUMNS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
CHUNK = 500  # export rows held at once: each is its outcome (about a kilobyte), no snapshot
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"); such a cell is written with a single quote in front, which shows as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """`value` as a spreadsheet will take it for text: a string that starts like a formula
    gets a leading single quote. Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose rows never carry a formula: every project CSV is written by it."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row):
        return self._writer.writerow([cell(value) for value in row])


def export_header(bank: Bank) -> list[str]:
    roles = list(bank.role_slugs)
    return (
        ["token", "completed_at", "recommendation", "confidence", "later_hire"]
        + [f"score_{r}" for r in roles]
        + [f"share_{r}" for r in roles]
        + [q.slug for q in bank.questions]
        + ["other_answers"]
        + ["source", *SOURCE_COLUMNS, "referrer", "embedded_on"]
        + ["language"]
    )


def export_rows(queryset, bank: Bank):
    """CSV rows for completed assessments, header first, streamed from the database.

    Each row reads the result's answer set and only the outcome part of its snapshot
    (the database extracts it), never the whole snapshot into Python."""
    roles = list(bank.role_slugs)
    slugs = [q.slug for q in bank.questions]
    yield export_header(bank)
    rows = queryset.annotate(
        outcome=KeyTransform("outcome", "snapshot"),
        # only for results not yet given an answer set: the database skips it otherwise
        unkeyed=Case(When(answer_set__isnull=True, then=KeyTransform("answers", "snapshot"))),
    ).values_list(
        "token",
        "completed_at",
        "language",
        "recommendation",
        "confidence",
        "answer_set__answers",
        "outcome",
        "unkeyed",
        "attribution__embedded",
        "attribution__embed_origin",
        "attribution__embed_path",
        "attribution__referrer",
        *(f"attribution__{f}" for f in SOURCE_COLUMNS),
    )
    for row in rows.iterator(chunk_size=CHUNK):
        token, at, language, recommendation, confidence, key, outcome, unkeyed, *source = row
        embedded, origin, path, referrer, *utm = (value or "" for value in source)
        outcome = outcome or {}
        if key is not None:
            answers = answers_from_key(key)
        else:
            answers = snapshot_answers({"answers": unkeyed or []})
        other = "; ".join(f"{q}={c}" for q, c in sorted(answers.items()) if q not in slugs)
        yield (
            [token, at.isoformat(), recommendation, confidence, outcome.get("later_hire", "")]
            + [outcome.get("scores", {}).get(r, "") for r in roles]
            + [outcome.get("shares", {}).get(r, "") for r in roles]
            + [answers.get(slug, "") for slug in slugs]
            + [other]
            + [source_label(utm[0], origin, referrer, bool(embedded)), *utm, referrer]
            + [origin + path]
            + [language]
        )


def contact_rows(queryset):
    """CSV rows for contact requests, header first, streamed from the database."""
    yield [
        "requested_at",
        "name",
        "email",
        "consent_text",
        "result_token",
        "recommendation",
        "confidence",
        "source",
    ]
    rows = queryset.values_list(
        "consented_at",
        "name",
        "email",
        "consent_text",
        "assessment__token",
        "assessment__recommendation",
        "assessment__confidence",
        "assessment__attribution__utm_source",
        "assessment__attribution__embed_origin",
        "assessment__attribution__referrer",
        "assessment__attribution__embedded",
    )
    for at, name, email, consent, token, recommendation, confidence, *source in rows.iterator(
        chunk_size=CHUNK
    ):
        utm, origin, referrer, embedded = (value or "" for value in source)
        label = source_label(utm, origin, referrer, bool(embedded))
        yield [at.isoformat(), name, email, consent, token, recommendation, confidence, label]
