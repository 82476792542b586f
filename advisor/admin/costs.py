"""The costs in the admin: regions with their hiring terms (and the countries' contribution
rates they are built from), pay rates with their sources and the rates they follow, and
exchange rates.
A row that results use is deactivated rather than deleted (`admin.rates`)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.admin import rate_bulk
from advisor.admin.edits import forget_messages, resubmitted
from advisor.admin.pages import page_response
from advisor.admin.rates import KeepInlineRowsInUse, KeepRowsInUse
from advisor.bank import store as bank_store
from advisor.models import ExchangeRate, HiringTerms, PayRate, Region
from advisor.models.pay import followers_update

CHECK_FOLLOWERS = "_check_followers"  # "Show what it changes first"


def span_words(low, high) -> str:
    def money(x):
        return number_format(x, 2, use_l10n=True, force_grouping=True)

    return money(low) if low == high else f"{money(low)}–{money(high)}"


class HiringTermsInline(admin.StackedInline):
    model = HiringTerms
    formset = KeepInlineRowsInUse
    extra = 0


@admin.register(Region)
class RegionAdmin(KeepRowsInUse, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order"]
    list_filter = ["is_active"]
    inlines = [HiringTermsInline]


@admin.register(HiringTerms)
class HiringTermsAdmin(KeepRowsInUse, admin.ModelAdmin):
    list_display = [
        "region",
        "engagement",
        "on_costs",
        "recruiting_share",
        "recruiting_fee",
        "equipment",
        "weeks_to_hire",
        "ramp_up_weeks",
        "is_estimate",
        "as_of",
        "is_active",
    ]
    list_filter = ["region", "engagement", "is_estimate", "is_active"]


@admin.register(PayRate)
class PayRateAdmin(KeepRowsInUse, admin.ModelAdmin):
    """Pay rates with where each comes from. A rate that follows a base is worked out from
    it: saving a base works out its followers again, and "Show what it changes first"
    lists them before and after without saving anything."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    list_display = [
        "role",
        "region",
        "engagement",
        "seniority",
        "low",
        "high",
        "unit",
        "source_kind",
        "base",
        "factor",
        "as_of",
        "is_active",
    ]
    list_filter = ["role", "region", "engagement", "seniority", "source_kind", "is_active"]
    actions = [rate_bulk.change_by_percent]
    search_fields = ["source_note", "source_name", "method"]
    list_select_related = ["role", "region", "base__role", "base__region"]
    readonly_fields = ["is_estimate", "followers"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "role",
                    "region",
                    "engagement",
                    "seniority",
                    "unit",
                    "low",
                    "high",
                    "is_loaded",
                    "is_starting_price",
                    "is_active",
                ]
            },
        ),
        (
            gettext_lazy("Where it comes from"),
            {
                "fields": [
                    "source_kind",
                    "is_estimate",
                    "source_name",
                    "source_url",
                    "as_of",
                    "source_note",
                    "method",
                    "check_note",
                ]
            },
        ),
        (
            gettext_lazy("Following a base figure"),
            {
                "fields": ["base", "factor", "followers"],
                "description": gettext_lazy(
                    "With a base and a factor, low and high are worked out from "
                    "the base when saved: what is typed in them is replaced."
                ),
            },
        ),
    ]

    @admin.display(description=gettext_lazy("rates that follow this one"))
    def followers(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        found = obj.followers.select_related("role", "region")
        return "; ".join(f"{f} (× {f.factor})" for f in found) or _("none")

    def save_model(self, request, obj, form, change):
        obj.follow_base()
        super().save_model(request, obj, form, change)
        changed = followers_update(obj)
        request.followers_changed = changed  # for "Show what it changes first"
        if changed and CHECK_FOLLOWERS not in request.POST:
            message = ngettext(
                "Worked out again from it: %(count)d rate that follows it (%(rates)s).",
                "Worked out again from it: %(count)d rates that follow it (%(rates)s).",
                len(changed),
            )
            rates = "; ".join(str(rate) for rate, *_rest in changed)
            self.message_user(
                request, message % {"count": len(changed), "rates": rates}, messages.INFO
            )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or CHECK_FOLLOWERS not in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            changed = getattr(request, "followers_changed", None)
            saved = PayRate.objects.filter(pk=object_id).first() if object_id else None
            transaction.set_rollback(True)
        bank_store.forget()
        if changed is None:
            return response  # the form, with what is wrong with it
        forget_messages(request)
        context = {
            "rate": saved or _("this rate"),
            "figures": span_words(saved.low, saved.high) if saved else _("these figures"),
            "changes": [
                {
                    "rate": rate,
                    "factor": rate.factor,
                    "before": span_words(*before),
                    "after": span_words(*after),
                }
                for rate, before, after in changed
            ],
            "resubmit": [(k, v) for k, v in resubmitted(request) if k != CHECK_FOLLOWERS],
            "action": request.get_full_path(),
        }
        return page_response(
            self,
            request,
            "admin/advisor/payrate_effect.html",
            _("What saving this rate changes"),
            context,
        )


@admin.register(ExchangeRate)
class ExchangeRateAdmin(KeepRowsInUse, admin.ModelAdmin):
    list_display = ["code", "symbol", "per_usd", "as_of", "order", "is_active"]
    list_editable = ["per_usd", "as_of"]
