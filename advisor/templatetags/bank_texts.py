"""The bank's texts on founders' pages, in the page's language where translated.

`{% bank_text bank "question" question.slug "text" %}`: the text with that key (see
advisor/advice/bank_texts.py). One shown in English on a page in another language, for
want of a translation, is wrapped in `lang="en"` and marked "(English)".

`{% article_quote bank "question" question.slug "why" %}`: words from the article (a
question's why, a choice's explanation) through templates/advisor/_quote.html: in another
language the translation with the English original beside it. Pages without a bank (a
result's snapshot) include it directly:
`{% include "advisor/_quote.html" with text=row.explanation original=row.explanation_en %}`.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


def in_english_mark(text: str):
    return format_html(
        '<span lang="en">{}</span> <span class="in-english small text-body-secondary">{}</span>',
        text,
        gettext("(English)"),
    )


@register.simple_tag
def bank_text(bank, *parts):
    key = ":".join(str(part) for part in parts)
    text = bank.text(key)
    return in_english_mark(text) if key in bank.in_english else text


@register.inclusion_tag("advisor/_quote.html")
def article_quote(bank, *parts):
    key = ":".join(str(part) for part in parts)
    return {
        "text": bank.text(key),
        "original": bank.english(key) if bank.language != "en" else "",
    }
