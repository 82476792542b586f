"""What would change the answer: the fewest changed answers that give another first hire,
real levers first, decided outcomes before toss-ups."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from advisor.advice.bank import CORE, LEVER, Bank, Question
from advisor.advice.scoring.outcome import score

FLIP_LIMIT = 3  # "what would change the answer" lists at most this many
KIND_ORDER = {LEVER: 0, CORE: 1}  # real levers first, then the checklist, then facts


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
