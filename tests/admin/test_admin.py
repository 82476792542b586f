"""Django admin: the question bank, roles, rates and completed assessments."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from advisor import costs
from advisor.bank import store as bank_store
from advisor.models import (
    Assessment,
    Choice,
    HiringTerms,
    PayRate,
    Points,
    Question,
    RoleProfile,
    Rule,
)
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
    assert 'name="choices-0-label_en"' in html


def test_staff_edit_a_question_and_its_points(client, staff):
    question = Question.objects.get(slug="model-role")
    data = form_data(client.get(change_url(question)))
    data["text_en"] = "Is the model your moat, or plumbing?"
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
            "choices-3-label_en": "Both",
            "choices-3-explanation_en": "x",
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
    # founder cases rely on the company's stage, so the admin saves it anyway
    data["_save_anyway"] = "Save anyway"
    assert client.post(change_url(question), data).status_code == 302
    assert [q.slug for q in bank_store.get().questions][-1] == "constraints"
    assert len(bank_store.get().questions) == 8


def test_roles_and_rates_are_editable(client, staff):
    for name in ("roleprofile", "region", "hiringterms", "payrate", "exchangerate"):
        assert client.get(reverse(f"admin:advisor_{name}_changelist")).status_code == 200
    rate = PayRate.objects.first()
    page = client.get(reverse("admin:advisor_payrate_change", args=[rate.pk])).content.decode()
    assert 'name="source_note"' in page and 'name="as_of"' in page
    for name in ("source_kind", "source_name", "source_url", "method", "base", "factor"):
        assert f'name="{name}"' in page, name


def base_rate():
    return PayRate.objects.get(
        role__slug="ai-engineer", region__slug="us", engagement="in-house", seniority="senior"
    )


def test_a_base_rates_effect_on_the_rates_that_follow_it_is_shown_before_saving(client, staff):
    rate = base_rate()
    url = reverse("admin:advisor_payrate_change", args=[rate.pk])
    data = form_data(client.get(url))
    before = {f.pk: (f.low, f.high) for f in PayRate.objects.filter(base=rate)}
    assert before  # the ML engineer's US rate and the US contractor rate follow it
    data.update(low="15000.00", high="18000.00", _check_followers="Show what it changes first")
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved yet." in page
    ml = PayRate.objects.get(
        role__slug="ml-engineer", region__slug="us", engagement="in-house", seniority="senior"
    )
    # the ML rate follows at × 1.1108: 15,000 → 16,662.00, shown beside its figure now
    assert "16,662.00–19,994.40" in page and f"{ml.low:,.2f}–{ml.high:,.2f}" in page
    # nothing changed yet
    assert {f.pk: (f.low, f.high) for f in PayRate.objects.filter(base=rate)} == before
    assert base_rate().low != 15000
    # the same edit, saved: the base and every rate that follows it, and theirs in turn
    data.pop("_check_followers")
    data["_save"] = "Save"
    assert client.post(url, data).status_code == 302
    ml.refresh_from_db()
    assert (ml.low, ml.high) == (Decimal("16662.00"), Decimal("19994.40"))
    contractor = PayRate.objects.get(
        role__slug="ml-engineer", region__slug="us", engagement="contractor", seniority="senior"
    )
    assert contractor.base == ml
    assert (
        contractor.low
        == costs.derived(ml.low, ml.high, base_unit="month", unit="hour", factor=contractor.factor)[
            0
        ]
    )


def test_a_rate_that_follows_another_cannot_follow_itself_or_go_without_its_method(client, staff):
    rate = base_rate()
    follower = PayRate.objects.filter(base=rate).first()
    url = reverse("admin:advisor_payrate_change", args=[rate.pk])
    data = form_data(client.get(url))
    data["base"] = follower.pk  # a circle: the base would follow its own follower
    data["factor"] = "1.0"
    page = client.post(url, data).content.decode()
    assert "A rate cannot follow itself, even through others." in page
    data = form_data(client.get(url))
    data.update(source_kind="estimate", method="")
    assert "An estimate needs its method" in client.post(url, data).content.decode()
    data.update(source_kind="published", source_url="")
    assert "needs its name and address" in client.post(url, data).content.decode()


def test_a_regions_countries_must_be_contribution_rates(client, staff):
    terms = HiringTerms.objects.get(region__slug="us", engagement="in-house")
    url = reverse("admin:advisor_hiringterms_change", args=[terms.pk])
    data = form_data(client.get(url))
    data["countries"] = (
        '[{"code": "US", "name": "United States", "currency": "USD", "per_usd": "1", '
        '"contributions": [{"name": "Social Security", "rate": "6.2"}]}]'
    )
    page = client.post(url, data).content.decode()
    assert "a rate is a share below 1" in page


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


# The site and its sign-in limit


def test_the_admin_is_the_advisors_own_site(client, bank):
    from django.contrib import admin

    from advisor.admin.site import AdvisorAdminSite

    assert isinstance(admin.site, AdvisorAdminSite)
    for model in (Question, PayRate, Assessment):
        assert admin.site.is_registered(model)
    assert admin.site.login.__func__ is AdvisorAdminSite.login  # nothing patched in
    page = client.get(reverse("admin:login")).content.decode()
    assert "Hiring Advisor admin" in page


def sign_in(client, password: str):
    return client.post(reverse("admin:login"), {"username": "admin", "password": password})


def test_sign_in_is_refused_after_repeated_failures_but_the_page_still_shows(db, settings):
    settings.LOGIN_FAILURES_PER_15_MINUTES = 2
    User.objects.create_superuser("admin", "a@example.com", "the-right-pass-phrase")
    client = Client()
    assert [sign_in(client, "wrong").status_code for _ in range(2)] == [200, 200]
    refused = sign_in(client, "the-right-pass-phrase")
    assert refused.status_code == 429
    assert "Wait 15 minutes" in refused.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in
    page = client.get(reverse("admin:login"))
    assert page.status_code == 200 and 'name="password"' in page.content.decode()


def test_a_successful_sign_in_forgets_earlier_failures(db, settings):
    settings.LOGIN_FAILURES_PER_15_MINUTES = 2
    # Staff whose rights need no second factor: the password alone is a full sign-in.
    User.objects.create_user("admin", "a@example.com", "the-right-pass-phrase", is_staff=True)
    client = Client()
    assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "the-right-pass-phrase").status_code == 302
    client.logout()
    # the earlier failure no longer counts: two more are allowed before the limit
    assert [sign_in(client, "wrong").status_code for _ in range(2)] == [200, 200]
    assert sign_in(client, "wrong").status_code == 429


def test_signing_in_as_someone_who_is_not_staff_counts_as_a_failure(db, settings):
    settings.LOGIN_FAILURES_PER_15_MINUTES = 2
    User.objects.create_user("admin", "a@example.com", "a-founders-pass-phrase")
    client = Client()
    for _ in range(2):
        response = sign_in(client, "a-founders-pass-phrase")
        assert response.status_code == 200
        assert "staff account" in response.content.decode()
    assert sign_in(client, "a-founders-pass-phrase").status_code == 429


# Rules


def test_the_rule_list_shows_kind_conditions_role_and_title(client, staff):
    response = client.get(reverse("admin:advisor_rule_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-([\w-]+)', page)
    assert headers[:4] == ["kind_name", "conditions", "role_name", "title"]
    decide = re.search(
        r"<tr>.*?general-model-fit=mostly<br>model-role=plumbing.*?</tr>", page, re.S
    )
    assert '<td class="field-kind_name">decide</td>' in decide[0]
    assert '<td class="field-role_name">AI engineer</td>' in decide[0]


def test_the_rule_form_explains_every_kind(client, staff):
    from advisor.advice.scoring import RULE_KINDS

    page = client.get(reverse("admin:advisor_rule_add")).content.decode()
    for kind, meaning in RULE_KINDS.items():
        assert f"<li><strong>{kind}</strong>: {escape(meaning)}</li>" in page


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ({"when__model-role": "maybe"}, "Select a valid choice. maybe is not one of"),
        ({"when__model-role": "unsure"}, "Select a valid choice. unsure is not one of"),
        ({}, "Tick at least one answer"),
    ],
    ids=["unknown-choice", "not-sure", "nothing-ticked"],
)
def test_a_rule_whose_conditions_do_not_fit_the_bank_is_refused(client, staff, when, message):
    data = {"slug": "new-rule", "kind": "caution", "title_en": "T", "message_en": "M", **when}
    data.update({"role": RoleProfile.objects.get(slug="ml-engineer").pk, "order": 9})
    response = client.post(reverse("admin:advisor_rule_add"), data)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not Rule.objects.filter(slug="new-rule").exists()


def test_a_rules_conditions_are_ticked_from_the_banks_questions_and_choices(client, staff):
    rule = Rule.objects.get(slug="core-agree-ml")
    url = reverse("admin:advisor_rule_change", args=[rule.pk])
    page = client.get(url).content.decode()
    # each question by its words, each choice a box; the rule's own answers ticked
    assert "Is the model the moat, or is it plumbing?" in page
    assert re.search(r'name="when__model-role" value="moat"[^>]*checked', page)
    assert not re.search(r'name="when__model-role" value="plumbing"[^>]*checked', page)
    data = form_data(client.get(url))
    data["when__use-case"] = ["fraud", "recommendations"]  # any of these two
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    # stored as the text import and export use, in the bank's order of questions
    assert rule.when == "use-case=fraud|recommendations & general-model-fit=no & model-role=moat"


def test_a_rule_that_needs_a_role_is_refused_without_one(client, staff):
    data = {"slug": "new-rule", "kind": "decide", "when__model-role": "moat", "title_en": "T"}
    response = client.post(
        reverse("admin:advisor_rule_add"), {**data, "message_en": "M", "order": 9}
    )
    assert response.status_code == 200
    assert "A decide rule needs a role." in response.content.decode()
    data["role"] = RoleProfile.objects.get(slug="ml-engineer").pk
    response = client.post(
        reverse("admin:advisor_rule_add"), {**data, "message_en": "M", "order": 9}
    )
    assert response.status_code == 302
    assert Rule.objects.get(slug="new-rule").when == "model-role=moat"


def test_a_new_question_gets_its_not_sure_choice_and_its_slug_stays(client, staff):
    data = {
        "text_en": "Who will own the evaluation set?",
        "slug": "eval-owner",
        "help_text_en": "",
        "why_en": "",
        "kind": "fact",
        "weight": 1,
        "order": 20,
        "is_active": "on",
        "show_if": "",
        "choices-TOTAL_FORMS": 2,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 2,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, (slug, ai, ml) in enumerate([("product", 2, 0), ("data-team", 0, 2)]):
        data |= {
            f"choices-{i}-slug": slug,
            f"choices-{i}-label_en": slug.title(),
            f"choices-{i}-explanation_en": f"{slug}.",
            f"choices-{i}-order": i,
            f"choices-{i}-points_ai-engineer": ai,
            f"choices-{i}-points_ml-engineer": ml,
        }
    response = client.post(reverse("admin:advisor_question_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(slug="eval-owner")
    unsure = question.choices.get(slug="unsure")
    assert unsure.label == "Not sure"
    assert {p.points for p in unsure.points.all()} == {0}
    # its wording is the editor's; its slug is fixed
    data = form_data(client.get(change_url(question)))
    prefix = choice_prefix(data, "unsure")
    data[f"{prefix}-label_en"] = "No idea yet"
    assert client.post(change_url(question), data).status_code == 302
    data[f"{prefix}-slug"] = "dunno"
    response = client.post(change_url(question), data)
    assert "change its wording, not its slug" in response.content.decode()


def test_assessments_read_in_words_with_their_result_page_and_version(client, staff):
    from advisor.bank import versions
    from advisor.models import Team

    versions.bank_version_publish(user=staff, note="first")
    founder = complete(Client(), ML_ANSWERS)
    team_result = Assessment.objects.get(token=founder.split("/")[2])
    Team.objects.create(name="Founders of Acme", result=team_result)
    page = client.get(reverse("admin:advisor_assessment_changelist")).content.decode()
    assert f'<a href="{founder}">' in page  # the result page itself
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Machine Learning Engineer" in rows and "ml-engineer" not in rows
    assert "a team&#x27;s result, version 1" in page or "a team's result, version 1" in page
    detail = client.get(reverse("admin:advisor_assessment_change", args=[team_result.pk]))
    text = detail.content.decode()
    assert "the team “Founders of Acme”" in text
    assert "version 1" in text and f'href="{founder}"' in text


def test_a_role_profile_and_a_rule_are_translated_beside_their_english(client, staff):
    role = RoleProfile.objects.get(slug="ml-engineer")
    url = reverse("admin:advisor_roleprofile_change", args=[role.pk])
    data = form_data(client.get(url))
    assert data["name_en"] == "Machine Learning Engineer" and data["name_es"]
    data["job_description_de"] = "Machine Learning Engineer\n\nNeu formuliert."
    assert client.post(url, data).status_code == 302
    role.refresh_from_db()
    assert role.job_description_de.endswith("Neu formuliert.")
    assert role.name == "Machine Learning Engineer"
    rule = Rule.objects.get(slug="scaling")
    url = reverse("admin:advisor_rule_change", args=[rule.pk])
    data = form_data(client.get(url))
    assert data["title_en"] == "Scaling: either path can be right"
    data["message_es"] = "Mensaje nuevo."
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert (rule.message_es, rule.message_en) == ("Mensaje nuevo.", rule.message)
