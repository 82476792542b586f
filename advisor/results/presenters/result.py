"""The result page: the first hire and how sure, what decided it, each answer and which
way it pointed, the rules that applied and the roles compared."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from advisor.advice.scoring import CONFIDENCES

COMPARISON_ROWS = (
    ("core_work", _("Core work")),
    ("typical_stack", _("Typical stack")),
    ("data_need", _("Data need")),
    ("time_to_first_value", _("Time to first value")),
    ("owns_in_production", _("Owns in production")),
    ("best_when", _("Best when")),
)


def verdict_of(outcome: dict) -> str:
    """The one verdict; snapshots made before verdicts were stored derive it."""
    if outcome.get("verdict"):
        return outcome["verdict"]
    if outcome.get("specialist") == "not-yet":
        return "no-specialist"
    if outcome["confidence"] == "toss-up":
        return "find-out"
    return outcome["first_hire"]


def _verdict_words(snapshot: dict, roles: dict, verdict: str) -> dict:
    """The verdict's own heading, page title and share preview."""
    first = roles[snapshot["outcome"]["first_hire"]]
    if verdict == "no-specialist":
        title = "No specialist yet: your engineers can ship it"
        summary = (
            f"Ship it on a hosted model with the engineers you have; hire the {first['name']} "
            "when AI features become a line of work of their own."
        )
        return {"eyebrow": "", "heading": "No specialist yet", "title": title, "summary": summary}
    if verdict == "find-out":
        settle = snapshot.get("settle") or []
        if settle:
            asks = " and ".join(f"“{s['question_text']}”" for s in settle)
            summary = f"A toss-up that turns on {asks}: find that out before you hire."
        else:
            summary = (
                "A toss-up: your answers pull both ways. Check the points below before you hire."
            )
        names = " or ".join(r["name"] for r in snapshot["roles"])
        return {
            "eyebrow": "",
            "heading": "Find out first",
            "title": f"Find out first: {names}",
            "summary": summary,
        }
    return {
        "eyebrow": "hire first",
        "heading": first["name"],
        "title": f"Hire {first['name']} first",
        "summary": "",
    }


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
        "verdict_words": _verdict_words(snapshot, roles, verdict),
        "settle": [
            {
                **s,
                "leads": [
                    {**lead, "words": _lead_words(lead, roles)} for lead in s.get("leads", [])
                ],
            }
            for s in snapshot.get("settle") or []
        ],
        "basis": outcome["basis"],
        "headline": _headline(snapshot, roles),
        "confidence_sentence": _confidence_sentence(snapshot, roles),
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
        "flips": flips,
        "comparison": [
            {"label": label, "cells": [(r, r[field]) for r in snapshot["roles"]]}
            for field, label in COMPARISON_ROWS
        ],
    }


def _lead_words(lead: dict, roles: dict) -> str:
    verdict = lead.get("verdict") or lead["first_hire"]
    if verdict == "no-specialist":
        return "no specialist yet: your engineers ship it"
    if verdict == "find-out" or lead["confidence"] == "toss-up":
        return "still a toss-up"
    name = roles[lead["first_hire"]]["name"]
    if lead["confidence"] == "held-back":
        return f"the {name} first, for now"
    return f"the {name} first, {CONFIDENCES[lead['confidence']].lower()}"


def _counted(snapshot: dict) -> list[dict]:
    return [a for a in snapshot["answers"] if a["counted"]]


def _headline(snapshot: dict, roles: dict) -> str:
    """The one-line reason: what decided the call."""
    outcome, rules = snapshot["outcome"], snapshot["rules"]
    first = roles[outcome["first_hire"]]
    if rules.get("not_yet") and verdict_of(outcome) == "no-specialist":
        return rules["not_yet"]["title"]
    if rules["held_back"]:
        return rules["held_back"][0]["title"]
    if outcome["basis"] == "core" and rules["decided"]:
        return rules["decided"]["title"]
    if outcome["confidence"] == "toss-up":
        return "Neither role is ahead enough to call it."
    n = outcome["counts"].get(first["slug"], 0)
    return f"{n} of the {len(_counted(snapshot))} counted answers point to the {first['name']}."


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


def _balance(snapshot: dict) -> bool:
    """Whether the counted answers balance: the counts within one of each other."""
    counts = list(snapshot["outcome"]["counts"].values())
    return bool(counts) and max(counts) - min(counts) <= 1


def _confidence_sentence(snapshot: dict, roles: dict) -> str:
    """How sure, in words that agree with the numbers: what decided it, and the counts."""
    outcome, rules = snapshot["outcome"], snapshot["rules"]
    first, best_fit = roles[outcome["first_hire"]], roles[outcome["best_fit"]]
    counts = counts_words(snapshot, roles)
    turns = [
        a["question_text"]
        for a in snapshot["answers"]
        if a["question"] in outcome.get("turns_on", [])
    ]
    leader = max(outcome["counts"], key=lambda r: outcome["counts"][r], default="")
    more = [r for r, n in outcome["counts"].items() if n == outcome["counts"].get(leader)]
    weighed = (
        f" The count favours the {roles[leader]['short_name']}, but the two core questions "
        "weigh more than the others."
        if leader
        and len(more) == 1
        and leader != best_fit["slug"]
        and outcome["basis"] != "tie-break"
        and outcome["confidence"] != "toss-up"
        else ""
    )
    later = roles.get(outcome.get("later_hire"))
    if outcome["confidence"] == "held-back" and best_fit == first and later:
        return (
            f"neither role is far enough ahead, and the {later['name']} cannot deliver yet, "
            f"so the {first['name']} goes first ({counts})."
        )
    if outcome["confidence"] == "held-back":
        return (
            f"in the long run the answers point to the {best_fit['name']}, but it cannot "
            f"deliver yet, so the {first['name']} goes first ({counts}).{weighed}"
        )
    if outcome["confidence"] == "toss-up":
        if turns:
            why = "the call turns on " + " and ".join(f"“{t}”" for t in turns)
        elif _balance(snapshot):
            why = "the answers balance"
        else:
            why = "the weighted answers leave neither role far enough ahead"
        if outcome["basis"] == "tie-break" and rules["decided"]:
            settled = rules["decided"]["message"]
        elif outcome["basis"] == "default":
            settled = snapshot["default_rule"]
        else:
            settled = f"Until then the {first['name']} is the nearer call."
        return f"{why} ({counts}). {settled}"
    if outcome["basis"] == "core":
        checks = "; the points below are worth checking" if outcome["confidence"] == "lean" else ""
        return (
            f"both core questions of the article's checklist point this way{checks} "
            f"({counts}).{weighed}"
        )
    return f"{counts}; the weighted answers put the {first['name']} ahead.{weighed}"


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


def flip_sentence(flip: dict, role: dict) -> str:
    """What would change the answer, as a sentence: “If your answer to “Do you have data…”
    were “Yes — a large, labeled…”, the Machine Learning Engineer would go first (a clear
    call).” Two answers: “If your answer to “A” were “x” and to “B” “y”, …”."""
    first, *more = flip["changes"]
    answered = f"your answer to “{first['question_text']}” were “{first['choice_label']}”"
    answered += "".join(f" and to “{c['question_text']}” “{c['choice_label']}”" for c in more)
    name = role["name"]
    words = CONFIDENCES[flip["confidence"]].lower()
    outcome = {
        "toss-up": f"it would be a toss-up, settled for the {name}",
        "held-back": f"the {name} would go first, for now",
        "lean": f"the {name} would probably go first",
    }.get(flip["confidence"], f"the {name} would go first ({words})")
    return f"If {answered}, {outcome}."
