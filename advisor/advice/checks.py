"""The article's reasoning as checks on the advice for one set of answers.

Pure Python on a `bank.Bank`. The test suite runs them over every answer set of the
shipped bank; the admin runs them on each founder case against the bank being edited.
Each check returns what is wrong, in words an admin can act on (empty when nothing is).
The checks name the contract's question and choice slugs (see bank_rules.CONTRACT).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from advisor.advice import scoring
from advisor.advice.bank import UNSURE, Bank, Choice
from advisor.advice.scoring.first_hire import RANK
from advisor.advice.scoring.rules import TIE_BREAK

AI, ML = "ai-engineer", "ml-engineer"
Scorer = Callable[[Bank, Mapping[str, str]], scoring.Outcome]


def article_problems(bank: Bank, answers: Mapping[str, str], outcome: scoring.Outcome) -> list[str]:
    """The article's checklist for these answers: its two core rules, a moat without data,
    and value needed in weeks."""
    a = {q: c for q, c in bank.effective(answers).items() if c != UNSURE}
    fit, role, data, time = (
        a.get(q) for q in ("general-model-fit", "model-role", "training-data", "time-to-value")
    )
    call = (outcome.first_hire, outcome.confidence)
    named = outcome.contradictions or outcome.cautions or outcome.open
    problems = []
    if (fit, role) == ("mostly", "plumbing"):
        want = "lean" if named else "clear"
        if call != (AI, want):
            problems.append(
                f"A general model that gets 90% of the way and a model that is plumbing should "
                f"be the AI engineer, {want}; got {_words(outcome)}."
            )
    if (fit, role) == ("no", "moat") and time:
        usable = data == "labeled" or (data == "raw" and time != "days-weeks")
        if usable and (outcome.first_hire != ML or outcome.confidence not in ("clear", "lean")):
            problems.append(
                "A moat that no general model serves, with data to train on, should be the "
                f"ML engineer; got {_words(outcome)}."
            )
        if data == "none" and time == "multi-month-ok" and call != (ML, "lean"):
            problems.append(
                "A moat that no general model serves, with no data yet but months to spare, "
                f"should be the ML engineer, a lean, with the warning; got {_words(outcome)}."
            )
    if data == "none" and time == "days-weeks" and call == (ML, "clear"):
        problems.append("No data and value needed in weeks can never be the ML engineer, clear.")
    if data == "none" and time in ("days-weeks", "one-three-months") and outcome.first_hire == ML:
        problems.append(
            "No data and value needed within months: the ML path cannot meet the timeline, "
            f"so the AI engineer goes first; got {_words(outcome)}."
        )
    return problems


def _words(outcome: scoring.Outcome) -> str:
    return f"{outcome.first_hire}, {outcome.confidence}"


def side(bank: Bank, question_slug: str, choice: Choice) -> float:
    """How far a choice leans to the ML engineer (negative: to the AI engineer): its points,
    then, between choices with the same points, which way a tie-break rule naming it goes."""
    lean = choice.points.get(ML, 0) - choice.points.get(AI, 0)
    for rule in bank.rules_of(TIE_BREAK):
        if choice.slug in rule.when.get(question_slug, ()):
            lean += {AI: -0.5, ML: 0.5}.get(rule.role, 0)
    return lean


def standing(outcome: scoring.Outcome, role: str) -> tuple[int, int]:
    """A role's standing: going first beats not, then the firmer the call the better for
    the role that goes first and the worse for the other."""
    rank = RANK[outcome.confidence]
    return (1, rank) if outcome.first_hire == role else (0, -rank)


def neighbour_problems(bank: Bank, answers: Mapping[str, str], score: Scorer) -> list[str]:
    """Monotone in every answer, and "not sure" never adds certainty: each answer moved
    one step at a time, with `score` (scoring.score, or a memo of it)."""
    answers = bank.effective(answers)
    current = score(bank, answers)
    problems = []
    for question in bank.asked(answers):
        now = question.choice(answers.get(question.slug, UNSURE))
        if now is None or now.neutral:
            continue
        unsure = question.choice(UNSURE)
        if unsure is not None:
            without = score(bank, {**answers, question.slug: UNSURE})
            if RANK[without.confidence] > RANK[current.confidence]:
                problems.append(
                    f"“Not sure” to {question.slug} makes the call firmer: "
                    f"{_words(current)} becomes {_words(without)}."
                )
        here = side(bank, question.slug, now)
        for other in question.choices:
            if other.neutral or side(bank, question.slug, other) <= here:
                continue
            moved = score(bank, {**answers, question.slug: other.slug})
            if standing(moved, ML) < standing(current, ML):
                problems.append(
                    f"Moving {question.slug} from {now.slug} to {other.slug}, toward the ML "
                    f"engineer, lowers it: {_words(current)} becomes {_words(moved)}."
                )
    return problems


def flip_problems(bank: Bank, answers: Mapping[str, str], score: Scorer) -> list[str]:
    """Every "what would change the answer" item leads where it says."""
    problems = []
    current = score(bank, answers)
    for flip in scoring.flips(bank, answers):
        moved = score(bank, {**bank.effective(answers), **dict(flip.changes)})
        if (moved.first_hire, moved.confidence) != (flip.first_hire, flip.confidence):
            problems.append(f"Changing {dict(flip.changes)} does not lead where it says.")
        if flip.first_hire == current.first_hire:
            problems.append(f"Changing {dict(flip.changes)} does not change the first hire.")
    return problems


def answer_set_problems(bank: Bank, answers: Mapping[str, str]) -> list[str]:
    """Every check for one answer set (what the admin runs on a founder case)."""
    outcome = scoring.score(bank, answers)
    return (
        article_problems(bank, answers, outcome)
        + neighbour_problems(bank, answers, scoring.score)
        + flip_problems(bank, answers, scoring.score)
    )
