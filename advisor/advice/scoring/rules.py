"""The kinds of rule the bank's rules come in: what each does, which rules a founder's
answers match, and what is wrong with a rule against a bank."""

from __future__ import annotations

from collections.abc import Mapping

from advisor.advice.bank import Bank, Rule

DECIDE = "decide"
HOLD_BACK = "hold-back"
CAUTION = "caution"
CONTRADICTION = "contradiction"
CONSTRAINT = "constraint"
NOT_YET = "not-yet"
TIE_BREAK = "tie-break"
RULE_KINDS = {
    DECIDE: "The core answers agree: this role goes first, a clear call unless another "
    "rule caps it at a lean.",
    HOLD_BACK: "This role cannot deliver yet: the other role goes first and this one "
    "later (a staged plan).",
    CAUTION: "This role can deliver, but slowly: named on the page; a call for it is at "
    "most a lean.",
    CONTRADICTION: "Answers that pull against each other: named with what to check; the "
    "call is at most a lean.",
    CONSTRAINT: "A hard limit on where a model may run: it shapes how to build, never who "
    "goes first or how surely; named on the page with what each role would do about it.",
    NOT_YET: "The team can ship this without a specialist yet: said plainly, and this "
    "role stays the one to hire when the work grows.",
    TIE_BREAK: "Who goes first in a toss-up (no role: the answers' leader), and why.",
}
CAPS = (CONTRADICTION, CAUTION)
# The kinds that can change who goes first or how surely (a constraint or not-yet rule
# cannot): a question named only by other kinds, with no points, never decides anything.
DECIDING_KINDS = (DECIDE, HOLD_BACK, CAUTION, CONTRADICTION, TIE_BREAK)


def matching(bank: Bank, kind: str, answers: Mapping[str, str]) -> list[Rule]:
    return [r for r in bank.rules_of(kind) if r.matches(answers)]


def rule_problems(rule: Rule, bank: Bank) -> list[str]:
    """What is wrong with a rule against this bank (empty when nothing is)."""
    problems = []
    if rule.kind not in RULE_KINDS:
        problems.append(f"“{rule.kind}” is not a kind of rule.")
    if rule.kind in (DECIDE, HOLD_BACK, CAUTION, NOT_YET) and rule.role not in bank.role_slugs:
        problems.append(f"A {rule.kind} rule needs a role.")
    if not rule.when:
        problems.append("A rule needs at least one condition.")
    for q_slug, choices in rule.when.items():
        question = bank.question(q_slug)
        if question is None:
            problems.append(f"No question “{q_slug}”.")
            continue
        for c_slug in sorted(choices):
            choice = question.choice(c_slug)
            if choice is None:
                problems.append(f"“{q_slug}” has no choice “{c_slug}”.")
            elif choice.neutral:
                problems.append(
                    f"“{q_slug}={c_slug}” is a “not sure” answer: it must count for nothing, "
                    "so no rule may depend on it."
                )
    return problems
