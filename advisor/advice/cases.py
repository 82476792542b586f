"""Founder cases the advice must get right, checked against a bank (live or edited): the
answer each case expects, and the article's checks the suite runs over every answer set
(`advice_checks`): its checklist, monotone answers and "not sure" never firmer."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.advice import checks as advice_checks
from advisor.advice import scoring
from advisor.advice.bank import Bank
from advisor.models import Case


@dataclass(frozen=True)
class CaseResult:
    case: Case
    first_hire: str
    confidence: str
    specialist: str
    passed: bool
    problems: tuple[str, ...] = ()  # the article's checks these answers break

    @property
    def expected(self) -> str:
        want = f"{self.case.expected.slug}, {self.case.confidences}"
        if self.case.specialist:
            want += f", specialist {self.case.specialist}"
        return want

    @property
    def got(self) -> str:
        return f"{self.first_hire}, {self.confidence}, specialist {self.specialist}"

    @property
    def summary(self) -> str:
        if self.passed:
            return self.got
        if self.first_hire == self.case.expected.slug and self.problems:
            return f"got {self.got}, but {' '.join(self.problems)}"
        return f"expected {self.expected}; got {self.got}"


def case_check(case: Case, bank: Bank) -> CaseResult:
    outcome = scoring.score(bank, case.answers)
    problems = advice_checks.article_problems(
        bank, case.answers, outcome
    ) + advice_checks.neighbour_problems(bank, case.answers, scoring.score)
    passed = (
        outcome.first_hire == case.expected.slug
        and outcome.confidence in case.accepted()
        and case.specialist in ("", outcome.specialist)
        and not problems
    )
    return CaseResult(
        case, outcome.first_hire, outcome.confidence, outcome.specialist, passed, tuple(problems)
    )


def cases_check(bank: Bank) -> list[CaseResult]:
    return [case_check(case, bank) for case in Case.objects.select_related("expected")]


def cases_broken(bank: Bank) -> list[CaseResult]:
    return [r for r in cases_check(bank) if not r.passed]
