"""Where founders come from: recorded once when a draft starts, kept with the result, in
admin analytics, the assessments list's filters and the CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from advisor.bank import store as bank_store
from advisor.insights import analytics
from advisor.models import Assessment, Attribution
from tests.conftest import AI_ANSWERS, ML_ANSWERS

BLOG = "https://blog.example.com"


def finish(client, answers=AI_ANSWERS, prefix: str = "") -> Assessment:
    for slug, choice in answers.items():
        response = client.post(f"{prefix}/wizard/{slug}/", {slug: choice})
        assert response.status_code == 303
    response = client.post(f"{prefix}/wizard/check/")
    assert response.status_code == 303
    return Assessment.objects.get(token=response["Location"].rstrip("/").split("/")[-1])


def test_campaign_and_referring_site_are_recorded_when_the_draft_starts(client, bank):
    client.get(
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=" + "x" * 300,
        HTTP_REFERER="https://news.example.com/item?id=42&user=jo",
    )
    assert Attribution.objects.count() == 0  # nothing stored before the first answer
    result = finish(client)
    source = result.attribution
    assert (source.utm_source, source.utm_medium) == ("newsletter", "email")
    assert source.utm_campaign == "x" * 100  # bounded
    assert source.referrer == "https://news.example.com"  # origin only
    assert not source.embedded
    assert source.label == "campaign: newsletter"


def test_it_is_recorded_once_and_a_later_visit_does_not_change_it(client, bank):
    client.get("/wizard/", {"utm_source": "first"})
    client.post("/wizard/use-case/", {"use-case": "fraud"})
    client.get("/", {"utm_source": "second"}, HTTP_REFERER="https://other.example.org/")
    result = finish(client)
    assert Attribution.objects.count() == 1
    assert (result.attribution.utm_source, result.attribution.referrer) == ("first", "")


def test_no_personal_data_is_kept(client, bank):
    client.get(
        "/wizard/use-case/",
        {"utm_source": "mailing", "utm_content": "jo@example.com", "utm_term": "a\x00b"},
        HTTP_REFERER="https://jo:secret@evil.example.com/",
    )
    source = finish(client).attribution
    assert source.utm_content == ""  # an address in a label is dropped
    assert source.utm_term == "ab"
    assert source.referrer == ""  # an address with credentials is no origin
    assert "jo" not in str(Attribution.objects.values().get())


def test_our_own_pages_are_not_a_referrer_and_a_plain_visit_records_nothing(client, bank):
    client.get("/", HTTP_REFERER="http://testserver/r/some-result/")
    finish(client)
    assert Attribution.objects.count() == 0


def test_the_embedding_page_is_recorded_for_a_result_made_in_a_frame(client, bank, settings):
    settings.EMBED_ORIGINS = [BLOG]
    client.get(
        "/embed/",
        {"page": f"{BLOG}/posts/which-engineer?session=abc#top", "ref": "https://t.co/x"},
        HTTP_REFERER=f"{BLOG}/",
    )
    source = finish(client, prefix="/embed").attribution
    assert (source.embedded, source.embed_origin, source.embed_path) == (
        True,
        BLOG,
        "/posts/which-engineer",
    )
    assert source.referrer == "https://t.co"
    assert source.label == "embedded: blog.example.com"


def test_a_plain_frame_records_the_parent_site_from_the_referer(client, bank, settings):
    settings.EMBED_ORIGINS = [BLOG]
    client.get("/embed/wizard/use-case/", HTTP_REFERER=f"{BLOG}/posts/x")
    source = finish(client, prefix="/embed").attribution
    assert (source.embedded, source.embed_origin, source.embed_path) == (True, BLOG, "")


def test_a_page_from_a_site_not_allowed_is_not_recorded_as_the_embedding_page(
    client, bank, settings
):
    settings.EMBED_ORIGINS = [BLOG]
    client.get("/embed/", {"page": "https://elsewhere.example.net/post"})
    source = finish(client, prefix="/embed").attribution
    assert (source.embedded, source.embed_origin) == (True, "")
    assert source.label == "embedded: unknown site"


def test_completions_and_recommendations_are_split_by_source(bank, settings):
    settings.EMBED_ORIGINS = [BLOG]
    for _ in range(2):
        browser = Client()
        browser.get("/", {"utm_source": "newsletter"})
        finish(browser, ML_ANSWERS)
    browser = Client()
    browser.get("/", {"utm_source": "newsletter"})
    finish(browser, AI_ANSWERS)
    browser = Client()
    browser.get("/embed/", {"page": f"{BLOG}/post"})
    finish(browser, AI_ANSWERS, prefix="/embed")
    finish(Client(), AI_ANSWERS)
    rows = {r["source"]: r for r in analytics.completions_by_source(bank_store.get())}
    assert list(rows) == ["campaign: newsletter", "direct or unknown", "embedded: blog.example.com"]
    newsletter = {
        c["role"]: (c["count"], c["percent"]) for c in rows["campaign: newsletter"]["by_role"]
    }
    assert newsletter == {"AI engineer": (1, 33), "ML engineer": (2, 67)}
    assert rows["embedded: blog.example.com"]["total"] == 1


def test_many_sources_are_shown_biggest_first_with_the_rest_added_up(bank):
    for n in range(analytics.SOURCES_SHOWN + 3):
        browser = Client()
        browser.get("/", {"utm_source": f"s{n:02}"})
        browser.post("/wizard/use-case/", {"use-case": "fraud"})
        draft = Assessment.objects.drafts().get()
        Assessment.objects.filter(pk=draft.pk).update(
            completed_at="2026-01-01T00:00Z", recommendation="ai-engineer", snapshot={}
        )
    rows = analytics.completions_by_source(bank_store.get())
    assert len(rows) == analytics.SOURCES_SHOWN
    assert rows[-1]["source"] == "all other sources" and rows[-1]["total"] == 4
    assert sum(r["total"] for r in rows) == analytics.SOURCES_SHOWN + 3


@pytest.fixture
def staff(db):
    user = User.objects.create_superuser("admin", "admin@example.com", "pass-phrase-long")
    client = Client()
    client.force_login(user)
    return client


def test_admin_shows_sources_filters_by_them_and_exports_them(staff, bank, settings):
    settings.EMBED_ORIGINS = [BLOG]
    browser = Client()
    browser.get("/", {"utm_source": "newsletter", "utm_campaign": "spring"})
    campaign = finish(browser, ML_ANSWERS)
    browser = Client()
    browser.get("/embed/", {"page": f"{BLOG}/post"})
    embedded = finish(browser, prefix="/embed")
    direct = finish(Client())

    page = staff.get(reverse("admin:advisor_analytics")).content.decode()
    assert "Where founders come from" in page
    assert "campaign: newsletter" in page and "embedded: blog.example.com" in page

    changelist = reverse("admin:advisor_assessment_changelist")
    for query, shown, hidden in (
        ({"source": "campaign"}, campaign, direct),
        ({"source": "embedded"}, embedded, campaign),
        ({"source": "direct"}, direct, embedded),
        ({"attribution__embed_origin": BLOG}, embedded, direct),
        ({"attribution__utm_source": "newsletter"}, campaign, embedded),
    ):
        response = staff.get(changelist, query)
        assert response.status_code == 200, query
        html = response.content.decode()
        assert shown.token[:10] in html and hidden.token[:10] not in html, query

    response = staff.get(reverse("admin:advisor_export"), {"source": "campaign"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, (row,) = rows[0], rows[1:]
    record = dict(zip(header, row, strict=True))
    assert record["token"] == campaign.token
    assert record["source"] == "campaign: newsletter"
    assert (record["utm_source"], record["utm_campaign"]) == ("newsletter", "spring")
    response = staff.get(reverse("admin:advisor_export"), {"source": "embedded"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["embedded_on"] == f"{BLOG}/post"

    detail = staff.get(reverse("admin:advisor_assessment_change", args=[campaign.pk]))
    assert "utm_source=newsletter; utm_campaign=spring" in detail.content.decode()
