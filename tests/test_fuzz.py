"""Random and malformed input at every endpoint: never a 500, never a lost answer."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advisor.models import Answer, Assessment
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

odd_text = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "ø" * 5000,
            "fraud\n",
            "FRAUD",
            "fraud ",
            "chat-assistant;drop table",
            "%00",
            "🙂" * 300,
        ]
    ),
)
slugs = st.sampled_from(list(ML_ANSWERS)) | odd_text.filter(lambda s: "/" not in s and s.strip())


def fresh(client: Client) -> Client:
    """The test's one client, as a new browser. A new Client per example would load the
    middleware again each time, and WhiteNoise's scan of the static files alone costs
    tens of milliseconds: most of what these tests took."""
    client.cookies.clear()
    return client


def answers_of(client) -> dict[str, str]:
    token = client.session.get("draft")
    if not token:
        return {}
    rows = Answer.objects.filter(assessment__token=token).select_related("question", "choice")
    return {a.question.slug: a.choice.slug for a in rows}


@FUZZ
@given(
    step=st.sampled_from(list(ML_ANSWERS)),
    data=st.dictionaries(
        slugs, odd_text | st.sampled_from(["fraud", "no", "moat", "unsure"]), max_size=4
    ),
    answered=st.integers(0, 8),
)
def test_random_posts_to_a_step_never_500_nor_lose_answers(client, bank, step, data, answered):
    client = fresh(client)
    earlier = dict(list(ML_ANSWERS.items())[:answered])
    for slug, choice in earlier.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    response = client.post(reverse("step", args=[step]), data)
    # 400 is Django refusing a body it cannot parse (say, an over-long field name)
    assert response.status_code in (303, 400, 422), response.status_code
    after = answers_of(client)
    question = bank.question(step)
    steps = list(ML_ANSWERS)
    in_order = all(s in earlier for s in steps[: steps.index(step)])
    valid = question.choice(data.get(step, "")) is not None
    if response.status_code == 303 and in_order and valid:
        assert after == {**earlier, step: data[step]}
    else:
        assert after == earlier
        if response.status_code == 422:
            assert "There is a problem" in response.content.decode()


@FUZZ
@given(path=odd_text)
def test_unknown_steps_and_tokens_are_404s(client, bank, path):
    client = fresh(client)
    for url in (
        f"/wizard/{path}/",
        f"/r/{path}/",
        f"/r/{path}/change/",
        f"/r/{path}/sources/",
        f"/compare/{path}/{path}/",
    ):
        try:
            response = client.get(url)
        except ValueError:
            continue  # the test client itself refuses some byte sequences in a URL
        assert response.status_code in (404, 301, 303), (url, response.status_code)


@pytest.fixture
def result_url(bank):
    return complete(Client(), ML_ANSWERS)


@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(
            [
                "hours",
                "months",
                "sourcing",
                "today",
                "x",
                "option",
                "seniority",
                "compare",
                "show",
                "currency",
                "burn",
                "cash",
            ]
        ),  # fmt: skip
        odd_text
        | st.integers(-(10**20), 10**20).map(str)
        | st.sampled_from(["us/in-house", "south-asia/offshore", "us/offshore", "mid", "EUR"]),
        max_size=6,
    ),
    htmx=st.booleans(),
)
@example(query={"hours": "", "months": "", "currency": "EUR"}, htmx=False)  # figures in euros
def test_bad_cost_inputs_never_500(client, result_url, query, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = fresh(client).get(result_url, query, **headers)
    assert response.status_code in (200, 422)
    # figures, in dollars or in the currency asked for
    assert any(symbol.encode() in response.content for symbol in "$€£")
    # the page of where those figures come from takes the same settings
    sources = fresh(client).get(f"{result_url}sources/", query)
    assert sources.status_code == response.status_code
    assert b"Where the figures come from" in sources.content


@FUZZ
@given(a=odd_text, b=odd_text)
def test_the_compare_form_never_500s(client, result_url, a, b):
    token = result_url.split("/")[2]
    for params, expected in (
        ({"a": a, "b": b}, {404}),  # no result has `a` for a link
        ({"a": token, "b": b}, {422} if b else {200}),  # nor `b`: the form again
        ({"b": a}, {404}),
    ):
        response = fresh(client).get(reverse("compare_start"), params)
        assert response.status_code in expected, (params, response.status_code)


def test_a_finished_drafts_step_posted_again_changes_nothing(bank):
    client = Client()
    url = complete(client, AI_ANSWERS)
    snapshot = Assessment.objects.get().snapshot
    response = client.post(reverse("step", args=["model-role"]), {"model-role": "moat"})
    assert response.status_code == 303  # back to the first step of a new draft
    assert Assessment.objects.get(completed_at__isnull=False).snapshot == snapshot
    assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_last_step_posted_twice_at_once_makes_exactly_one_result():
    from advisor.bank import store as bank_store

    bank_store.forget()
    client = Client()
    for slug, choice in ML_ANSWERS.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    cookie = client.cookies["sessionid"].value
    barrier = threading.Barrier(2)
    locations = []

    def confirm():
        other = Client()
        other.cookies["sessionid"] = cookie
        barrier.wait()
        locations.append(other.post(reverse("check"))["Location"])
        connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Assessment.objects.filter(completed_at__isnull=False).count() == 1
    token = Assessment.objects.get(completed_at__isnull=False).token
    # both requests land on the one result
    assert locations == [f"/r/{token}/", f"/r/{token}/"]
