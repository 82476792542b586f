"""The result page: the first hire and how sure, what decided it, each answer and which
way it pointed, the rules that applied and the roles compared."""

from __future__ import annotations

from advisor.scoring import CONFIDENCES

COMPARISON_ROWS = (
    ("core_work", "Core work"),
    ("typical_stack", "Typical stack"),
    ("data_need", "Data need"),
    ("time_to_first_value", "Time to first value"),
    ("owns_in_production", "Owns in production"),
    ("best_when", "Best when"),
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
    counts = [
        {"role": roles[slug], "count": n} for slug, n in outcome["counts"].items() if slug in roles
    ]
    flips = [
        {**f, "role": roles[f["first_hire"]], "words": CONFIDENCES[f["confidence"]].lower()}
        for f in snapshot["flips"]
    ]
    return {
        "roles": snapshot["roles"],
        "first": first,
        "later": later,
        "best_fit": best_fit,
        "second": next((r for r in snapshot["roles"] if r["slug"] != first["slug"]), None),
        "confidence": confidence,
        "confidence_words": CONFIDENCES[confidence],
        "specialist": outcome["specialist"],
        "basis": outcome["basis"],
        "headline": _headline(snapshot, roles),
        "confidence_sentence": _confidence_sentence(snapshot, roles),
        "counts_words": counts_words(snapshot, roles),
        "counts": counts,
        "counted_total": len(counted),
        "neither_count": len(counted) - sum(outcome["counts"].values()),
        # value needed in days or weeks: an in-house search of months does not fit
        "in_a_hurry": answers.get("time-to-value", {}).get("choice") == "days-weeks",
        "not_counted": [a for a in snapshot["answers"] if not a["counted"]],
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
        "flips": flips,
        "comparison": [
            {"label": label, "cells": [(r, r[field]) for r in snapshot["roles"]]}
            for field, label in COMPARISON_ROWS
        ],
    }


def _headline(snapshot: dict, roles: dict) -> str:
    """The one-line reason: what decided the call."""
    outcome, rules = snapshot["outcome"], snapshot["rules"]
    first = roles[outcome["first_hire"]]
    if rules["held_back"]:
        return rules["held_back"][0]["title"]
    if outcome["basis"] in ("core", "tie-break") and rules["decided"]:
        return rules["decided"]["title"]
    if outcome["basis"] == "default":
        return snapshot["default_rule"]
    n = outcome["counts"].get(first["slug"], 0)
    total = sum(outcome["counts"].values())
    return f"{n} of your {total} deciding answers point to the {first['name']}."


def counts_words(snapshot: dict, roles: dict) -> str:
    """How many counted answers point each way, e.g. "5 of the 7 counted answers point to
    the AI engineer, 1 to the ML engineer; 2 were “not sure” and not counted"."""
    outcome = snapshot["outcome"]
    counted = [a for a in snapshot["answers"] if a["counted"]]
    ranked = sorted(outcome["counts"].items(), key=lambda item: -item[1])
    parts = []
    for i, (slug, n) in enumerate(ranked):
        name = roles[slug]["short_name"]
        if i == 0:
            parts.append(f"{n} of the {len(counted)} counted answers point to the {name}")
        else:
            parts.append(f"{n or 'none'} to the {name}")
    text = ", ".join(parts) if counted else "no answer was counted"
    unsure = len(snapshot["answers"]) - len(counted)
    if unsure:
        text += f"; {unsure} {'was' if unsure == 1 else 'were'} “not sure” and not counted"
    return text


def _confidence_sentence(snapshot: dict, roles: dict) -> str:
    """How sure, in words: what decided it and how the counted answers point."""
    outcome, rules = snapshot["outcome"], snapshot["rules"]
    first, best_fit = roles[outcome["first_hire"]], roles[outcome["best_fit"]]
    counts = counts_words(snapshot, roles)
    if outcome["confidence"] == "held-back":
        return (
            f"in the long run the answers point to the {best_fit['name']}, but it cannot "
            f"deliver yet, so the {first['name']} goes first ({counts})."
        )
    if outcome["basis"] == "core":
        checks = "; the points below are worth checking" if outcome["confidence"] == "lean" else ""
        return f"both core questions of the article's checklist point this way{checks} ({counts})."
    if outcome["basis"] == "tie-break" and rules["decided"]:
        return f"the answers balance ({counts}). {rules['decided']['message']}"
    if outcome["basis"] == "default":
        return f"the answers balance ({counts}). {snapshot['default_rule']}"
    return f"{counts}."


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
