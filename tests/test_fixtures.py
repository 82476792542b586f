"""The real question bank in fixtures/, loaded and scored."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from advisor import scoring
from advisor.models import Choice, CostRate, Points, Question, RoleProfile
from tests.conftest import AI_ANSWERS, ML_ANSWERS

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
        "other",
    },
    "general-model-fit": {"mostly", "partly", "no"},
    "model-role": {"plumbing", "moat", "unsure"},
    "training-data": {"none", "raw", "labeled"},
    "production-ownership": {"stable-integration", "continuous-retraining", "unsure"},
    "time-to-value": {"days-weeks", "one-three-months", "multi-month-ok"},
}


def test_it_holds_the_contract_questions_and_choices(bank):
    for slug, choices in CONTRACT.items():
        assert (
            set(Choice.objects.filter(question__slug=slug).values_list("slug", flat=True))
            == choices
        )


def test_every_further_question_has_a_neutral_unsure_choice(bank):
    for question in Question.objects.exclude(slug__in=CONTRACT):
        unsure = question.choices.get(slug="unsure")
        given = {p.role.slug: p.points for p in unsure.points.all()}
        assert len(set(given.values())) == 1, question.slug


def test_every_choice_has_points_for_every_role_and_an_explanation(bank):
    roles = RoleProfile.objects.count()
    assert roles == 2
    for choice in Choice.objects.all():
        assert choice.points.count() == roles, choice
        assert choice.explanation.strip(), choice


def test_loading_twice_changes_nothing(bank):
    counts = [m.objects.count() for m in (RoleProfile, Question, Choice, Points, CostRate)]
    call_command("loaddata", "roles", "questions", "rates", verbosity=0)
    assert [m.objects.count() for m in (RoleProfile, Question, Choice, Points, CostRate)] == counts


def test_rates_carry_the_articles_figures_with_sources(bank):
    ml_us = CostRate.objects.get(role__slug="ml-engineer", sourcing="in-house")
    assert (ml_us.low, ml_us.high, ml_us.unit) == (12000, 14000, "month")
    assert CostRate.objects.get(role__slug="ml-engineer", sourcing="offshore").low == 35
    assert CostRate.objects.get(role__slug="ai-engineer", sourcing="offshore").low == 15
    for rate in CostRate.objects.all():
        assert rate.source_note and rate.as_of
        if rate.is_estimate:
            assert "estimate" in rate.source_note.lower()


def test_it_scores_a_full_set_of_answers(bank):
    outcome = scoring.score(bank.bank, AI_ANSWERS)
    assert outcome.first_hire == "ai-engineer"
    assert outcome.confidence == "clear"
    assert len(outcome.contributions) == len(bank.questions)
    assert sum(outcome.shares.values()) == 100


# Founders as the article describes them; the answers they would give.
FOUNDERS = [
    (
        "a feature a mid-level engineer could ship with an API key and a good prompt",
        {"use-case": "summarize", "general-model-fit": "mostly", "model-role": "plumbing"},
        "ai-engineer",
    ),
    (
        "semantic search over our docs, riding on someone else's model",
        {
            "use-case": "doc-search",
            "general-model-fit": "mostly",
            "model-role": "plumbing",
            "training-data": "raw",
            "production-ownership": "stable-integration",
        },
        "ai-engineer",
    ),
    (
        "a fraud model trained on our transaction patterns is why customers choose us",
        {
            "use-case": "fraud",
            "general-model-fit": "no",
            "model-role": "moat",
            "training-data": "labeled",
            "production-ownership": "continuous-retraining",
            "time-to-value": "multi-month-ok",
        },
        "ml-engineer",
    ),
    (
        "a recommendation engine tuned to our catalog, with our labeled history",
        {
            "use-case": "recommendations",
            "general-model-fit": "no",
            "model-role": "moat",
            "training-data": "labeled",
            "time-to-value": "one-three-months",
        },
        "ml-engineer",
    ),
    (
        "a defect-reading vision model is the product",
        {
            "use-case": "vision",
            "general-model-fit": "no",
            "model-role": "moat",
            "training-data": "labeled",
            "production-ownership": "continuous-retraining",
        },
        "ml-engineer",
    ),
    (
        "the model would be the moat, but no data yet and value needed in weeks",
        {
            "use-case": "churn",
            "general-model-fit": "no",
            "model-role": "moat",
            "training-data": "none",
            "time-to-value": "days-weeks",
        },
        "ai-engineer",
    ),
]


@pytest.mark.parametrize("story,answers,expected", FOUNDERS, ids=[f[0][:40] for f in FOUNDERS])
def test_the_advice_follows_the_articles_logic(bank, story, answers, expected):
    # Questions the founder has no view on are answered with their neutral choice.
    full = {q.slug: "unsure" for q in bank.questions if q.choice("unsure")}
    full.update({"use-case": "other", "general-model-fit": "partly"})
    full.update(answers)
    full.setdefault("training-data", "raw")
    full.setdefault("time-to-value", "one-three-months")
    assert scoring.score(bank.bank, full).first_hire == expected


def test_no_data_and_value_now_means_an_ai_engineer_first_with_a_staged_plan(bank):
    outcome = scoring.score(
        bank.bank, {**ML_ANSWERS, "training-data": "none", "time-to-value": "days-weeks"}
    )
    assert outcome.best_fit == "ml-engineer"
    assert outcome.first_hire == "ai-engineer"
    assert outcome.later_hire == "ml-engineer"


def test_a_moat_on_labeled_data_means_an_ml_engineer(bank):
    assert scoring.score(bank.bank, ML_ANSWERS).first_hire == "ml-engineer"
