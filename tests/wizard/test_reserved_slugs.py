"""No question can take the address of a page under /wizard/: the reserved slugs come from
the URL patterns, so a new fixed route there is reserved the day it is added."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from advisor.advice.bank_rules import question_slug_problem, reserved_slugs


def fixed_wizard_pages(patterns, prefix: str = "") -> set[str]:
    """The last part of every route without a parameter that sits directly under wizard/,
    in every URL pattern the site has (the site's and the /embed/ copies)."""
    pages = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            pages |= fixed_wizard_pages(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<" not in route:
            parts = route.strip("^$").rstrip("/").split("/")
            if len(parts) >= 2 and parts[-2] == "wizard":
                pages.add(parts[-1])
    return pages


def test_every_fixed_page_under_wizard_is_reserved():
    pages = fixed_wizard_pages(get_resolver().url_patterns)
    assert {"check", "restart", "later", "new-tab"} <= pages
    assert pages <= reserved_slugs(), pages - reserved_slugs()
    for page in pages:
        assert "reserved" in question_slug_problem(page, None), page
        # and the page, not a step, answers at that address
        assert resolve(f"/wizard/{page}/").url_name != "step", page


def test_any_other_slug_is_a_step():
    assert question_slug_problem("company-stage", None) == ""
    assert resolve("/wizard/company-stage/").url_name == "step"
