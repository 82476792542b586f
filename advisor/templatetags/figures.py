"""A cost figure as the page shows it, in one filter: `{{ shown|figure }}` writes its text
in an element marked with where it comes from (`data-source`: article, published,
estimate or founder) and, for an estimate, `data-estimate` and a visible "est.". Written
here rather than by an included template, which would cost the page's render time.
The figure's text is already in the founder's language and number format
(costs/presenter/words.py); the marks are translated here."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from advisor.costs.presenter.words import mark

register = template.Library()


@register.filter
def figure(shown, tag: str = "span"):
    """`shown` is a cost_presenter `Shown`; `tag` the element to write ("span", "strong")."""
    kind = shown.kind
    short, title = mark(kind)
    marker = (
        format_html(' <span class="src-mark src-mark-{}" title="{}">{}</span>', kind, title, short)
        if short
        else ""
    )
    return format_html(
        '<{} class="figure" data-source="{}"{}>{}{}</{}>',
        tag,
        kind,
        mark_safe(" data-estimate") if kind == "estimate" else "",
        shown.text,
        marker,
        tag,
    )
