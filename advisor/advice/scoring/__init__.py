"""Decide the first hire from a founder's answers, the way the article's checklist does.

Pure Python on a `bank.Bank`. In order:

1. "Not sure" is exactly like skipping the question: it gives no points, and the call is
   tried with every real answer that could stand in its place, as firm as the weakest of
   them (a toss-up when they name different first hires: the call turns on it).
2. Every counted answer gives each role `points * weight`; the shares are what the page
   shows. A `decide` rule (the two core questions agreeing) names the first hire outright;
   otherwise the points do, and a narrow gap is a toss-up that a `tie-break` rule (the
   founder's company stage) or the default role's rule of thumb settles.
3. A `hold-back` rule keeps a role that cannot deliver yet (no usable data) from going
   first: the other role goes first, with it as the later hire (a staged plan).
4. `contradiction` and `caution` rules are named on the page and cap the confidence at a
   lean; `constraint` rules only say how to build; a `not-yet` rule says the team can ship
   it without a specialist (one of the four verdicts, with the two roles and "find out").

What each rule kind does is in RULE_KINDS; the rules themselves are data in the bank.
By module: `rules` (the kinds of rule and what is wrong with one), `first_hire` (who goes
first), `outcome` (the whole outcome a result shows), `changes` (what would change it).
"""

from advisor.advice.bank import KINDS  # noqa: F401
from advisor.advice.scoring.changes import FLIP_LIMIT, KIND_ORDER, Flip, flips  # noqa: F401
from advisor.advice.scoring.first_hire import (  # noqa: F401
    CLEAR_GAP,
    CLEAR_LEAD,
    CONFIDENCES,
    LEAN_LEAD,
    Decision,
    counted_answers,
    decide,
    decision,
    points_of,
    shares_of,
)
from advisor.advice.scoring.outcome import (  # noqa: F401
    FIND_OUT,
    NO_SPECIALIST,
    STAGE_SHARE,
    Contribution,
    Outcome,
    score,
)
from advisor.advice.scoring.rules import (  # noqa: F401
    CAPS,
    CAUTION,
    CONSTRAINT,
    CONTRADICTION,
    DECIDE,
    HOLD_BACK,
    NOT_YET,
    RULE_KINDS,
    TIE_BREAK,
    rule_problems,
)

__all__ = ["CONFIDENCES", "KINDS", "RULE_KINDS", "Flip", "Outcome", "flips", "score"]
