"""What admins run the advisor with: conditions, replay, preview, analytics, export, roles."""

from __future__ import annotations

import csv
import io
import itertools
import tracemalloc

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisor.apps import CONTENT_EDITORS
from advisor.bank import store as bank_store
from advisor.models import Assessment, Choice, Points, Question, RoleProfile
from tests.admin.test_admin import change_url, choice_prefix, form_data
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete


@pytest.fixture
def staff(client, bank):
    client.force_login(User.objects.create_superuser("admin", "a@example.com", "pass-phrase-1"))
    return client


def make_question(**kwargs) -> Question:
    """A further question with a neutral `unsure` choice, as the bank requires."""
    kwargs.setdefault("slug", "retraining-owner")
    kwargs.setdefault("text", "Who would own retraining?")
    kwargs.setdefault("order", 5)
    kwargs.setdefault("weight", 2)
    question = Question.objects.create(**kwargs)
    roles = list(RoleProfile.objects.all())
    for order, (slug, ai, ml) in enumerate([("someone", 0, 3), ("nobody", 3, 0), ("unsure", 1, 1)]):
        choice = Choice.objects.create(
            question=question, slug=slug, label=slug.title(), explanation=f"{slug}.", order=order
        )
        for role in roles:
            Points.objects.create(
                choice=choice, role=role, points=ai if role.slug == "ai-engineer" else ml
            )
    bank_store.forget()
    return question


def labeled() -> Choice:
    return Choice.objects.get(question__slug="training-data", slug="labeled")


# Conditional questions


def test_a_conditional_question_is_asked_only_when_its_condition_holds(client, bank):
    make_question(show_if=labeled(), order=4)
    # without labeled data the wizard goes straight past it
    for slug in list(ML_ANSWERS)[:3]:
        client.post(reverse("step", args=[slug]), {slug: ML_ANSWERS[slug]})
    response = client.post(reverse("step", args=["training-data"]), {"training-data": "none"})
    assert response["Location"] == reverse("step", args=["production-ownership"])
    assert client.get(reverse("step", args=["retraining-owner"]))["Location"] == reverse(
        "step", args=["production-ownership"]
    )
    # with labeled data it is the next step, says why, and counts in the total
    response = client.post(reverse("step", args=["training-data"]), {"training-data": "labeled"})
    assert response["Location"] == reverse("step", args=["retraining-owner"])
    page = client.get(response["Location"]).content.decode()
    assert "Step 5 of 10" in page
    assert "Asked because you answered “Yes — a large, labeled" in page
    client.post(reverse("step", args=["retraining-owner"]), {"retraining-owner": "someone"})
    page = client.get(reverse("step", args=["production-ownership"])).content.decode()
    assert 'href="/wizard/retraining-owner/"' in page  # Back goes through it
    # changing the earlier answer rules it out again, and its answer stops counting
    client.post(reverse("step", args=["training-data"]), {"training-data": "raw"})
    for slug in list(ML_ANSWERS)[4:]:
        client.post(reverse("step", args=[slug]), {slug: ML_ANSWERS[slug]})
    check = client.get(reverse("check")).content.decode()
    assert "Who would own retraining?" not in check
    result = client.post(reverse("check"))["Location"]
    snapshot = Assessment.objects.get(token=result.split("/")[2]).snapshot
    assert "retraining-owner" not in [a["question"] for a in snapshot["answers"]]


def test_a_condition_must_point_at_an_earlier_active_question(staff, bank):
    question = make_question(order=2)
    data = form_data(staff.get(change_url(question)))
    data["show_if"] = labeled().pk  # training-data comes at order 4, after this one
    response = staff.post(change_url(question), data)
    assert response.status_code == 200
    assert "must come before this question" in response.content.decode()

    Question.objects.filter(slug="training-data").update(is_active=False)
    data["order"] = 9
    response = staff.post(change_url(question), data)
    assert response.status_code == 200  # an inactive question's choices are not offered
    assert "Select a valid choice" in response.content.decode()
    assert Question.objects.get(pk=question.pk).show_if is None


def test_a_question_others_depend_on_cannot_be_deactivated_or_moved_after_them(staff, bank):
    make_question(show_if=labeled(), order=4)
    parent = Question.objects.get(slug="training-data")
    data = form_data(staff.get(change_url(parent)))
    data.pop("is_active")
    response = staff.post(change_url(parent), data)
    assert "depends on this question" in response.content.decode()
    data["is_active"] = "on"
    data["order"] = 9
    response = staff.post(change_url(parent), data)
    assert "must come first" in response.content.decode()
    assert Question.objects.get(slug="training-data").is_active


# Contract slugs


def test_a_fixed_question_keeps_its_slug_and_cannot_be_deleted(staff, bank):
    question = Question.objects.get(slug="model-role")
    page = staff.get(change_url(question)).content.decode()
    assert 'name="slug"' not in page  # shown read-only
    delete = reverse("admin:advisor_question_delete", args=[question.pk])
    assert staff.post(delete, {"post": "yes"}).status_code == 403
    assert Question.objects.filter(slug="model-role").exists()


def test_a_fixed_choice_cannot_be_renamed_or_removed(staff, bank):
    question = Question.objects.get(slug="model-role")
    data = form_data(staff.get(change_url(question)))
    moat = choice_prefix(data, "moat")
    data[f"{moat}-slug"] = "our-moat"
    response = staff.post(change_url(question), data)
    assert "fixed choice slug" in response.content.decode()
    data[f"{moat}-slug"] = "moat"
    data[f"{moat}-DELETE"] = "on"
    response = staff.post(change_url(question), data)
    assert "cannot be removed: moat" in response.content.decode()
    assert question.choices.filter(slug="moat").exists()


def test_a_further_question_needs_a_neutral_unsure_choice(staff, bank):
    question = Question.objects.get(slug="company-stage")
    data = form_data(staff.get(change_url(question)))
    unsure = choice_prefix(data, "unsure")
    data[f"{unsure}-points_ml-engineer"] = 3
    response = staff.post(change_url(question), data)
    assert "must give every role 0 points" in response.content.decode()


# Replay


def test_replay_before_saving_counts_changed_results_and_saves_nothing(staff, bank):
    # three results the points decide (the core answers do not agree), one the rules do
    for _ in range(3):
        complete(Client(), {**ML_ANSWERS, "general-model-fit": "partly"})
    complete(Client(), AI_ANSWERS)
    question = Question.objects.get(slug="general-model-fit")
    data = form_data(staff.get(change_url(question)))
    # make "partly" point hard at the AI engineer instead
    partly = choice_prefix(data, "partly")
    data[f"{partly}-points_ai-engineer"] = 10
    data[f"{partly}-points_ml-engineer"] = 0
    data["weight"] = 5
    data["_replay"] = "Check"
    response = staff.post(change_url(question), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved yet." in page
    assert "changed successfully" not in page
    assert "<strong>3 of 4</strong> past results" in page
    assert page.count("/r/") >= 3  # examples link to the results
    # nothing was saved, and the wizard still uses the old weights
    assert Question.objects.get(slug="general-model-fit").weight == 4
    assert (
        Points.objects.get(
            choice__question=question, choice__slug="partly", role__slug="ai-engineer"
        ).points
        == 0
    )
    assert bank_store.get().question("general-model-fit").weight == 4
    assert not LogEntry.objects.exists()
    # the page offers to save exactly these changes
    assert 'name="weight" value="5"' in page


def test_replay_from_the_list_uses_the_bank_as_it_is(staff, bank):
    complete(Client(), ML_ANSWERS)
    page = staff.get(reverse("admin:advisor_replay")).content.decode()
    assert "<strong>0 of 1</strong> past result" in page


def test_the_preview_walks_the_wizard_without_storing_anything(staff, bank):
    page = staff.get(reverse("admin:advisor_preview")).content.decode()
    assert page.count('type="radio" name="use-case"') == 13
    page = staff.get(reverse("admin:advisor_preview"), ML_ANSWERS).content.decode()
    assert "AI engineer +3, ML engineer +0" in page  # each choice's points
    # the outcome first, in words, with the way to the founder's own page
    outcome = page.index("With these answers a founder gets")
    assert outcome < page.index('type="radio"')
    assert "Hire first: Machine Learning Engineer</strong> — A clear call" in page
    assert "ml-engineer" not in page[outcome : page.index('type="radio"')]
    assert "Open the founder's result page (a preview)" in page
    result = staff.get(reverse("admin:advisor_preview_result"), ML_ANSWERS).content.decode()
    assert "Preview with the draft question bank." in result
    assert Assessment.objects.count() == 0


# Analytics


def test_analytics_show_completions_split_answers_and_the_funnel(staff, bank):
    for answers in (ML_ANSWERS, AI_ANSWERS):
        founder = Client()
        founder.get(reverse("step", args=["use-case"]))
        founder.get(reverse("step", args=["use-case"]))  # a reload counts once
        complete(founder, answers)
    quitter = Client()
    quitter.get(reverse("step", args=["use-case"]))  # shown the first step
    quitter.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})
    Client().get(reverse("step", args=["use-case"]))  # looked and left
    page = staff.get(reverse("admin:advisor_analytics")).content.decode()
    assert "(30 days): 2</h2>" in page
    assert "First hire recommended (2 results)" in page
    funnel = page[page.index("Funnel") :]
    assert "<td>What are you building?</td><td>4</td><td>3</td><td>1</td>" in funnel
    assert "<td>Check your answers → result</td><td>2</td><td>2</td><td>0</td>" in funnel
    assert (
        "<td>Does a good general-purpose model already solve it?</td><td>3</td><td>2</td><td>1</td>"
        in funnel
    )


def test_the_funnel_counts_founders_shown_a_conditional_step(staff, bank):
    make_question(show_if=labeled(), order=4)
    answers = dict(ML_ANSWERS)
    ordered = {k: answers[k] for k in list(answers)[:4]}
    ordered["retraining-owner"] = "someone"
    ordered.update({k: answers[k] for k in list(answers)[4:]})
    assert complete(Client(), ordered).startswith("/r/")
    complete(Client(), {**ML_ANSWERS, "training-data": "none"})
    page = staff.get(reverse("admin:advisor_analytics")).content.decode()
    funnel = page[page.index("Funnel") :]
    assert (
        'Who would own retraining? <span class="help">(conditional)</span></td>'
        "<td>1</td><td>1</td><td>0</td>" in funnel
    )
    assert (
        "<td>In a year, what will keeping it running look like?</td><td>2</td><td>2</td>" in funnel
    )


def test_analytics_cost_the_same_queries_however_many_results(
    staff, bank, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(completed: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(reverse("admin:advisor_analytics"))
        assert response.status_code == 200
        page = response.content.decode()
        assert f"(30 days): {completed}</h2>" in page
        assert f"First hire recommended ({completed} result" in page
        return len(queries)

    complete(Client(), ML_ANSWERS)
    few = count(1)
    for _ in range(12):
        complete(Client(), AI_ANSWERS)
    assert count(13) == few


def test_the_busiest_day_fills_the_chart_and_bars_never_touch():
    from advisor.admin import charts

    chart = charts.bar_chart([(day, count) for day, count in enumerate([0, 3, 6, 0])])
    assert [b.height for b in chart.bars] == [0, 50, 100, 0]
    assert all(b.y + b.height == charts.PLOT_HEIGHT for b in chart.bars)  # on the axis
    assert chart.width == 4 * charts.BAR_STEP
    for left, right in itertools.pairwise(chart.bars):
        assert left.x + chart.bar_width < right.x
    assert chart.axis_y > charts.PLOT_HEIGHT and chart.label_y < chart.height
    assert chart.view_box == f"0 0 {chart.width} {chart.height}"
    assert (chart.display_width, chart.display_height) == (2 * chart.width, 2 * chart.height)


def test_a_month_without_results_draws_flat_bars():
    from advisor.admin import charts

    chart = charts.bar_chart([(day, 0) for day in range(30)])
    assert len(chart.bars) == 30
    assert {(b.height, b.y) for b in chart.bars} == {(0, charts.PLOT_HEIGHT)}
    assert charts.bar_chart([]).bars == ()


# Export


def export(client, query: str = "") -> list[list[str]]:
    response = client.get(reverse("admin:advisor_export") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_export_has_answers_scores_and_outcome_and_follows_the_filters(staff, bank):
    complete(Client(), ML_ANSWERS)
    complete(Client(), AI_ANSWERS)
    rows = export(staff)
    header = rows[0]
    assert header[:5] == ["token", "completed_at", "recommendation", "confidence", "later_hire"]
    assert "score_ml-engineer" in header and "share_ai-engineer" in header
    assert "use-case" in header and "model-role" in header
    assert len(rows) == 3
    ml_rows = export(staff, "?recommendation=ml-engineer")
    assert len(ml_rows) == 2
    assert ml_rows[1][header.index("use-case")] == "fraud"
    assert ml_rows[1][header.index("recommendation")] == "ml-engineer"


def test_exporting_10000_results_streams_in_bounded_memory(staff, bank):
    url = complete(Client(), ML_ANSWERS)
    source = Assessment.objects.get(token=url.split("/")[2])
    now = timezone.now()
    Assessment.objects.bulk_create(
        [
            Assessment(
                token=f"bulk-{i:06d}-" + "x" * 20,
                completed_at=now,
                recommendation="ml-engineer",
                confidence="clear",
                snapshot=source.snapshot,
            )
            for i in range(10_000)
        ],
        batch_size=1000,
    )
    snapshot_bytes = len(str(source.snapshot))
    tracemalloc.start()
    response = staff.get(reverse("admin:advisor_export"))
    rows = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rows == 10_002
    # holding every snapshot at once would take 10,000 × snapshot size
    assert peak < 2_000 * snapshot_bytes, f"peak {peak} bytes"


# Fixtures round trip, roles and history


def test_the_bank_exported_is_the_fixture_loaded(bank, tmp_path):
    call_command("export_bank", "--out", str(tmp_path), verbosity=0)
    for name in ("roles.json", "questions.json", "rates.json"):
        shipped = (settings.BASE_DIR / "fixtures" / name).read_text()
        assert (tmp_path / name).read_text() == shipped, name


def test_an_edited_bank_ships_to_another_database(bank, tmp_path):
    make_question(show_if=labeled(), order=4)
    call_command("export_bank", "--out", str(tmp_path), verbosity=0)
    Question.objects.filter(slug="retraining-owner").delete()
    call_command(
        "loaddata",
        *(str(tmp_path / n) for n in ("roles.json", "questions.json", "rates.json")),
        verbosity=0,
    )
    shipped = Question.objects.get(slug="retraining-owner")
    assert shipped.show_if == labeled()
    assert shipped.choices.count() == 3
    assert Points.objects.filter(choice__question=shipped).count() == 6


def test_content_editors_edit_the_bank_but_not_users_or_assessments(client, bank):
    editor = User.objects.create_user("editor", password="pass-phrase-2", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(editor)
    question = Question.objects.get(slug="company-stage")
    data = form_data(client.get(change_url(question)))
    data["text_en"] = "What will the AI mostly learn from?"
    assert client.post(change_url(question), data).status_code == 302
    assert client.get(reverse("admin:advisor_payrate_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:advisor_assessment_changelist")).status_code == 403
    assert client.get(reverse("admin:advisor_export")).status_code == 403
    # the change is in admin's history, by whom
    entry = LogEntry.objects.get(object_id=str(question.pk))
    assert entry.user == editor and "Changed" in entry.get_change_message()


def test_the_effect_check_asks_to_reread_explanations_whose_points_turned(staff, bank):
    question = Question.objects.get(slug="general-model-fit")
    data = form_data(staff.get(change_url(question)))
    mostly = choice_prefix(data, "mostly")
    data[f"{mostly}-points_ai-engineer"] = 0
    data[f"{mostly}-points_ml-engineer"] = 3
    data["_replay"] = "Check"
    page = staff.post(change_url(question), data).content.decode()
    assert "Explanations to reread" in page
    assert (
        "Does a good general-purpose model already solve it? → “Mostly — it gets us about 90%"
        in page
    )
    assert "favoured AI Engineer, now Machine Learning Engineer" in page


def test_the_effect_check_names_the_rule_that_decides_the_answers_an_edit_touches(staff, bank):
    complete(Client(), ML_ANSWERS)  # general model: no, the model is the moat
    question = Question.objects.get(slug="model-role")
    data = form_data(staff.get(change_url(question)))
    moat = choice_prefix(data, "moat")
    data[f"{moat}-points_ml-engineer"] = 0
    data[f"{moat}-points_ai-engineer"] = 1
    data["_replay"] = "Check"
    page = staff.post(change_url(question), data).content.decode()
    assert "Where a rule decides" in page
    decided = page.split("Where a rule decides")[1].split("</ul>")[0]
    assert "No general model gets you there, and the model is your moat" in decided
    assert "Your point change does not move them" in decided
    assert Points.objects.get(choice__slug="moat", role__slug="ml-engineer").points != 0
