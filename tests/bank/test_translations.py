"""The question bank in Spanish and German beside English: the translations the draft
carries and a version publishes, the bank localized per language, what is missing, and
the shipped bank complete in every language."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from advisor.advice import scoring
from advisor.advice.bank import bank_as_data, bank_from_data
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.models import BankVersion, Case, Choice, Question, Rule
from advisor.results.snapshots import snapshot_build
from tests.conftest import ML_ANSWERS


def test_the_shipped_bank_is_translated_in_full(bank):
    assert bank.languages == ("en", "de", "es")
    for language in ("es", "de"):
        assert bank.missing(language) == []
        assert bank.localized(language).in_english == frozenset()
    es = bank.localized("es")
    assert es.question("use-case").text == "¿Qué estás construyendo?"
    assert bank.localized("de").question("use-case").text == "Was bauen Sie?"
    assert es.english("question:use-case:text") == "What are you building?"
    assert es.role("ml-engineer").name == "Ingeniero de machine learning"


def test_job_description_starters_keep_their_conditions(bank):
    for role in bank.roles:
        english = [line.split("]")[0] for line in role.job_description.splitlines()]
        for language in ("es", "de"):
            local = bank.localized(language).role(role.slug).job_description.splitlines()
            assert [line.split("]")[0] for line in local if line.startswith("[")] == [
                line for line in english if line.startswith("[")
            ]


def test_a_localized_bank_swaps_the_translated_texts_and_marks_the_rest(bank):
    Question.objects.filter(slug="team").update(text_de="", help_text_de=None)
    Choice.objects.filter(question__slug="team", slug="generalists").update(label_de="")
    bank_store.forget()
    draft = bank_store.build_draft()
    de = draft.localized("de")
    team = de.question("team")
    assert team.text == "Who could build it today?"  # English, for want of German
    assert team.why.startswith("Die Warnung")
    assert team.choice("generalists").label == "Software engineers, without AI experience"
    assert team.choice("generalists").hint == ""  # nothing to translate, nothing marked
    assert de.in_english == {
        "question:team:text",
        "question:team:help_text",
        "choice:team:generalists:label",
    }
    assert draft.missing("de") == [
        ("question:team:text", "Who could build it today?"),
        ("question:team:help_text", "The engineers you already have, if any."),
        ("choice:team:generalists:label", "Software engineers, without AI experience"),
    ]
    assert draft.missing("es") == [] and draft.missing("en") == []
    # pure and made once: the English bank is untouched, the same object comes back
    assert draft.question("team").text == "Who could build it today?"
    assert draft.localized("de") is de and de.localized("en") is draft
    assert draft.localized("en") is draft and de.language == "de"


def test_a_language_without_any_translation_is_all_english_and_marked(bank):
    data = bank_as_data(bank)
    data.pop("translations")  # as published before there were translations
    old = bank_from_data(data)
    assert old.languages == ("en",)
    es = old.localized("es")
    assert es.question("use-case").text == "What are you building?"
    assert es.in_english == {key for key, _ in old.missing("es")}
    assert "question:use-case:text" in es.in_english


def test_translations_survive_publishing_and_only_change_the_digest_when_present(bank):
    draft = bank_store.build_draft()
    again = bank_from_data(json.loads(json.dumps(bank_as_data(draft))))
    assert again.translations == draft.translations
    assert again.localized("es").question("team").text == "¿Quién podría construirlo hoy?"
    for model, fields in (
        (Question, ("text", "help_text", "why")),
        (Choice, ("label", "hint", "explanation")),
        (Rule, ("title", "message")),
    ):
        model.objects.update(**{f"{f}_{lang}": None for f in fields for lang in ("es", "de")})
    from advisor.models import RoleProfile

    RoleProfile.objects.update(name_es=None, name_de=None)
    untranslated = bank_store.build_draft()
    assert untranslated.digest != draft.digest
    assert "role:ai-engineer:summary" in untranslated.translations["es"]  # still translated


def test_a_version_published_before_translations_still_renders(bank, client):
    version = versions.bank_version_publish(note="old")
    data = dict(version.bank)
    data.pop("translations")
    BankVersion.objects.filter(pk=version.pk).update(bank=data)
    bank_store.forget()
    assert bank_store.get().languages == ("en",)
    page = client.get("/es/wizard/use-case/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<span lang="en">What are you building?</span>' in html
    assert "in-english" in html


def test_get_gives_the_published_bank_localized_without_queries(bank, django_assert_num_queries):
    bank_store.get("es")
    with django_assert_num_queries(0):
        es = bank_store.get("es")
        assert bank_store.get("es") is es
        assert bank_store.get("en") is es.original
        assert bank_store.get("de").question("use-case").text == "Was bauen Sie?"


def test_scores_and_verdicts_never_depend_on_the_language(bank):
    localized = {lang: bank.localized(lang) for lang in ("es", "de")}
    cases = list(Case.objects.all())
    assert cases
    for case in cases:
        english = scoring.score(bank, case.answers)
        for language, other in localized.items():
            outcome = scoring.score(other, case.answers)
            assert outcome == english, (case.slug, language)
            assert [f.changes for f in scoring.flips(other, case.answers)] == [
                f.changes for f in scoring.flips(bank, case.answers)
            ]


def test_a_snapshot_keeps_its_language_and_the_articles_words(bank):
    english = snapshot_build(bank, ML_ANSWERS)
    spanish = snapshot_build(bank.localized("es"), ML_ANSWERS)
    assert "language" not in english and spanish["language"] == "es"
    assert spanish["outcome"] == english["outcome"]
    for en_row, es_row in zip(english["answers"], spanish["answers"], strict=True):
        assert "explanation_en" not in en_row
        assert es_row["explanation_en"] == en_row["explanation"]
        assert es_row["explanation"] != en_row["explanation"]


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_how_to_settle_a_question_drops_the_not_counted_note_in_every_language(bank, language):
    answers = Case.objects.get(slug="everything-unsure").answers  # find out first
    local = bank.localized(language)
    settle = snapshot_build(local, answers)["settle"]
    assert settle
    for item in settle:
        unsure = local.question(item["question"]).choice("unsure")
        assert item["how"] and item["how"] in unsure.explanation
        assert not unsure.explanation.startswith(item["how"])  # the first sentence is gone
        for note in ("Not counted", "No cuenta", "Zählt nicht"):
            assert note not in item["how"]


def test_publishing_lists_the_texts_still_in_english(bank):
    Rule.objects.filter(slug="scaling").update(message_es="")
    missing = dict(versions.untranslated(bank_store.build_draft()))
    assert missing["Deutsch"] == []
    assert missing["Español"] == [
        (
            "Rule “Scaling: either path can be right”",
            "message",
            "At your stage either hire can be right: until it is settled, the answers' "
            "leader is the nearer call.",
        )
    ]


def test_admin_saves_keep_the_original_column_english(bank):
    question = Question.objects.get(slug="team")
    with translation.override("de"):
        question.text_de = "Wer kann es bauen?"
        question.save()
    stored = (
        Question.objects.rewrite(False)  # the columns themselves, whatever the language
        .filter(pk=question.pk)
        .values_list("text", "text_en", "text_de")
    )
    assert list(stored) == [
        ("Who could build it today?", "Who could build it today?", "Wer kann es bauen?")
    ]


def test_the_quote_include_shows_a_translation_with_its_english_original(bank):
    from django.template.loader import render_to_string

    row = snapshot_build(bank.localized("de"), ML_ANSWERS)["answers"][0]
    html = render_to_string(
        "advisor/_quote.html", {"text": row["explanation"], "original": row["explanation_en"]}
    )
    assert row["explanation"] in html.replace("&quot;", '"').replace("&#x27;", "'")
    assert '<q lang="en">' in html and "Translated from the article" in html
    untranslated = render_to_string("advisor/_quote.html", {"text": "Same", "original": "Same"})
    assert '<span lang="en">Same</span>' in untranslated and "in-english" in untranslated
    english = render_to_string("advisor/_quote.html", {"text": "Only English"})
    assert "Only English" in english and 'lang="en"' not in english


def test_a_job_gets_the_english_bank_with_its_translations_from_a_localized_one(bank):
    data = bank_as_data(bank.localized("es"))
    assert data == bank_as_data(bank)
    assert data["questions"][0]["text"] == "What are you building?"


@pytest.mark.parametrize("language", ["es", "de"])
def test_the_wizard_in_another_language_makes_the_same_result_in_that_language(
    client, bank, language
):
    from django.test import Client
    from django.urls import reverse

    from advisor.models import Assessment

    made = {}
    for lang in ("en", language):
        browser = Client()
        with translation.override(lang):
            for slug, choice in ML_ANSWERS.items():
                page = browser.get(reverse("step", args=[slug]))
                assert page.status_code == 200
                assert f'lang="{lang}"' in page.content.decode()
                response = browser.post(reverse("step", args=[slug]), {slug: choice})
                assert response.status_code == 303
            assert browser.post(reverse("check")).status_code == 303
        made[lang] = Assessment.objects.exclude(completed_at=None).latest("completed_at")
    english, other = made["en"], made[language]
    assert other.snapshot["language"] == language and "language" not in english.snapshot
    assert other.recommendation == english.recommendation
    assert other.snapshot["outcome"] == english.snapshot["outcome"]
    assert (
        other.snapshot["answers"][0]["explanation_en"]
        == (english.snapshot["answers"][0]["explanation"])
    )


def test_restoring_a_version_from_before_translations_keeps_the_english(bank):
    version = versions.bank_version_publish(note="before translations")
    for stored in version.revision.version_set.all():
        rows = json.loads(stored.serialized_data)
        for row in rows:
            row["fields"] = {
                k: v for k, v in row["fields"].items() if not k.endswith(("_en", "_es", "_de"))
            }
        stored.serialized_data = json.dumps(rows)
        stored.save()
    Question.objects.filter(slug="team").update(text_en="Changed since", text_es="Cambiado")
    versions.bank_version_restore(version=version)
    restored = bank_store.build_draft()
    assert restored.question("team").text == "Who could build it today?"
    assert restored.missing("es")  # that version had no translations
    assert restored.localized("es").question("team").text == "Who could build it today?"


def test_a_row_written_by_the_previous_release_during_a_deploy_keeps_its_english(bank):
    # an app server without the translation columns fills only the original ones
    Question.objects.rewrite(False).filter(slug="team").update(text_en=None, text="Old server")
    assert bank_store.build_draft().question("team").text == "Old server"
