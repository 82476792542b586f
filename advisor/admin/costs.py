"""The costs in the admin: regions with their hiring terms, pay rates, exchange rates, and
the rates of results made before regions (snapshot versions 1 and 2)."""

from __future__ import annotations

from django.contrib import admin

from advisor.models import CostRate, ExchangeRate, HiringTerms, PayRate, Region


class HiringTermsInline(admin.StackedInline):
    model = HiringTerms
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    inlines = [HiringTermsInline]


@admin.register(HiringTerms)
class HiringTermsAdmin(admin.ModelAdmin):
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
    ]
    list_filter = ["region", "engagement", "is_estimate"]


@admin.register(PayRate)
class PayRateAdmin(admin.ModelAdmin):
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
    ]
    list_filter = ["role", "region", "engagement", "seniority", "is_estimate"]
    search_fields = ["source_note"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["code", "symbol", "per_usd", "as_of", "order"]
    list_editable = ["per_usd", "as_of"]


@admin.register(CostRate)
class CostRateAdmin(admin.ModelAdmin):
    list_display = [
        "role",
        "sourcing",
        "low",
        "high",
        "unit",
        "weeks_to_hire",
        "as_of",
        "is_estimate",
    ]
    list_filter = ["role", "sourcing", "is_estimate"]
