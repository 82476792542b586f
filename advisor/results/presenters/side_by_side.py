"""Answers side by side: two results on the compare page, and a team's members on the team
page, each answer marked where they differ and where the difference decides the hire."""

from __future__ import annotations

from django.utils.translation import pgettext

from advisor.advice.scoring import CONFIDENCES
from advisor.results.presenters.compare_words import compare_sentences
from advisor.results.presenters.costs import card_costs
from advisor.results.presenters.result import result_view


def compare_view(
    left: dict,
    right: dict,
    *,
    deciding: set[str] = frozenset(),
    names: tuple[str, str] | None = None,
    yours: bool = False,
) -> dict:
    """Two results side by side, each answer marked where the two differ, and more
    strongly where the difference alone would change a result's first hire; with what
    that adds up to in sentences (`names` call the two results in them)."""
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
    context = "a result, named in a sentence of the compare page"
    names = names or (pgettext(context, "the first result"), pgettext(context, "the second result"))
    deciding_rows = [r for r in rows if r["decides"]]
    sentences = compare_sentences(
        left_view,
        right_view,
        names=names,
        yours=yours,
        differences=sum(r["differs"] for r in rows),
        deciding=[r["question_text"] for r in deciding_rows],
    )
    return {
        "headline": sentences[0],
        "sentences": sentences[1:],
        "left": left_view,
        "right": right_view,
        "rows": rows,
        "differences": sum(r["differs"] for r in rows),
        "deciding": deciding_rows,
        "same_hire": left_view["first"]["slug"] == right_view["first"]["slug"],
        "sides": [left_view, right_view],
        "costs": [card_costs(left), card_costs(right)],
    }


def team_view(bank, advice, finished) -> dict:
    """The team page: each member's first hire, whether the team has a call yet, each
    disagreement once (with the article's guidance and what each answer would mean), and
    the answers side by side (the same rows as the compare page)."""
    roles = {r.slug: r for r in bank.roles}
    members = [
        {
            "name": m.name,
            "token": m.assessment.token,
            "first": roles.get(m.assessment.recommendation),
            "confidence_words": CONFIDENCES.get(m.assessment.confidence, ""),
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
        rows.append(
            {
                "question_text": question.text,
                "cells": cells,
                "differs": disagreement is not None,
                "decides": bool(disagreement and disagreement.decides),
            }
        )
    # What decides the hire first, then the other differences, then what all agree on.
    rows.sort(key=lambda row: (not row["decides"], not row["differs"]))

    def item(disagreement) -> dict:
        question = bank.question(disagreement.question)
        return {
            "question": question,
            "decides": disagreement.decides,
            "role": roles[next(iter(disagreement.leads_to.values()))],
            "ways": [
                {
                    "names": names,
                    "label": question.choice(choice).label,
                    "role": roles[disagreement.leads_to[choice]],
                }
                for choice, names in disagreement.by_choice.items()
            ],
            "options": [c for c in question.choices if not c.neutral],
        }

    to_settle = {d.question for d in advice.to_settle}
    settled = [(bank.question(q), bank.question(q).choice(c)) for q, c in advice.settled.items()]
    return {
        "members": members,
        "rows": rows,
        "decided": advice.decided,
        "first": roles[advice.outcome.first_hire],
        "confidence_words": CONFIDENCES[advice.outcome.confidence],
        "to_settle": [item(d) for d in advice.to_settle],
        "others": [item(d) for d in advice.disagreements if d.question not in to_settle],
        "settled": settled,
        "open": len(advice.disagreements),
    }
