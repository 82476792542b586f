"""Turn a result's snapshot into what its page shows. No database access.

Results render with the presentation of the snapshot version they were made with:
version 1 through `result_v1`, version 2 through `result_v2`, version 3 here, its costs
through `cost_presenter`.
"""

from __future__ import annotations

from advisor import cost_presenter, costs, result_v1, result_v2

COMPARISON_ROWS = result_v1.COMPARISON_ROWS
CONFIDENCE_WORDS = {
    "clear": "A clear call",
    "lean": "A lean",
    "toss-up": "A toss-up",
    "held-back": "First, for now",
}
TEMPLATES = {
    1: "advisor/result_v1.html",
    2: "advisor/result_v2.html",
    3: "advisor/result.html",
}


def version_of(snapshot: dict) -> int:
    return snapshot.get("version", 1)


def template_for(snapshot: dict) -> str:
    return TEMPLATES.get(version_of(snapshot), TEMPLATES[max(TEMPLATES)])


def book_of(snapshot: dict) -> costs.Book:
    """The rates, terms and exchange rates a result was made with (version 3 on)."""
    return costs.book_from_data(snapshot.get("costs", {}))


def costs_changed(snapshot: dict, todays_digest: str) -> bool:
    """Whether the rates have changed since the result was made."""
    return snapshot.get("costs", {}).get("digest") != todays_digest


def cost_view(snapshot: dict, book: costs.Book | None = None, **inputs) -> dict:
    """The cost panel: for version 3 on, from `book` (the result's own unless today's
    rates are asked for); before that, as those results always showed it."""
    version = version_of(snapshot)
    if version == 1:
        return result_v1.cost_view(snapshot, **inputs)
    if version == 2:
        return result_v2.cost_view(snapshot, **inputs)
    return cost_presenter.cost_view(snapshot, book or book_of(snapshot), **inputs)


def result_view(snapshot: dict) -> dict:
    if version_of(snapshot) == 1:
        return result_v1.result_view(snapshot)
    if version_of(snapshot) == 2:
        return result_v2.result_view(snapshot)
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
        {**f, "role": roles[f["first_hire"]], "words": CONFIDENCE_WORDS[f["confidence"]].lower()}
        for f in snapshot["flips"]
    ]
    return {
        "version": version_of(snapshot),
        "roles": snapshot["roles"],
        "first": first,
        "later": later,
        "best_fit": best_fit,
        "second": next((r for r in snapshot["roles"] if r["slug"] != first["slug"]), None),
        "confidence": confidence,
        "confidence_words": CONFIDENCE_WORDS[confidence],
        "specialist": outcome["specialist"],
        "basis": outcome["basis"],
        "headline": _headline(snapshot, roles),
        "confidence_sentence": _confidence_sentence(snapshot, roles),
        "counts_words": counts_words(snapshot, roles),
        "counts": counts,
        "counted_total": len(counted),
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


def compare_view(left: dict, right: dict, *, deciding: set[str] = frozenset()) -> dict:
    """Two results side by side, each answer marked where the two differ, and more
    strongly where the difference alone would change a result's first hire."""
    left_answers = {a["question"]: a for a in left["answers"]}
    right_answers = {a["question"]: a for a in right["answers"]}
    order = [a["question"] for a in left["answers"]]
    order += [a["question"] for a in right["answers"] if a["question"] not in left_answers]
    rows = []
    for slug in order:
        a, b = left_answers.get(slug), right_answers.get(slug)
        differs = (a or {}).get("choice") != (b or {}).get("choice")
        rows.append(
            {
                "question_text": (a or b)["question_text"],
                "cells": [(a or {}).get("choice_label"), (b or {}).get("choice_label")],
                "differs": differs,
                "decides": differs and slug in deciding,
            }
        )
    left_view, right_view = result_view(left), result_view(right)
    return {
        "left": left_view,
        "right": right_view,
        "rows": rows,
        "differences": sum(r["differs"] for r in rows),
        "deciding": [r for r in rows if r["decides"]],
        "same_hire": left_view["first"]["slug"] == right_view["first"]["slug"],
        "sides": [left_view, right_view],
        "costs": [card_costs(left), card_costs(right)],
    }


def team_view(bank, advice, finished) -> dict:
    """The team page: each member's first hire, the answers side by side (the same rows
    as the compare page), what decides the hire and what to settle first."""
    roles = {r.slug: r for r in bank.roles}
    members = [
        {
            "name": m.name,
            "token": m.assessment.token,
            "first": roles.get(m.assessment.recommendation),
            "confidence_words": CONFIDENCE_WORDS.get(m.assessment.confidence, ""),
        }
        for m in finished
    ]
    answers = [{a["question"]: a for a in m.assessment.snapshot["answers"]} for m in finished]
    by_question = {d.question: d for d in advice.disagreements}
    rows = []
    for question in bank.questions:
        cells = [a.get(question.slug, {}).get("choice_label") for a in answers]
        if not any(cells):
            continue
        disagreement = by_question.get(question.slug)
        settled = question.choice(advice.settled.get(question.slug, ""))
        rows.append(
            {
                "slug": question.slug,
                "question_text": question.text,
                "cells": cells,
                "differs": disagreement is not None,
                "decides": bool(disagreement and disagreement.decides),
                "settled": settled.label if settled else "",
                "options": [c for c in question.choices if not c.neutral],
            }
        )

    # What decides the hire first, then the other differences, then what all agree on.
    rows.sort(key=lambda row: (not row["decides"], not row["differs"]))

    def ways(disagreement) -> list[dict]:
        question = bank.question(disagreement.question)
        return [
            {
                "names": names,
                "label": question.choice(choice).label,
                "role": roles[disagreement.leads_to[choice]],
            }
            for choice, names in disagreement.by_choice.items()
        ]

    return {
        "members": members,
        "rows": rows,
        "first": roles[advice.outcome.first_hire],
        "confidence_words": CONFIDENCE_WORDS[advice.outcome.confidence],
        "deciding": [
            {"question": bank.question(d.question), "ways": ways(d)} for d in advice.deciding
        ],
        "agenda": [{"question": bank.question(d.question), "ways": ways(d)} for d in advice.agenda],
        "agreed": [
            (bank.question(q), bank.question(q).choice(c)) for q, c in advice.agreed.items()
        ],
        "open": len(advice.disagreements),
    }


def card_costs(snapshot: dict) -> list[dict]:
    """The first hire's monthly cost in-house and offshore, and the wrong hire, with the
    cost panel's defaults: what the result's summary card shows before any input."""
    if version_of(snapshot) >= 3:
        book = book_of(snapshot)
        option = (
            ("us", "in-house")
            if book.offers("us", "in-house")
            else next(iter(book.options), ("", ""))
        )
        view = cost_presenter.cost_view(
            snapshot,
            book,
            option=option,
            seniority="senior",
            compare=[],
            show="all",
            hours=40,
            months=12,
            currency="USD",
        )
        return view.get("summary", [])
    view = result_v1.cost_view(snapshot, hours_per_week=40, months=12)
    first = snapshot["outcome"]["first_hire"]
    items = []
    for row in view["rows"]:
        if row.role["slug"] != first:
            continue
        low, high = row.estimate.monthly_low, row.estimate.monthly_high
        text = f"${low:,}" if low == high else f"${low:,}–${high:,}"
        text = f"from {text}" if row.rate.unit == "hour" else text
        items.append(
            {
                "label": row.sourcing_label[:1].upper() + row.sourcing_label[1:],
                "value": cost_presenter.Shown(f"{text} a month", row.rate.estimate),
            }
        )
    wrong = view["mishire"]
    if wrong:
        wrong_rate = next(r for r in view["rows"] if r.role["slug"] == wrong.wrong_role)
        text = f"${wrong.low:,}" if wrong.low == wrong.high else f"${wrong.low:,}–${wrong.high:,}"
        items.append(
            {
                "label": "The wrong hire",
                "value": cost_presenter.Shown(f"about {text}", wrong_rate.rate.estimate),
            }
        )
    return items
