"""Starting a team decision and joining one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TeamStartForm(forms.Form):
    name = forms.CharField(
        label=_("What are you deciding?"),
        max_length=120,
        initial=_("Our first AI hire"),
        error_messages={"required": _("Give the decision a name, e.g. “Our first AI hire”.")},
    )
    member_name = forms.CharField(
        label=_("Your name, as the others will see it"),
        max_length=60,
        error_messages={"required": _("Enter the name the others know you by.")},
    )


class TeamJoinForm(forms.Form):
    member_name = TeamStartForm.base_fields["member_name"]
