"""The decision model on plain data: no database, no Django."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.advice import bank_rules, scoring
from advisor.advice.bank import CORE, FACT, LEVER, Bank, Choice, Question, Role, Rule
from advisor.advice.scoring.first_hire import RANK

AI, ML = "ai-engineer", "ml-engineer"
ROLES = (Role(AI, "AI Engineer", "AI engineer", first_rule="AI first."), Role(ML, "ML Engineer"))


def make_choice(slug: str, ai: int, ml: int) -> Choice:
    return Choice(slug, slug.title(), {AI: ai, ML: ml}, f"{slug}.")


def unsure() -> Choice:
    return make_choice("unsure", 0, 0)


def rule(slug: str, kind: str, when: str, role: str = "") -> Rule:
    return Rule(slug, kind, bank_rules.parse_when(when), role, slug.title(), f"{slug}.")


def make_bank(**kwargs) -> Bank:
    kwargs.setdefault(
        "questions",
        (
            Question(
                "fit",
                "Does a general model solve it?",
                4,
                (make_choice("mostly", 3, 0), make_choice("no", 0, 3), unsure()),
                kind=CORE,
            ),
            Question(
                "moat",
                "Moat or plumbing?",
                4,
                (make_choice("plumbing", 3, 0), make_choice("moat", 0, 3), unsure()),
                kind=CORE,
            ),
            Question(
                "data",
                "Training data?",
                1,
                (make_choice("none", 1, 0), make_choice("labeled", 0, 1), unsure()),
                kind=LEVER,
            ),
            Question(
                "use",
                "Use case?",
                2,
                (make_choice("chat", 3, 0), make_choice("fraud", 0, 3), make_choice("other", 0, 0)),
            ),
            Question(
                "stage",
                "Stage?",
                1,
                (make_choice("early", 0, 0), make_choice("scaling", 0, 0), unsure()),
            ),
        ),
    )
    kwargs.setdefault(
        "rules",
        (
            rule("agree-ai", "decide", "fit=mostly & moat=plumbing", AI),
            rule("agree-ml", "decide", "fit=no & moat=moat", ML),
            rule("no-data", "hold-back", "data=none", ML),
            rule("chat-no-fit", "contradiction", "use=chat & fit=no"),
            rule("early", "tie-break", "stage=early", AI),
            rule("scaling", "tie-break", "stage=scaling"),
        ),
    )
    kwargs.setdefault("roles", ROLES)
    kwargs.setdefault("default_role", AI)
    return Bank(**kwargs)


def test_it_adds_weighted_points_of_counted_answers():
    outcome = scoring.score(make_bank(), {"use": "fraud", "data": "labeled", "stage": "scaling"})
    # the stage gives no points: it only breaks ties
    assert outcome.scores == {AI: 0, ML: 6 + 1}
    assert outcome.counts == {AI: 0, ML: 2}
    # 7 points ahead is less than a lean: a toss-up the company stage settles
    assert (outcome.first_hire, outcome.confidence, outcome.basis) == (ML, "toss-up", "tie-break")
    # answered "not sure" instead, the core questions are tried every way: they give
    # either role, so the call turns on them, a toss-up the company stage settles
    unsure = {"use": "fraud", "data": "labeled", "stage": "scaling", "fit": "unsure"}
    outcome = scoring.score(make_bank(), {**unsure, "moat": "unsure"})
    assert (outcome.first_hire, outcome.confidence, outcome.basis) == (ML, "toss-up", "tie-break")
    assert {"fit", "moat"} <= set(outcome.turns_on)


def test_not_sure_is_tried_with_every_real_answer_in_its_place():
    bank = make_bank()
    known = {"fit": "no", "moat": "moat", "use": "fraud", "stage": "scaling"}
    labeled = scoring.score(bank, {**known, "data": "labeled"})
    none = scoring.score(bank, {**known, "data": "none"})
    assert (labeled.first_hire, labeled.confidence) == (ML, "clear")
    assert (none.first_hire, none.confidence) == (AI, "held-back")
    unsure = scoring.score(bank, {**known, "data": "unsure"})
    assert (unsure.confidence, unsure.turns_on) == ("toss-up", ("data",))


def test_agreeing_core_answers_decide_whatever_the_points_say():
    answers = {"fit": "mostly", "moat": "plumbing", "use": "fraud", "data": "labeled"}
    outcome = scoring.score(make_bank(), answers)
    assert (outcome.first_hire, outcome.confidence, outcome.basis) == (AI, "clear", "core")
    assert outcome.decided_by == "agree-ai"


def test_a_contradiction_is_named_and_caps_the_call_at_a_lean():
    answers = {"fit": "no", "moat": "moat", "use": "chat", "data": "labeled", "stage": "early"}
    outcome = scoring.score(make_bank(), answers)
    assert outcome.first_hire == ML
    assert outcome.contradictions == ("chat-no-fit",)
    assert outcome.confidence == "lean"


def test_a_constraint_is_named_but_never_changes_who_or_how_sure():
    constraint = rule("on-device", "constraint", "use=fraud")
    bank = make_bank(rules=(*make_bank().rules, constraint))
    for fit, moat in (("mostly", "plumbing"), ("no", "moat")):
        answers = {"fit": fit, "moat": moat, "use": "fraud", "data": "labeled", "stage": "early"}
        named, plain = scoring.score(bank, answers), scoring.score(make_bank(), answers)
        assert named.constraints == ("on-device",) and plain.constraints == ()
        assert (named.first_hire, named.confidence) == (plain.first_hire, plain.confidence)


def test_no_data_holds_the_ml_engineer_back_for_a_staged_plan():
    answers = {"fit": "no", "moat": "moat", "data": "none", "use": "fraud", "stage": "early"}
    outcome = scoring.score(make_bank(), answers)
    assert outcome.best_fit == ML
    assert (outcome.first_hire, outcome.later_hire, outcome.confidence) == (AI, ML, "held-back")
    assert outcome.held_back_by == ("no-data",)


def test_when_every_role_is_held_back_the_best_fit_goes_first_without_a_plan():
    bank = make_bank(rules=(rule("hold-ml", "hold-back", "data=none", ML),
                            rule("hold-ai", "hold-back", "data=none", AI)))  # fmt: skip
    answers = {"fit": "no", "moat": "moat", "data": "none", "use": "fraud", "stage": "early"}
    outcome = scoring.score(bank, answers)
    assert (outcome.first_hire, outcome.later_hire, outcome.held_back_by) == (ML, "", ())


def test_not_sure_is_not_counted_and_never_firmer_than_a_real_answer():
    bank = make_bank()
    answers = {"fit": "mostly", "use": "chat"}
    with_unsure = scoring.score(bank, {**answers, "moat": "unsure", "data": "unsure"})
    without = scoring.score(bank, answers)
    assert with_unsure.not_counted == ("moat", "data")
    assert with_unsure.scores == without.scores
    assert [c.counted for c in with_unsure.contributions] == [True, False, False, True]
    # the moat answered for real: plumbing decides, a moat leaves the points close;
    # "not sure" is only as firm as the weaker of them
    plumbing = scoring.score(bank, {**answers, "moat": "plumbing", "data": "unsure"})
    moat = scoring.score(bank, {**answers, "moat": "moat", "data": "unsure"})
    assert (plumbing.confidence, moat.confidence) == ("clear", "toss-up")
    assert with_unsure.confidence == "toss-up" and with_unsure.first_hire == AI


def test_no_counted_answer_is_a_toss_up_for_the_default_role_with_no_shares():
    outcome = scoring.score(make_bank(), {"fit": "unsure", "use": "other"})
    assert outcome.shares == {AI: 0, ML: 0}
    assert (outcome.first_hire, outcome.confidence, outcome.basis) == (AI, "toss-up", "default")


def test_a_toss_up_follows_the_company_stage():
    bank = make_bank()
    # a general model gets 90% of the way, yet the model is the moat: the points are close
    close = {"fit": "mostly", "moat": "moat", "use": "fraud", "data": "labeled"}
    early = scoring.score(bank, {**close, "stage": "early"})
    assert (early.confidence, early.basis, early.decided_by) == ("toss-up", "tie-break", "early")
    assert early.first_hire == AI
    # scaling: the answers' leader, not the early-stage rule of thumb
    scaling = scoring.score(bank, {**close, "stage": "scaling"})
    assert (scaling.confidence, scaling.decided_by, scaling.first_hire) == (
        "toss-up",
        "scaling",
        ML,
    )


def test_a_toss_up_with_an_ml_engineer_as_default_goes_to_the_ml_engineer():
    bank = make_bank(default_role=ML, rules=())
    outcome = scoring.score(bank, {"stage": "early"})
    assert (outcome.first_hire, outcome.confidence, outcome.basis) == (ML, "toss-up", "default")


def test_not_yet_needs_a_clean_call_for_its_role():
    not_yet = rule("team-can", "not-yet", "fit=mostly", AI)
    bank = make_bank(rules=(*make_bank().rules, not_yet))
    assert scoring.score(bank, {"fit": "mostly", "moat": "plumbing"}).specialist == "not-yet"
    contradicted = rule("odd", "contradiction", "fit=mostly & stage=scaling")
    bank = make_bank(rules=(*bank.rules, contradicted))
    outcome = scoring.score(bank, {"fit": "mostly", "moat": "plumbing", "stage": "scaling"})
    assert outcome.specialist == "now"


def test_changes_that_would_flip_it_offer_levers_first_and_at_most_three():
    bank = make_bank()
    answers = {"fit": "no", "moat": "moat", "data": "labeled", "use": "fraud", "stage": "scaling"}
    changes = scoring.flips(bank, answers)
    assert 0 < len(changes) <= 3
    assert changes[0].changes == (("data", "none"),)
    assert (changes[0].first_hire, changes[0].confidence, changes[0].kind) == (
        AI,
        "held-back",
        LEVER,
    )
    for flip in changes:
        outcome = scoring.score(bank, {**answers, **dict(flip.changes)})
        assert (outcome.first_hire, outcome.confidence) == (flip.first_hire, flip.confidence)


def test_it_offers_pairs_of_levers_when_no_single_answer_flips():
    def lever(slug, ai_choice, ml_choice):
        choices = (make_choice(ai_choice, 3, 0), make_choice(ml_choice, 0, 1), unsure())
        return Question(slug, f"{slug}?", 2, choices, kind=LEVER)

    use = Question("use", "Use?", 1, (make_choice("chat", 3, 0), make_choice("fraud", 0, 3)))
    bank = make_bank(
        questions=(use, lever("data", "none", "labeled"), lever("speed", "now", "later")),
        rules=(),
        default_role=ML,
    )
    answers = {"use": "fraud", "data": "labeled", "speed": "later"}
    assert scoring.score(bank, answers).first_hire == ML
    changes = scoring.flips(bank, answers)
    assert [f.changes for f in changes] == [(("data", "none"), ("speed", "now"))]
    assert (changes[0].first_hire, changes[0].confidence) == (AI, "lean")


def test_it_reports_no_flip_when_nothing_would_change_it():
    only = Question("q", "Q?", 1, (make_choice("a", 3, 0), make_choice("b", 2, 0)), kind=FACT)
    assert scoring.flips(make_bank(questions=(only,), rules=()), {"q": "a"}) == []


def test_a_rule_may_not_depend_on_not_sure_or_a_missing_choice():
    bank = make_bank()
    assert any(
        "not sure" in p for p in scoring.rule_problems(rule("x", "caution", "fit=unsure", ML), bank)
    )
    assert scoring.rule_problems(rule("x", "caution", "fit=maybe", ML), bank) == [
        "“fit” has no choice “maybe”."
    ]
    assert scoring.rule_problems(rule("x", "decide", "fit=no"), bank) == [
        "A decide rule needs a role."
    ]
    assert scoring.rule_problems(rule("x", "decide", "fit=no", ML), bank) == []


def test_a_cases_answers_must_name_the_banks_questions_and_choices():
    bank = make_bank()
    assert bank_rules.answers_problems({"fit": "no"}, bank) == []
    assert bank_rules.answers_problems({}, bank) == []  # nothing answered is a founder too
    unknown = bank_rules.answers_problems({"fit": "maybe", "budget": "big"}, bank)
    assert unknown[0] == "“fit” has no choice “maybe” (its choices are: mostly, no, unsure)."
    assert unknown[1].startswith("No active question “budget” (the questions are: fit, ")
    for wrong in (["fit", "no"], {"fit": 1}, "fit=no"):
        assert bank_rules.answers_problems(wrong, bank)[0].startswith("Answers are {question")


def test_two_choices_of_a_question_may_not_share_a_slug():
    assert bank_rules.choice_slugs_problem(["mostly", "no", "unsure"]) == ""
    assert "its own slug" in bank_rules.choice_slugs_problem(["no", "no", "unsure"])


# Properties over random banks and answers.

points = st.integers(min_value=0, max_value=5)


@st.composite
def banks_and_answers(draw):
    n_questions = draw(st.integers(min_value=1, max_value=6))
    questions = []
    for i in range(n_questions):
        n_choices = draw(st.integers(min_value=2, max_value=4))
        choices = tuple(make_choice(f"c{j}", draw(points), draw(points)) for j in range(n_choices))
        kind = draw(st.sampled_from([CORE, LEVER, FACT]))
        questions.append(
            Question(f"q{i}", f"Q{i}", draw(st.integers(1, 5)), (*choices, unsure()), kind=kind)
        )
    rules = []
    for i in range(draw(st.integers(0, 3))):
        q = draw(st.sampled_from(questions))
        c = draw(st.sampled_from([c.slug for c in q.choices if not c.neutral]))
        kind = draw(st.sampled_from(sorted(scoring.RULE_KINDS)))
        rules.append(rule(f"r{i}", kind, f"{q.slug}={c}", draw(st.sampled_from([AI, ML]))))
    bank = make_bank(questions=tuple(questions), rules=tuple(rules))
    answers = {q.slug: draw(st.sampled_from([c.slug for c in q.choices])) for q in questions}
    return bank, answers


@given(banks_and_answers(), st.randoms(use_true_random=False))
def test_question_order_never_changes_the_result(bank_answers, rnd: random.Random):
    bank, answers = bank_answers
    shuffled = list(bank.questions)
    rnd.shuffle(shuffled)
    a = scoring.score(bank, answers)
    b = scoring.score(make_bank(questions=tuple(shuffled), rules=bank.rules), answers)
    keys = ("scores", "shares", "first_hire", "confidence", "later_hire", "specialist")
    assert [getattr(a, k) for k in keys] == [getattr(b, k) for k in keys]


@given(banks_and_answers(), st.data())
def test_moving_an_answer_toward_a_role_never_lowers_its_score(bank_answers, data):
    bank, answers = bank_answers
    question = data.draw(st.sampled_from(bank.questions))
    role = data.draw(st.sampled_from([AI, ML]))
    current = question.choice(answers[question.slug])
    better = [c for c in question.choices if c.points[role] >= current.points[role]]
    moved = data.draw(st.sampled_from(better))
    before = scoring.score(bank, answers).scores[role]
    after = scoring.score(bank, {**answers, question.slug: moved.slug}).scores[role]
    assert after >= before


@given(banks_and_answers())
def test_shares_add_up_to_100_whenever_an_answer_gave_points(bank_answers):
    bank, answers = bank_answers
    outcome = scoring.score(bank, answers)
    total = sum(outcome.shares.values())
    assert total == (100 if any(outcome.scores.values()) else 0)


@given(banks_and_answers())
def test_not_sure_gives_no_points_and_is_never_firmer_than_a_real_answer(bank_answers):
    bank, answers = bank_answers
    counted = {q: c for q, c in answers.items() if c != "unsure"}
    outcome = scoring.score(bank, answers)
    assert outcome.scores == scoring.score(bank, counted).scores
    for q, c in answers.items():
        if c != "unsure":
            continue
        for choice in bank.question(q).choices:
            if not choice.neutral:
                real = scoring.score(bank, {**answers, q: choice.slug})
                assert RANK[outcome.confidence] <= RANK[real.confidence]


@given(banks_and_answers())
def test_the_decision_alone_is_what_the_whole_score_decides(bank_answers):
    bank, answers = bank_answers
    decided, outcome = scoring.decision(bank, answers), scoring.score(bank, answers)
    keys = ("scores", "shares", "best_fit", "first_hire", "gap", "basis", "held_back_by")
    assert [getattr(decided, k) for k in keys] == [getattr(outcome, k) for k in keys]


@settings(max_examples=50)
@given(banks_and_answers())
def test_every_reported_flip_flips(bank_answers):
    bank, answers = bank_answers
    current = scoring.score(bank, answers).first_hire
    for flip in scoring.flips(bank, answers):
        assert scoring.score(bank, {**answers, **dict(flip.changes)}).first_hire == flip.first_hire
        assert flip.first_hire != current


def conditional_bank() -> Bank:
    follow_up = Question(
        "retrain",
        "Who retrains it?",
        3,
        (make_choice("us", 0, 3), unsure()),
        condition=("fit", "no"),
    )
    return make_bank(questions=make_bank().questions + (follow_up,), rules=())


def test_a_conditional_question_counts_only_when_it_is_asked():
    bank = conditional_bank()
    asked = scoring.score(bank, {"fit": "no", "retrain": "us"})
    assert asked.scores[ML] == 12 + 9
    not_asked = scoring.score(bank, {"fit": "mostly", "retrain": "us"})
    assert not_asked.scores == {AI: 12, ML: 0}
    assert "retrain" not in [q.slug for q in bank.asked({"fit": "mostly"})]
    assert "retrain" in [q.slug for q in bank.asked({"fit": "no"})]


def test_a_condition_on_a_question_not_asked_is_not_met():
    deeper = Question(
        "who",
        "Who?",
        1,
        (make_choice("a", 1, 0), make_choice("b", 0, 1)),
        condition=("retrain", "us"),
    )
    bank = make_bank(questions=conditional_bank().questions + (deeper,))
    assert bank.effective({"fit": "mostly", "retrain": "us", "who": "a"}) == {"fit": "mostly"}
    assert bank.effective({"fit": "no", "retrain": "us", "who": "a"}) == {
        "fit": "no",
        "retrain": "us",
        "who": "a",
    }


def test_flips_respect_conditions():
    bank = conditional_bank()
    answers = {"fit": "no", "retrain": "us", "data": "labeled", "use": "fraud"}
    for flip in scoring.flips(bank, answers):
        changed = scoring.score(bank, {**answers, **dict(flip.changes)})
        assert changed.first_hire == flip.first_hire
