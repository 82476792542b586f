"""Every stored result in the current snapshot schema (version 4), so one template and one
cost engine render them all.

A result keeps its facts: its answers, first hire, how sure, reasons, the rules that
applied and the rates its figures come from. What changes is only their shape:

- version 1 → 2: answers say which kind of question they answer and that they were
  counted (version 1 had no "not sure"); the answers that held the best fit back and
  those that called for caution become rules named after the answer, with the answer's
  own explanation; a result held back reads "first, for now", as its page always said;
  the counts are those of the answers' own pulls.
- version 2 → 3: the two US cost rates per role (in-house and dedicated offshore) become a
  cost book: the US in-house, the offshore vendor's specialists, the rates, weeks to hire
  and source notes as they were, with nothing added on top (an in-house figure there was
  already fully loaded).
- version 3 → 4: the same data; only the page it rendered on differed.

The upgrade is written out here, not imported, so that it stays what it was whatever the
app's code becomes. It reads and writes results in batches, newest schema untouched.
"""

from __future__ import annotations

import hashlib
import json

from django.db import migrations
from django.db.models import Q

CURRENT = 4
BATCH = 500
CORE = ("general-model-fit", "model-role")
LEVERS = ("training-data", "production-ownership", "time-to-value")
# The article's table: time to first value once the hire is at full speed, in weeks.
TIMES_TO_VALUE = {
    "ai-engineer": (1, 4, "Days to weeks"),
    "ml-engineer": (4, 26, "Weeks to months"),
}


def _kind(question: str) -> str:
    return "core" if question in CORE else "lever" if question in LEVERS else "fact"


def _answer_rule(answer: dict, kind: str) -> dict:
    return {
        "slug": f"{answer['question']}={answer['choice']}",
        "kind": kind,
        "title": f"“{answer['choice_label']}” to “{answer['question_text']}”",
        "message": answer["explanation"],
    }


def v1_to_v2(snapshot: dict) -> dict:
    answers = [
        {**a, "kind": a.get("kind") or _kind(a["question"]), "counted": a.get("counted", True)}
        for a in snapshot["answers"]
    ]
    by_question = {a["question"]: a for a in answers}
    outcome = snapshot["outcome"]
    held = [by_question[q] for q in outcome.get("held_back_by", []) if q in by_question]
    cautions = [by_question[q] for q in outcome.get("cautions", []) if q in by_question]
    roles = [{"first_rule": "", **r} for r in snapshot["roles"]]
    first = next((r for r in roles if r["slug"] == outcome["first_hire"]), None)
    flips = []
    for flip in snapshot.get("flips", []):
        # Version 1 held a result back by leaving no gap; otherwise it said only that
        # the role would be ahead, never how sure.
        kinds = {_kind(c["question"]) for c in flip["changes"]}
        flips.append(
            {
                "changes": flip["changes"],
                "first_hire": flip["first_hire"],
                "confidence": flip.get("confidence")
                or ("held-back" if not flip.get("gap") else "lean"),
                "share": flip.get("share", flip.get("gap", 0)),
                "kind": "lever" if kinds == {"lever"} else "core" if "core" in kinds else "fact",
            }
        )
    return {
        "version": 2,
        "roles": roles,
        "default_role": "",
        "default_rule": "",
        "rates": snapshot.get("rates", []),
        "answers": answers,
        "outcome": {
            "scores": outcome["scores"],
            "shares": outcome["shares"],
            "counts": {
                r["slug"]: sum(1 for a in answers if a["counted"] and a["favours"] == r["slug"])
                for r in roles
            },
            "best_fit": outcome["best_fit"],
            "first_hire": outcome["first_hire"],
            "gap": outcome["gap"],
            "confidence": "held-back" if held else outcome["confidence"],
            "basis": "answers",
            "later_hire": outcome.get("later_hire", ""),
            "specialist": "now",
            "reasons": outcome["reasons"],
        },
        "rules": {
            "decided": None,
            "held_back": [_answer_rule(a, "hold-back") for a in held],
            "cautions": [_answer_rule(a, "caution") for a in cautions],
            "contradictions": [],
            "constraints": [],
            "not_yet": None,
        },
        "later_triggers": [],
        "job_description": (first or {}).get("job_description", ""),
        "flips": flips,
    }


def _book(rates: list[dict]) -> dict:
    regions = {"in-house": ("us", "US"), "offshore": ("offshore", "the vendor's countries")}
    terms, pay = {}, []
    for rate in rates:
        region, name = regions[rate["sourcing"]]
        earlier = terms.get(rate["sourcing"])
        weeks = max(rate["weeks_to_hire"], int(earlier["weeks_to_hire"]) if earlier else 0)
        terms[rate["sourcing"]] = {
            "region": region,
            "engagement": rate["sourcing"],
            "on_costs": "0",
            "recruiting_share": "0",
            "recruiting_fee": "0",
            "equipment": "0",
            "weeks_to_hire": str(weeks),
            "ramp_up_weeks": "0",
            "source_note": (
                "As this result was made: the figures are the whole cost, with nothing "
                "added on top, and the time to hire the article's."
            ),
            "as_of": rate["as_of"],
            "estimate": False,
            "hire_time_estimate": False,
        }
        for seniority in ("mid", "senior"):
            pay.append(
                {
                    "role": rate["role"],
                    "region": region,
                    "engagement": rate["sourcing"],
                    "seniority": seniority,
                    "unit": rate["unit"],
                    "low": rate["low"],
                    "high": rate["high"],
                    "loaded": rate["unit"] == "month",
                    "starting": rate["unit"] == "hour",
                    "source_note": rate["source_note"],
                    "as_of": rate["as_of"],
                    "estimate": rate["estimate"],
                }
            )
    used = [regions[s] for s in ("in-house", "offshore") if s in terms]
    data = {
        "regions": [{"slug": slug, "name": name} for slug, name in used],
        "terms": list(terms.values()),
        "rates": pay,
        "currencies": [
            {"code": "USD", "symbol": "$", "per_usd": "1", "as_of": "", "source_note": ""}
        ],
        "times_to_value": [
            {"role": role, "low_weeks": low, "high_weeks": high, "words": words}
            for role, (low, high, words) in TIMES_TO_VALUE.items()
        ],
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return {**data, "digest": hashlib.sha256(text.encode()).hexdigest()[:16]}


def v2_to_v3(snapshot: dict) -> dict:
    upgraded = {k: v for k, v in snapshot.items() if k != "rates"}
    return {
        **upgraded,
        "version": 3,
        "bank_version": None,
        "costs": _book(snapshot.get("rates", [])),
        "came_from": None,
    }


def v3_to_v4(snapshot: dict) -> dict:
    return {**snapshot, "version": 4}


STEPS = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4}


def upgrade(snapshot: dict) -> dict:
    """A stored snapshot of any earlier version, in the schema of version 4."""
    while snapshot.get("version", 1) < CURRENT:
        snapshot = STEPS[snapshot.get("version", 1)](snapshot)
    return snapshot


def forwards(apps, schema_editor):
    Assessment = apps.get_model("advisor", "Assessment")
    older = Assessment.objects.filter(snapshot__isnull=False).filter(
        Q(snapshot__version__lt=CURRENT) | Q(snapshot__version__isnull=True)
    )
    while True:
        batch = list(older.order_by("pk").only("pk", "snapshot", "confidence")[:BATCH])
        if not batch:
            break
        for assessment in batch:
            assessment.snapshot = upgrade(assessment.snapshot)
            assessment.confidence = assessment.snapshot["outcome"]["confidence"]
        Assessment.objects.bulk_update(batch, ["snapshot", "confidence"])


class Migration(migrations.Migration):
    dependencies = [("advisor", "0013_cost_rows_active")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
