"""Django admin: the question bank, roles, rates and completed assessments."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from advisor import bank_store
from advisor.models import Assessment, Choice, PayRate, Points, Question
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete


@pytest.fixture
def staff(client, bank):
    user = User.objects.create_superuser("admin", "admin@example.com", "a-long-pass-phrase")
    client.force_login(user)
    return user


def form_data(response) -> dict:
    """The POST data an admin change form would send unchanged."""

    def add(data, form):
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = value

    data = {}
    add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(data, form)
    return data


def choice_prefix(data: dict, slug: str) -> str:
    """The form prefix (e.g. "choices-4") of the choice with this slug in admin POST data."""
    return next(k[: -len("-slug")] for k, v in data.items() if k.endswith("-slug") and v == slug)


def change_url(question: Question) -> str:
    return reverse("admin:advisor_question_change", args=[question.pk])


def test_admin_needs_a_login(client, bank):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(reverse("admin:advisor_question_changelist")).status_code == 302


def test_a_question_its_choices_and_their_points_are_on_one_page(client, staff):
    question = Question.objects.get(slug="model-role")
    html = client.get(change_url(question)).content.decode()
    assert 'name="choices-0-points_ai-engineer"' in html
    assert 'name="choices-0-points_ml-engineer"' in html
    assert 'name="choices-0-label"' in html


def test_staff_edit_a_question_and_its_points(client, staff):
    question = Question.objects.get(slug="model-role")
    data = form_data(client.get(change_url(question)))
    data["text"] = "Is the model your moat, or plumbing?"
    data["weight"] = 4
    moat = choice_prefix(data, "moat")
    data[f"{moat}-points_ml-engineer"] = 5
    response = client.post(change_url(question), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    question.refresh_from_db()
    assert (question.text, question.weight) == ("Is the model your moat, or plumbing?", 4)
    assert (
        Points.objects.get(
            choice__slug="moat", choice__question=question, role__slug="ml-engineer"
        ).points
        == 5
    )
    # the wizard uses the new weights straight away
    assert bank_store.get().question("model-role").weight == 4


def test_a_question_with_fewer_than_two_choices_is_refused(client, staff):
    question = Question.objects.get(slug="model-role")
    data = form_data(client.get(change_url(question)))
    data["choices-1-DELETE"] = "on"
    data["choices-2-DELETE"] = "on"
    response = client.post(change_url(question), data)
    assert response.status_code == 200
    assert "A question needs at least two choices." in response.content.decode()
    assert question.choices.count() == 3


def test_a_choice_without_points_for_a_role_is_refused(client, staff):
    question = Question.objects.get(slug="model-role")
    data = form_data(client.get(change_url(question)))
    del data["choices-0-points_ml-engineer"]
    response = client.post(change_url(question), data)
    assert response.status_code == 200
    assert "Give this choice points for Machine Learning Engineer" in response.content.decode()


def test_a_new_choice_needs_points_too(client, staff):
    question = Question.objects.get(slug="model-role")
    data = form_data(client.get(change_url(question)))
    data["choices-TOTAL_FORMS"] = int(data["choices-TOTAL_FORMS"]) + 1
    data.update(
        {
            "choices-3-slug": "both",
            "choices-3-label": "Both",
            "choices-3-explanation": "x",
            "choices-3-order": 4,
            "choices-3-question": question.pk,
            "choices-3-points_ai-engineer": 1,
        }
    )
    response = client.post(change_url(question), data)
    assert response.status_code == 200
    assert not Choice.objects.filter(slug="both").exists()
    data["choices-3-points_ml-engineer"] = 2
    assert client.post(change_url(question), data).status_code == 302
    assert Points.objects.filter(choice__slug="both").count() == 2


def test_a_reserved_slug_is_refused(client, staff):
    question = Question.objects.get(slug="company-stage")
    data = form_data(client.get(change_url(question)))
    data["slug"] = "check"
    response = client.post(change_url(question), data)
    assert response.status_code == 200
    assert "reserved" in response.content.decode()


def test_questions_can_be_reordered_and_deactivated(client, staff):
    question = Question.objects.get(slug="company-stage")
    data = form_data(client.get(change_url(question)))
    data.pop("is_active")
    assert client.post(change_url(question), data).status_code == 302
    assert [q.slug for q in bank_store.get().questions][-1] == "constraints"
    assert len(bank_store.get().questions) == 8


def test_roles_and_rates_are_editable(client, staff):
    for name in ("roleprofile", "costrate", "region", "hiringterms", "payrate", "exchangerate"):
        assert client.get(reverse(f"admin:advisor_{name}_changelist")).status_code == 200
    rate = PayRate.objects.first()
    page = client.get(reverse("admin:advisor_payrate_change", args=[rate.pk])).content.decode()
    assert 'name="source_note"' in page and 'name="as_of"' in page
    assert 'name="is_estimate"' in page


def test_completed_assessments_are_listed_read_only_and_filterable(client, staff):
    other = type(client)()
    complete(other, AI_ANSWERS)
    complete(other, ML_ANSWERS)
    other.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})  # a draft
    url = reverse("admin:advisor_assessment_changelist")
    page = client.get(url).content.decode()
    assert "2 assessments" in page
    assert client.get(url + "?recommendation=ml-engineer").context["cl"].result_count == 1
    done = Assessment.objects.filter(completed_at__isnull=False).first()
    detail = client.get(reverse("admin:advisor_assessment_change", args=[done.pk]))
    assert detail.status_code == 200
    assert b'name="recommendation"' not in detail.content  # read-only
    assert client.get(reverse("admin:advisor_assessment_add")).status_code == 403
