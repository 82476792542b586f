"""`{% language_links as links %}`: the switcher's languages for this page."""

from django import template

from advisor.ops.language import switch_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """No links when the page is rendered without a request (Django's own 500 page, which
    must not depend on anything that can fail): that page has no switcher."""
    request = context.get("request")
    return switch_links(request) if request is not None else []
