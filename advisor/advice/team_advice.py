"""What a team's separate answers add up to: where they agree, which disagreements decide
the hire, and what to settle first.

The team has no call while a core question is open or a disagreement would change the
first hire: those are what it settles first (`to_settle`).

Pure Python on a `bank.Bank`, with the same scoring the advice uses. Disagreements that
are not settled yet are left out of the team's answers (counting for nothing, as an
unanswered question does), and each is tried every way the members answered it: a
disagreement decides the hire when settling it one way or another gives a different
first hire.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from advisor.advice import scoring
from advisor.advice.bank import CORE, LEVER, Bank

KIND_ORDER = {CORE: 0, LEVER: 1}


@dataclass(frozen=True)
class Member:
    name: str
    answers: Mapping[str, str]


@dataclass(frozen=True)
class Disagreement:
    question: str
    by_choice: dict[str, tuple[str, ...]]  # choice slug -> names of those who answered it
    leads_to: dict[str, str]  # choice slug -> the team's first hire if settled that way
    decides: bool


@dataclass(frozen=True)
class TeamAdvice:
    agreed: dict[str, str]
    settled: dict[str, str]
    answers: dict[str, str]  # what the team's result is made from: agreed and settled
    outcome: scoring.Outcome
    disagreements: tuple[Disagreement, ...]  # unsettled, those that decide first
    to_settle: tuple[Disagreement, ...] = field(default=())  # before the team has a call

    @property
    def deciding(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if d.decides)

    @property
    def decided(self) -> bool:
        """A team call only when nothing left open could change it."""
        return not self.to_settle


def team_advice(
    bank: Bank, members: Sequence[Member], settled: Mapping[str, str] | None = None
) -> TeamAdvice:
    """`members` are those who have finished; `settled` the answers the team picked."""
    settled = {
        q: c for q, c in (settled or {}).items() if bank.question(q) and bank.question(q).choice(c)
    }
    agreed: dict[str, str] = {}
    open_questions: dict[str, dict[str, list[str]]] = {}
    for question in bank.questions:
        by_choice: dict[str, list[str]] = {}
        for member in members:
            choice = member.answers.get(question.slug)
            if question.choice(choice or ""):
                by_choice.setdefault(choice, []).append(member.name)
        if question.slug in settled or not by_choice:
            continue
        if len(by_choice) == 1:
            agreed[question.slug] = next(iter(by_choice))
        else:
            open_questions[question.slug] = by_choice

    answers = {**agreed, **settled}
    disagreements = []
    for slug, by_choice in open_questions.items():
        leads_to = {
            choice: scoring.score(bank, {**answers, slug: choice}).first_hire
            for choice in by_choice
        }
        disagreements.append(
            Disagreement(
                question=slug,
                by_choice={c: tuple(names) for c, names in by_choice.items()},
                leads_to=leads_to,
                decides=len(set(leads_to.values())) > 1,
            )
        )
    order = [q.slug for q in bank.questions]
    disagreements.sort(
        key=lambda d: (
            not d.decides,
            KIND_ORDER.get(bank.question(d.question).kind, 2),
            order.index(d.question),
        )
    )
    # No call while a core question is open or a difference would change the hire.
    to_settle = [d for d in disagreements if d.decides or bank.question(d.question).kind == CORE]
    return TeamAdvice(
        to_settle=tuple(to_settle),
        agreed=agreed,
        settled=settled,
        answers=answers,
        outcome=scoring.score(bank, answers),
        disagreements=tuple(disagreements),
    )
