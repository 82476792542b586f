"""The costs in the admin: regions with their hiring terms, pay rates and exchange rates.
A row that results use is deactivated rather than deleted (`admin.rates`)."""

from __future__ import annotations

from django.contrib import admin

from advisor.admin.rates import KeepInlineRowsInUse, KeepRowsInUse
from advisor.models import ExchangeRate, HiringTerms, PayRate, Region


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
    list_display = [
        "role",
        "region",
        "engagement",
        "seniority",
        "low",
        "high",
        "unit",
        "is_loaded",
        "is_starting_price",
        "is_estimate",
        "as_of",
        "is_active",
    ]
    list_filter = ["role", "region", "engagement", "seniority", "is_estimate", "is_active"]
    search_fields = ["source_note"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(KeepRowsInUse, admin.ModelAdmin):
    list_display = ["code", "symbol", "per_usd", "as_of", "order", "is_active"]
    list_editable = ["per_usd", "as_of"]
