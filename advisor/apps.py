"""The apps' configuration: bank caches forgotten on save, the content editors group, and
the admin served by the advisor's own site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_delete, post_migrate, post_save

CONTENT_EDITORS = "Content editors"


def content_editors_group(sender, **kwargs):
    """Make (or refresh) the group that may edit the question bank and rates, and no more."""
    from django.contrib.auth.models import Group, Permission

    from advisor.models import BANK_MODELS

    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    # The question bank and the rates, nothing else.
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in BANK_MODELS
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
        from django.core.signals import request_finished

        from advisor.bank import store as bank_store  # noqa: F401 (registers)
        from advisor.models import BANK_MODELS, FollowUpSettings
        from advisor.ops import (
            job_kinds,  # noqa: F401 (registers)
            logs,
        )
        from advisor.outreach import followup  # noqa: F401 (registers)

        logs.install()
        request_finished.connect(logs.forget_request_id, dispatch_uid="forget-request-id")
        post_migrate.connect(content_editors_group, sender=self, dispatch_uid="content-editors")
        import reversion

        # Each row of the bank goes into a published version's revision (advisor/bank/versions.py).
        for model in BANK_MODELS:
            if not reversion.is_registered(model):
                reversion.register(model)
            post_save.connect(bank_store.forget, sender=model, dispatch_uid=f"forget-{model}")
            post_delete.connect(bank_store.forget, sender=model, dispatch_uid=f"forget-d-{model}")
        post_save.connect(followup.forget, sender=FollowUpSettings, dispatch_uid="forget-followup")


class AdvisorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with `AdvisorAdminSite` as `admin.site` (in INSTALLED_APPS in place
    of "django.contrib.admin"), so `@admin.register` and `admin.site.urls` use it."""

    default = False  # "advisor" itself still means AdvisorConfig
    default_site = "advisor.admin.site.default_site"
