"""Webhook subscriptions as rows, one per endpoint and event, instead of a boolean column
per event: each endpoint's ticked columns become its rows. The columns stay, unread, for
app servers still on the previous code during a deploy."""

import django.db.models.deletion
from django.db import migrations, models

# The columns and the events they stood for.
COLUMNS = {
    "on_result_completed": "result.completed",
    "on_contact_requested": "contact.requested",
}


def rows_from_columns(apps, schema_editor):
    Endpoint = apps.get_model("advisor", "WebhookEndpoint")
    Subscription = apps.get_model("advisor", "WebhookSubscription")
    rows = [
        Subscription(endpoint=endpoint, event=event)
        for endpoint in Endpoint.objects.all()
        for column, event in COLUMNS.items()
        if getattr(endpoint, column)
    ]
    Subscription.objects.bulk_create(rows)


def columns_from_rows(apps, schema_editor):
    Endpoint = apps.get_model("advisor", "WebhookEndpoint")
    for endpoint in Endpoint.objects.all():
        events = set(endpoint.subscriptions.values_list("event", flat=True))
        for column, event in COLUMNS.items():
            setattr(endpoint, column, event in events)
        endpoint.save(update_fields=list(COLUMNS))


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0016_rate_limit_buckets"),
    ]

    operations = [
        migrations.CreateModel(
            name="WebhookSubscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("event", models.CharField(max_length=40)),
                (
                    "endpoint",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subscriptions",
                        to="advisor.webhookendpoint",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("endpoint", "event"), name="one_subscription_per_event"
                    )
                ],
            },
        ),
        migrations.RunPython(rows_from_columns, columns_from_rows),
    ]
