"""Decide the first hire from a founder's answers, the way the article's checklist does.

Pure Python on a `bank.Bank`. In order:

1. "Not sure" answers are dropped first, so answering one is exactly like skipping it.
2. Every counted answer gives each role `points * weight`; the shares are what the page
   shows. A `decide` rule (the two core questions agreeing) names the first hire outright;
   otherwise the points do, and a narrow gap is a toss-up that a `tie-break` rule (the
   founder's company stage) or the default role's rule of thumb settles.
3. A `hold-back` rule keeps a role that cannot deliver yet (no usable data) from going
   first: the other role goes first, with it as the later hire (a staged plan).
4. `contradiction`, `constraint` and `caution` rules are named on the page and cap the
   confidence at a lean; a `not-yet` rule says the team can ship it without a specialist.

What each rule kind does is in RULE_KINDS; the rules themselves are data in the bank.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor.bank import CORE, KINDS, LEVER, Bank, Question, Rule

# When the answers' points decide (the core answers do not agree), how far ahead the
# leader must be. In weighted points: a lean needs more than any one secondary answer can
# give (the use case or production ownership, 6 each), a clear call more than a whole core
# answer (12) and a clear share of all the points.
LEAN_LEAD = 8
CLEAR_LEAD = 16
CLEAR_GAP = 20  # share points between first and second
STAGE_SHARE = 40  # share the other role needs for a staged plan to be worth spelling out
FLIP_LIMIT = 3  # "what would change the answer" lists at most this many

DECIDE = "decide"
HOLD_BACK = "hold-back"
CAUTION = "caution"
CONTRADICTION = "contradiction"
CONSTRAINT = "constraint"
NOT_YET = "not-yet"
TIE_BREAK = "tie-break"
RULE_KINDS = {
    DECIDE: "The core answers agree: this role goes first, a clear call unless another "
    "rule caps it at a lean.",
    HOLD_BACK: "This role cannot deliver yet: the other role goes first and this one "
    "later (a staged plan).",
    CAUTION: "This role can deliver, but slowly: named on the page; a call for it is at "
    "most a lean.",
    CONTRADICTION: "Answers that pull against each other: named with what to check; the "
    "call is at most a lean.",
    CONSTRAINT: "A hard limit on where a model may run: named; a call for the other role "
    "is at most a lean.",
    NOT_YET: "The team can ship this without a specialist yet: said plainly, and this "
    "role stays the one to hire when the work grows.",
    TIE_BREAK: "Who goes first in a toss-up (no role: the answers' leader), and why.",
}
CAPS = (CONTRADICTION, CONSTRAINT, CAUTION)
CONFIDENCES = ("clear", "lean", "toss-up", "held-back")


@dataclass(frozen=True)
class Contribution:
    question: str
    choice: str
    points: dict[str, int]  # weighted points this answer gave each role
    favours: str  # the role it gave most, "" when it gave all roles the same
    strength: int  # how far it moved the favoured role ahead of the next
    counted: bool = True  # False for "not sure": left out, exactly as if unanswered


@dataclass(frozen=True)
class Outcome:
    scores: dict[str, int]
    shares: dict[str, int]  # whole percentages adding up to 100 (0 each with no points)
    counts: dict[str, int]  # counted answers pointing to each role
    best_fit: str  # the role the answers point to, before anything holds it back
    first_hire: str
    gap: int  # share points between the best fit and the next
    confidence: str  # "clear", "lean", "toss-up" or "held-back"
    basis: str  # what decided: "core", "answers", "tie-break" or "default"
    decided_by: str = ""  # the decide or tie-break rule's slug
    held_back_by: tuple[str, ...] = ()  # hold-back rules keeping the best fit back
    later_hire: str = ""  # "" unless a staged plan applies
    cautions: tuple[str, ...] = ()
    contradictions: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    specialist: str = "now"  # "now", or "not-yet" when the team can ship it first
    not_yet: str = ""  # the not-yet rule's slug
    not_counted: tuple[str, ...] = ()  # questions answered "not sure"
    contributions: tuple[Contribution, ...] = field(default=())

    @property
    def staged(self) -> bool:
        return bool(self.later_hire)

    def reasons(self, limit: int = 3) -> list[Contribution]:
        """The answers that pushed the best fit ahead most."""
        moved = [c for c in self.contributions if c.favours == self.best_fit and c.strength > 0]
        moved.sort(key=lambda c: -c.strength)
        return moved[:limit]


@dataclass(frozen=True)
class Flip:
    changes: tuple[tuple[str, str], ...]  # (question slug, choice slug) to change to
    first_hire: str
    confidence: str  # of the outcome the changes lead to
    share: int  # the new first hire's share then
    kind: str  # the changed question's kind (the first, for a pair)

    @property
    def toss_up(self) -> bool:
        return self.confidence == "toss-up"


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


def _matching(bank: Bank, kind: str, answers: Mapping[str, str]) -> list[Rule]:
    return [r for r in bank.rules_of(kind) if r.matches(answers)]


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

    decided = next(iter(_matching(bank, DECIDE, counted)), None)
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
            tie = next(iter(_matching(bank, TIE_BREAK, counted)), None)
            if tie is not None:
                basis, decided_by = "tie-break", tie.slug
                if tie.role in roles:
                    best_fit = tie.role
            elif bank.default_role in roles:
                basis, best_fit = "default", bank.default_role

    first_hire, later_hire, held_back_by = best_fit, "", ()
    holds = {r: [h.slug for h in _matching(bank, HOLD_BACK, counted) if h.role == r] for r in roles}
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


def score(bank: Bank, answers: Mapping[str, str]) -> Outcome:
    """Score answers ({question slug: choice slug}); unknown, missing or "not sure"
    answers, and answers to questions the founder is not asked, count for nothing."""
    effective = bank.effective(answers)
    counted = counted_answers(bank, effective)
    roles = bank.role_slugs
    scores = {r: 0 for r in roles}
    counts = {r: 0 for r in roles}
    contributions = []
    for question in bank.questions:
        if question.slug not in effective:
            continue
        choice = question.choice(effective[question.slug])
        if question.slug not in counted:
            zero = {r: 0 for r in roles}
            contributions.append(Contribution(question.slug, choice.slug, zero, "", 0, False))
            continue
        given = {r: choice.points.get(r, 0) * question.weight for r in roles}
        ranked_points = sorted(given.values(), reverse=True)
        strength = ranked_points[0] - (ranked_points[1] if len(roles) > 1 else 0)
        favours = max(roles, key=lambda r: given[r]) if strength > 0 else ""
        for r in roles:
            scores[r] += given[r]
        if favours:
            counts[favours] += 1
        contributions.append(Contribution(question.slug, choice.slug, given, favours, strength))

    decided = decide(bank, counted, scores)
    first_hire, later_hire, confidence = decided.first_hire, decided.later_hire, decided.confidence
    shares = decided.shares

    contradictions = tuple(r.slug for r in _matching(bank, CONTRADICTION, counted))
    constraints = _matching(bank, CONSTRAINT, counted)
    cautions = tuple(r.slug for r in _matching(bank, CAUTION, counted) if r.role == first_hire)
    capping = contradictions or cautions or [c for c in constraints if c.role != first_hire]
    if capping and confidence == "clear":
        confidence = "lean"

    if not later_hire and first_hire == bank.default_role and confidence != "clear":
        # The other role's case is strong enough to plan for: the article's staged plan.
        second = next((r for r in decided.ranked if r != first_hire), "")
        if second and shares[second] >= STAGE_SHARE:
            later_hire = second

    specialist, not_yet = "now", ""
    if not contradictions and not constraints and confidence in ("clear", "lean"):
        rule = next((r for r in _matching(bank, NOT_YET, counted) if r.role == first_hire), None)
        if rule is not None:
            specialist, not_yet = "not-yet", rule.slug

    return Outcome(
        scores=decided.scores,
        shares=shares,
        counts=counts,
        best_fit=decided.best_fit,
        first_hire=first_hire,
        gap=decided.gap,
        confidence=confidence,
        basis=decided.basis,
        decided_by=decided.decided_by,
        held_back_by=decided.held_back_by,
        later_hire=later_hire,
        cautions=cautions,
        contradictions=contradictions,
        constraints=tuple(c.slug for c in constraints),
        specialist=specialist,
        not_yet=not_yet,
        not_counted=tuple(q for q in effective if q not in counted),
        contributions=tuple(contributions),
    )


KIND_ORDER = {LEVER: 0, CORE: 1}  # real levers first, then the checklist, then facts


def _alternatives(bank: Bank, answers: Mapping[str, str], questions: list[Question]):
    for q in questions:
        for c in q.choices:
            if c.slug != answers.get(q.slug) and not c.neutral:
                yield (q.slug, c.slug)


def flips(bank: Bank, answers: Mapping[str, str], limit: int = FLIP_LIMIT) -> list[Flip]:
    """What would change the answer: at most `limit` single answers that give another
    first hire (levers such as the timeline or the data first, decided outcomes before
    toss-ups), or, when no single answer would, pairs of levers and core answers."""
    answers = bank.effective(answers)
    current = score(bank, answers)
    asked = bank.asked(answers)

    def found(groups) -> list[Flip]:
        result = []
        for changes in groups:
            if len({q for q, _ in changes}) < len(changes):
                continue
            outcome = score(bank, {**answers, **dict(changes)})
            if outcome.first_hire == current.first_hire:
                continue
            kind = bank.question(changes[0][0]).kind
            result.append(
                Flip(
                    tuple(changes),
                    outcome.first_hire,
                    outcome.confidence,
                    outcome.shares.get(outcome.first_hire, 0),
                    kind,
                )
            )
        order = [q.slug for q in bank.questions]
        result.sort(
            key=lambda f: (
                f.toss_up,
                min(KIND_ORDER.get(bank.question(q).kind, 2) for q, _ in f.changes),
                [order.index(q) for q, _ in f.changes],
            )
        )
        return result[:limit]

    singles = found([(a,) for a in _alternatives(bank, answers, asked)])
    if singles:
        return singles
    levers = [q for q in asked if q.kind in (LEVER, CORE)]
    return found(itertools.combinations(_alternatives(bank, answers, levers), 2))


def rule_problems(rule: Rule, bank: Bank) -> list[str]:
    """What is wrong with a rule against this bank (empty when nothing is)."""
    problems = []
    if rule.kind not in RULE_KINDS:
        problems.append(f"“{rule.kind}” is not a kind of rule.")
    if rule.kind in (DECIDE, HOLD_BACK, CAUTION, NOT_YET) and rule.role not in bank.role_slugs:
        problems.append(f"A {rule.kind} rule needs a role.")
    if not rule.when:
        problems.append("A rule needs at least one condition.")
    for q_slug, choices in rule.when.items():
        question = bank.question(q_slug)
        if question is None:
            problems.append(f"No question “{q_slug}”.")
            continue
        for c_slug in sorted(choices):
            choice = question.choice(c_slug)
            if choice is None:
                problems.append(f"“{q_slug}” has no choice “{c_slug}”.")
            elif choice.neutral:
                problems.append(
                    f"“{q_slug}={c_slug}” is a “not sure” answer: it must count for nothing, "
                    "so no rule may depend on it."
                )
    return problems


__all__ = ["CONFIDENCES", "KINDS", "RULE_KINDS", "Flip", "Outcome", "flips", "score"]
