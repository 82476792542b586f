"""The snapshot a completed assessment renders from: everything its page shows, as plain
JSON, worked out once when the result is made so later edits never change it.

`version` names the snapshot's schema. When it changes, a data migration upgrades every
stored snapshot to the new one (see `migrations/0014_upgrade_snapshots.py`), so every
result renders through the one template and cost engine.

A snapshot made with a bank in another language (`Bank.localized`) keeps its texts in
that language, says which (`"language"`, absent for English), and keeps beside each
answer's explanation the article's English words (`"explanation_en"`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from advisor import costs
from advisor.advice import scoring
from advisor.advice.bank import CORE, LEVER, Bank, Rule

SNAPSHOT_VERSION = 4
CONDITION = re.compile(r"^\[(!?)([^\]]+)\]\s*")  # a job-description line's "[q=c|c]" prefix


def _rule(rule: Rule | None) -> dict | None:
    if rule is None:
        return None
    return {"slug": rule.slug, "kind": rule.kind, "title": rule.title, "message": rule.message}


def _rules(bank: Bank, slugs) -> list[dict]:
    by_slug = {r.slug: r for r in bank.rules}
    return [_rule(by_slug[s]) for s in slugs if s in by_slug]


def job_description(text: str, counted: Mapping[str, str]) -> str:
    """The role's starter, keeping only the lines true for these answers: a line that
    starts with "[question=choice|choice]" is kept when the answer is one of those
    choices ("[!…]": when it is not); "not sure" answers match nothing."""
    from advisor.advice.bank_rules import parse_when

    lines = []
    for line in text.splitlines():
        match = CONDITION.match(line)
        if match:
            negate, condition = match.groups()
            try:
                when = parse_when(condition)
            except ValueError:
                when = {}
            holds = all(counted.get(q) in c for q, c in when.items())
            if holds == bool(negate):
                continue
            line = line[match.end() :]
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def later_triggers(bank: Bank, counted: Mapping[str, str], later: str) -> list[dict]:
    """What must become true before the later hire: for each lever and core question,
    the answer that points to that role most, unless the founder gave it already."""
    triggers = []
    for question in bank.questions:
        if question.kind not in (CORE, LEVER):
            continue
        best = max(
            question.choices,
            key=lambda c: (
                c.points.get(later, 0)
                - max((v for r, v in c.points.items() if r != later), default=0)
            ),
        )
        favours = best.points.get(later, 0) > max(
            (v for r, v in best.points.items() if r != later), default=0
        )
        if favours and counted.get(question.slug) != best.slug:
            triggers.append(
                {"question": question.slug, "question_text": question.text, "label": best.label}
            )
    return triggers


SETTLE_LIMIT = 2  # a toss-up names at most this many questions to settle


def settle(bank: Bank, answers: Mapping[str, str], outcome: scoring.Outcome) -> list[dict]:
    """A toss-up's questions to settle: those still open ("not sure" or unanswered) that
    the call turns on, core questions first; each with how to find out cheaply (its "not
    sure" choice's advice) and what each real answer would mean."""
    slugs = sorted(
        outcome.turns_on or outcome.open,
        key=lambda q: (bank.question(q).kind != CORE, bank.question(q).kind != LEVER),
    )[:SETTLE_LIMIT]
    found = []
    for slug in slugs:
        question = bank.question(slug)
        unsure = next((c for c in question.choices if c.neutral), None)
        how = how_to_find_out(bank, slug, unsure)
        leads = []
        for choice in question.choices:
            if choice.neutral:
                continue
            then = scoring.score(bank, {**answers, slug: choice.slug})
            leads.append(
                {
                    "label": choice.label,
                    "verdict": then.verdict,
                    "first_hire": then.first_hire,
                    "confidence": then.confidence,
                }
            )
        found.append({"question": slug, "question_text": question.text, "how": how, "leads": leads})
    return found


def how_to_find_out(bank: Bank, slug: str, unsure) -> str:
    """A "not sure" choice's explanation without its first sentence when that sentence is
    the note that it is not counted (“Not counted.” in English, in any language)."""
    if unsure is None:
        return ""
    text = unsure.explanation
    english = bank.english(f"choice:{slug}:{unsure.slug}:explanation") or text
    if english.startswith("Not counted.") and "." in text:
        text = text if text == english else text.split(".", 1)[1]
        text = text.removeprefix("Not counted.")
    return text.strip()


def came_from(token: str, earlier: dict, rows: list[dict]) -> dict:
    """The result these answers were copied from, and which answers changed since."""
    before = {a["question"]: a for a in earlier.get("answers", [])}
    now = {a["question"]: a for a in rows}
    changes = []
    for slug in [*before, *(q for q in now if q not in before)]:
        old, new = before.get(slug), now.get(slug)
        if (old or {}).get("choice") != (new or {}).get("choice"):
            changes.append(
                {
                    "question_text": (new or old)["question_text"],
                    "before": old["choice_label"] if old else "",
                    "after": new["choice_label"] if new else "",
                }
            )
    return {"token": token, "changes": changes}


def advice_parts(bank: Bank, answers: Mapping[str, str], outcome: scoring.Outcome) -> dict:
    """What a result says about the hire, for answers already scored: the snapshot's
    answers, outcome and rules (its costs, flips and settle list are added around it)."""
    answers = bank.effective(answers)
    counted = scoring.counted_answers(bank, answers)
    contributions = {c.question: c for c in outcome.contributions}
    rows = []
    for question in bank.questions:
        if question.slug not in answers:
            continue
        choice = question.choice(answers[question.slug])
        contribution = contributions[question.slug]
        english = {}
        if bank.language != "en":
            key = f"choice:{question.slug}:{choice.slug}:explanation"
            english = {"explanation_en": bank.english(key)}
        rows.append(
            {
                "question": question.slug,
                "question_text": question.text,
                "kind": question.kind,
                "choice": choice.slug,
                "choice_label": choice.label,
                "explanation": choice.explanation,
                **english,
                "weight": question.weight,
                "points": contribution.points,
                "favours": contribution.favours,
                "strength": contribution.strength,
                "counted": contribution.counted,
            }
        )
    by_slug = {r.slug: r for r in bank.rules}
    first = bank.role(outcome.first_hire)
    default = bank.role(bank.default_role)
    return {
        "roles": [r.as_dict() for r in bank.roles],
        "default_role": bank.default_role,
        "default_rule": default.first_rule if default else "",
        "answers": rows,
        "outcome": {
            "scores": outcome.scores,
            "shares": outcome.shares,
            "counts": outcome.counts,
            "best_fit": outcome.best_fit,
            "first_hire": outcome.first_hire,
            "gap": outcome.gap,
            "confidence": outcome.confidence,
            "basis": outcome.basis,
            "later_hire": outcome.later_hire,
            "specialist": outcome.specialist,
            "verdict": outcome.verdict,
            "turns_on": list(outcome.turns_on),
            "reasons": [c.question for c in outcome.reasons()],
        },
        "rules": {
            "decided": _rule(by_slug.get(outcome.decided_by)),
            "held_back": _rules(bank, outcome.held_back_by),
            "cautions": _rules(bank, outcome.cautions),
            "contradictions": _rules(bank, outcome.contradictions),
            "constraints": _rules(bank, outcome.constraints),
            "not_yet": _rule(by_slug.get(outcome.not_yet)),
        },
        "later_triggers": (
            later_triggers(bank, counted, outcome.later_hire) if outcome.later_hire else []
        ),
        "job_description": job_description(first.job_description, counted) if first else "",
    }


def snapshot_build(
    bank: Bank, answers: Mapping[str, str], *, earlier: tuple[str, dict] | None = None
) -> dict:
    """Score `answers` with `bank` and keep everything the page will show; `earlier` is
    (token, snapshot) of the result these answers were copied from, if any."""
    answers = bank.effective(answers)
    outcome = scoring.score(bank, answers)
    parts = advice_parts(bank, answers, outcome)

    def flip_data(flip: scoring.Flip) -> dict:
        return {
            "changes": [
                {
                    "question": q,
                    "question_text": bank.question(q).text,
                    "choice": c,
                    "choice_label": bank.question(q).choice(c).label,
                }
                for q, c in flip.changes
            ],
            "first_hire": flip.first_hire,
            "confidence": flip.confidence,
            "share": flip.share,
            "kind": flip.kind,
        }

    return {
        "version": SNAPSHOT_VERSION,
        "bank_version": bank.version,
        **({"language": bank.language} if bank.language != "en" else {}),
        **({"in_english": sorted(bank.in_english)} if bank.in_english else {}),
        **parts,
        "costs": costs_data(bank),
        "flips": [flip_data(f) for f in scoring.flips(bank, answers)],
        "settle": settle(bank, answers, outcome) if outcome.verdict == scoring.FIND_OUT else [],
        "came_from": came_from(earlier[0], earlier[1], parts["answers"]) if earlier else None,
    }


def costs_data(bank: Bank) -> dict:
    """The regions, hiring terms, pay rates and exchange rates the costs are worked out
    from, with the digest that tells whether they have changed since."""
    data = costs.book_data(bank.cost_book)
    return {**data, "digest": costs.book_digest(data)}


def snapshot_answers(snapshot: dict | None) -> dict[str, str]:
    return {a["question"]: a["choice"] for a in (snapshot or {}).get("answers", [])}
