"""A change to many pay rates at once (e.g. +5% for a region's base rates), as an action
on the pay rate list: a page shows every selected rate before and after, and the rates
that follow them worked out again, before anything is saved; "Apply" saves it all."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.admin.pages import page_response
from advisor.bank import store as bank_store
from advisor.models.pay import followers_update

CENT = Decimal("0.01")
APPLY = "_apply"


class PercentForm(forms.Form):
    percent = forms.DecimalField(
        label=gettext_lazy("Change by (%)"),
        min_value=Decimal("-90"),
        max_value=Decimal("500"),
        decimal_places=2,
        help_text=gettext_lazy(
            "e.g. 5 for +5%, -3 for −3%. Rates that follow a base change with their base."
        ),
    )


def signed(percent: Decimal) -> str:
    """+5 or -3, in the admin's locale (+2,5 in German)."""
    return ("+" if percent >= 0 else "-") + number_format(abs(percent), use_l10n=True)


def changed(rates, percent: Decimal) -> tuple[list[dict], list[tuple]]:
    """Scale each base rate (saved: call inside a transaction) and work out again the rates
    that follow them; the rows to show, and the followers changed."""
    scale = 1 + percent / 100
    rows, followers = [], []
    for rate in rates:
        before = (rate.low, rate.high)
        rate.low = (rate.low * scale).quantize(CENT, ROUND_HALF_UP)
        rate.high = (rate.high * scale).quantize(CENT, ROUND_HALF_UP)
        rate.save(update_fields=["low", "high"])
        rows.append({"rate": rate, "before": before, "after": (rate.low, rate.high)})
        followers += followers_update(rate)
    return rows, followers


@admin.action(description=gettext_lazy("Change the selected rates by a percentage…"))
def change_by_percent(model_admin, request, queryset):
    rates = list(queryset.select_related("role", "region"))
    bases = [r for r in rates if r.base_id is None]
    following = [r for r in rates if r.base_id is not None]
    form = PercentForm(request.POST if "percent" in request.POST else None)
    context = {"form": form, "bases": bases, "following": following, "selected": rates}
    if form.is_bound and form.is_valid():
        percent = form.cleaned_data["percent"]
        try:
            with transaction.atomic():
                rows, followers = changed(bases, percent)
                if APPLY not in request.POST:
                    transaction.set_rollback(True)  # a preview: nothing kept
        except InvalidOperation:
            form.add_error("percent", _("That change makes a figure too large."))
        else:
            bank_store.forget()
            if APPLY in request.POST:
                changed_message = ngettext(
                    "Changed %(count)d rate by %(percent)s%%; %(followers)d that follow it "
                    "worked out again. Founders get the new figures once the question bank "
                    "is published.",
                    "Changed %(count)d rates by %(percent)s%%; %(followers)d that follow them "
                    "worked out again. Founders get the new figures once the question bank "
                    "is published.",
                    len(rows),
                ) % {
                    "count": len(rows),
                    "percent": signed(percent),
                    "followers": len(followers),
                }
                model_admin.message_user(request, changed_message, messages.SUCCESS)
                return None  # back to the list, with the message
            context |= {"rows": rows, "followers": followers, "percent": percent}
    context["action_checkbox_name"] = helpers.ACTION_CHECKBOX_NAME
    title = _("Change pay rates by a percentage")
    return page_response(model_admin, request, "admin/advisor/payrate_bulk.html", title, context)
