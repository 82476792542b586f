"""Every word a person reads is translatable, and every translation shipped is complete.

- Each template's text and readable attributes are inside `{% translate %}` or
  `{% blocktranslate %}` (or come from a variable).
- `makemessages`, run over a scratch copy of the project, finds exactly the messages the
  shipped `.po` files hold, and every one of them is translated and not fuzzy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    p for p in (ROOT / "templates").rglob("*") if p.suffix in (".html", ".txt") and p.is_file()
)
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
ENDS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
MARK = "\x00"
READABLE = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')
VALUE = re.compile(r'\bvalue="([^"]*)"')  # read on a submit button only
CONTENT = re.compile(r'\bcontent="([^"]*)"')  # read in a page's description and title only
# Words that read the same in every language: names of things, units and formats (and
# the product's name, "Hiring Advisor", taken out with web addresses below).
SAME_EVERYWHERE = {
    "AI",
    "ML",
    "PDF",
    "CSV",
    "JSON",
    "UTM",
    "utm",
    "URL",
    "LLM",
    "RAG",
    "MLOps",
    "OTP",
    "px",
}


def unmarked(source: str) -> list[str]:
    """Words in a template's text (and its readable attributes) that no translation tag
    holds: the template with every tag, variable, comment and translated block taken out,
    then its HTML markup, scripts and styles."""
    kept, inside = [], None
    for token in Lexer(source).tokenize():
        if inside:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == inside:
                inside = None
            kept.append(MARK)
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
            continue
        kept.append(MARK)
        if token.token_type == TokenType.BLOCK:
            inside = ENDS.get(token.contents.split()[0] if token.contents.split() else "")
    text = "".join(kept)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"&#?\w+;", " ", text)
    readable = []
    for tag in re.findall(r"<[^>]*>", text):
        readable += READABLE.findall(tag)
        if re.search(r'type="(submit|button|reset)"', tag):
            readable += VALUE.findall(tag)
        if tag.startswith("<meta") and re.search(r'(name|property)="[^"]*(description|title)', tag):
            readable += CONTENT.findall(tag)
    text = re.sub(r"<[^>]*>", " ", text)
    # A tag split by a template tag leaves its attribute half in a text token.
    text = re.sub(r'^[^<>]*?"\s*[^<>]*>', " ", text)
    found = []
    for chunk in [*readable, *text.split(MARK)]:
        chunk = re.sub(r"\bHiring Advisor\b|\w+://\S*", " ", chunk)  # a name; addresses
        for word in re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]+", chunk):
            if word not in SAME_EVERYWHERE:
                found.append(word)
    return found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_every_template_string_is_marked_for_translation(path):
    words = unmarked(path.read_text())
    assert not words, f"{path.name}: text outside {{% translate %}}: {' '.join(words[:20])}"


def test_the_checker_finds_an_unmarked_string():
    source = (
        '{% load i18n %}<p title="Plain title">{% translate "Fine" %} Left out</p>'
        '{% blocktranslate %}Also fine {{ x }}{% endblocktranslate %}<a href="{{ u }}">Link</a>'
        "{# a comment #}<script>let s = 'code';</script>"
    )
    assert unmarked(source) == ["Plain", "title", "Left", "out", "Link"]


def _gettext_tools() -> None:
    if not shutil.which("msgcmp") or not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: `make messages` installs it (apt-get install gettext)")


def _msgattrib(po: Path, flag: str) -> str:
    """The messages of `po` that msgattrib's `flag` selects (its header left out)."""
    out = subprocess.run(
        ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout
    entries = [e for e in out.split("\n\n") if "msgid" in e and "Content-Type:" not in e]
    return "\n".join(e.strip() for e in entries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_translations_are_complete_and_not_fuzzy(language):
    _gettext_tools()
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} is missing"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert not _msgattrib(po, "--untranslated"), f"untranslated in {po}"
    assert not _msgattrib(po, "--only-fuzzy"), f"fuzzy in {po}"


def test_shipped_translations_hold_every_message_the_code_has(tmp_path):
    """`makemessages` over a scratch copy finds no message the shipped files lack, and
    the shipped files hold none the code no longer has."""
    _gettext_tools()
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    for name in ("advisor", "templates", "locale", "static"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-v0"]
        + [f"-l{code}" for code in LANGUAGES],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "advisor.settings"},
    )
    for language in LANGUAGES:
        shipped = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        fresh = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        missing = _msgattrib(fresh, "--untranslated") + _msgattrib(fresh, "--only-fuzzy")
        assert not missing, f"{language}: messages in the code without a translation:\n{missing}"
        result = subprocess.run(
            ["msgcmp", "--use-untranslated", str(fresh), str(shipped)],
            capture_output=True,
            text=True,
        )
        gone = result.stderr
        assert result.returncode == 0, f"{language}: shipped messages the code lacks:\n{gone}"
