"""The scoring module on plain data: no database, no Django."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import scoring
from advisor.scoring import Bank, Choice, Question

ROLES = ("ai-engineer", "ml-engineer")


def make_choice(slug: str, ai: int, ml: int, holds_back: str = "") -> Choice:
    return Choice(
        slug, slug.title(), {"ai-engineer": ai, "ml-engineer": ml}, f"{slug}.", holds_back
    )


def make_bank(**kwargs) -> Bank:
    kwargs.setdefault(
        "questions",
        (
            Question(
                "fit",
                "Does a general model solve it?",
                3,
                (make_choice("mostly", 3, 0), make_choice("partly", 2, 1), make_choice("no", 0, 3)),
            ),
            Question(
                "data",
                "Training data?",
                2,
                (
                    make_choice("none", 3, 0, holds_back="ml-engineer"),
                    make_choice("labeled", 0, 3),
                ),
            ),
            Question(
                "speed",
                "How soon?",
                2,
                (
                    make_choice("now", 3, 0, holds_back="ml-engineer"),
                    make_choice("later", 1, 2),
                ),
            ),
            Question(
                "stage", "Stage?", 1, (make_choice("early", 2, 0), make_choice("unsure", 1, 1))
            ),
        ),
    )
    kwargs.setdefault("roles", ROLES)
    kwargs.setdefault("default_role", "ai-engineer")
    return Bank(**kwargs)


def test_it_adds_weighted_points():
    outcome = scoring.score(make_bank(), {"fit": "no", "data": "labeled", "speed": "later"})
    assert outcome.scores == {"ai-engineer": 0 + 0 + 2, "ml-engineer": 9 + 6 + 4}
    assert outcome.first_hire == "ml-engineer"
    assert outcome.confidence == "clear"


def test_it_gives_shares_that_add_up_to_100():
    outcome = scoring.score(make_bank(), {"fit": "partly", "stage": "unsure"})
    assert sum(outcome.shares.values()) == 100
    assert outcome.shares == {"ai-engineer": 64, "ml-engineer": 36}


def test_it_splits_evenly_with_no_answers_and_picks_the_default_role():
    outcome = scoring.score(make_bank(), {})
    assert outcome.shares == {"ai-engineer": 50, "ml-engineer": 50}
    assert outcome.first_hire == "ai-engineer"
    assert outcome.confidence == "toss-up"


def test_a_tie_goes_to_the_default_role():
    bank = make_bank(default_role="ml-engineer")
    outcome = scoring.score(bank, {"stage": "unsure"})
    assert outcome.scores["ai-engineer"] == outcome.scores["ml-engineer"]
    assert outcome.first_hire == "ml-engineer"


def test_it_ignores_unknown_questions_and_choices():
    outcome = scoring.score(make_bank(), {"fit": "sideways", "nope": "no", "data": "labeled"})
    assert outcome.scores == {"ai-engineer": 0, "ml-engineer": 6}
    assert [c.question for c in outcome.contributions] == ["data"]


def test_two_answers_that_hold_back_the_best_fit_hand_the_first_hire_over():
    # The model is the product, but there is no data and value is needed now.
    outcome = scoring.score(
        with_moat(), {"fit": "no", "moat": "moat", "data": "none", "speed": "now"}
    )
    assert outcome.best_fit == "ml-engineer"
    assert outcome.first_hire == "ai-engineer"
    assert outcome.held_back_by == ("data", "speed")
    assert outcome.later_hire == "ml-engineer"
    assert outcome.staged


def test_one_holding_answer_is_not_enough():
    outcome = scoring.score(make_bank(), {"fit": "no", "data": "none", "speed": "later"})
    assert outcome.first_hire == "ml-engineer"
    assert outcome.held_back_by == ()


def test_a_close_ai_lead_comes_with_a_staged_plan():
    outcome = scoring.score(make_bank(), {"fit": "partly", "data": "labeled", "speed": "now"})
    assert outcome.first_hire == "ai-engineer"
    assert outcome.shares["ml-engineer"] >= scoring.STAGE_SHARE
    assert outcome.later_hire == "ml-engineer"


def test_reasons_are_the_answers_that_moved_the_first_hire_most():
    outcome = scoring.score(make_bank(), {"fit": "no", "data": "labeled", "stage": "early"})
    assert [c.question for c in outcome.reasons()] == ["fit", "data"]


def test_every_flip_it_reports_really_flips():
    bank = make_bank()
    answers = {"fit": "partly", "data": "labeled", "speed": "later", "stage": "unsure"}
    current = scoring.score(bank, answers).first_hire
    found = scoring.flips(bank, answers)
    assert found
    for flip in found:
        changed = scoring.score(bank, {**answers, **dict(flip.changes)})
        assert changed.first_hire == flip.first_hire != current


def with_moat(weight: int = 5) -> Bank:
    moat = Question(
        "moat", "Moat?", weight, (make_choice("moat", 0, 3), make_choice("plumbing", 3, 0))
    )
    return make_bank(questions=make_bank().questions + (moat,))


def test_it_offers_pairs_when_no_single_answer_flips():
    bank = with_moat(weight=4)
    answers = {"fit": "no", "moat": "moat", "data": "labeled", "speed": "later", "stage": "unsure"}
    found = scoring.flips(bank, answers)
    assert found and all(len(f.changes) == 2 for f in found)
    for flip in found:
        assert scoring.score(bank, {**answers, **dict(flip.changes)}).first_hire == "ai-engineer"


def test_it_reports_no_flip_when_nothing_would_change_it():
    only = Question("q", "Q?", 1, (make_choice("a", 3, 0), make_choice("b", 2, 1)))
    assert scoring.flips(make_bank(questions=(only,)), {"q": "a"}) == []


# Properties over random banks and answers.

points = st.integers(min_value=0, max_value=5)


@st.composite
def banks_and_answers(draw):
    n_questions = draw(st.integers(min_value=1, max_value=6))
    questions = []
    for i in range(n_questions):
        n_choices = draw(st.integers(min_value=2, max_value=4))
        choices = tuple(
            make_choice(
                f"c{j}",
                draw(points),
                draw(points),
                draw(st.sampled_from(["", "", "ml-engineer", "ai-engineer"])),
            )
            for j in range(n_choices)
        )
        questions.append(Question(f"q{i}", f"Q{i}", draw(st.integers(1, 5)), choices))
    bank = make_bank(questions=tuple(questions))
    answers = {q.slug: draw(st.sampled_from([c.slug for c in q.choices])) for q in questions}
    return bank, answers


@given(banks_and_answers(), st.randoms(use_true_random=False))
def test_question_order_never_changes_the_result(bank_answers, rnd: random.Random):
    bank, answers = bank_answers
    shuffled = list(bank.questions)
    rnd.shuffle(shuffled)
    a = scoring.score(bank, answers)
    b = scoring.score(make_bank(questions=tuple(shuffled)), answers)
    assert (a.scores, a.shares, a.first_hire, a.confidence, a.later_hire) == (
        b.scores,
        b.shares,
        b.first_hire,
        b.confidence,
        b.later_hire,
    )
    assert set(a.held_back_by) == set(b.held_back_by)


@given(banks_and_answers(), st.data())
def test_moving_an_answer_toward_a_role_never_lowers_its_score(bank_answers, data):
    bank, answers = bank_answers
    question = data.draw(st.sampled_from(bank.questions))
    role = data.draw(st.sampled_from(ROLES))
    current = question.choice(answers[question.slug])
    better = [c for c in question.choices if c.points[role] >= current.points[role]]
    moved = data.draw(st.sampled_from(better))
    before = scoring.score(bank, answers).scores[role]
    after = scoring.score(bank, {**answers, question.slug: moved.slug}).scores[role]
    assert after >= before


@given(banks_and_answers())
def test_shares_always_add_up_to_100(bank_answers):
    bank, answers = bank_answers
    shares = scoring.score(bank, answers).shares
    assert sum(shares.values()) == 100
    assert all(0 <= s <= 100 for s in shares.values())


@given(banks_and_answers())
def test_equal_inputs_give_equal_outputs(bank_answers):
    bank, answers = bank_answers
    assert scoring.score(bank, answers) == scoring.score(bank, dict(answers))
    assert scoring.flips(bank, answers) == scoring.flips(bank, dict(answers))


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
        (make_choice("us", 0, 3), make_choice("unsure", 1, 1)),
        condition=("fit", "no"),
    )
    return make_bank(questions=make_bank().questions + (follow_up,))


def test_a_conditional_question_counts_only_when_it_is_asked():
    bank = conditional_bank()
    asked = scoring.score(bank, {"fit": "no", "retrain": "us"})
    assert asked.scores["ml-engineer"] == 9 + 9
    not_asked = scoring.score(bank, {"fit": "mostly", "retrain": "us"})
    assert not_asked.scores == {"ai-engineer": 9, "ml-engineer": 0}
    assert [q.slug for q in bank.asked({"fit": "mostly"})] == ["fit", "data", "speed", "stage"]
    assert "retrain" in [q.slug for q in bank.asked({"fit": "no"})]


def test_a_condition_on_a_question_not_asked_is_not_met():
    bank = conditional_bank()
    deeper = Question(
        "who",
        "Who?",
        1,
        (make_choice("a", 1, 0), make_choice("b", 0, 1)),
        condition=("retrain", "us"),
    )
    bank = make_bank(questions=bank.questions + (deeper,))
    assert bank.effective({"fit": "mostly", "retrain": "us", "who": "a"}) == {"fit": "mostly"}
    assert bank.effective({"fit": "no", "retrain": "us", "who": "a"}) == {
        "fit": "no",
        "retrain": "us",
        "who": "a",
    }


def test_flips_respect_conditions():
    bank = conditional_bank()
    answers = {"fit": "no", "retrain": "us", "data": "labeled", "speed": "later"}
    for flip in scoring.flips(bank, answers):
        changed = scoring.score(bank, {**answers, **dict(flip.changes)})
        assert changed.first_hire == flip.first_hire


def test_when_every_role_is_held_back_the_best_fit_goes_first_without_a_plan():
    fit = Question("fit", "Fit?", 3, (make_choice("no", 0, 3), make_choice("mostly", 3, 0)))
    holds = tuple(
        Question(
            f"h{i}",
            "Hold?",
            1,
            (
                make_choice("both", 0, 0, holds_back="ml-engineer"),
                make_choice("other", 0, 0, holds_back="ai-engineer"),
            ),
        )
        for i in range(4)
    )
    bank = make_bank(questions=(fit, *holds))
    answers = {"fit": "no", "h0": "both", "h1": "both", "h2": "other", "h3": "other"}
    outcome = scoring.score(bank, answers)
    assert outcome.first_hire == "ml-engineer"
    assert outcome.later_hire == "" and outcome.held_back_by == ()


def test_a_toss_up_goes_to_the_default_role_with_a_staged_plan():
    close = Question("q", "Q?", 1, (make_choice("a", 10, 11), make_choice("b", 0, 0)))
    bank = make_bank(questions=(close,))
    outcome = scoring.score(bank, {"q": "a"})  # 48 % to 52 %
    assert outcome.confidence == "toss-up", outcome.shares
    assert outcome.best_fit == "ml-engineer"
    assert outcome.first_hire == "ai-engineer"
    assert outcome.later_hire == "ml-engineer"
