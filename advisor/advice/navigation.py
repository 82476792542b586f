"""Where a founder is in the wizard and where each button leads.

Pure Python, in the spirit of a checkout flow: the steps asked are the bank's questions
whose conditions the answers meet; steps go in order; the change flow (from the check
page) returns to the check page by way of any question a changed answer brings in.
Views ask a `Navigation` instead of working any of this out themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from advisor.advice.bank import Bank, Question

StepUrl = Callable[[str, bool], str]  # (question slug, change flow) -> URL


@dataclass(frozen=True)
class Navigation:
    bank: Bank
    answers: Mapping[str, str]
    step_url: StepUrl
    check_url: str
    home_url: str

    @property
    def steps(self) -> list[Question]:
        """The questions this founder is asked, in order: conditions decide."""
        return self.bank.asked(self.answers)

    @property
    def first_unanswered(self) -> Question | None:
        return next((q for q in self.steps if q.slug not in self.answers), None)

    @property
    def complete(self) -> bool:
        return bool(self.steps) and self.first_unanswered is None

    @property
    def answered(self) -> int:
        return len(self.bank.effective(self.answers))

    def resume_url(self) -> str:
        """The first unanswered step, or the check page when every step is answered."""
        missing = self.first_unanswered
        return self.step_url(missing.slug, False) if missing else self.check_url

    def is_asked(self, question: Question) -> bool:
        return question in self.steps

    def index(self, question: Question) -> int:
        return self.steps.index(question)

    def blocked_by(self, question: Question) -> Question | None:
        """An earlier step still unanswered: steps go in order."""
        missing = self.first_unanswered
        if missing is not None and self.index(missing) < self.index(question):
            return missing
        return None

    def back_url(self, question: Question, *, change: bool) -> str:
        if change:
            return self.check_url
        index = self.index(question)
        return self.step_url(self.steps[index - 1].slug, False) if index else self.home_url

    def after_answer(self, question: Question, choice: str, *, change: bool) -> str:
        """Where answering `question` with `choice` leads: the next step asked, or, in the
        change flow, back to the check page by way of any question it brings in."""
        after = Navigation(
            self.bank,
            {**self.answers, question.slug: choice},
            self.step_url,
            self.check_url,
            self.home_url,
        )
        if change:
            upcoming = after.first_unanswered
            return self.step_url(upcoming.slug, True) if upcoming else self.check_url
        steps = after.steps
        later = steps[steps.index(question) + 1 :]
        return self.step_url(later[0].slug, False) if later else self.check_url
