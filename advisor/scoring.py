"""Score a founder's answers into a first hire.

Pure Python on plain data: the views build a `Bank` from the database, this module
decides. Every question gives each role `points * weight`; the role with the most
points fits best. Two answers that say the best-fitting role could not deliver soon
(no training data, value needed in weeks) hand the first hire to a role that can, with
the best fit as the later hire: the article's "AI engineer first" staged plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

CLEAR_GAP = 20  # share points between first and second for "a clear call"
LEAN_GAP = 8  # below this it is a toss-up
HOLD_BACK_LIMIT = 2  # answers that hold the best fit back before another role goes first
STAGE_SHARE = 40  # share the runner-up needs for a staged plan to be worth spelling out


@dataclass(frozen=True)
class Choice:
    slug: str
    label: str
    points: Mapping[str, int]
    explanation: str = ""
    holds_back: str = ""  # a role this answer keeps from delivering value soon


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    weight: int
    choices: tuple[Choice, ...]
    condition: tuple[str, str] | None = None  # asked only if (question, choice) was answered

    def choice(self, slug: str) -> Choice | None:
        return next((c for c in self.choices if c.slug == slug), None)


@dataclass(frozen=True)
class Bank:
    roles: tuple[str, ...]
    default_role: str  # wins a tie: most early-stage products need an AI engineer first
    questions: tuple[Question, ...]

    def question(self, slug: str) -> Question | None:
        return next((q for q in self.questions if q.slug == slug), None)

    def applies(self, question: Question, answers: Mapping[str, str], _depth: int = 0) -> bool:
        """Whether the founder is asked this question, given their answers."""
        if question.condition is None:
            return True
        parent = self.question(question.condition[0])
        if parent is None or _depth > len(self.questions):
            return False
        return answers.get(parent.slug) == question.condition[1] and self.applies(
            parent, answers, _depth + 1
        )

    def asked(self, answers: Mapping[str, str]) -> list[Question]:
        """The questions this founder is asked, in order."""
        return [q for q in self.questions if self.applies(q, answers)]

    def effective(self, answers: Mapping[str, str]) -> dict[str, str]:
        """The answers that count: valid choices of questions the founder is asked."""
        return {
            q.slug: answers[q.slug]
            for q in self.asked(answers)
            if q.choice(answers.get(q.slug, "")) is not None
        }


@dataclass(frozen=True)
class Contribution:
    question: str
    choice: str
    points: dict[str, int]  # weighted points this answer gave each role
    favours: str  # the role it gave most, "" when it gave all roles the same
    strength: int  # how far it moved the favoured role ahead of the next


@dataclass(frozen=True)
class Outcome:
    scores: dict[str, int]
    shares: dict[str, int]  # whole percentages adding up to 100
    best_fit: str
    first_hire: str
    gap: int  # share points the first hire's side is ahead by, 0 for a held-back first hire
    confidence: str  # "clear", "lean" or "toss-up"
    held_back_by: tuple[str, ...]  # questions whose answers hold the best fit back
    later_hire: str  # "" unless a staged plan applies
    cautions: tuple[str, ...] = ()  # questions whose answers slow the first hire down
    contributions: tuple[Contribution, ...] = field(default=())

    @property
    def staged(self) -> bool:
        return bool(self.later_hire)

    def reasons(self, limit: int = 3) -> list[Contribution]:
        """The answers that moved the first hire (or, held back, the best fit) most."""
        role = self.first_hire if not self.held_back_by else self.best_fit
        moved = [c for c in self.contributions if c.favours == role and c.strength > 0]
        moved.sort(key=lambda c: -c.strength)
        return moved[:limit]


@dataclass(frozen=True)
class Flip:
    changes: tuple[tuple[str, str], ...]  # (question slug, choice slug) to change to
    first_hire: str
    gap: int
    moved: int  # weighted points the change moves, the smaller the nearer


def shares_of(scores: Mapping[str, int], roles: tuple[str, ...]) -> dict[str, int]:
    """Whole percentages that add up to exactly 100 (largest remainder)."""
    total = sum(max(scores.get(r, 0), 0) for r in roles)
    if total == 0:
        raw = {r: 100 / len(roles) for r in roles}
    else:
        raw = {r: 100 * max(scores.get(r, 0), 0) / total for r in roles}
    shares = {r: int(raw[r]) for r in roles}
    short = 100 - sum(shares.values())
    for r in sorted(roles, key=lambda r: (-(raw[r] - shares[r]), roles.index(r)))[:short]:
        shares[r] += 1
    return shares


def _ranked(bank: Bank, scores: Mapping[str, int]) -> list[str]:
    # Highest score first; on a tie the default role, then the bank's role order.
    return sorted(
        bank.roles,
        key=lambda r: (-scores[r], r != bank.default_role, bank.roles.index(r)),
    )


def score(bank: Bank, answers: Mapping[str, str]) -> Outcome:
    """Score answers ({question slug: choice slug}); unknown or missing ones, and answers to
    questions the founder is not asked, count for nothing."""
    answers = bank.effective(answers)
    scores = {r: 0 for r in bank.roles}
    holds: dict[str, list[str]] = {r: [] for r in bank.roles}
    contributions = []
    for question in bank.questions:
        choice = question.choice(answers.get(question.slug, ""))
        if choice is None:
            continue
        given = {r: choice.points.get(r, 0) * question.weight for r in bank.roles}
        for r in bank.roles:
            scores[r] += given[r]
        if choice.holds_back in holds:
            holds[choice.holds_back].append(question.slug)
        ranked = sorted(given.values(), reverse=True)
        strength = ranked[0] - ranked[1] if len(ranked) > 1 else ranked[0]
        favours = max(bank.roles, key=lambda r: given[r]) if strength > 0 else ""
        contributions.append(Contribution(question.slug, choice.slug, given, favours, strength))

    shares = shares_of(scores, bank.roles)
    ranked = _ranked(bank, scores)
    best_fit = ranked[0]
    held_back_by = tuple(holds[best_fit]) if len(holds[best_fit]) >= HOLD_BACK_LIMIT else ()
    # The best fit cannot deliver yet: hire first the best role that can (if any can).
    free = [r for r in ranked if len(holds[r]) < HOLD_BACK_LIMIT]
    if held_back_by and free:
        first_hire = free[0]
        gap, confidence, later_hire = 0, "clear", best_fit
    else:
        held_back_by = ()
        runner_up = ranked[1] if len(ranked) > 1 else ""
        gap = shares[best_fit] - (shares[runner_up] if runner_up else 0)
        confidence = "clear" if gap >= CLEAR_GAP else "lean" if gap >= LEAN_GAP else "toss-up"
        first_hire = best_fit
        if confidence == "toss-up" and bank.default_role in bank.roles:
            # Too close to call: the article's rule of thumb decides.
            first_hire = bank.default_role
        others = [r for r in ranked if r != first_hire]
        second = others[0] if others else ""
        staged = second and first_hire == bank.default_role and shares[second] >= STAGE_SHARE
        later_hire = second if staged else ""
    cautions = tuple(holds[first_hire]) if not held_back_by else ()
    return Outcome(
        scores=scores,
        shares=shares,
        best_fit=best_fit,
        first_hire=first_hire,
        gap=gap,
        confidence=confidence,
        held_back_by=held_back_by,
        later_hire=later_hire,
        cautions=cautions,
        contributions=tuple(contributions),
    )


def _moved(bank: Bank, answers: Mapping[str, str], changes) -> int:
    total = 0
    for q_slug, c_slug in changes:
        question = bank.question(q_slug)
        before, after = question.choice(answers.get(q_slug, "")), question.choice(c_slug)
        for r in bank.roles:
            old = before.points.get(r, 0) if before else 0
            total += abs(after.points.get(r, 0) - old) * question.weight
    return total


def flips(bank: Bank, answers: Mapping[str, str], limit: int = 6) -> list[Flip]:
    """What would change the answer: the single answers that would change the first
    hire, or, when none would, the smallest pairs of answers that would."""
    answers = bank.effective(answers)
    current = score(bank, answers).first_hire
    answered = [q for q in bank.questions if q.slug in answers]
    alternatives = [
        (q.slug, c.slug) for q in answered for c in q.choices if c.slug != answers[q.slug]
    ]

    def try_changes(groups) -> list[Flip]:
        found = []
        for changes in groups:
            if len({q for q, _ in changes}) < len(changes):
                continue
            outcome = score(bank, {**answers, **dict(changes)})
            if outcome.first_hire != current:
                moved = _moved(bank, answers, changes)
                found.append(Flip(tuple(changes), outcome.first_hire, outcome.gap, moved))
        return sorted(found, key=lambda f: (f.moved, -f.gap))

    singles = try_changes([(a,) for a in alternatives])
    if singles:
        return singles[:limit]
    return try_changes(itertools.combinations(alternatives, 2))[:limit]
