"""The question bank's rules: what keeps the wizard and the advice consistent.

One place for them, pure Python: the models' validation, the admin's forms and the
fixture loader (`seed`, `check_cases`) all call these functions and show their messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from advisor.advice.bank import NEUTRAL_SLUGS, Bank

MAX_POINTS = 10  # a choice gives each role 0 to this many points, before the weight

# Step URLs are /wizard/<question slug>/, so a question may not take the name of a fixed
# page under /wizard/ (read from the URL patterns) nor these words kept for pages to come.
KEPT_SLUGS = frozenset({"start", "preview", "done"})
_FIXED_WIZARD_ROUTE = re.compile(r"^wizard/([^<>/]+)/$")


@cache
def reserved_slugs() -> frozenset[str]:
    """Every slug a question may not take: each fixed route under /wizard/ in the site's
    URL patterns (the same under /embed/), and `KEPT_SLUGS`. Read once, when first asked:
    the URL patterns import the views, which import this module."""
    from advisor.urls import FOUNDER_PATTERNS

    routes = (_FIXED_WIZARD_ROUTE.match(str(p.pattern)) for p in FOUNDER_PATTERNS)
    return KEPT_SLUGS | {match.group(1) for match in routes if match}


# Slugs that tests, analytics and shared links rely on: never renamed or removed.
CONTRACT = {
    "use-case": {
        "chat-assistant",
        "doc-search",
        "summarize",
        "nl-data-query",
        "fraud",
        "recommendations",
        "forecasting",
        "churn",
        "vision",
        "agent",
        "doc-extraction",
        "speech",
        "other",
    },
    "general-model-fit": {"mostly", "partly", "no", "unsure"},
    "model-role": {"plumbing", "moat", "unsure"},
    "training-data": {"none", "raw", "labeled", "unsure"},
    "production-ownership": {"stable-integration", "continuous-retraining", "unsure"},
    "time-to-value": {"days-weeks", "one-three-months", "multi-month-ok", "unsure"},
    "team": {"no-engineers", "generalists", "llm-shipped", "ml-practitioner", "unsure"},
    "constraints": {"none", "data-stays-private", "on-device-realtime", "unsure"},
}


def is_contract(question_slug: str) -> bool:
    return question_slug in CONTRACT


def question_slug_problem(slug: str, stored: str | None) -> str:
    """A question's slug: not a wizard page's, and a contract slug is never renamed."""
    if slug in reserved_slugs():
        return f"“{slug}” is reserved for a wizard page."
    if stored in CONTRACT and slug != stored:
        return f"“{stored}” is a fixed slug that links and analytics rely on."
    return ""


def choice_slug_problem(question_slug: str, slug: str, stored: str | None) -> str:
    if stored and stored in CONTRACT.get(question_slug, ()) and slug != stored:
        return f"“{stored}” is a fixed choice slug that links rely on."
    if stored in NEUTRAL_SLUGS and slug != stored:
        return f"“{stored}” is the “not sure” choice's slug: change its wording, not its slug."
    return ""


# The "not sure" choice a new question gets; its wording is the editor's to change.
NEW_UNSURE = {
    "slug": "unsure",
    "label": "Not sure",
    "explanation": "Not counted: answering it is exactly like skipping the question.",
}


def condition_problem(
    *,
    own: tuple[int, int],
    parent: tuple[int, int],
    parent_text: str,
    parent_active: bool,
    same: bool,
    neutral: bool,
) -> str:
    """`own` and `parent` are (order, id) keys: the wizard asks in that order."""
    if same:
        return "A question cannot depend on its own answer."
    if not parent_active:
        return f"“{parent_text}” is not active, so this would never be asked."
    if parent >= own:
        return f"“{parent_text}” must come before this question."
    if neutral:
        return "A “not sure” answer counts for nothing, so no question may depend on it."
    return ""


def dependant_problems(
    *, own: tuple[int, int], active: bool, children: Iterable[tuple[str, tuple[int, int]]]
) -> dict[str, str]:
    """A question others depend on stays active and comes before them."""
    errors = {}
    for text, key in children:
        if not active:
            errors["is_active"] = f"“{text}” depends on this question: change it first."
        elif own >= key:
            errors["order"] = f"“{text}” depends on this question, so this one must come first."
    return errors


def choice_slugs_problem(slugs: Sequence[str]) -> str:
    if len(set(slugs)) != len(slugs):
        return "Each choice of a question needs its own slug."
    return ""


def choices_problems(
    question_slug: str, choices: Mapping[str, Mapping[str, int]], *, adding: bool = False
) -> list[str]:
    """A question's choices ({slug: {role: points}}), as they would be saved; `adding` a
    new question, its "not sure" choice is added for it (see NEW_UNSURE)."""
    problems = []
    if len(choices) + (adding and not NEUTRAL_SLUGS & set(choices)) < 2:
        problems.append("A question needs at least two choices.")
    fixed = CONTRACT.get(question_slug)
    if fixed is not None:
        gone = sorted(fixed - set(choices))
        if gone:
            problems.append(
                "These choices are fixed (links and analytics rely on them) and cannot be "
                f"removed: {', '.join(gone)}."
            )
    neutral = [slug for slug in choices if slug in NEUTRAL_SLUGS]
    if not neutral and not adding:
        problems.append(
            "Every question needs a “not sure” choice with the slug “unsure” (it is added "
            "for you on a new question): founders must be able to say they do not know."
        )
    for slug in neutral:
        if any(choices[slug].values()):
            problems.append(
                f"“{slug}” is the “not sure” choice: it must give every role 0 points, "
                "so answering it is exactly like skipping the question."
            )
    return problems


def bank_problems(bank: Bank) -> list[str]:
    """Everything wrong with a whole bank, each message naming where."""
    from advisor.advice import scoring

    problems = []
    for question in bank.questions:
        if msg := question_slug_problem(question.slug, None):
            problems.append(f"{question.slug}: {msg}")
        choices = {c.slug: c.points for c in question.choices}
        if msg := choice_slugs_problem([c.slug for c in question.choices]):
            problems.append(f"{question.slug}: {msg}")
        problems += [f"{question.slug}: {p}" for p in choices_problems(question.slug, choices)]
        for choice in question.choices:
            missing = [r for r in bank.role_slugs if r not in choice.points]
            if missing:
                problems.append(
                    f"{question.slug}={choice.slug}: no points for {', '.join(missing)}."
                )
    for slug in CONTRACT:
        if bank.question(slug) is None:
            problems.append(f"{slug}: a fixed question is missing or inactive.")
    if bank.default_role not in bank.role_slugs:
        problems.append("No role is marked first by default.")
    for rule in bank.rules:
        problems += [f"rule {rule.slug}: {p}" for p in scoring.rule_problems(rule, bank)]
    return problems


def answers_problems(answers: object, bank: Bank) -> list[str]:
    """A founder's answers as a case keeps them ({question slug: choice slug}): only the
    bank's active questions and their choices."""
    example = '{"model-role": "moat", "training-data": "labeled"}'
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
    ):
        return [f"Answers are {{question slug: choice slug}}, e.g. {example}."]
    problems = []
    for q_slug, c_slug in answers.items():
        question = bank.question(q_slug)
        if question is None:
            known = ", ".join(q.slug for q in bank.questions)
            problems.append(f"No active question “{q_slug}” (the questions are: {known}).")
        elif question.choice(c_slug) is None:
            known = ", ".join(c.slug for c in question.choices)
            problems.append(f"“{q_slug}” has no choice “{c_slug}” (its choices are: {known}).")
    return problems


def parse_when(text: str) -> dict[str, frozenset[str]]:
    """`general-model-fit=mostly & model-role=plumbing`, choices joined by `|`."""
    when = {}
    for part in text.split("&"):
        part = part.strip()
        if not part:
            continue
        question, _, choices = part.partition("=")
        slugs = frozenset(c.strip() for c in choices.split("|") if c.strip())
        if not question.strip() or not slugs:
            raise ValueError(f"“{part}” should read question=choice (or choice|choice).")
        when[question.strip()] = slugs
    return when


def format_when(when: Mapping[str, Iterable[str]]) -> str:
    return " & ".join(f"{q}={'|'.join(sorted(c))}" for q, c in when.items())
