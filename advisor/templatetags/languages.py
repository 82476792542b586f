"""`{% language_links as links %}`: the switcher's languages for this page."""

from django import template

from advisor.ops.language import switch_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    return switch_links(context["request"])
