"""The advisor under /embed/: who may frame it, its cookies, and links that stay inside
the frame (the browser side is in test_embed_browser.py)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisor.models import Assessment
from tests.conftest import AI_ANSWERS

BLOG = "https://blog.example.com"


@pytest.fixture
def embeddable(settings):
    settings.EMBED_ORIGINS = [BLOG, "http://localhost:8123"]


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]*)", response["Content-Security-Policy"]).group(1)


def test_embedded_pages_may_be_framed_by_the_allowed_sites_only(client, bank, embeddable):
    response = client.get("/embed/wizard/use-case/")
    assert response.status_code == 200
    assert frame_ancestors(response) == f"{BLOG} http://localhost:8123"
    assert "X-Frame-Options" not in response
    # the rest of the policy is the site's own
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_every_other_page_still_refuses_every_frame(client, bank, embeddable):
    url = complete(client)
    for path in ("/", "/wizard/use-case/", url, "/privacy/", "/admin/login/"):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert frame_ancestors(response) == "'none'", path


def test_without_allowed_sites_there_is_nothing_to_embed(client, bank, settings):
    settings.EMBED_ORIGINS = []
    response = client.get("/embed/wizard/use-case/")
    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_and_unknown_pages_are_never_served_in_a_frame(client, bank, embeddable):
    assert client.get("/embed/admin/").status_code == 404
    assert client.get("/embed/admin/login/").status_code == 404
    assert client.get("/embed/healthz").status_code == 404


def test_embedded_cookies_are_partitioned_for_third_party_frames(client, bank, embeddable):
    response = client.post("/embed/wizard/use-case/", {"use-case": "fraud"})
    assert response.status_code == 303
    header = response.cookies["sessionid"].output()
    assert "SameSite=None" in header and "Secure" in header
    assert header.endswith("; Partitioned")
    page = client.get(response["Location"])
    csrf = page.cookies["csrftoken"].output()
    assert "SameSite=None" in csrf and csrf.endswith("; Partitioned")
    # the site's own pages keep their Lax, unpartitioned cookies
    plain = Client().post("/wizard/use-case/", {"use-case": "fraud"})
    assert "Partitioned" not in plain.cookies["sessionid"].output()
    assert plain.cookies["sessionid"]["samesite"] == "Lax"


def test_links_redirects_and_pushed_urls_stay_inside_the_frame(client, bank, embeddable):
    response = client.post("/embed/wizard/use-case/", {"use-case": "chat-assistant"})
    assert response["Location"] == "/embed/wizard/general-model-fit/"
    page = client.get(response["Location"]).content.decode()
    assert 'action="/embed/wizard/general-model-fit/"' in page
    assert 'href="/embed/wizard/use-case/"' in page  # Back
    assert "embed-frame" in page and 'data-embed-origins="https://blog.example.com' in page
    assert 'class="site-header' not in page
    fragment = client.get("/embed/wizard/use-case/", HTTP_HX_REQUEST="true")
    assert fragment["HX-Push-Url"] == "/embed/wizard/use-case/"
    # reversing after an embedded request gives the site's own URLs again
    assert reverse("step", args=["use-case"]) == "/wizard/use-case/"


def test_a_step_is_cached_apart_for_the_frame_and_for_the_site(client, bank, embeddable):
    def page(path: str) -> str:
        html = client.get(path).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)  # masked anew

    site = page("/wizard/use-case/")
    framed = page("/embed/wizard/use-case/")
    assert "embed-frame" in framed and "embed-frame" not in site
    assert page("/wizard/use-case/") == site
    assert page("/embed/wizard/use-case/") == framed


def complete(client, prefix: str = "") -> str:
    for slug, choice in AI_ANSWERS.items():
        client.post(f"{prefix}/wizard/{slug}/", {slug: choice})
    response = client.post(f"{prefix}/wizard/check/")
    assert response.status_code == 303, response.content
    return response["Location"]


def test_a_result_made_in_a_frame_is_shown_in_the_frame_and_shared_outside(
    client, bank, embeddable
):
    url = complete(client, "/embed")
    assert re.fullmatch(r"/embed/r/[\w-]+/", url)
    token = url.split("/")[3]
    page = client.get(url).content.decode()
    assert 'data-recommendation="ai-engineer"' in page
    assert "Your result: hire first" in page
    # the link to share, and the one in og:url, are the site's own
    assert f'value="http://testserver/r/{token}/"' in page
    assert f'content="http://testserver/r/{token}/"' in page
    # the page has forms: this browser's CSRF token is in them
    assert "csrf-token-goes-here" not in page
    assert client.cookies["csrftoken"].value and 'name="csrfmiddlewaretoken"' in page
    # the same result outside the frame is another variant, with the site's header
    outside = client.get(f"/r/{token}/").content.decode()
    assert 'class="site-header' in outside and "embed-frame" not in outside


def test_a_shared_result_in_a_frame_opens_in_a_new_tab_as_a_plain_link(client, bank, embeddable):
    url = complete(Client(), "/embed")
    page = client.get(url).content.decode()
    token = url.split("/")[3]
    assert "A result shared with you" in page
    assert f'href="/r/{token}/" target="_blank" rel="noopener">Open in a new tab' in page


def test_a_form_rejected_for_lack_of_cookies_offers_a_new_tab(bank, embeddable):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/embed/wizard/use-case/", {"use-case": "fraud"})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'href="/wizard/" target="_blank"' in page
    assert frame_ancestors(response) == f"{BLOG} http://localhost:8123"
    assert Assessment.objects.count() == 0


def test_the_embed_script_is_served_under_a_stable_name_with_a_short_lifetime(client, db):
    response = client.get("/static/advisor/embed.js")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    body = b"".join(response.streaming_content).decode()
    assert "hiring-advisor:height" in body and "event.origin !== origin" in body


def test_embed_origins_are_written_as_browsers_write_origins():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "EMBED_ORIGINS": "HTTPS://Blog.Example.com:443, http://localhost:8123,http://a.test:80",
        "PATH": "",
    }
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(' '.join(settings.EMBED_ORIGINS))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [BLOG, "http://localhost:8123", "http://a.test"]


def test_embed_origins_must_be_origins():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for bad in ("https://blog.example.com/article", "blog.example.com", "https://*.example.com"):
        env = {"DJANGO_SETTINGS_MODULE": "advisor.settings", "EMBED_ORIGINS": bad, "PATH": ""}
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0, bad
        assert "EMBED_ORIGINS takes origins like https://blog.example.com" in result.stderr


def test_a_team_started_in_a_frame_invites_with_the_sites_own_link(client, bank, embeddable):
    response = client.post("/embed/t/new/", {"name": "Our first hire", "member_name": "Jo"})
    assert re.fullmatch(r"/embed/t/[\w-]+/", response["Location"])
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'value="http://testserver/t/join/[\w-]+/"', page)


def test_embedded_pages_cost_the_same_queries_as_the_sites_own(
    client, bank, embeddable, django_assert_max_num_queries
):
    for slug, choice in list(AI_ANSWERS.items())[:8]:
        client.post(f"/embed/wizard/{slug}/", {slug: choice})
    with django_assert_max_num_queries(3):
        response = client.get("/embed/wizard/company-stage/")
    assert response.status_code == 200 and 'name="company-stage"' in response.content.decode()
    with django_assert_max_num_queries(5):
        response = client.post("/embed/wizard/company-stage/", {"company-stage": "unsure"})
    assert response["Location"] == "/embed/wizard/check/"
    url = client.post("/embed/wizard/check/")["Location"]
    with django_assert_max_num_queries(2):
        response = client.get(url + "?hours=20")
    assert response.status_code == 200
    assert 'data-recommendation="ai-engineer"' in response.content.decode()


def test_a_debug_error_page_in_a_frame_is_still_refused_to_other_sites(
    client, bank, embeddable, settings
):
    settings.DEBUG = True  # django-csp leaves debug 404 pages without a policy
    response = client.get("/embed/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == f"frame-ancestors {BLOG} http://localhost:8123"
