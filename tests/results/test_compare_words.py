"""The compare page's sentences, for every kind of difference between two results: first
hire (or no specialist, or a toss-up), how sure, and the staged plan."""

from __future__ import annotations

import itertools
import re

import pytest

from advisor.results.presenters.compare_words import SURE, call_words, compare_sentences

AI = {"slug": "ai-engineer", "name": "AI Engineer"}
ML = {"slug": "ml-engineer", "name": "Machine Learning Engineer"}


def view(verdict, confidence, later):
    first = {"ai-engineer": AI, "ml-engineer": ML}.get(verdict, AI)
    return {"verdict": verdict, "first": first, "confidence": confidence, "later": later}


SIDES = [
    view(verdict, confidence, later)
    for verdict in ("ai-engineer", "ml-engineer")
    for confidence in ("clear", "lean", "held-back")
    for later in (None, ML if verdict == "ai-engineer" else AI)
] + [view("no-specialist", "clear", None), view("find-out", "toss-up", None)]
NAMES = ("your result", "the shared result")


def sentences_for(left, right, differences, deciding):
    return compare_sentences(
        left, right, names=NAMES, yours=True, differences=differences, deciding=deciding
    )


@pytest.mark.parametrize(
    ("differences", "deciding"), [(0, []), (3, []), (3, ["Q one?"]), (3, ["Q one?", "Q two?"])]
)
def test_every_pair_of_results_reads_correctly(differences, deciding):
    for left, right in itertools.product(SIDES, SIDES):
        said = sentences_for(left, right, differences, deciding)
        text = " ".join(said)
        where = f"{left} / {right}: {text}"
        # whole sentences, each said once, none garbled
        assert all(s[0].isupper() and s.endswith(".") for s in said), where
        assert len(set(said)) == len(said), where
        assert not re.search(r"[:;,]\s*[:;,.]|\.\.|: [A-Z]", text), where
        same = call_words(left) == call_words(right)
        if same:
            assert call_words(left) in said[0] and "against" not in text, where
        else:
            assert f"{call_words(left)} against {call_words(right)}" in said[0], where
        roles = left["verdict"] in ("ai-engineer", "ml-engineer")
        sure_differs = same and roles and left["confidence"] != right["confidence"]
        assert ("How sure differs" in text) == sure_differs, where
        if sure_differs:
            assert str(SURE[left["confidence"]]) in text and str(SURE[right["confidence"]]) in text
        later_differs = same and roles and left["later"] != right["later"]
        assert ("What comes next differs" in text) == later_differs, where
        if later_differs:
            assert "plans no second hire" in text and " later;" in text or "later." in text
        for question in deciding if differences else []:
            assert text.count(f"“{question}”") == 1, where
        if not differences and same:
            assert said[0].startswith("Both results come from the same answers"), where


def test_the_sentences_a_founder_reads():
    clear_ai = view("ai-engineer", "clear", None)
    staged_ai = view("ai-engineer", "held-back", ML)
    assert sentences_for(staged_ai, clear_ai, 2, []) == [
        "You both get the AI Engineer first.",
        "How sure differs: for your result it is a call for now, for the shared result a "
        "clear call.",
        "What comes next differs: your result plans the Machine Learning Engineer later; "
        "the shared result plans no second hire.",
        "Your 2 differences do not change who goes first.",
    ]
    assert sentences_for(clear_ai, view("ml-engineer", "clear", None), 4, ["Q one?"]) == [
        "The results differ: the AI Engineer first against the Machine Learning Engineer first.",
        "The answer to “Q one?” decides it.",
    ]
    assert sentences_for(clear_ai, clear_ai, 1, ["Q one?"]) == [
        "You both get the AI Engineer first.",
        "The answer to “Q one?” could change the call on its own: settle it first.",
    ]
    assert sentences_for(view("no-specialist", "clear", None), clear_ai, 3, []) == [
        "The results differ: no specialist yet against the AI Engineer first.",
        "No single difference decides it: several together do.",
    ]
