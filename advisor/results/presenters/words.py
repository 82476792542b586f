"""Small pieces the result sentences share, each translatable: a quoted text and a list
joined with "and" (in the founder's language, with its own quotation marks)."""

from __future__ import annotations

from django.utils.text import get_text_list
from django.utils.translation import pgettext


def quoted(text: str) -> str:
    """`text` in the language's quotation marks: “…” in English."""
    return pgettext("quotation marks around a question or answer", "“%(text)s”") % {"text": text}


def and_list(texts, *, quote: bool = True) -> str:
    """“A”, “B” and “C”: the texts quoted and joined in the founder's language."""
    items = [quoted(t) if quote else str(t) for t in texts]
    return get_text_list(items, pgettext("the last word of a list: A, B and C", "and"))
