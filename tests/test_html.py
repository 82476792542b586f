"""Every page passes the Nu HTML checker (vnu.jar from npm, run on Java)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


def pages(client, bank) -> dict[str, bytes]:
    found = {"landing": client.get("/").content}
    found["step-error"] = client.post(reverse("step", args=["use-case"]), {}).content
    for slug, choice in ML_ANSWERS.items():
        found[f"step-{slug}"] = client.get(reverse("step", args=[slug])).content
        client.post(reverse("step", args=[slug]), {slug: choice})
    found["check"] = client.get(reverse("check")).content
    found["landing-resume"] = client.get("/").content
    found["restart"] = client.get(reverse("restart")).content
    result = client.post(reverse("check"))["Location"]
    found["result"] = client.get(result).content
    found["result-costs-error"] = client.get(result + "?hours=0").content
    found["result-costs-fragment"] = client.get(
        result + "?months=6", HTTP_HX_REQUEST="true"
    ).content
    other = complete(Client(), {**AI_ANSWERS, "training-data": "labeled"})
    left, right = result.split("/")[2], other.split("/")[2]
    found["compare"] = client.get(reverse("compare", args=[left, right])).content
    found["compare-start"] = client.get(reverse("compare_start"), {"a": left, "b": "x"}).content
    found["change"] = client.get(reverse("result_copy", args=[left])).content
    found["finished"] = client.get(reverse("step", args=["use-case"])).content
    found["not-found"] = client.get("/r/nothing/").content
    # a team decision: started, joined, answered by two, with a settle form per difference
    found["team-new-error"] = client.post(reverse("team_new"), {"name": ""}).content
    team_url = client.post(reverse("team_new"), {"name": "Hire", "member_name": "Jo"})["Location"]
    found["team-started"] = client.get(team_url).content
    invite = re.search(rb'value="http://testserver(/t/join/[\w-]+/)"', found["team-started"])
    member = Client()
    found["team-join"] = member.get(invite.group(1).decode()).content
    member.post(invite.group(1).decode(), {"member_name": "Al"})
    for slug, choice in AI_ANSWERS.items():
        member.post(reverse("step", args=[slug]), {slug: choice})
        client.post(reverse("step", args=[slug]), {slug: ML_ANSWERS[slug]})
    found["team-member-result"] = member.get(member.post(reverse("check"))["Location"]).content
    client.post(reverse("check"))
    found["team-side-by-side"] = client.get(team_url).content
    token = team_url.split("/")[2]
    client.post(reverse("team_settle", args=[token]), {"question": "model-role", "choice": "moat"})
    found["team-settled"] = client.get(team_url).content
    found["pdf-bad-settings"] = client.get(result + "pdf/?months=abc").content
    return found


def test_every_page_is_valid_html(client, bank, tmp_path):
    assert_valid_html(pages(client, bank), tmp_path)


def pages_beyond_the_site(client, settings) -> dict[str, bytes]:
    """Pages in another site's frame, and those for taking a result elsewhere."""
    from advisor.models import FollowUpSettings
    from advisor.ops import jobs

    settings.EMBED_ORIGINS = ["https://blog.example.com"]
    FollowUpSettings(enabled=True).save()
    found = {"embed-landing": client.get("/embed/").content}
    found["embed-step"] = client.get("/embed/wizard/use-case/").content
    for slug, choice in AI_ANSWERS.items():
        client.post(f"/embed/wizard/{slug}/", {slug: choice})
    found["embed-check"] = client.get("/embed/wizard/check/").content
    found["finish-later"] = client.get("/embed/wizard/later/").content
    found["finish-later-error"] = client.post("/embed/wizard/later/", {"email": "x"}).content
    found["finish-later-sent"] = client.post("/embed/wizard/later/", {"email": "a@b.co"}).content
    found["new-tab"] = client.post("/embed/wizard/new-tab/").content
    found["new-tab-fragment"] = client.post(
        "/embed/wizard/new-tab/", HTTP_HX_REQUEST="true"
    ).content
    found["csrf-failure-in-frame"] = Client(enforce_csrf_checks=True).post("/embed/wizard/").content
    result = client.post("/embed/wizard/check/")["Location"]
    token = result.split("/")[3]
    found["embed-result"] = client.get(result).content
    found["embed-result-shared"] = Client().get(result).content
    found["result-with-contact"] = client.get(f"/r/{token}/").content
    found["result-email"] = client.get(f"/r/{token}/email/").content
    found["result-email-error"] = client.post(f"/r/{token}/email/", {"email": ""}).content
    found["result-email-sent"] = client.post(f"/r/{token}/email/", {"email": "a@b.co"}).content
    found["contact"] = client.get(f"/r/{token}/contact/").content
    found["contact-error"] = client.post(f"/r/{token}/contact/", {"name": ""}).content
    client.post(f"/r/{token}/contact/", {"name": "Jo", "email": "jo@b.co", "consent": "on"})
    found["contact-thanks"] = client.get(f"/r/{token}/contact/thanks/").content
    jobs.jobs_run_due()
    withdraw = re.search(r"/contact/withdraw/[\w-]+/", mail.outbox[-1].body).group(0)
    found["contact-withdraw"] = client.get(withdraw).content
    found["contact-withdrawn"] = client.post(withdraw).content
    found["contact-withdraw-gone"] = client.get(withdraw).content
    resume = re.search(r"/resume/[\w-]+/", mail.outbox[0].body).group(0)
    other = Client()
    other.post("/wizard/use-case/", {"use-case": "fraud"})
    found["resume-replace"] = other.get(resume).content
    found["resume-revoke"] = other.get(resume + "revoke/").content
    found["resume-revoked"] = other.post(resume + "revoke/").content
    found["resume-gone"] = other.get(resume).content
    found["privacy"] = client.get("/privacy/").content
    return found


def test_every_page_beyond_the_site_is_valid_html(client, bank, settings, tmp_path):
    assert_valid_html(pages_beyond_the_site(client, settings), tmp_path)


def assert_valid_html(found: dict[str, bytes], tmp_path) -> None:
    assert VNU.exists(), "run `npm ci` (make test does) to get the Nu HTML checker"
    assert shutil.which("java"), "the Nu HTML checker needs Java"
    files = []
    for name, content in found.items():
        if name.endswith("-fragment"):
            # a fragment is checked inside a minimal page, as htmx places it
            content = b"<!doctype html><html lang=en><title>x</title>" + content
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)


# Class names templates use as hooks for tests and scripts, not for styling.
HOOKS = {
    "answer-list",
    "bar-",
    "confidence-",
    "contrib-role",
    "costs",
    "messages",
    "progress-wrap",
    "result",
    "score-value",
    "seg-",
    "share",
    "sources",
    "summary",
    "summary-value",
    "verdict-",
    "verdict-row",
}


def test_every_class_the_pages_use_is_in_the_shipped_css():
    """static/vendor/bootstrap.min.css holds only the Bootstrap the templates use
    (`make css` rebuilds it); a class added to a template must not be missing there."""
    import re

    root = Path(__file__).resolve().parent.parent
    css = (root / "static/vendor/bootstrap.min.css").read_text()
    css += (root / "static/advisor/site.css").read_text()
    missing = set()
    for template in (root / "templates").rglob("*.html"):
        if "admin" in template.parts:
            continue
        for value in re.findall(r'class="([^"]*)"', template.read_text()):
            for name in re.sub(r"{%.*?%}|{{.*?}}", " ", value).split():
                if name not in HOOKS and not re.search(rf"\.{re.escape(name)}(?![\w-])", css):
                    missing.add(f"{template.name}: {name}")
    assert not missing, f"run `make css`: {sorted(missing)}"
