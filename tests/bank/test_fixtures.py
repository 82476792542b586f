"""The real question bank in fixtures/, loaded and scored."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from advisor import costs
from advisor.advice import bank_rules, scoring
from advisor.bank import store as bank_store
from advisor.management.commands.seed import FIXTURES
from advisor.models import (
    Case,
    Choice,
    HiringTerms,
    PayRate,
    Points,
    Question,
    Region,
    RoleProfile,
    Rule,
)
from tests.conftest import AI_ANSWERS, ML_ANSWERS

# DESIGN.md's contract: these slugs are what links, tests and analytics rely on.
CONTRACT = {
    "use-case": {
        "chat-assistant", "doc-search", "summarize", "nl-data-query", "fraud",
        "recommendations", "forecasting", "churn", "vision", "agent", "doc-extraction",
        "speech", "other",
    },
    "general-model-fit": {"mostly", "partly", "no", "unsure"},
    "model-role": {"plumbing", "moat", "unsure"},
    "training-data": {"none", "raw", "labeled", "unsure"},
    "production-ownership": {"stable-integration", "continuous-retraining", "unsure"},
    "time-to-value": {"days-weeks", "one-three-months", "multi-month-ok", "unsure"},
    "team": {"no-engineers", "generalists", "llm-shipped", "ml-practitioner", "unsure"},
    "constraints": {"none", "data-stays-private", "on-device-realtime", "unsure"},
}  # fmt: skip


def test_it_holds_the_contract_questions_and_choices(bank):
    assert {slug: set(choices) for slug, choices in bank_rules.CONTRACT.items()} == CONTRACT
    for slug, choices in CONTRACT.items():
        assert (
            set(Choice.objects.filter(question__slug=slug).values_list("slug", flat=True))
            == choices
        )


def test_every_question_has_a_neutral_choice_that_gives_no_points(bank):
    for question in Question.objects.all():
        neutral = question.choices.get(slug="other" if question.slug == "use-case" else "unsure")
        assert {p.points for p in neutral.points.all()} == {0}, question.slug


def test_the_shipped_bank_keeps_its_own_rules(bank):
    assert bank_rules.bank_problems(bank) == []


def test_every_choice_has_points_for_every_role_and_an_explanation(bank):
    roles = RoleProfile.objects.count()
    assert roles == 2
    for choice in Choice.objects.all():
        assert choice.points.count() == roles, choice
        assert choice.explanation.strip(), choice


def test_loading_twice_changes_nothing(bank):
    models = (RoleProfile, Question, Choice, Points, Rule, Case, Region, HiringTerms, PayRate)
    counts = [m.objects.count() for m in models]
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert [m.objects.count() for m in models] == counts


def test_the_article_keeps_its_own_figures_the_vendors_prices(bank):
    def rate(role, region, engagement, seniority):
        return PayRate.objects.get(
            role__slug=role, region__slug=region, engagement=engagement, seniority=seniority
        )

    for role, price in (("ai-engineer", 15), ("ml-engineer", 35)):
        offshore = rate(role, "south-asia", "offshore", "mid")
        assert (offshore.low, offshore.high, offshore.unit) == (price, price, "hour")
        assert offshore.is_starting_price and offshore.source_kind == "article"
        assert "AdSnipper, a vendor that places offshore specialists" in offshore.source_note
    assert set(PayRate.objects.filter(source_kind="article").values_list("low", flat=True)) == {
        15,
        35,
    }


def test_every_shipped_pay_figure_has_a_source_and_a_date_or_a_stated_method(bank):
    for rate in PayRate.objects.select_related("base"):
        assert rate.source_note and rate.as_of, rate
        assert rate.source_kind in ("article", "published", "estimate"), rate
        assert rate.is_estimate == (rate.source_kind == "estimate"), rate
        if rate.source_kind == "published":
            assert rate.source_name and rate.source_url.startswith("https://"), rate
        else:
            assert rate.method, rate  # an estimate, or the article quoted as it stands
        if rate.source_kind == "estimate" and not rate.base_id:
            assert rate.source_name and rate.source_url, rate  # the statistic it adjusts
        if rate.base_id:
            # A derived figure is its base's times its factor, not a number typed in.
            low, high = costs.derived(
                rate.base.low, rate.base.high, base_unit=rate.base.unit, unit=rate.unit,
                factor=rate.factor,
            )  # fmt: skip
            assert (rate.low, rate.high) == (low, high), rate


def test_every_shipped_on_cost_has_official_rates_a_source_and_a_date(bank):
    in_house = HiringTerms.objects.filter(engagement="in-house")
    assert in_house.count() == Region.objects.count()
    for terms in in_house:
        countries = [costs.country_from_data(c) for c in terms.countries]
        assert countries, terms
        for country in countries:
            assert country.contributions, country
            assert country.source_name and country.source_url.startswith("https://"), country
            assert country.as_of, country
    # The US wage base caps Social Security: the effective rate falls at senior pay.
    us = costs.country_from_data(
        HiringTerms.objects.get(region__slug="us", engagement="in-house").countries[0]
    )
    assert us.effective_rate(Decimal(20000)) < us.effective_rate(Decimal(10000))


def test_every_option_the_page_offers_has_a_rate_for_each_role_and_seniority(bank):
    book = bank.cost_book
    assert {r.slug for r in book.regions} == {
        "us", "western-europe", "eastern-europe", "latin-america", "south-asia",
    }  # fmt: skip
    for region in book.regions:
        expected = {"in-house", "contractor"} | ({"offshore"} if region.slug != "us" else set())
        assert {e for r, e in book.options if r == region.slug} == expected, region
    for region, engagement in book.options:
        for role in ("ai-engineer", "ml-engineer"):
            mid, senior = (book.rate(role, region, engagement, s) for s in ("mid", "senior"))
            assert mid and senior, (role, region, engagement)
            # a senior never costs less, once on-costs are counted the same way
            terms = book.terms_for(region, engagement)
            mid_cost, senior_cost = (costs.hire_cost(rate, terms).monthly for rate in (mid, senior))
            assert senior_cost.low >= mid_cost.low and senior_cost.high >= mid_cost.high
    for terms in book.terms:
        assert terms.source_note and terms.as_of
    assert {c.code for c in book.currencies} == {"USD", "EUR", "GBP"}


def test_it_scores_a_full_set_of_answers(bank):
    outcome = scoring.score(bank, AI_ANSWERS)
    assert outcome.first_hire == "ai-engineer"
    assert outcome.confidence == "clear"
    assert outcome.decided_by == "core-agree-ai"
    assert len(outcome.contributions) == len(bank.questions)
    assert sum(outcome.shares.values()) == 100


def test_every_shipped_case_passes(bank):
    out = StringIO()
    call_command("check_cases", stdout=out)
    assert Case.objects.count() >= 20
    assert f"All {Case.objects.count()} cases pass." in out.getvalue()


def test_check_cases_fails_when_an_edit_breaks_a_case(bank):
    # Drop the rule that no training data holds the ML engineer back.
    Rule.objects.filter(slug="no-training-data").update(is_active=False)
    bank_store.forget()
    with pytest.raises(CommandError, match="cases fail"):
        call_command("check_cases", stdout=StringIO())


def test_no_data_and_value_needed_soon_means_an_ai_engineer_first_with_a_staged_plan(bank):
    answers = {**ML_ANSWERS, "training-data": "none", "time-to-value": "one-three-months"}
    outcome = scoring.score(bank, answers)
    assert outcome.best_fit == "ml-engineer"
    assert (outcome.first_hire, outcome.later_hire) == ("ai-engineer", "ml-engineer")
    assert outcome.confidence == "held-back"
    assert outcome.held_back_by == ("no-training-data",)


def test_a_moat_without_data_but_months_to_spare_means_an_ml_engineer_warned(bank):
    outcome = scoring.score(bank, {**ML_ANSWERS, "training-data": "none"})
    assert (outcome.first_hire, outcome.confidence, outcome.later_hire) == (
        "ml-engineer",
        "lean",
        "",
    )
    assert outcome.cautions == ("no-data-yet",)


def test_a_moat_on_labeled_data_means_an_ml_engineer(bank):
    outcome = scoring.score(bank, ML_ANSWERS)
    assert (outcome.first_hire, outcome.confidence) == ("ml-engineer", "clear")


def test_every_fixture_text_fits_its_column():
    # SQLite ignores a CharField's max_length; PostgreSQL refuses the row.
    for path in sorted((settings.BASE_DIR / "fixtures").glob("*.json")):
        for row in json.loads(path.read_text()):
            model = apps.get_model(row["model"])
            for name, value in row["fields"].items():
                limit = getattr(model._meta.get_field(name), "max_length", None)
                if isinstance(value, str) and limit:
                    assert len(value) <= limit, f"{path.name}: {row['model']}.{name}"
