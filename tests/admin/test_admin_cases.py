"""Founder cases in the admin: edits that would break one ask first, the effect check and
replay list the cases a bank gets wrong, the case list says which pass, answers are checked."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from advisor.bank import store as bank_store
from advisor.models import Case, Question, RoleProfile, Rule
from tests.admin.test_admin import change_url, form_data
from tests.conftest import ML_ANSWERS, complete

# Without the "no usable training data" rule, this case's founder gets the ML engineer
# (and so does the demand forecast's, with a quarter to deliver in).
HOLD_BACK_CASE = "Fraud scoring with no data and a pilot in weeks"
NEEDS_THE_RULE = (
    "fraud-no-data-weeks",
    "forecast-no-data-quarter",
    "fraud-no-data-timeline-unsure",
    "recommendations-fit-unsure-weeks",
)


@pytest.fixture
def staff(client, bank):
    client.force_login(User.objects.create_superuser("admin", "a@example.com", "pass-phrase-3"))
    return client


def rule_url(slug: str) -> str:
    return reverse("admin:advisor_rule_change", args=[Rule.objects.get(slug=slug).pk])


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs a confirmation page sends back, as a browser would."""
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
        if name != "csrfmiddlewaretoken"
    }


def form_data_of_list(response) -> dict:
    """The POST data the list's editable columns would send unchanged."""
    formset = response.context["cl"].formset
    data = {
        formset.management_form.add_prefix(k): v.value()
        for k, v in _fields(formset.management_form)
    }
    for form in formset.forms:
        for name, bound in _fields(form):
            value = bound.value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = value
    data["_save"] = "Save"
    return data


def _fields(form):
    return [(name, form[name]) for name in form.fields]


def make_case(**kwargs) -> Case:
    kwargs.setdefault("slug", "nothing-answered")
    kwargs.setdefault("name", "A founder who answered nothing")
    kwargs.setdefault("answers", {})
    kwargs.setdefault("expected", RoleProfile.objects.get(slug="ai-engineer"))
    kwargs.setdefault("confidences", "toss-up")
    return Case.objects.create(**kwargs)


# "Save anyway"


def test_a_rule_edit_that_breaks_a_case_is_saved_only_once_confirmed(staff):
    url = rule_url("no-training-data")
    data = form_data(staff.get(url))
    data.pop("is_active")
    data["_save"] = "Save"
    response = staff.post(url, data)
    # the first submit saves nothing and names the case it would break
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved yet." in page
    assert HOLD_BACK_CASE in page
    assert "<td>ai-engineer, held-back</td>" in page  # expected
    assert "<td>ml-engineer, lean, specialist now</td>" in page  # would get
    assert "broken by these changes" in page
    assert "changed successfully" not in page
    assert Rule.objects.get(slug="no-training-data").is_active
    assert bank_store.get().rules_of("hold-back")[0].slug == "no-training-data"
    assert not LogEntry.objects.exists()
    # the second submit, with the same edit and the confirm field, saves it
    again = hidden_fields(page)
    assert "is_active" not in again and again["_save"] == "Save"
    response = staff.post(url, {**again, "_save_anyway": "Save anyway"})
    assert response.status_code == 302
    assert not Rule.objects.get(slug="no-training-data").is_active
    assert LogEntry.objects.get(object_id=str(Rule.objects.get(slug="no-training-data").pk))


def test_an_edit_that_breaks_no_case_saves_at_once(staff):
    url = rule_url("no-training-data")
    data = form_data(staff.get(url))
    data["title_en"] = "No training data yet"
    response = staff.post(url, data)
    assert response.status_code == 302
    assert Rule.objects.get(slug="no-training-data").title == "No training data yet"


def test_a_case_that_fails_already_does_not_hold_up_other_edits(staff):
    # every case the edit would break fails as it is
    Case.objects.filter(slug__in=NEEDS_THE_RULE).update(confidences="clear")
    url = rule_url("no-training-data")
    data = form_data(staff.get(url))
    data.pop("is_active")
    assert staff.post(url, data).status_code == 302
    assert not Rule.objects.get(slug="no-training-data").is_active


def test_a_role_edit_that_breaks_a_case_asks_first(staff):
    make_case()  # a toss-up with nothing to settle it: the default role goes first
    RoleProfile.objects.filter(slug="ml-engineer").update(first_by_default=True)
    role = RoleProfile.objects.get(slug="ai-engineer")
    url = reverse("admin:advisor_roleprofile_change", args=[role.pk])
    data = form_data(staff.get(url))
    data.pop("first_by_default")
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "A founder who answered nothing" in response.content.decode()
    assert RoleProfile.objects.get(slug="ai-engineer").first_by_default
    response = staff.post(url, {**data, "_save_anyway": "Save anyway"})
    assert response.status_code == 302
    assert not RoleProfile.objects.get(slug="ai-engineer").first_by_default


def test_a_question_edit_that_breaks_cases_asks_first(staff):
    question = Question.objects.get(slug="company-stage")
    data = form_data(staff.get(change_url(question)))
    data.pop("is_active")
    data["_continue"] = "Save and continue editing"
    response = staff.post(change_url(question), data)
    assert response.status_code == 200
    assert "A scaling company whose answers balance" in response.content.decode()
    assert Question.objects.get(slug="company-stage").is_active
    response = staff.post(change_url(question), {**data, "_save_anyway": "Save anyway"})
    assert response.status_code == 302
    assert response["Location"] == change_url(question)  # "save and continue" still holds
    assert not Question.objects.get(slug="company-stage").is_active


def test_list_edits_and_deletes_that_break_a_case_ask_first(staff):
    rule = Rule.objects.get(slug="no-training-data")
    url = reverse("admin:advisor_rule_changelist")
    data = form_data_of_list(staff.get(url))
    prefix = next(k[: -len("-id")] for k, v in data.items() if k.endswith("-id") and v == rule.pk)
    del data[f"{prefix}-is_active"]
    response = staff.post(url, data)
    assert response.status_code == 200
    assert HOLD_BACK_CASE in response.content.decode()
    assert Rule.objects.get(pk=rule.pk).is_active
    # deleting it asks too, after Django's own "are you sure?"
    delete = reverse("admin:advisor_rule_delete", args=[rule.pk])
    response = staff.post(delete, {"post": "yes"})
    assert response.status_code == 200
    page = response.content.decode()
    assert HOLD_BACK_CASE in page and 'value="Delete anyway"' in page
    assert Rule.objects.filter(pk=rule.pk).exists()
    response = staff.post(delete, {**hidden_fields(page), "_save_anyway": "Delete anyway"})
    assert response.status_code == 302
    assert not Rule.objects.filter(pk=rule.pk).exists()


# The effect check and replay


def test_the_effect_check_lists_the_cases_the_edit_gets_wrong_and_saves_nothing(staff):
    question = Question.objects.get(slug="company-stage")
    data = form_data(staff.get(change_url(question)))
    data.pop("is_active")
    data["_replay"] = "Check"
    response = staff.post(change_url(question), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved yet." in page
    assert "A scaling company whose answers balance" in page
    assert "<td>ml-engineer, toss-up</td>" in page  # expected
    assert "<td>ai-engineer, toss-up, specialist now</td>" in page  # would get
    assert "broken by these changes" in page
    # the page offers to save the edit anyway, and nothing was saved
    assert 'name="_save_anyway" value="Save anyway"' in page
    assert Question.objects.get(slug="company-stage").is_active
    response = staff.post(change_url(question), {**hidden_fields(page), "_save_anyway": "1"})
    assert response.status_code == 302
    assert not Question.objects.get(slug="company-stage").is_active


def test_the_effect_check_says_when_every_case_still_passes(staff):
    question = Question.objects.get(slug="model-role")
    data = form_data(staff.get(change_url(question)))
    data["text_en"] = "Is the model your moat?"
    data["_replay"] = "Check"
    page = staff.post(change_url(question), data).content.decode()
    assert f"all {Case.objects.count()} founder cases get the answer expected" in page
    assert 'name="_continue" value="Save these changes"' in page
    assert "_save_anyway" not in page


def test_replay_lists_the_cases_the_current_bank_gets_wrong(staff):
    complete(Client(), ML_ANSWERS)
    page = staff.get(reverse("admin:advisor_replay")).content.decode()
    assert f"all {Case.objects.count()} founder cases get the answer expected" in page
    Rule.objects.filter(slug="no-training-data").update(is_active=False)
    bank_store.forget()
    response = staff.get(reverse("admin:advisor_replay"))
    assert response.status_code == 200
    page = response.content.decode()
    # the cases whose founders have no data and too little time for the ML path
    assert f"<strong>4 of {Case.objects.count()}</strong> founder cases" in page
    assert HOLD_BACK_CASE in page
    assert (
        reverse("admin:advisor_case_change", args=[Case.objects.get(name=HOLD_BACK_CASE).pk])
        in page
    )
    assert "fails already" in page


# The case list and the case page


def test_the_case_list_shows_whether_each_case_passes(staff):
    Case.objects.filter(name=HOLD_BACK_CASE).update(confidences="clear")
    response = staff.get(reverse("admin:advisor_case_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(">passes<") == Case.objects.count() - 1
    assert "<strong>fails</strong>: gets ai-engineer, held-back, specialist now" in page


def test_the_case_list_costs_the_same_queries_however_many_cases(staff):
    def listed() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(reverse("admin:advisor_case_changelist"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, page = listed()
    assert page.count(">passes<") == Case.objects.count()
    source = Case.objects.get(name=HOLD_BACK_CASE)
    for i in range(15):
        make_case(slug=f"copy-{i}", name=f"Copy {i}", answers=source.answers, confidences="clear")
    many, page = listed()
    assert many == few
    assert page.count("<strong>fails</strong>") == 15
    assert f"{Case.objects.count()} cases" in page


def case_data(**kwargs) -> dict:
    data = {
        "slug": "moat-labeled-patient",
        "name": "A moat model on labeled data, with months to spare",
        "answers": json.dumps(ML_ANSWERS),
        "expected": RoleProfile.objects.get(slug="ml-engineer").pk,
        "confidences": ["clear"],
        "specialist": "",
        "note": "",
    }
    return {**data, **kwargs}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            '{"model-role": "moat", "no-such-question": "x"}',
            "No active question “no-such-question”",
        ),
        ('{"model-role": "maybe"}', "“model-role” has no choice “maybe” (its choices are: "),
        ('["model-role", "moat"]', "Answers are {question slug: choice slug}"),
        ('{"model-role": 3}', "Answers are {question slug: choice slug}"),
        ('{"model-role": "moat",}', "Enter a valid JSON."),
    ],
    ids=["unknown-question", "unknown-choice", "a-list", "a-number", "not-json"],
)
def test_case_answers_outside_the_bank_are_refused(staff, answers, message):
    response = staff.post(reverse("admin:advisor_case_add"), case_data(answers=answers))
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not Case.objects.filter(slug="moat-labeled-patient").exists()


def test_a_case_is_saved_and_says_whether_it_passes(staff):
    response = staff.post(reverse("admin:advisor_case_add"), case_data(), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "passes with the current bank: ml-engineer, clear" in page
    case = Case.objects.get(slug="moat-labeled-patient")
    assert case.answers == ML_ANSWERS and case.confidences == "clear"
    # saved expecting the wrong role, it says it fails (the case is still kept)
    url = reverse("admin:advisor_case_change", args=[case.pk])
    expected = RoleProfile.objects.get(slug="ai-engineer").pk
    page = staff.post(url, case_data(expected=expected), follow=True).content.decode()
    assert "fails with the current bank: expected ai-engineer, clear; got ml-engineer" in page


def test_the_case_page_shows_answers_one_a_line_in_wizard_order(staff):
    case = make_case(
        answers={"team": "generalists", "use-case": "fraud"}, confidences="lean, clear"
    )
    page = staff.get(reverse("admin:advisor_case_change", args=[case.pk])).content.decode()
    assert escape('{\n  "use-case": "fraud",\n  "team": "generalists"\n}') in page
    assert 'name="confidences" value="clear" id="id_confidences_0" checked' in page
    assert 'value="toss-up" id="id_confidences_2">' in page  # not ticked
    assert "<code>model-role</code>: plumbing | moat | unsure" in page


def test_the_replay_names_the_articles_checks_a_case_breaks(staff):
    # without the warning about months of pipelines, a moat without data becomes a clear call
    Rule.objects.filter(slug="no-data-yet").update(is_active=False)
    bank_store.forget()
    page = staff.get(reverse("admin:advisor_replay")).content.decode()
    assert "The model is the moat, but there is no training data yet" in page
    assert "<td>ml-engineer, clear, specialist now</td>" in page
    assert "Breaks the article's checks: A moat that no general model serves" in page
