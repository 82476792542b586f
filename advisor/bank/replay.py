"""Replay: how many completed results would get a different first hire with a given bank.

Completed results are read as groups (advisor.bank.answer_sets): one aggregate in the
database counts them per answer set and first hire, so each distinct set of answers is
scored once and its results counted with it. The queries are a fixed number, and the work
in Python grows with the distinct sets of answers, not with the number of results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_datetime

from advisor.advice import scoring
from advisor.advice.bank import Bank
from advisor.bank.answer_sets import SAMPLES, Group, result_groups
from advisor.models import Assessment

EXAMPLE_SETS = 8  # changed answer sets a replay names, the most common first
PROGRESS_EVERY = 2000  # answer sets scored between two progress reports


@dataclass
class Replay:
    total: int = 0
    changed: int = 0
    sets: int = 0  # distinct sets of answers scored
    moves: Counter = field(default_factory=Counter)  # (was, would be) -> results
    # The changed answer sets with most results: their answers, how many results, the
    # first hire before and now, the new shares, and a few of the results.
    examples: list[dict] = field(default_factory=list)

    @property
    def move_list(self) -> list[tuple[str, str, int]]:
        return [(was, now, n) for (was, now), n in self.moves.most_common()]

    def as_data(self) -> dict:
        """JSON-able, for a job's stored report; `from_data` reverses it."""
        examples = [
            {
                **e,
                "answers": [list(a) for a in e["answers"]],
                "shares": [list(s) for s in e["shares"]],
                "results": [[t, at.isoformat()] for t, at in e["results"]],
            }
            for e in self.examples
        ]
        return {
            "total": self.total,
            "changed": self.changed,
            "sets": self.sets,
            "moves": self.move_list,
            "examples": examples,
        }

    @classmethod
    def from_data(cls, data: dict) -> Replay:
        return cls(
            total=data["total"],
            changed=data["changed"],
            sets=data["sets"],
            moves=Counter({(was, now): n for was, now, n in data["moves"]}),
            examples=[
                {
                    **e,
                    "answers": [tuple(a) for a in e["answers"]],
                    "shares": [tuple(s) for s in e["shares"]],
                    "results": [(t, parse_datetime(at)) for t, at in e["results"]],
                }
                for e in data["examples"]
            ],
        )


def replay(
    bank: Bank,
    *,
    examples: int = EXAMPLE_SETS,
    progress: Callable[[int, int], None] | None = None,
) -> Replay:
    """How many completed results would get a different first hire under `bank`: each
    distinct set of answers scored once, its results counted with it. `progress(done,
    total)` hears how many sets are scored."""
    groups = result_groups()
    report = Replay()
    outcomes: dict[str, scoring.Decision] = {}
    changed: list[tuple[Group, scoring.Decision]] = []
    for done, group in enumerate(groups):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, len(groups))
        if (outcome := outcomes.get(group.key)) is None:
            outcome = outcomes[group.key] = scoring.decision(bank, group.answers)
        report.total += group.count
        if outcome.first_hire != group.recommendation:
            report.changed += group.count
            report.moves[group.recommendation, outcome.first_hire] += group.count
            changed.append((group, outcome))
    report.sets = len(outcomes)
    changed.sort(key=lambda pair: (-pair[0].count, pair[0].key))
    order = {q.slug: i for i, q in enumerate(bank.questions)}

    def name(role: str) -> str:
        return found.name if (found := bank.role(role)) else role

    def said(question: str, choice: str) -> tuple[str, str]:
        """The question and the answer in the founder's words, slugs if the bank lost them."""
        if (asked := bank.question(question)) is None:
            return question, choice
        return asked.text, (found.label if (found := asked.choice(choice)) else choice)

    for group, outcome in changed[:examples]:
        report.examples.append(
            {
                # lists, in the bank's order: a stored report keeps them as they are
                "answers": [
                    said(q, c)
                    for q, c in sorted(
                        group.answers.items(), key=lambda a: order.get(a[0], len(order))
                    )
                ],
                "count": group.count,
                "was": name(group.recommendation),
                "now": name(outcome.first_hire),
                "shares": [(name(r), outcome.shares.get(r, 0)) for r in bank.role_slugs],
                "results": list(group.samples or _samples(group)),
            }
        )
    if progress:
        progress(len(groups), len(groups))
    return report


def _samples(group: Group) -> list[tuple[str, datetime]]:
    """A few results of one group, found through the answer set's index."""
    rows = Assessment.objects.completed().filter(
        answer_set_id=group.answer_set, recommendation=group.recommendation
    )
    return list(rows.order_by().values_list("token", "completed_at")[:SAMPLES])
