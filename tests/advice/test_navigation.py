"""The wizard's navigation on plain data: which steps, in what order, where buttons lead."""

from __future__ import annotations

from advisor.advice.bank import Bank, Choice, Question, Role
from advisor.advice.navigation import Navigation


def q(slug: str, *choices: str, condition=None) -> Question:
    return Question(slug, f"{slug}?", 1, tuple(Choice(c, c) for c in choices), condition)


BANK = Bank(
    roles=(Role("ai", "AI"), Role("ml", "ML")),
    default_role="ai",
    questions=(
        q("use", "chat", "fraud"),
        q("data", "none", "labeled"),
        q("owner", "us", "unsure", condition=("data", "labeled")),
        q("speed", "now", "later"),
    ),
)


def nav(**answers) -> Navigation:
    return Navigation(
        BANK, answers, lambda slug, change: f"/{slug}/" + ("?c" if change else ""), "/check/", "/"
    )


def test_the_steps_are_the_questions_whose_conditions_hold():
    assert [s.slug for s in nav().steps] == ["use", "data", "speed"]
    assert [s.slug for s in nav(data="labeled").steps] == ["use", "data", "owner", "speed"]


def test_it_resumes_at_the_first_unanswered_step_then_the_check_page():
    assert nav().resume_url() == "/use/"
    assert nav(use="chat").resume_url() == "/data/"
    assert nav(use="chat", data="none", speed="now").resume_url() == "/check/"
    assert nav(use="chat", data="none", speed="now").complete
    assert not nav(use="chat", data="labeled", speed="now").complete  # "owner" brought in


def test_a_later_step_is_blocked_by_an_earlier_unanswered_one():
    speed = BANK.question("speed")
    assert nav(use="chat").blocked_by(speed).slug == "data"
    assert nav(use="chat", data="none").blocked_by(speed) is None


def test_back_goes_to_the_previous_step_home_from_the_first_and_check_when_changing():
    n = nav(use="chat", data="labeled")
    assert n.back_url(BANK.question("use"), change=False) == "/"
    assert n.back_url(BANK.question("speed"), change=False) == "/owner/"
    assert n.back_url(BANK.question("speed"), change=True) == "/check/"


def test_an_answer_leads_to_the_next_step_asked_given_that_answer():
    n = nav(use="chat")
    assert n.after_answer(BANK.question("data"), "none", change=False) == "/speed/"
    assert n.after_answer(BANK.question("data"), "labeled", change=False) == "/owner/"
    last = nav(use="chat", data="none")
    assert last.after_answer(BANK.question("speed"), "now", change=False) == "/check/"


def test_changing_an_answer_returns_to_the_check_page_through_any_step_it_brings_in():
    done = nav(use="chat", data="none", speed="now")
    assert done.after_answer(BANK.question("use"), "fraud", change=True) == "/check/"
    assert done.after_answer(BANK.question("data"), "labeled", change=True) == "/owner/?c"


def test_answered_counts_only_the_steps_asked():
    assert nav(use="chat", data="none", owner="us").answered == 2
    assert nav(use="chat", data="labeled", owner="us").answered == 3
