"""Who goes first for a founder's answers: the answers that count, each role's points and
share, and the rules that decide, break a tie or hold a role back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.bank import CORE, Bank
from advisor.scoring.rules import DECIDE, HOLD_BACK, TIE_BREAK, matching

# When the answers' points decide (the core answers do not agree), how far ahead the
# leader must be. In weighted points: a lean needs more than any one secondary answer can
# give (the use case or production ownership, 6 each), a clear call more than a whole core
# answer (12) and a clear share of all the points.
LEAN_LEAD = 8
CLEAR_LEAD = 16
CLEAR_GAP = 20  # share points between first and second
# How sure a first hire is, each with the words pages use for it: the one vocabulary.
CONFIDENCES = {
    "clear": "A clear call",
    "lean": "A lean",
    "toss-up": "A toss-up",
    "held-back": "First, for now",
}


def shares_of(scores: Mapping[str, int], roles: tuple[str, ...]) -> dict[str, int]:
    """Whole percentages that add up to exactly 100 (largest remainder); all 0 when no
    answer gave any points."""
    total = sum(max(scores.get(r, 0), 0) for r in roles)
    if total == 0:
        return {r: 0 for r in roles}
    raw = {r: 100 * max(scores.get(r, 0), 0) / total for r in roles}
    shares = {r: int(raw[r]) for r in roles}
    short = 100 - sum(shares.values())
    for r in sorted(roles, key=lambda r: (-(raw[r] - shares[r]), roles.index(r)))[:short]:
        shares[r] += 1
    return shares


def counted_answers(bank: Bank, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers that count: asked, valid and not "not sure"."""
    counted = {}
    for q_slug, c_slug in bank.effective(answers).items():
        if not bank.question(q_slug).choice(c_slug).neutral:
            counted[q_slug] = c_slug
    return counted


@dataclass(frozen=True)
class Decision:
    """Who goes first: the counted answers' points weighed, and the rules that decide,
    break a tie or hold a role back. `score` builds the whole outcome on it; a replay of
    many past results needs no more than this."""

    scores: dict[str, int]
    shares: dict[str, int]
    ranked: tuple[str, ...]  # most points first, ties to the default role
    gap: int
    best_fit: str
    first_hire: str
    confidence: str  # before contradictions, constraints and cautions cap it
    basis: str
    decided_by: str
    held_back_by: tuple[str, ...]
    later_hire: str  # only from a hold-back here; `score` may add a staged plan


def points_of(bank: Bank, counted: Mapping[str, str]) -> dict[str, int]:
    """Each role's weighted points from the counted answers."""
    roles = bank.role_slugs
    scores = {r: 0 for r in roles}
    for question in bank.questions:
        if question.slug in counted:
            choice = question.choice(counted[question.slug])
            for r in roles:
                scores[r] += choice.points.get(r, 0) * question.weight
    return scores


def decide(
    bank: Bank, counted: Mapping[str, str], scores: dict[str, int] | None = None
) -> Decision:
    """The decision for the counted answers; `scores` when they are added up already."""
    roles = bank.role_slugs
    scores = points_of(bank, counted) if scores is None else scores
    shares = shares_of(scores, roles)
    ranked = sorted(roles, key=lambda r: (-scores[r], r != bank.default_role, roles.index(r)))
    gap = shares[ranked[0]] - shares[ranked[1]] if len(ranked) > 1 else 100
    lead = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else scores[ranked[0]]

    decided = next(iter(matching(bank, DECIDE, counted)), None)
    decided_by = ""
    if decided and decided.role in roles:
        best_fit, confidence, basis, decided_by = decided.role, "clear", "core", decided.slug
    else:
        best_fit = ranked[0]
        if lead >= CLEAR_LEAD and gap >= CLEAR_GAP:
            confidence = "clear"
        else:
            confidence = "lean" if lead >= LEAN_LEAD else "toss-up"
        basis = "answers"
        if confidence == "clear" and not any(
            bank.question(q).kind == CORE for q in counted if bank.question(q)
        ):
            # Neither checklist question answered: the answers lean, they cannot decide.
            confidence = "lean"
        if confidence == "toss-up":
            tie = next(iter(matching(bank, TIE_BREAK, counted)), None)
            if tie is not None:
                basis, decided_by = "tie-break", tie.slug
                if tie.role in roles:
                    best_fit = tie.role
            elif bank.default_role in roles:
                basis, best_fit = "default", bank.default_role

    first_hire, later_hire, held_back_by = best_fit, "", ()
    holds = {r: [h.slug for h in matching(bank, HOLD_BACK, counted) if h.role == r] for r in roles}
    free = [r for r in ranked if not holds[r]]
    if holds[best_fit] and free:
        held_back_by = tuple(holds[best_fit])
        first_hire = bank.default_role if bank.default_role in free else free[0]
        later_hire, confidence = best_fit, "held-back"
    return Decision(
        scores=scores,
        shares=shares,
        ranked=tuple(ranked),
        gap=gap,
        best_fit=best_fit,
        first_hire=first_hire,
        confidence=confidence,
        basis=basis,
        decided_by=decided_by,
        held_back_by=held_back_by,
        later_hire=later_hire,
    )


def decision(bank: Bank, answers: Mapping[str, str]) -> Decision:
    """What `score` decides for these answers, without the rest of the outcome (the
    contributions, cautions and the like): replaying many sets of answers costs less."""
    return decide(bank, counted_answers(bank, answers))
