"""No admin page holds a form inside a form (browsers drop the inner one, so its button
would submit the outer form): every list, add and change page, and the custom pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from advisor.bank import versions
from tests.conftest import ML_ANSWERS, complete


class FormNesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = self.deepest = self.forms = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.forms += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def admin_urls(client) -> list[str]:
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        urls.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(_request(client)):
            urls.append(reverse(f"{name}_add"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{name}_change", args=[first.pk]))
    for page in ("publish", "compare"):
        urls.append(reverse(f"admin:advisor_bankversion_{page}"))
    for page in ("advisor_preview", "advisor_replay", "advisor_analytics"):
        urls.append(reverse(f"admin:{page}"))
    return urls


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User.objects.get(username="admin")
    return request


@pytest.mark.django_db
def test_no_admin_page_has_a_form_inside_a_form(client, bank):
    complete(client, ML_ANSWERS)
    user = User.objects.create_superuser("admin", "a@example.com", "a-long-pass-phrase")
    versions.bank_version_publish(user=user, note="first")
    versions.bank_version_publish(user=user, note="second")  # the first can be restored
    client.force_login(user)
    assert (
        "Restore as the draft"
        in client.get(reverse("admin:advisor_bankversion_changelist")).content.decode()
    )
    checked = 0
    for url in admin_urls(client):
        response = client.get(url, follow=True)  # a single settings row opens its form
        assert response.status_code == 200, url
        parser = FormNesting()
        parser.feed(response.content.decode())
        assert parser.deepest <= 1, f"{url} has a form inside a form"
        checked += parser.forms
    assert checked > 20  # the pages were read, forms and all
