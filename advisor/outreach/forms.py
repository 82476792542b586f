"""Reaching the founder or someone for them: an address to send one email to, and a
request to talk to someone about the hire."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EmailForm(forms.Form):
    """An address to send one email to; it is not kept once the email is sent."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter the email address to send it to."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )


class ContactForm(forms.Form):
    """Asking to talk to someone about the hire: kept, with the consent given."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Enter your name, so we know whom to ask for.")},
    )
    email = EmailForm.base_fields["email"]
    consent = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree, or leave this page.")},
    )

    def __init__(self, *args, consent_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
