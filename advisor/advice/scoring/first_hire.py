"""Who goes first for a founder's answers: the answers that count, each role's points and
share, the rules that decide, break a tie, hold a role back or cap the call, and what
"not sure" leaves open.

`decide` judges the answers given. `decision` adds what "not sure" means: a question
answered "not sure" is tried with every real answer that could stand in its place, and
the call is only as firm as the weakest of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from advisor.advice.bank import CORE, Bank, Question
from advisor.advice.scoring.rules import (
    CAUTION,
    CONTRADICTION,
    DECIDE,
    DECIDING_KINDS,
    HOLD_BACK,
    TIE_BREAK,
    matching,
)

# When the answers' points decide (the core answers do not agree), how far ahead the
# leader must be. In weighted points: a lean needs more than any one secondary answer can
# give (the use case or production ownership, 6 each), a clear call more than a whole core
# answer (12) and a clear share of all the points.
LEAN_LEAD = 8
CLEAR_LEAD = 16
CLEAR_GAP = 20  # share points between first and second
# How sure a first hire is, each with the words pages use for it: the one vocabulary
# (translated when shown).
CONFIDENCES = {
    "clear": _("A clear call"),
    "lean": _("A lean"),
    "toss-up": _("A toss-up"),
    "held-back": _("First, for now"),
}
# How firm a call is, firmest last: "first, for now" is firmer than a toss-up, not a lean.
RANK = {"toss-up": 0, "held-back": 1, "lean": 2, "clear": 3}


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
    """Who goes first and how surely. `score` builds the whole outcome on it; a replay of
    many past results needs no more than this."""

    scores: dict[str, int]
    shares: dict[str, int]
    ranked: tuple[str, ...]  # most points first, ties to the default role
    gap: int
    best_fit: str
    first_hire: str
    confidence: str
    basis: str  # what decided: "core", "answers", "tie-break" or "default"
    decided_by: str
    held_back_by: tuple[str, ...]
    later_hire: str  # only from a hold-back here; `score` may add a staged plan
    contradictions: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    turns_on: tuple[str, ...] = ()  # open questions whose real answers change the first hire
    open: tuple[str, ...] = ()  # open questions that could change the call


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


def _settle(bank: Bank, counted: Mapping[str, str], leader: str) -> tuple[str, str, str]:
    """Who goes first in a toss-up: (role, basis, rule slug)."""
    tie = next(iter(matching(bank, TIE_BREAK, counted)), None)
    if tie is not None:
        return (tie.role if tie.role in bank.role_slugs else leader), "tie-break", tie.slug
    if bank.default_role in bank.role_slugs:
        return bank.default_role, "default", ""
    return leader, "answers", ""


def decide(
    bank: Bank, counted: Mapping[str, str], scores: dict[str, int] | None = None
) -> Decision:
    """The call for these counted answers as if nothing else were open."""
    roles = bank.role_slugs
    scores = points_of(bank, counted) if scores is None else scores
    shares = shares_of(scores, roles)
    ranked = sorted(roles, key=lambda r: (-scores[r], r != bank.default_role, roles.index(r)))
    gap = shares[ranked[0]] - shares[ranked[1]] if len(ranked) > 1 else 100
    lead = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else scores[ranked[0]]

    decided = next((r for r in matching(bank, DECIDE, counted) if r.role in roles), None)
    decided_by = ""
    if decided:
        best_fit, confidence, basis, decided_by = decided.role, "clear", "core", decided.slug
    else:
        best_fit, basis = ranked[0], "answers"
        if lead >= CLEAR_LEAD and gap >= CLEAR_GAP:
            confidence = "clear"
        else:
            confidence = "lean" if lead >= LEAN_LEAD else "toss-up"
        if confidence == "clear" and not any(
            bank.question(q).kind == CORE for q in counted if bank.question(q)
        ):
            # Neither checklist question answered: the answers lean, they cannot decide.
            confidence = "lean"
        if confidence == "toss-up":
            best_fit, basis, decided_by = _settle(bank, counted, ranked[0])

    first_hire, later_hire, held_back_by = best_fit, "", ()
    holds = {r: [h.slug for h in matching(bank, HOLD_BACK, counted) if h.role == r] for r in roles}
    free = [r for r in ranked if not holds[r]]
    if holds[best_fit] and free:
        # The best fit cannot deliver yet: the other role goes first, for now.
        held_back_by = tuple(holds[best_fit])
        first_hire = bank.default_role if bank.default_role in free else free[0]
        later_hire, confidence = best_fit, "held-back"
    elif confidence == "toss-up" and any(holds.values()):
        # Only one role can deliver yet: a toss-up between them is not one any more.
        later = next(r for r in ranked if holds[r])
        if later != first_hire:
            held_back_by, later_hire, confidence = tuple(holds[later]), later, "held-back"

    contradictions = tuple(r.slug for r in matching(bank, CONTRADICTION, counted))
    cautions = tuple(r.slug for r in matching(bank, CAUTION, counted) if r.role == first_hire)
    if (contradictions or cautions) and confidence == "clear":
        confidence = "lean"
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
        contradictions=contradictions,
        cautions=cautions,
    )


def deciding(bank: Bank, question: Question) -> bool:
    """Whether an answer to this question can change who goes first or how surely."""
    if any(any(c.points.values()) for c in question.choices if not c.neutral):
        return True
    return any(question.slug in r.when for r in bank.rules if r.kind in DECIDING_KINDS)


def stand_ins(bank: Bank, question: Question) -> tuple[str, ...]:
    """The real answers that could stand in for "not sure", one per kind: choices with
    the same points, named by the same rules, always give the same call."""
    seen, found = set(), []
    for c in question.choices:
        if c.neutral:
            continue
        key = (
            tuple(sorted(c.points.items())),
            frozenset(r.slug for r in bank.rules if c.slug in r.when.get(question.slug, ())),
        )
        if key not in seen:
            seen.add(key)
            found.append(c.slug)
    return tuple(found)


def _open_question(bank: Bank, question: Question) -> tuple[str, ...]:
    """The stand-ins tried for "not sure" to this question; none when no answer to it
    can change the call. Worked out once per bank."""
    memo = bank.__dict__.setdefault("_stand_ins", {})
    if question.slug not in memo:
        memo[question.slug] = stand_ins(bank, question) if deciding(bank, question) else ()
    return memo[question.slug]


def _decide_memo(bank: Bank, counted: Mapping[str, str]) -> Decision:
    memo = bank.__dict__.setdefault("_decisions", {})
    key = tuple(sorted(counted.items()))
    if key not in memo:
        memo[key] = decide(bank, counted)
    return memo[key]


def decision(bank: Bank, answers: Mapping[str, str]) -> Decision:
    """The call for these answers. Questions answered "not sure" that could change it are
    tried with every real answer; the call is as firm as the weakest of
    them, at most a lean when a core question is open, and a toss-up (settled as one is)
    when they disagree on the first hire: the call turns on that question."""
    effective = bank.effective(answers)
    counted = counted_answers(bank, effective)
    base = _decide_memo(bank, counted)
    # Only an answer of "not sure" is tried every way: a question left out of a case or a
    # team's answers (not yet settled) simply counts for nothing.
    open_qs = [
        q
        for q in bank.asked(effective)
        if q.slug in effective and q.slug not in counted and _open_question(bank, q)
    ]
    if not open_qs:
        return base
    slugs = [q.slug for q in open_qs]
    options = [_open_question(bank, q) for q in open_qs]
    tried = {
        combo: _decide_memo(bank, {**counted, **dict(zip(slugs, combo, strict=True))})
        for combo in itertools.product(*options)
    }
    hires = {d.first_hire for d in tried.values()}
    rank = min(RANK[d.confidence] for d in tried.values())
    if any(q.kind == CORE for q in open_qs):
        rank = min(rank, RANK["lean"])
    if len(hires) > 1:
        # The call turns on an open question: a toss-up until it is settled.
        rank = RANK["toss-up"]
    first_hire, basis, decided_by = base.first_hire, base.basis, base.decided_by
    if len(hires) == 1:
        first_hire = next(iter(hires))
    later, held_back_by = "", ()
    if rank == RANK["held-back"]:
        # "First, for now" only where some real answer holds the other role back for it.
        for d in tried.values():
            if d.confidence == "held-back" and d.first_hire == first_hire:
                later, held_back_by = d.later_hire, d.held_back_by
                break
        if not later:
            rank = RANK["toss-up"]
    if rank == RANK["toss-up"] and len(hires) > 1:
        first_hire, basis, decided_by = _settle(bank, counted, base.ranked[0])
    turns_on, unsettled = [], []
    for i, slug in enumerate(slugs):
        pairs = [(tried[c], tried[(*c[:i], alt, *c[i + 1 :])]) for c in tried for alt in options[i]]
        if any(a.first_hire != b.first_hire for a, b in pairs):
            turns_on.append(slug)
        if any((a.first_hire, a.confidence) != (b.first_hire, b.confidence) for a, b in pairs):
            unsettled.append(slug)
    confidence = next(c for c, r in RANK.items() if r == rank)
    return replace(
        base,
        first_hire=first_hire,
        confidence=confidence,
        basis=basis,
        decided_by=decided_by,
        held_back_by=held_back_by,
        later_hire=later,
        cautions=tuple(r.slug for r in matching(bank, CAUTION, counted) if r.role == first_hire),
        turns_on=tuple(turns_on),
        open=tuple(unsettled),
    )
