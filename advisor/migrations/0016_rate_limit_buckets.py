"""Rate limits as one token bucket per client and limit (`RateLimit`) instead of a row
per event (`Attempt`): each client's events of the last hour become a bucket holding what
is left of its limit. The event table stays, unused, for app servers still on the previous
code during a deploy; the next release removes it."""

import time
from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

# The setting each scope's limit came from, and its period.
LIMITS = {
    "result": ("RESULTS_PER_HOUR", timedelta(hours=1)),
    "draft": ("DRAFTS_PER_HOUR", timedelta(hours=1)),
    "team": ("TEAMS_PER_HOUR", timedelta(hours=1)),
    "email": ("EMAILS_PER_HOUR", timedelta(hours=1)),
    "tab": ("NEW_TAB_LINKS_PER_HOUR", timedelta(hours=1)),
    "login": ("LOGIN_FAILURES_PER_15_MINUTES", timedelta(minutes=15)),
}


def buckets_from_attempts(apps, schema_editor):
    Attempt = apps.get_model("advisor", "Attempt")
    RateLimit = apps.get_model("advisor", "RateLimit")
    now = timezone.now()
    rows = []
    for scope, (setting, per) in LIMITS.items():
        limit = getattr(settings, setting)
        recent = Attempt.objects.filter(scope=scope, at__gte=now - per)
        for client, used in recent.values_list("client").annotate(n=Count("id")):
            tokens = max(0, limit - used)
            rows.append(RateLimit(key=f"{scope}:{client}", tokens=tokens, updated=time.time()))
    RateLimit.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0015_earlier_cost_rates_unused"),
    ]

    operations = [
        migrations.CreateModel(
            name="RateLimit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=100, unique=True)),
                ("tokens", models.FloatField()),
                ("updated", models.FloatField(db_index=True)),
            ],
        ),
        migrations.RunPython(buckets_from_attempts, migrations.RunPython.noop),
    ]
