"""Cost rows that results use are deactivated, never deleted: deleting a region, hiring
terms, pay rate or exchange rate that a published version of the
question bank holds (see `versions.cost_rows_in_use`) is refused with a message saying
so, from its page, from the list's bulk delete (which deletes the others) and from the
region page's hiring terms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import ngettext

from advisor.bank import versions


def in_use_message(objs) -> str:
    message = ngettext(
        "“%(names)s” is in the costs of a published version of the question bank, so results "
        "use it: not deleted. Deactivate it instead (untick “active”): results made after the "
        "next published version leave it out, results already made keep it.",
        "“%(names)s” are in the costs of a published version of the question bank, so results "
        "use them: not deleted. Deactivate them instead (untick “active”): results made after "
        "the next published version leave them out, results already made keep them.",
        len(objs),
    )
    return message % {"names": "”, “".join(str(o) for o in objs)}


def rows_in_use(model, objs) -> list:
    keys = versions.cost_rows_in_use(model)
    return [obj for obj in objs if obj.natural_key() in keys]


def delete_unused(model_admin, request, queryset):
    """Django's bulk delete (its confirmation page included) for the rows no result uses;
    the others are named in a message and kept."""
    used = rows_in_use(model_admin.model, queryset)
    if used:
        model_admin.message_user(request, in_use_message(used), messages.ERROR)
        queryset = queryset.exclude(pk__in=[obj.pk for obj in used])
        if not queryset.exists():
            return None
    return delete_selected(model_admin, request, queryset)


class KeepRowsInUse:
    """A ModelAdmin mixin for the cost tables: rows in use are refused deletion."""

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and rows_in_use(self.model, [obj]):
            self.message_user(request, in_use_message([obj]), messages.ERROR)
            opts = self.model._meta
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            return HttpResponseRedirect(change)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions[name] = (delete_unused, name, description)
        return actions


class KeepInlineRowsInUse(BaseInlineFormSet):
    """An inline's rows marked for deletion are refused when results use them."""

    def clean(self):
        super().clean()
        doomed = [f.instance for f in self.forms if f.instance.pk and self._should_delete_form(f)]
        used = rows_in_use(self.model, doomed) if doomed else []
        if used:
            raise ValidationError(in_use_message(used))
