"""The question bank, roles and rates as plain, read-only data.

Built from the database in four queries and kept for a few seconds per process, so a
wizard step costs no bank queries. Saving any bank model forgets the copy in this
process at once; other processes pick the change up within `TTL_SECONDS`.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from decimal import Decimal

from advisor import costs, scoring
from advisor.models import CostRate, Question, RoleProfile

TTL_SECONDS = 10

ROLE_FIELDS = (
    "slug",
    "name",
    "short_name",
    "summary",
    "core_work",
    "typical_stack",
    "data_need",
    "time_to_first_value",
    "owns_in_production",
    "best_when",
    "job_description",
)


@dataclass(frozen=True)
class ChoiceItem:
    id: int
    slug: str
    label: str
    hint: str
    explanation: str


@dataclass(frozen=True)
class QuestionItem:
    id: int
    slug: str
    text: str
    help_text: str
    why: str
    weight: int
    choices: tuple[ChoiceItem, ...]
    condition: tuple[str, str] | None = None
    condition_text: str = ""  # e.g. “Fraud or risk detection” to “What are you building?”

    def choice(self, slug: str) -> ChoiceItem | None:
        return next((c for c in self.choices if c.slug == slug), None)


@dataclass(frozen=True)
class Catalog:
    roles: tuple[dict, ...]
    questions: tuple[QuestionItem, ...]
    bank: scoring.Bank
    rates: tuple[costs.Rate, ...]
    digest: str = ""  # changes whenever anything a page shows changes

    def question(self, slug: str) -> QuestionItem | None:
        return next((q for q in self.questions if q.slug == slug), None)

    def answers_from_ids(self, pairs) -> dict[str, str]:
        """{question slug: choice slug} from (question id, choice id) pairs, dropping
        answers to questions or choices no longer in the bank."""
        by_id = {q.id: q for q in self.questions}
        answers = {}
        for question_id, choice_id in pairs:
            question = by_id.get(question_id)
            choice = question and next((c for c in question.choices if c.id == choice_id), None)
            if choice:
                answers[question.slug] = choice.slug
        return answers

    def steps(self, answers: dict[str, str]) -> list[QuestionItem]:
        """The questions this founder is asked, in order: conditions decide."""
        asked = {q.slug for q in self.bank.asked(answers)}
        return [q for q in self.questions if q.slug in asked]

    def first_unanswered(self, answers: dict[str, str]) -> QuestionItem | None:
        return next((q for q in self.steps(answers) if q.slug not in answers), None)


def build() -> Catalog:
    roles = list(RoleProfile.objects.all())
    default = next((r.slug for r in roles if r.first_by_default), roles[0].slug if roles else "")
    questions = []
    scored = []
    active = (
        Question.objects.filter(is_active=True)
        .select_related("show_if__question")
        .prefetch_related("choices__points__role", "choices__holds_back")
    )
    for q in active:
        choices = list(q.choices.all())
        condition = (q.show_if.question.slug, q.show_if.slug) if q.show_if_id else None
        condition_text = (
            f"“{q.show_if.label}” to “{q.show_if.question.text}”" if q.show_if_id else ""
        )
        questions.append(
            QuestionItem(
                q.id,
                q.slug,
                q.text,
                q.help_text,
                q.why,
                q.weight,
                tuple(ChoiceItem(c.id, c.slug, c.label, c.hint, c.explanation) for c in choices),
                condition,
                condition_text,
            )
        )
        scored.append(
            scoring.Question(
                q.slug,
                q.text,
                q.weight,
                tuple(
                    scoring.Choice(
                        c.slug,
                        c.label,
                        {p.role.slug: p.points for p in c.points.all()},
                        c.explanation,
                        c.holds_back.slug if c.holds_back else "",
                    )
                    for c in choices
                ),
                condition,
            )
        )
    rates = tuple(
        costs.Rate(
            role=r.role.slug,
            sourcing=r.sourcing,
            unit=r.unit,
            low=Decimal(r.low),
            high=Decimal(r.high),
            weeks_to_hire=r.weeks_to_hire,
            source_note=r.source_note,
            as_of=r.as_of.isoformat(),
            estimate=r.is_estimate,
        )
        for r in CostRate.objects.select_related("role")
    )
    roles_data = tuple({f: getattr(r, f) for f in ROLE_FIELDS} for r in roles)
    bank = scoring.Bank(tuple(r.slug for r in roles), default, tuple(scored))
    digest = hashlib.sha256(repr((roles_data, questions, bank, rates)).encode()).hexdigest()
    return Catalog(roles_data, tuple(questions), bank, rates, digest[:16])


_cache: tuple[float, Catalog] | None = None


def get() -> Catalog:
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > TTL_SECONDS:
        _cache = (now, build())
    return _cache[1]


def forget(**kwargs) -> None:
    global _cache
    _cache = None
