"""The advisor inside another site's page, in Debian's Chromium: the parent page is served
from http://localhost:PORT, the advisor from http://127.0.0.1:PORT2 (the live server), so
the frame is cross-site and the browser treats the advisor's cookies as third-party."""

from __future__ import annotations

import functools
import re
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from advisor.models import Assessment, Attribution
from advisor.ops import jobs
from tests.conftest import AI_ANSWERS, ML_ANSWERS

pytestmark = pytest.mark.browser

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Which engineer first?</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Which engineer should a startup hire first?</h1>
<p>An article about AI engineers and ML engineers.</p>
{embed}
<p id="after">The rest of the article.</p>
</body></html>
"""
SNIPPET = (
    '<div data-hiring-advisor data-height="300"></div>\n'
    '<script src="{app}/static/advisor/embed.js" async></script>'
)
PLAIN_FRAME = (
    '<iframe data-hiring-advisor src="{app}{path}" title="Hiring Advisor" '
    'style="width:100%;height:500px;border:0"></iframe>'
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def parent_site(tmp_path):
    """Serve pages from another site: returns a function that publishes `html` at a path
    and gives its URL on http://localhost:PORT."""
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://localhost:{server.server_address[1]}"

    def publish(name: str, html: str) -> str:
        (tmp_path / name).write_text(html)
        return f"{origin}/{name}"

    publish.origin = origin
    yield publish
    server.shutdown()
    server.server_close()


@pytest.fixture
def blocking_browser(browser_type, browser_type_launch_args):
    """Chromium told to block third-party cookies, as browsers that phase them out do
    (this Chromium already does in a cross-site frame; the flag makes sure of it)."""
    args = [*browser_type_launch_args["args"], "--test-third-party-cookie-phaseout"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


def _answer_in(frame, answers: dict) -> None:
    for slug, choice in answers.items():
        expect(frame.locator("h1")).to_be_visible()
        frame.locator(f'input[name="{slug}"][value="{choice}"]').check()
        frame.get_by_role("button", name="Continue").click()
        expect(frame.locator(f'input[name="{slug}"]')).to_have_count(0)
    expect(frame.get_by_role("heading", name="Check your answers")).to_be_visible()


def _fits(page: Page) -> tuple[int, int]:
    """(the frame's height on the page, the height of what the frame shows)."""
    frame_height = page.evaluate(
        "Math.round(document.querySelector('iframe[data-hiring-advisor]')"
        ".getBoundingClientRect().height)"
    )
    inner = page.frame_locator("iframe[data-hiring-advisor]").locator("body")
    content = inner.evaluate("b => Math.ceil(b.getBoundingClientRect().height)")
    return frame_height, content


def _wait_until_fits(page: Page) -> tuple[int, int]:
    """The frame is resized by messages: wait (up to 5 s) for it to fit what it shows."""
    for _ in range(50):
        height, content = _fits(page)
        if abs(height - content) <= 2:
            return height, content
        page.wait_for_timeout(100)
    raise AssertionError(f"the frame is {height}px tall for {content}px of content")


def test_a_founder_completes_the_advisor_inside_an_article_with_third_party_cookies_blocked(
    blocking_browser, live_bank, parent_site, settings
):
    settings.EMBED_ORIGINS = [parent_site.origin]
    article = parent_site("article.html", ARTICLE.format(embed=SNIPPET.format(app=live_bank.url)))
    context = blocking_browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(article + "?utm_source=newsletter&utm_campaign=spring&email=me@example.com")
    frame_element = page.locator("iframe[data-hiring-advisor]")
    expect(frame_element).to_be_visible()
    frame = page.frame_locator("iframe[data-hiring-advisor]")
    expect(frame.get_by_role("button", name="Start the questions")).to_be_visible()

    # The premise: in this frame the browser drops an unpartitioned third-party cookie
    # and keeps a partitioned one.
    kept = frame.locator("body").evaluate(
        """() => {
            document.cookie = "probe=1; SameSite=None; Secure; Path=/";
            document.cookie = "probe_chips=1; SameSite=None; Secure; Partitioned; Path=/";
            return document.cookie;
        }"""
    )
    assert "probe_chips=1" in kept and "probe=1" not in kept.replace("probe_chips=1", "")

    # The frame is as tall as the landing page it shows, not the snippet's 300px.
    expect(frame_element).not_to_have_css("height", "300px")
    _wait_until_fits(page)

    frame.get_by_role("button", name="Start the questions").click()
    _answer_in(frame, ML_ANSWERS)
    # Taller now: the check page lists every answer.
    page.wait_for_function(
        "document.querySelector('iframe[data-hiring-advisor]').getBoundingClientRect().height > 600"
    )
    frame.get_by_role("button", name="See my recommendation").click()
    verdict = frame.locator("[data-recommendation]")
    expect(verdict).to_have_attribute("data-recommendation", "ml-engineer")
    expect(frame.get_by_text("Your result: hire first")).to_be_visible()
    height, content = _wait_until_fits(page)
    assert content > 700  # the folded result page, taller than the check page

    # The advisor's cookies are partitioned by the article's site, none unpartitioned.
    cookies = {c["name"]: c for c in context.cookies() if c["domain"] == "127.0.0.1"}
    assert cookies["sessionid"]["sameSite"] == "None" and cookies["sessionid"]["secure"]
    assert cookies["sessionid"].get("partitionKey", "").startswith("http://localhost")

    result = Assessment.objects.completed().get()
    source = Attribution.objects.get(assessment=result)
    assert (source.embedded, source.embed_origin, source.embed_path) == (
        True,
        parent_site.origin,
        "/article.html",
    )
    assert (source.utm_source, source.utm_campaign) == ("newsletter", "spring")
    assert "example.com" not in str(Attribution.objects.values().get())
    context.close()


def refused(page: Page, seconds: float = 10) -> None:
    """The page's frame ends on Chromium's error page (on a busy machine, a moment after
    the page loads; the frame may be replaced on the way, so it is looked up each time)."""
    deadline = time.monotonic() + seconds
    urls = []
    while time.monotonic() < deadline:
        urls = [frame.url for frame in page.main_frame.child_frames]
        if urls == ["chrome-error://chromewebdata/"]:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the frame was shown: {urls}")


def test_a_site_that_is_not_allowed_cannot_frame_the_advisor(
    page: Page, live_bank, parent_site, settings
):
    settings.EMBED_ORIGINS = ["https://blog.example.com"]  # not the parent site
    article = parent_site(
        "article.html",
        ARTICLE.format(embed=PLAIN_FRAME.format(app=live_bank.url, path="/embed/wizard/")),
    )
    page.goto(article)  # waits for the frame to load, or to be refused
    refused(page)  # Chromium refused to show it
    expect(page.frame_locator("iframe[data-hiring-advisor]").locator("#wizard")).to_have_count(0)
    assert Assessment.objects.count() == 0


def test_the_sites_own_pages_refuse_frames_even_from_an_allowed_site(
    page: Page, live_bank, parent_site, settings
):
    settings.EMBED_ORIGINS = [parent_site.origin]
    outside = parent_site(
        "outside.html",
        ARTICLE.format(embed=PLAIN_FRAME.format(app=live_bank.url, path="/wizard/use-case/")),
    )
    page.goto(outside)
    refused(page)
    expect(page.frame_locator("iframe[data-hiring-advisor]").locator("#wizard")).to_have_count(0)
    # the same step under /embed/ is shown
    inside = parent_site(
        "inside.html",
        ARTICLE.format(embed=PLAIN_FRAME.format(app=live_bank.url, path="/embed/wizard/use-case/")),
    )
    page.goto(inside)
    expect(page.frame_locator("iframe[data-hiring-advisor]").locator("#wizard")).to_be_visible()


def test_open_in_a_new_tab_keeps_the_answers(blocking_browser, live_bank, parent_site, settings):
    settings.EMBED_ORIGINS = [parent_site.origin]
    article = parent_site("article.html", ARTICLE.format(embed=SNIPPET.format(app=live_bank.url)))
    context = blocking_browser.new_context()
    page = context.new_page()
    page.goto(article)
    frame = page.frame_locator("iframe[data-hiring-advisor]")
    frame.get_by_role("button", name="Start the questions").click()
    first_three = dict(list(AI_ANSWERS.items())[:3])
    for slug, choice in first_three.items():
        frame.locator(f'input[name="{slug}"][value="{choice}"]').check()
        frame.get_by_role("button", name="Continue").click()
        expect(frame.locator(f'input[name="{slug}"]')).to_have_count(0)

    frame.get_by_role("button", name="Open in a new tab").click()
    link = frame.get_by_role("link", name="Open your answers in a new tab")
    with context.expect_page() as opened:
        link.click()
    tab = opened.value
    # The new tab has the site's own cookies, not the frame's: the link brought the draft.
    expect(tab).to_have_url(re.compile(r"127\.0\.0\.1:\d+/wizard/training-data/$"))
    for slug in first_three:
        tab.goto(f"{live_bank.url}/wizard/{slug}/")
        expect(tab.locator(f'input[name="{slug}"][value="{first_three[slug]}"]')).to_be_checked()
    draft = Assessment.objects.drafts().get()
    assert draft.token not in link.get_attribute("href")
    # It works once.
    again = context.new_page()
    again.goto(live_bank.url + link.get_attribute("href"))
    expect(again.get_by_role("heading", name="This link no longer works")).to_be_visible()
    context.close()


def test_an_emailed_result_and_resume_link_work_in_a_fresh_browser(browser, live_bank):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_bank.url + "/wizard/")
    for slug, choice in list(AI_ANSWERS.items())[:4]:
        page.locator(f'input[name="{slug}"][value="{choice}"]').check()
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(f'input[name="{slug}"]')).to_have_count(0)
    page.get_by_role("link", name="Finish later: email me a link to these answers").click()
    page.get_by_label("Your email address").fill("founder@example.com")
    page.get_by_role("button", name="Email me the link").click()
    expect(page.get_by_role("status")).to_contain_text("On its way")
    assert mail.outbox == []  # sent by the queue, not by the request
    jobs.jobs_run_due()
    (resume,) = mail.outbox
    assert resume.to == ["founder@example.com"]
    link = re.search(r"http://\S+/resume/[\w-]+/", resume.body).group(0)

    # Another browser, with nothing of the first: the link carries the answers.
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(link)
    expect(other).to_have_url(re.compile("/wizard/production-ownership/$"))
    for slug, choice in list(AI_ANSWERS.items())[4:]:
        other.locator(f'input[name="{slug}"][value="{choice}"]').check()
        other.get_by_role("button", name="Continue").click()
        expect(other.locator(f'input[name="{slug}"]')).to_have_count(0)
    other.get_by_role("button", name="See my recommendation").click()
    expect(other.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ai-engineer"
    )

    # Email the result, and open the emailed link in a third browser.
    mail.outbox.clear()
    other.get_by_role("link", name="Email me this result").click()
    other.get_by_label("Your email address").fill("cofounder@example.com")
    other.get_by_role("button", name="Send it").click()
    expect(other.get_by_role("status")).to_contain_text("On its way")
    jobs.jobs_run_due()
    (emailed,) = mail.outbox
    result_url = re.search(r"http://\S+/r/[\w-]+/", emailed.body).group(0)
    third = browser.new_context()
    shown = third.new_page()
    shown.goto(result_url)
    expect(shown.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ai-engineer"
    )
    expect(shown.get_by_text("A result shared with you")).to_be_visible()
    for ctx in (context, fresh, third):
        ctx.close()


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_and_no_sideways_scroll_beyond_the_site(
    browser, live_bank, settings, scheme
):
    from axe_playwright_python.sync_playwright import Axe

    from advisor.models import FollowUpSettings

    settings.EMBED_ORIGINS = ["https://blog.example.com"]
    FollowUpSettings(enabled=True).save()
    axe = Axe()
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()

    def check(where: str) -> None:
        results = axe.run(page)
        assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{where}: page is {width}px wide"
        small = page.evaluate(
            """() => [...document.querySelectorAll(
                  'button:not([hidden]), .btn, input.form-control')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height])
                .filter(([, h]) => h < 44)"""
        )
        assert not small, f"{where}: tap targets under 44px: {small}"

    base = live_bank.url
    page.goto(base + "/embed/")
    check("embedded landing")
    page.get_by_role("button", name="Start the questions").click()
    check("embedded first step")
    for slug, choice in AI_ANSWERS.items():
        page.locator(f'input[name="{slug}"][value="{choice}"]').check()
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(f'input[name="{slug}"]')).to_have_count(0)
    check("embedded check page")
    page.get_by_role("link", name="Finish later: email me a link to these answers").click()
    page.get_by_role("button", name="Email me the link").click()
    expect(page.locator(".invalid-feedback")).to_be_visible()
    check("finish later, with an error")
    page.goto(base + "/embed/wizard/check/")
    page.get_by_role("button", name="Open in a new tab").click()
    expect(page.get_by_role("link", name="Open your answers in a new tab")).to_be_visible()
    check("new tab link in the footer")
    page.get_by_role("button", name="See my recommendation").click()
    expect(page.locator("[data-recommendation]")).to_be_visible()
    check("embedded result")
    page.get_by_role("link", name="Talk to someone about this hire").click()
    page.get_by_role("button", name="Ask to be contacted").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    check("contact, with errors")
    page.get_by_label("Your name").fill("Jo")
    page.get_by_label("Your email address").fill("jo@example.com")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Ask to be contacted").click()
    expect(page.get_by_role("heading", name="Thank you: someone will be in touch")).to_be_visible()
    check("contact thanks")
    page.get_by_role("link", name="Back to the result").click()
    page.get_by_role("link", name="Email me this result").click()
    page.get_by_label("Your email address").fill("jo@example.com")
    page.get_by_role("button", name="Send it").click()
    expect(page.get_by_role("status")).to_contain_text("On its way")
    check("result emailed")
    page.goto(base + "/privacy/")
    check("privacy")
    context.close()


@pytest.mark.parametrize(
    "html_lang,holder,words,title",
    [
        (
            "de",
            "",
            "Mit den Fragen beginnen",
            "Hiring Advisor: AI Engineer oder ML Engineer zuerst?",
        ),
        ("de-AT", ' data-lang="es"', "Empezar las preguntas", "¿ingeniero de IA o ingeniero de ML"),
        ("fr", "", "Start the questions", "Hiring Advisor: AI Engineer or ML Engineer first?"),
    ],
)
def test_the_frame_opens_in_the_language_asked_for_or_the_pages_own(
    browser, live_bank, parent_site, settings, html_lang, holder, words, title
):
    settings.EMBED_ORIGINS = [parent_site.origin]
    snippet = SNIPPET.format(app=live_bank.url).replace(
        "data-hiring-advisor", f"data-hiring-advisor{holder}"
    )
    html = ARTICLE.format(embed=snippet).replace('<html lang="en">', f'<html lang="{html_lang}">')
    page = browser.new_page()
    page.goto(parent_site("article.html", html))
    frame = page.frame_locator("iframe[data-hiring-advisor]")
    expect(frame.get_by_role("button", name=words)).to_be_visible()
    assert title in page.locator("iframe[data-hiring-advisor]").get_attribute("title")
