"""The whole outcome a result shows: who goes first and how surely, what each answer gave,
the rules named on the page, a staged plan, and whether a specialist is needed yet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor.advice.bank import Bank
from advisor.advice.scoring.first_hire import counted_answers, decision
from advisor.advice.scoring.rules import CONSTRAINT, NOT_YET, matching

STAGE_SHARE = 40  # share the other role needs for a staged plan to be worth spelling out
# The one verdict a result gives, besides "hire <role> first".
NO_SPECIALIST = "no-specialist"  # the team ships it on a hosted model; no specialist yet
FIND_OUT = "find-out"  # a toss-up: settle a question or two first


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
    turns_on: tuple[str, ...] = ()  # open questions whose real answers change the first hire
    open: tuple[str, ...] = ()  # open questions whose real answers change the call at all

    @property
    def verdict(self) -> str:
        """One of four: the role to hire first, no specialist yet, or find out first."""
        if self.specialist == "not-yet":
            return NO_SPECIALIST
        if self.confidence == "toss-up":
            return FIND_OUT
        return self.first_hire

    @property
    def staged(self) -> bool:
        return bool(self.later_hire)

    def reasons(self, limit: int = 3) -> list[Contribution]:
        """The answers that pushed the best fit ahead most."""
        moved = [c for c in self.contributions if c.favours == self.best_fit and c.strength > 0]
        moved.sort(key=lambda c: -c.strength)
        return moved[:limit]


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

    decided = decision(bank, effective)
    first_hire, later_hire, confidence = decided.first_hire, decided.later_hire, decided.confidence
    shares = decided.shares
    contradictions = decided.contradictions
    # Limits on where a model may run shape how to build, never who or how surely.
    constraints = tuple(r.slug for r in matching(bank, CONSTRAINT, counted))

    if not later_hire and first_hire == bank.default_role and confidence == "lean":
        # The other role's case is strong enough to plan for: the article's staged plan.
        second = next((r for r in decided.ranked if r != first_hire), "")
        if second and shares[second] >= STAGE_SHARE:
            later_hire = second

    specialist, not_yet = "now", ""
    # Not with a hard limit on where the model runs: someone must host or fit it.
    if not contradictions and not constraints and confidence == "clear" and not later_hire:
        rule = next((r for r in matching(bank, NOT_YET, counted) if r.role == first_hire), None)
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
        cautions=decided.cautions,
        contradictions=contradictions,
        constraints=constraints,
        specialist=specialist,
        not_yet=not_yet,
        not_counted=tuple(q for q in effective if q not in counted),
        contributions=tuple(contributions),
        turns_on=decided.turns_on,
        open=decided.open,
    )
