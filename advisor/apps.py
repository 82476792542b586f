from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = "Hiring Advisor"

    def ready(self):
        from advisor import catalog
        from advisor.models import Choice, CostRate, Points, Question, RoleProfile

        for model in (RoleProfile, Question, Choice, Points, CostRate):
            post_save.connect(catalog.forget, sender=model, dispatch_uid=f"forget-{model}")
            post_delete.connect(catalog.forget, sender=model, dispatch_uid=f"forget-d-{model}")
