"""The apps' configuration: bank caches forgotten on save, the content editors group, and
the admin served by the advisor's own site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
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
    # They see the versions (to preview and ask for a publish); publishing is not theirs.
    codenames.append("view_bankversion")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="advisor", codename__in=codenames)
    )


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = "Hiring Advisor"

    def ready(self):
        from advisor import bank_store, followup, job_kinds  # noqa: F401 (registers)
        from advisor.models import (
            Choice,
            ExchangeRate,
            FollowUpSettings,
            HiringTerms,
            PayRate,
            Points,
            Question,
            Region,
            RoleProfile,
            Rule,
        )

        post_migrate.connect(content_editors_group, sender=self, dispatch_uid="content-editors")
        import reversion

        from advisor.models import Case

        bank_models = (RoleProfile, Question, Choice, Points, Rule)
        cost_models = (Region, HiringTerms, PayRate, ExchangeRate)
        # Each row of the bank goes into a published version's revision (advisor/versions.py).
        for model in (*bank_models, *cost_models, Case):
            if not reversion.is_registered(model):
                reversion.register(model)
        for model in bank_models + cost_models:
            post_save.connect(bank_store.forget, sender=model, dispatch_uid=f"forget-{model}")
            post_delete.connect(bank_store.forget, sender=model, dispatch_uid=f"forget-d-{model}")
        post_save.connect(followup.forget, sender=FollowUpSettings, dispatch_uid="forget-followup")


class AdvisorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with `AdvisorAdminSite` as `admin.site` (in INSTALLED_APPS in place
    of "django.contrib.admin"), so `@admin.register` and `admin.site.urls` use it."""

    default = False  # "advisor" itself still means AdvisorConfig
    default_site = "advisor.admin.site.default_site"
