"""The shipped bank's advice, checked over every possible set of answers.

Enumerated, not sampled. Choices that score alike (the same points, named by the same
rules, neither or both "not sure") give the same outcome, so each such class is
enumerated once through one of its choices; the classes are worked out from the bank
itself, so a new rule or a changed point splits them again. That leaves tens of
thousands of answer sets, every one of them checked.
"""

from __future__ import annotations

import itertools
import re

import pytest

from advisor.advice import checks as advice_checks
from advisor.advice import scoring
from advisor.advice.bank import Bank
from advisor.advice.scoring import CONFIDENCES
from advisor.results.presenters.result import result_view
from advisor.results.snapshots import SNAPSHOT_VERSION, advice_parts, settle

AI, ML = "ai-engineer", "ml-engineer"


def signature(bank: Bank, question, choice) -> tuple:
    named = frozenset(
        r.slug for r in bank.rules if choice.slug in r.when.get(question.slug, frozenset())
    )
    conditions = frozenset(
        q.slug for q in bank.questions if q.condition == (question.slug, choice.slug)
    )
    return (tuple(sorted(choice.points.items())), choice.neutral, named, conditions)


def classes(bank: Bank) -> dict[str, dict[str, str]]:
    """{question: {choice: the choice standing for its class}}."""
    found = {}
    for question in bank.questions:
        first_of = {}
        found[question.slug] = {
            c.slug: first_of.setdefault(signature(bank, question, c), c.slug)
            for c in question.choices
        }
    return found


class Scorer:
    """scoring.score, worked out once per class of answer sets."""

    def __init__(self, bank: Bank, real):
        self.bank, self.real, self.memo = bank, real, {}
        # (question slug, {choice: the choice standing for its class}) in the bank's order:
        # a key is made by one pass over them, with no sorting (it runs millions of times).
        self.order = list(classes(bank).items())

    def __call__(self, bank, answers):
        key = tuple((q, of.get(c, c)) for q, of in self.order if (c := answers.get(q)) is not None)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self.real(bank, dict(key))
        return found


_ENUMERATED: dict = {}


@pytest.fixture
def every_answer_set(db):
    """The shipped bank (plain data, kept for the module) and every answer set."""
    if not _ENUMERATED:
        from advisor.bank import store as bank_store

        bank = bank_store.build()
        reps = classes(bank)
        options = [sorted(set(reps[q.slug].values())) for q in bank.questions]
        slugs = [q.slug for q in bank.questions]
        sets = [dict(zip(slugs, combo, strict=True)) for combo in itertools.product(*options)]
        _ENUMERATED.update(bank=bank, sets=sets, scorer=Scorer(bank, scoring.score))
    return _ENUMERATED["bank"], _ENUMERATED["sets"]


@pytest.fixture
def scorer(every_answer_set):
    return _ENUMERATED["scorer"]


def test_there_are_tens_of_thousands_of_answer_sets(every_answer_set):
    bank, sets = every_answer_set
    assert 10_000 < len(sets) < 200_000
    assert all(len(s) == len(bank.questions) for s in sets)


def test_the_articles_checklist_holds_for_every_answer_set(every_answer_set, scorer):
    bank, sets = every_answer_set
    for answers in sets:
        assert advice_checks.article_problems(bank, answers, scorer(bank, answers)) == []


def test_a_general_model_and_plumbing_is_always_an_ai_engineer(every_answer_set, scorer):
    bank, sets = every_answer_set
    checked = 0
    for answers in sets:
        if (answers["general-model-fit"], answers["model-role"]) != ("mostly", "plumbing"):
            continue
        outcome = scorer(bank, answers)
        assert outcome.first_hire == AI, answers
        named = outcome.contradictions or outcome.cautions or outcome.open
        # a clear call unless something is named on the page or left open; never a toss-up
        assert outcome.confidence == ("lean" if named else "clear"), answers
        checked += 1
    assert checked > 1000


def test_a_moat_no_general_model_and_usable_data_is_an_ml_engineer(every_answer_set, scorer):
    bank, sets = every_answer_set
    checked = 0
    for answers in sets:
        if (answers["general-model-fit"], answers["model-role"]) != ("no", "moat"):
            continue
        data, time = answers["training-data"], answers["time-to-value"]
        if (
            data not in ("labeled", "raw")
            or time == "unsure"
            or (data, time) == ("raw", "days-weeks")
        ):
            continue
        outcome = scorer(bank, answers)
        assert outcome.first_hire == ML, answers
        assert outcome.confidence in ("clear", "lean"), answers
        if time == "days-weeks":
            assert outcome.confidence == "lean" and "ml-needs-months" in outcome.cautions
        checked += 1
    assert checked > 1000


def test_a_moat_without_data_but_months_to_spare_is_an_ml_engineer_with_the_warning(
    every_answer_set, scorer
):
    bank, sets = every_answer_set
    checked = 0
    for answers in sets:
        core = (answers["general-model-fit"], answers["model-role"], answers["training-data"])
        if core != ("no", "moat", "none") or answers["time-to-value"] != "multi-month-ok":
            continue
        outcome = scorer(bank, answers)
        assert (outcome.first_hire, outcome.confidence) == (ML, "lean"), answers
        assert "no-data-yet" in outcome.cautions, answers
        checked += 1
    assert checked > 100


def test_no_data_and_value_in_weeks_is_never_an_ml_engineer_first(every_answer_set, scorer):
    bank, sets = every_answer_set
    staged = 0
    for answers in sets:
        if (answers["training-data"], answers["time-to-value"]) != ("none", "days-weeks"):
            continue
        outcome = scorer(bank, answers)
        assert outcome.first_hire != ML, answers
        if outcome.best_fit == ML and outcome.confidence != "toss-up":
            # the staged plan: an AI engineer now, the ML engineer once data exists
            assert (outcome.confidence, outcome.later_hire) == ("held-back", ML), answers
            staged += 1
    assert staged > 100


def test_role_and_confidence_are_monotone_and_not_sure_never_adds_certainty(
    every_answer_set, scorer
):
    bank, sets = every_answer_set
    for answers in sets:
        assert advice_checks.neighbour_problems(bank, answers, scorer) == []


def test_not_sure_gives_no_points_and_is_never_firmer_than_any_real_answer(
    every_answer_set, scorer
):
    bank, sets = every_answer_set
    checked = 0
    for answers in sets:
        unsure = [q for q, c in answers.items() if bank.question(q).choice(c).neutral]
        if not unsure:
            continue
        outcome = scorer(bank, answers)
        without = scorer(bank, {q: c for q, c in answers.items() if q not in unsure})
        assert outcome.scores == without.scores and outcome.counts == without.counts, answers
        assert set(outcome.not_counted) == set(unsure), answers
        checked += 1
    assert checked > 10_000


def test_an_unsure_core_answer_never_leaves_a_clear_call(every_answer_set, scorer):
    bank, sets = every_answer_set
    for answers in sets:
        if "unsure" in (answers["general-model-fit"], answers["model-role"]):
            assert scorer(bank, answers).confidence != "clear", answers


def test_constraints_never_change_who_or_how_sure(every_answer_set, scorer):
    bank, sets = every_answer_set
    for answers in sets:
        if answers["constraints"] != "none":
            continue
        outcome = scorer(bank, answers)
        for limit in ("data-stays-private", "on-device-realtime"):
            limited = scorer(bank, {**answers, "constraints": limit})
            assert (limited.first_hire, limited.confidence) == (
                outcome.first_hire,
                outcome.confidence,
            ), answers
            # named on the page as advice about how to build
            assert limited.constraints, answers


def test_each_result_has_one_verdict(every_answer_set, scorer):
    bank, sets = every_answer_set
    seen = set()
    for answers in sets:
        outcome = scorer(bank, answers)
        verdict = outcome.verdict
        if verdict == "no-specialist":
            assert (outcome.first_hire, outcome.confidence) == (AI, "clear"), answers
            assert not outcome.later_hire, answers
        elif verdict == "find-out":
            assert outcome.confidence == "toss-up", answers
        else:
            assert verdict == outcome.first_hire and outcome.confidence != "toss-up", answers
        seen.add(verdict)
    assert seen == {AI, ML, "no-specialist", "find-out"}


def test_every_change_listed_leads_where_it_says_and_there_are_at_most_three(
    every_answer_set, scorer, monkeypatch
):
    bank, sets = every_answer_set
    monkeypatch.setattr("advisor.advice.scoring.changes.score", scorer)
    listed = 0
    for answers in sets:
        current = scorer(bank, answers)
        changes = scoring.flips(bank, answers)
        assert len(changes) <= scoring.FLIP_LIMIT, answers
        for flip in changes:
            outcome = scorer(bank, {**answers, **dict(flip.changes)})
            assert outcome.first_hire == flip.first_hire != current.first_hire, answers
            assert outcome.confidence == flip.confidence, answers
            # a change is to a real answer, never to "not sure"
            assert not any(bank.question(q).choice(c).neutral for q, c in flip.changes)
        # decided outcomes are offered before toss-ups
        assert [f.toss_up for f in changes] == sorted(f.toss_up for f in changes), answers
        listed += len(changes)
    assert listed > 10_000


def card_problems(bank: Bank, answers: dict, outcome, view: dict) -> list[str]:
    """Where the card's words say what its numbers do not."""
    problems = []
    counts = outcome.counts
    counted = sum(1 for c in outcome.contributions if c.counted)
    unsure = sum(1 for c in outcome.contributions if not c.counted)
    words = " ".join(
        [view["confidence_sentence"], view["headline"], view["verdict_words"]["summary"]]
    )
    if "balance" in words and max(counts.values()) - min(counts.values()) > 1:
        problems.append("says the answers balance when the counts do not")
    for denominator in re.findall(r"of (?:the|your) (\d+) \w+ answers", words):
        if int(denominator) != counted:
            problems.append(f"counts {denominator} answers where {counted} were counted")
    if "deciding answers" in words:
        problems.append("a second denominator")
    said = re.search(r"(\d+) were “not sure”|1 was “not sure”", words)
    if unsure and not said or said and int(said.group(1) or 1) != unsure:
        problems.append("miscounts the “not sure” answers")
    rule_of_thumb = view.get("default_rule") or bank.role(bank.default_role).first_rule
    if rule_of_thumb and words.count(rule_of_thumb) > 1:
        problems.append("says the rule of thumb twice")
    first = outcome.first_hire
    ahead = [r for r in counts if counts[r] > counts[first]]
    if ahead and outcome.verdict == first and outcome.confidence != "held-back":
        if "weigh more" not in words:
            problems.append("the count favours the other role, unexplained")
    if outcome.confidence == "held-back":
        name = bank.role(first).name
        if f"point to the {name}, but it cannot deliver" in view["confidence_sentence"]:
            problems.append("says the first hire cannot deliver yet")
    heading = {"find-out": "Find out first", "no-specialist": "No specialist yet"}
    want = heading.get(outcome.verdict, bank.role(first).name)
    if view["verdict_words"]["heading"] != want:
        problems.append(f"heading {view['verdict_words']['heading']!r} for {outcome.verdict}")
    if view["confidence_words"] != CONFIDENCES[outcome.confidence]:
        problems.append("confidence in words")
    for item in view["settle"]:
        if answers.get(item["question"], "unsure") != "unsure":
            problems.append(f"says to find out {item['question']}, answered already")
    return problems


def test_the_cards_words_agree_with_the_numbers(every_answer_set, scorer, monkeypatch):
    bank, sets = every_answer_set
    monkeypatch.setattr(scoring, "score", scorer)
    titles = {}
    for answers in sets:
        outcome = scorer(bank, answers)
        snapshot = {
            "version": SNAPSHOT_VERSION,
            **advice_parts(bank, answers, outcome),
            "flips": [],
            "settle": settle(bank, answers, outcome) if outcome.verdict == "find-out" else [],
        }
        view = result_view(snapshot)
        assert card_problems(bank, answers, outcome, view) == [], answers
        titles.setdefault(outcome.verdict, set()).add(view["verdict_words"]["title"])
    # each verdict has a page title of its own
    assert len(titles) == 4
    assert all(not a & b for v, a in titles.items() for w, b in titles.items() if v != w)
