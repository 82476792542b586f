"""The models' names marked for translation: options only, no change to any table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0019_job_lease"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="answer",
            options={"verbose_name": "answer", "verbose_name_plural": "answers"},
        ),
        migrations.AlterModelOptions(
            name="answerset",
            options={"verbose_name": "answer set", "verbose_name_plural": "answer sets"},
        ),
        migrations.AlterModelOptions(
            name="assessment",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "assessment",
                "verbose_name_plural": "assessments",
            },
        ),
        migrations.AlterModelOptions(
            name="attempt",
            options={"verbose_name": "attempt", "verbose_name_plural": "attempts"},
        ),
        migrations.AlterModelOptions(
            name="attribution",
            options={"verbose_name": "attribution", "verbose_name_plural": "attributions"},
        ),
        migrations.AlterModelOptions(
            name="bankversion",
            options={
                "ordering": ["-number"],
                "permissions": [
                    ("publish_bankversion", "Can publish a version of the question bank")
                ],
                "verbose_name": "question bank version",
                "verbose_name_plural": "question bank versions",
            },
        ),
        migrations.AlterModelOptions(
            name="case",
            options={"ordering": ["slug"], "verbose_name": "case", "verbose_name_plural": "cases"},
        ),
        migrations.AlterModelOptions(
            name="choice",
            options={
                "ordering": ["order", "pk"],
                "verbose_name": "choice",
                "verbose_name_plural": "choices",
            },
        ),
        migrations.AlterModelOptions(
            name="contactrequest",
            options={
                "ordering": ["-consented_at"],
                "verbose_name": "contact request",
                "verbose_name_plural": "contact requests",
            },
        ),
        migrations.AlterModelOptions(
            name="exchangerate",
            options={
                "ordering": ["order", "code"],
                "verbose_name": "exchange rate",
                "verbose_name_plural": "exchange rates",
            },
        ),
        migrations.AlterModelOptions(
            name="job",
            options={"verbose_name": "job", "verbose_name_plural": "jobs"},
        ),
        migrations.AlterModelOptions(
            name="payrate",
            options={
                "ordering": [
                    "role__order",
                    "region__order",
                    "region__slug",
                    "engagement",
                    "seniority",
                ],
                "verbose_name": "pay rate",
                "verbose_name_plural": "pay rates",
            },
        ),
        migrations.AlterModelOptions(
            name="points",
            options={"verbose_name": "points", "verbose_name_plural": "points"},
        ),
        migrations.AlterModelOptions(
            name="question",
            options={
                "ordering": ["order", "pk"],
                "verbose_name": "question",
                "verbose_name_plural": "questions",
            },
        ),
        migrations.AlterModelOptions(
            name="ratelimit",
            options={"verbose_name": "rate limit", "verbose_name_plural": "rate limits"},
        ),
        migrations.AlterModelOptions(
            name="region",
            options={
                "ordering": ["order", "slug"],
                "verbose_name": "region",
                "verbose_name_plural": "regions",
            },
        ),
        migrations.AlterModelOptions(
            name="resumelink",
            options={"verbose_name": "resume link", "verbose_name_plural": "resume links"},
        ),
        migrations.AlterModelOptions(
            name="roleprofile",
            options={
                "ordering": ["order", "slug"],
                "verbose_name": "role profile",
                "verbose_name_plural": "role profiles",
            },
        ),
        migrations.AlterModelOptions(
            name="rule",
            options={
                "ordering": ["order", "slug"],
                "verbose_name": "rule",
                "verbose_name_plural": "rules",
            },
        ),
        migrations.AlterModelOptions(
            name="team",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "team",
                "verbose_name_plural": "teams",
            },
        ),
        migrations.AlterModelOptions(
            name="teammember",
            options={
                "ordering": ["joined_at", "pk"],
                "verbose_name": "team member",
                "verbose_name_plural": "team members",
            },
        ),
        migrations.AlterModelOptions(
            name="webhookdelivery",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "webhook delivery",
                "verbose_name_plural": "webhook deliveries",
            },
        ),
        migrations.AlterModelOptions(
            name="webhookendpoint",
            options={
                "ordering": ["pk"],
                "verbose_name": "webhook endpoint",
                "verbose_name_plural": "webhook endpoints",
            },
        ),
        migrations.AlterModelOptions(
            name="webhooksubscription",
            options={
                "verbose_name": "webhook subscription",
                "verbose_name_plural": "webhook subscriptions",
            },
        ),
        migrations.AlterModelOptions(
            name="wizardstart",
            options={"verbose_name": "wizard start", "verbose_name_plural": "wizard starts"},
        ),
    ]
