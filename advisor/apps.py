"""The app's configuration: bank caches forgotten on save, the content editors group."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

CONTENT_EDITORS = "Content editors"
# What content editors may do: the question bank and the rates, nothing else.
CONTENT_MODELS = (
    "question",
    "choice",
    "points",
    "rule",
    "case",
    "roleprofile",
    "costrate",
    "region",
    "hiringterms",
    "payrate",
    "exchangerate",
)


def content_editors_group(sender, **kwargs):
    """Make (or refresh) the group that may edit the question bank and rates, and no more."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    codenames = [
        f"{action}_{model}"
        for model in CONTENT_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="advisor", codename__in=codenames)
    )


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = "Hiring Advisor"

    def ready(self):
        from advisor import bank_store, cost_admin  # noqa: F401 (registers the cost tables)
        from advisor.models import (
            Choice,
            CostRate,
            ExchangeRate,
            HiringTerms,
            PayRate,
            Points,
            Question,
            Region,
            RoleProfile,
            Rule,
        )

        post_migrate.connect(content_editors_group, sender=self, dispatch_uid="content-editors")
        bank_models = (RoleProfile, Question, Choice, Points, Rule, CostRate)
        cost_models = (Region, HiringTerms, PayRate, ExchangeRate)
        for model in bank_models + cost_models:
            post_save.connect(bank_store.forget, sender=model, dispatch_uid=f"forget-{model}")
            post_delete.connect(bank_store.forget, sender=model, dispatch_uid=f"forget-d-{model}")
