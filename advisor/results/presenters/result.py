"""The result page: the first hire and how sure, what decided it, each answer and which
way it pointed, the rules that applied and the roles compared."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from advisor.advice.scoring import CONFIDENCES
from advisor.results.presenters.changes import flip_sentence
from advisor.results.presenters.sentences import (  # noqa: F401 (counts_words)
    changes_words,
    confidence_sentence,
    counts_words,
    description,
    headline,
    lead_words,
    verdict_of,
    verdict_words,
)

COMPARISON_ROWS = (
    ("core_work", _("Core work")),
    ("typical_stack", _("Typical stack")),
    ("data_need", _("Data need")),
    ("time_to_first_value", _("Time to first value")),
    ("owns_in_production", _("Owns in production")),
    ("best_when", _("Best when")),
)


def result_view(snapshot: dict) -> dict:
    roles = {r["slug"]: r for r in snapshot["roles"]}
    outcome = snapshot["outcome"]
    rules = snapshot["rules"]
    first = roles[outcome["first_hire"]]
    best_fit = roles[outcome["best_fit"]]
    later = roles.get(outcome["later_hire"])
    answers = {a["question"]: a for a in snapshot["answers"]}
    counted = [a for a in snapshot["answers"] if a["counted"]]
    confidence = outcome["confidence"]
    verdict = verdict_of(outcome)
    counts = [
        {"role": roles[slug], "count": n} for slug, n in outcome["counts"].items() if slug in roles
    ]
    flips = [{**f, "sentence": flip_sentence(f, roles[f["first_hire"]])} for f in snapshot["flips"]]
    return {
        "roles": snapshot["roles"],
        "first": first,
        "later": later,
        "best_fit": best_fit,
        "second": next((r for r in snapshot["roles"] if r["slug"] != first["slug"]), None),
        "confidence": confidence,
        "confidence_words": CONFIDENCES[confidence],
        "specialist": outcome["specialist"],
        "verdict": verdict,
        "verdict_words": verdict_words(snapshot, roles, verdict),
        "description": description(first, confidence),
        "settle": [
            {
                **s,
                "leads": [
                    {**lead, "words": lead_words(lead, roles)} for lead in s.get("leads", [])
                ],
            }
            for s in snapshot.get("settle") or []
        ],
        "basis": outcome["basis"],
        "headline": headline(snapshot, roles),
        "confidence_sentence": confidence_sentence(snapshot, roles),
        "counts_words": counts_words(snapshot, roles),
        "counts": counts,
        "counted_total": len(counted),
        "neither_count": len(counted) - sum(outcome["counts"].values()),
        # value needed in days or weeks: an in-house search of months does not fit
        "in_a_hurry": answers.get("time-to-value", {}).get("choice") == "days-weeks",
        # still open, unless the card already says how to settle it
        "not_counted": [
            a
            for a in snapshot["answers"]
            if not a["counted"]
            and a["question"] not in {q["question"] for q in snapshot.get("settle") or []}
        ],
        "bars": [
            {"role": roles[slug], "share": share}
            for slug, share in outcome["shares"].items()
            if slug in roles
        ],
        "reasons": [answers[slug] for slug in outcome["reasons"] if slug in answers],
        "answer_rows": _answer_rows(snapshot, roles),
        "decided": rules["decided"],
        "held_back": rules["held_back"],
        "cautions": rules["cautions"],
        "contradictions": rules["contradictions"],
        "constraints": rules["constraints"],
        "not_yet": rules["not_yet"],
        "later_triggers": snapshot["later_triggers"],
        "job_description": snapshot["job_description"],
        "came_from": snapshot.get("came_from"),
        "came_from_changes": changes_words(snapshot.get("came_from")),
        "flips": flips,
        "comparison": [
            {"label": label, "cells": [(r, r[field]) for r in snapshot["roles"]]}
            for field, label in COMPARISON_ROWS
        ],
    }


def _answer_rows(snapshot: dict, roles: dict) -> list[dict]:
    """Each answer with which way it pointed and how strongly, relative to the strongest."""
    top = max((a["strength"] for a in snapshot["answers"]), default=0) or 1
    return [
        {
            **a,
            "favours_role": roles.get(a["favours"]),
            "width": round(100 * a["strength"] / top),
        }
        for a in snapshot["answers"]
    ]
