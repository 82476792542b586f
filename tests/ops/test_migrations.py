"""Migrations are committed, and safe to run while an older app server still serves."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

# Operations an older app server, still running during a deploy, would trip over.
UNSAFE = (
    migrations.RemoveField,
    migrations.DeleteModel,
    migrations.RenameField,
    migrations.RenameModel,
    migrations.AlterModelTable,
)


def test_no_model_change_lacks_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_migrations_only_add(db):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in loader.disk_migrations.items():
        if app != "advisor" or getattr(migration, "reviewed_for_rolling_deploy", False):
            continue
        for operation in migration.operations:
            assert not isinstance(operation, UNSAFE), (
                f"{name}: {operation.describe()} breaks app servers still on the old code. "
                "Ship it in two releases (stop using it, then remove it) and mark the "
                "migration `reviewed_for_rolling_deploy = True`."
            )
            if isinstance(operation, migrations.AddField):
                field = operation.field
                assert field.null or field.has_default() or field.many_to_many, (
                    f"{name}: new column {operation.name} needs null=True or a default, "
                    "or old servers' inserts fail"
                )


def test_seed_loads_the_bank_once_and_never_overwrites_edits(empty_bank):
    from advisor.models import Question

    call_command("seed", verbosity=0)
    assert Question.objects.count() == 9
    Question.objects.filter(slug="use-case").update(text="Edited by an admin")
    call_command("seed", verbosity=0)
    assert Question.objects.get(slug="use-case").text == "Edited by an admin"


def test_the_health_check_answers_by_ip_and_over_plain_http(db, settings):
    from django.test import Client

    settings.ALLOWED_HOSTS = ["advisor.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client(HTTP_HOST="10.0.0.5:8000").get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_purging_drafts_keeps_results_and_recent_drafts(db):
    from datetime import timedelta

    from django.utils import timezone

    from advisor.models import Assessment

    old = timezone.now() - timedelta(days=200)
    stale = Assessment.objects.create()
    recent = Assessment.objects.create()
    done = Assessment.objects.create(completed_at=old, snapshot={}, recommendation="ai-engineer")
    Assessment.objects.filter(pk__in=[stale.pk, done.pk]).update(updated_at=old)
    call_command("purge_drafts", verbosity=0, stdout=StringIO())
    assert set(Assessment.objects.values_list("pk", flat=True)) == {recent.pk, done.pk}
