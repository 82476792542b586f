"""Every page passes the Nu HTML checker (vnu.jar from npm, run on Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

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
    found["not-found"] = client.get("/r/nothing/").content
    return found


def test_every_page_is_valid_html(client, bank, tmp_path):
    assert VNU.exists(), "run `npm ci` (make test does) to get the Nu HTML checker"
    assert shutil.which("java"), "the Nu HTML checker needs Java"
    files = []
    for name, content in pages(client, bank).items():
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
