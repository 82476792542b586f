"""The models' names and their fields' names marked for translation: options and labels only, no change to any table."""

import advisor.models.bank
import advisor.models.webhooks
import django.core.validators
import django.db.models.deletion
import uuid
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0019_job_lease"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
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
        migrations.AlterField(
            model_name="answer",
            name="answered_at",
            field=models.DateTimeField(auto_now=True, verbose_name="answered at"),
        ),
        migrations.AlterField(
            model_name="answer",
            name="assessment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="advisor.assessment",
                verbose_name="assessment",
            ),
        ),
        migrations.AlterField(
            model_name="answer",
            name="choice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="advisor.choice",
                verbose_name="choice",
            ),
        ),
        migrations.AlterField(
            model_name="answer",
            name="question",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="advisor.question",
                verbose_name="question",
            ),
        ),
        migrations.AlterField(
            model_name="answerset",
            name="answers",
            field=models.TextField(unique=True, verbose_name="answers"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="answer_set",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="advisor.answerset",
                verbose_name="answer set",
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="bank_version",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="The published version of the question bank it used.",
                null=True,
                verbose_name="bank version",
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="completed_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="completed at"
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="confidence",
            field=models.CharField(blank=True, max_length=20, verbose_name="confidence"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created at"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="recommendation",
            field=models.SlugField(blank=True, verbose_name="recommendation"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="snapshot",
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name="snapshot"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="started_from",
            field=models.CharField(
                blank=True,
                help_text="Token of the result this draft was copied from.",
                max_length=64,
                verbose_name="started from",
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="token",
            field=models.CharField(
                default=advisor.models.bank.new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="token",
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AlterField(
            model_name="attempt",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="at"),
        ),
        migrations.AlterField(
            model_name="attempt",
            name="client",
            field=models.CharField(max_length=64, verbose_name="client"),
        ),
        migrations.AlterField(
            model_name="attempt",
            name="scope",
            field=models.CharField(max_length=20, verbose_name="scope"),
        ),
        migrations.AlterField(
            model_name="attribution",
            name="assessment",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attribution",
                to="advisor.assessment",
                verbose_name="assessment",
            ),
        ),
        migrations.AlterField(
            model_name="attribution",
            name="embedded",
            field=models.BooleanField(
                default=False, help_text="Answered in another site's page.", verbose_name="embedded"
            ),
        ),
        migrations.AlterField(
            model_name="attribution",
            name="utm_campaign",
            field=models.CharField(blank=True, max_length=100, verbose_name="utm campaign"),
        ),
        migrations.AlterField(
            model_name="attribution",
            name="utm_content",
            field=models.CharField(blank=True, max_length=100, verbose_name="utm content"),
        ),
        migrations.AlterField(
            model_name="attribution",
            name="utm_medium",
            field=models.CharField(blank=True, max_length=100, verbose_name="utm medium"),
        ),
        migrations.AlterField(
            model_name="attribution",
            name="utm_term",
            field=models.CharField(blank=True, max_length=100, verbose_name="utm term"),
        ),
        migrations.AlterField(
            model_name="bankversion",
            name="bank",
            field=models.JSONField(
                help_text="The bank as founders get it (advisor.bank.bank_as_data).",
                verbose_name="bank",
            ),
        ),
        migrations.AlterField(
            model_name="bankversion",
            name="note",
            field=models.CharField(blank=True, max_length=300, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="bankversion",
            name="number",
            field=models.PositiveIntegerField(unique=True, verbose_name="number"),
        ),
        migrations.AlterField(
            model_name="bankversion",
            name="published_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="published at"),
        ),
        migrations.AlterField(
            model_name="bankversion",
            name="published_by",
            field=models.CharField(blank=True, max_length=150, verbose_name="published by"),
        ),
        migrations.AlterField(
            model_name="bankversion",
            name="revision",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bank_version",
                to="reversion.revision",
                verbose_name="revision",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="answers",
            field=models.JSONField(
                help_text="{question slug: choice slug}", verbose_name="answers"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="confidences",
            field=models.CharField(
                help_text="Accepted confidences, comma-separated: clear, lean, toss-up, held-back.",
                max_length=60,
                verbose_name="confidences",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="expected",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="advisor.roleprofile",
                verbose_name="expected",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="name",
            field=models.CharField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="case",
            name="note",
            field=models.TextField(
                blank=True,
                help_text="Where in the article this founder comes from.",
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="slug",
            field=models.SlugField(unique=True, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="case",
            name="specialist",
            field=models.CharField(
                blank=True,
                choices=[("now", "now"), ("not-yet", "not yet")],
                help_text="Blank: either.",
                max_length=10,
                verbose_name="specialist",
            ),
        ),
        migrations.AlterField(
            model_name="choice",
            name="explanation",
            field=models.TextField(
                help_text="Why this answer points where it does, in a sentence from the article.",
                verbose_name="explanation",
            ),
        ),
        migrations.AlterField(
            model_name="choice",
            name="hint",
            field=models.CharField(blank=True, max_length=300, verbose_name="hint"),
        ),
        migrations.AlterField(
            model_name="choice",
            name="holds_back",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="advisor.roleprofile",
                verbose_name="holds back",
            ),
        ),
        migrations.AlterField(
            model_name="choice",
            name="label",
            field=models.CharField(max_length=200, verbose_name="label"),
        ),
        migrations.AlterField(
            model_name="choice",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="order"),
        ),
        migrations.AlterField(
            model_name="choice",
            name="question",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="choices",
                to="advisor.question",
                verbose_name="question",
            ),
        ),
        migrations.AlterField(
            model_name="choice",
            name="slug",
            field=models.SlugField(verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="assessment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="advisor.assessment",
                verbose_name="assessment",
            ),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="consent_text",
            field=models.TextField(verbose_name="consent text"),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="consented_at",
            field=models.DateTimeField(db_index=True, verbose_name="consented at"),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="email",
            field=models.EmailField(max_length=254, verbose_name="email"),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="name",
            field=models.CharField(max_length=100, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="withdraw_token",
            field=models.CharField(
                default=advisor.models.bank.new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="withdraw token",
            ),
        ),
        migrations.AlterField(
            model_name="exchangerate",
            name="as_of",
            field=models.DateField(help_text="The day of the rate.", verbose_name="as of"),
        ),
        migrations.AlterField(
            model_name="exchangerate",
            name="code",
            field=models.CharField(
                max_length=3,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{3}$", "Three capital letters, e.g. EUR."
                    )
                ],
                verbose_name="code",
            ),
        ),
        migrations.AlterField(
            model_name="exchangerate",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="order"),
        ),
        migrations.AlterField(
            model_name="exchangerate",
            name="source_note",
            field=models.TextField(
                help_text="Where the rate comes from.", verbose_name="source note"
            ),
        ),
        migrations.AlterField(
            model_name="exchangerate",
            name="symbol",
            field=models.CharField(help_text="E.g. €.", max_length=4, verbose_name="symbol"),
        ),
        migrations.AlterField(
            model_name="followupsettings",
            name="consent_text",
            field=models.TextField(
                default="I agree that Hiring Advisor may keep my name and email address, with this result, so that someone can contact me about this hire. I can withdraw at any time through the link in the confirmation email.",
                help_text="What founders agree to. A copy is stored with each request.",
                verbose_name="consent text",
            ),
        ),
        migrations.AlterField(
            model_name="followupsettings",
            name="enabled",
            field=models.BooleanField(
                default=False,
                help_text="Offer founders a way to ask to be contacted about the hire.",
                verbose_name="enabled",
            ),
        ),
        migrations.AlterField(
            model_name="followupsettings",
            name="retention_days",
            field=models.PositiveSmallIntegerField(
                default=90,
                help_text="Requests are deleted this many days after they were made (by `manage.py purge_drafts`).",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(730),
                ],
                verbose_name="retention days",
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="as_of",
            field=models.DateField(
                help_text="When the figures were last checked.", verbose_name="as of"
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="countries",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='The countries this region is built from, each with its employer contributions as JSON: [{"code": "GB", "name": "United Kingdom", "currency": "GBP", "per_usd": "0.783", "contributions": [{"name": "Employer National Insurance", "rate": "0.15", "floor": "5000", "ceiling": null}], "source_name": "…", "source_url": "https://…", "as_of": "2025-04-06", "note": "…"}]. Floors and ceilings are yearly, in the country\'s currency. With countries, “employer on-costs” above is only what comes on top of the contributions (benefits the law does not require).',
                verbose_name="countries",
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="engagement",
            field=models.CharField(
                choices=[
                    ("in-house", "In-house, full time"),
                    ("contractor", "Contractor or freelance"),
                    ("offshore", "Dedicated offshore, through a vendor"),
                ],
                max_length=20,
                verbose_name="engagement",
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="ramp_up_weeks",
            field=models.PositiveSmallIntegerField(
                help_text="Weeks from the start to full productivity.", verbose_name="ramp up weeks"
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="terms",
                to="advisor.region",
                verbose_name="region",
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="source_note",
            field=models.TextField(
                help_text="Where these figures come from.", verbose_name="source note"
            ),
        ),
        migrations.AlterField(
            model_name="hiringterms",
            name="weeks_to_hire",
            field=models.PositiveSmallIntegerField(
                help_text="Weeks until the hire starts.", verbose_name="weeks to hire"
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AlterField(
            model_name="job",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="claimed at"),
        ),
        migrations.AlterField(
            model_name="job",
            name="claimed_by",
            field=models.CharField(blank=True, max_length=100, verbose_name="claimed by"),
        ),
        migrations.AlterField(
            model_name="job",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created at"),
        ),
        migrations.AlterField(
            model_name="job",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
        migrations.AlterField(
            model_name="job",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
        ),
        migrations.AlterField(
            model_name="job",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="kind"),
        ),
        migrations.AlterField(
            model_name="job",
            name="lease_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="lease until"),
        ),
        migrations.AlterField(
            model_name="job",
            name="max_attempts",
            field=models.PositiveSmallIntegerField(default=5, verbose_name="max attempts"),
        ),
        migrations.AlterField(
            model_name="job",
            name="payload",
            field=models.JSONField(blank=True, default=dict, verbose_name="payload"),
        ),
        migrations.AlterField(
            model_name="job",
            name="progress_done",
            field=models.PositiveIntegerField(default=0, verbose_name="progress done"),
        ),
        migrations.AlterField(
            model_name="job",
            name="progress_total",
            field=models.PositiveIntegerField(default=0, verbose_name="progress total"),
        ),
        migrations.AlterField(
            model_name="job",
            name="result",
            field=models.JSONField(blank=True, null=True, verbose_name="result"),
        ),
        migrations.AlterField(
            model_name="job",
            name="run_after",
            field=models.DateTimeField(verbose_name="run after"),
        ),
        migrations.AlterField(
            model_name="job",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "queued"),
                    ("running", "running"),
                    ("done", "done"),
                    ("failed", "failed"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="as_of",
            field=models.DateField(
                help_text="The date of the figure: the source's, or the method's.",
                verbose_name="as of",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="base",
            field=models.ForeignKey(
                blank=True,
                help_text="The rate this one follows: its low and high are the base's times the factor (a monthly base turned into an hourly rate over 2,080 hours a year).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="followers",
                to="advisor.payrate",
                verbose_name="base",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="engagement",
            field=models.CharField(
                choices=[
                    ("in-house", "In-house, full time"),
                    ("contractor", "Contractor or freelance"),
                    ("offshore", "Dedicated offshore, through a vendor"),
                ],
                max_length=20,
                verbose_name="engagement",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="factor",
            field=models.DecimalField(
                blank=True,
                decimal_places=4,
                max_digits=8,
                null=True,
                validators=[django.core.validators.MinValueValidator(Decimal("0.0001"))],
                verbose_name="factor",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="high",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=10,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="high",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="is_estimate",
            field=models.BooleanField(
                default=True,
                help_text="Not from the article: say in the note what it is based on.",
                verbose_name="is estimate",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="low",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=10,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="low",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="method",
            field=models.TextField(
                blank=True,
                default="",
                help_text="For a derived figure: which statistic, which adjustment, and why.",
                verbose_name="method",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="pay_rates",
                to="advisor.region",
                verbose_name="region",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="role",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="pay_rates",
                to="advisor.roleprofile",
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="seniority",
            field=models.CharField(
                choices=[("mid", "Mid-level"), ("senior", "Senior")],
                max_length=10,
                verbose_name="seniority",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="source_name",
            field=models.CharField(
                blank=True, default="", max_length=500, verbose_name="source name"
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="source_note",
            field=models.TextField(
                help_text="What founders read about the figure on the sources page.",
                verbose_name="source note",
            ),
        ),
        migrations.AlterField(
            model_name="payrate",
            name="unit",
            field=models.CharField(
                choices=[("month", "per month, full time"), ("hour", "per hour")],
                max_length=10,
                verbose_name="unit",
            ),
        ),
        migrations.AlterField(
            model_name="points",
            name="choice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="points",
                to="advisor.choice",
                verbose_name="choice",
            ),
        ),
        migrations.AlterField(
            model_name="points",
            name="points",
            field=models.PositiveSmallIntegerField(
                validators=[django.core.validators.MaxValueValidator(10)], verbose_name="points"
            ),
        ),
        migrations.AlterField(
            model_name="points",
            name="role",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="advisor.roleprofile",
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="help_text",
            field=models.TextField(
                blank=True, help_text="A line under the question.", verbose_name="help text"
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="is_active",
            field=models.BooleanField(default=True, verbose_name="is active"),
        ),
        migrations.AlterField(
            model_name="question",
            name="kind",
            field=models.CharField(
                choices=[
                    (
                        "core",
                        "Core: one of the two checklist questions that decide when they agree",
                    ),
                    (
                        "lever",
                        "Lever: something the founder can change (timeline, data, ownership)",
                    ),
                    ("fact", "Fact about the product, the team or the company"),
                ],
                db_default="fact",
                default="fact",
                help_text="Levers are offered first under “what would change the answer”.",
                max_length=10,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="order"),
        ),
        migrations.AlterField(
            model_name="question",
            name="slug",
            field=models.SlugField(
                help_text="Used in URLs and analytics. Changing it breaks saved links.",
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="text",
            field=models.CharField(
                help_text="The question, as the step's heading.",
                max_length=200,
                verbose_name="text",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="weight",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Importance, 1–5: each choice's points are multiplied by it.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(5),
                ],
                verbose_name="weight",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="why",
            field=models.TextField(
                blank=True, help_text="Why this matters, from the article.", verbose_name="why"
            ),
        ),
        migrations.AlterField(
            model_name="ratelimit",
            name="key",
            field=models.CharField(max_length=100, unique=True, verbose_name="key"),
        ),
        migrations.AlterField(
            model_name="ratelimit",
            name="tokens",
            field=models.FloatField(verbose_name="tokens"),
        ),
        migrations.AlterField(
            model_name="ratelimit",
            name="updated",
            field=models.FloatField(db_index=True, verbose_name="updated"),
        ),
        migrations.AlterField(
            model_name="region",
            name="name",
            field=models.CharField(max_length=60, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="region",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="order"),
        ),
        migrations.AlterField(
            model_name="region",
            name="slug",
            field=models.SlugField(
                help_text="Used in links to results' costs.", unique=True, verbose_name="slug"
            ),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="assessment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="advisor.assessment",
                verbose_name="assessment",
            ),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created at"),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="kind",
            field=models.CharField(
                choices=[("tab", "new tab"), ("email", "email")], max_length=10, verbose_name="kind"
            ),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="revoked at"),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="token",
            field=models.CharField(
                default=advisor.models.bank.new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="token",
            ),
        ),
        migrations.AlterField(
            model_name="resumelink",
            name="used_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="used at"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="best_when",
            field=models.CharField(max_length=200, verbose_name="best when"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="core_work",
            field=models.CharField(max_length=200, verbose_name="core work"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="data_need",
            field=models.CharField(max_length=200, verbose_name="data need"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="first_by_default",
            field=models.BooleanField(
                default=False,
                help_text="Hire this role first when the answers are evenly balanced. Only one role should have this.",
                verbose_name="first by default",
            ),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="first_rule",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                help_text="The rule of thumb that makes this role the first hire in a toss-up, shown on the result page (only for the role first by default).",
                verbose_name="first rule",
            ),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="job_description",
            field=models.TextField(
                blank=True,
                help_text="A starter job description for this role, one line per point.",
                verbose_name="job description",
            ),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="name",
            field=models.CharField(max_length=80, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="order"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="owns_in_production",
            field=models.CharField(max_length=200, verbose_name="owns in production"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="short_name",
            field=models.CharField(
                help_text="Used in tight places, e.g. “ML”.",
                max_length=40,
                verbose_name="short name",
            ),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="slug",
            field=models.SlugField(unique=True, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="summary",
            field=models.TextField(
                help_text="One paragraph: what this person does.", verbose_name="summary"
            ),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="time_to_first_value",
            field=models.CharField(max_length=100, verbose_name="time to first value"),
        ),
        migrations.AlterField(
            model_name="roleprofile",
            name="typical_stack",
            field=models.CharField(max_length=200, verbose_name="typical stack"),
        ),
        migrations.AlterField(
            model_name="rule",
            name="is_active",
            field=models.BooleanField(default=True, verbose_name="is active"),
        ),
        migrations.AlterField(
            model_name="rule",
            name="kind",
            field=models.CharField(
                choices=[
                    ("decide", "Decide: the core answers agree"),
                    ("hold-back", "Hold back: the role cannot deliver yet (staged plan)"),
                    ("caution", "Caution: the role can deliver, but slowly"),
                    ("contradiction", "Contradiction: answers that pull against each other"),
                    ("constraint", "Constraint: a hard limit on where a model may run"),
                    ("not-yet", "Not yet: the team can ship it without a specialist"),
                    ("tie-break", "Tie-break: who goes first in a toss-up"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="rule",
            name="message",
            field=models.TextField(
                help_text="What it means for the founder, and what to check.",
                verbose_name="message",
            ),
        ),
        migrations.AlterField(
            model_name="rule",
            name="order",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="order"),
        ),
        migrations.AlterField(
            model_name="rule",
            name="role",
            field=models.ForeignKey(
                blank=True,
                help_text="Decide: the first hire. Hold back, caution, not yet: the role it is about. Constraint: the role it favours. Tie-break: the first hire (blank: the answers' leader).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="advisor.roleprofile",
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="rule",
            name="slug",
            field=models.SlugField(unique=True, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="rule",
            name="title",
            field=models.CharField(
                help_text="A short heading for the page.", max_length=200, verbose_name="title"
            ),
        ),
        migrations.AlterField(
            model_name="rule",
            name="when",
            field=models.CharField(
                help_text="Every condition that must hold, e.g. “general-model-fit=mostly & model-role=plumbing”; several choices as “none|raw”.",
                max_length=400,
                verbose_name="when",
            ),
        ),
        migrations.AlterField(
            model_name="team",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created at"),
        ),
        migrations.AlterField(
            model_name="team",
            name="invite_revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="invite revoked at"),
        ),
        migrations.AlterField(
            model_name="team",
            name="invite_token",
            field=models.CharField(
                default=advisor.models.bank.new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="invite token",
            ),
        ),
        migrations.AlterField(
            model_name="team",
            name="name",
            field=models.CharField(max_length=120, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="team",
            name="result",
            field=models.ForeignKey(
                blank=True,
                help_text="The team's latest result, made from what the members agree on and settle.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="advisor.assessment",
                verbose_name="result",
            ),
        ),
        migrations.AlterField(
            model_name="team",
            name="settled",
            field=models.JSONField(
                blank=True, default=dict, help_text="{question: choice}", verbose_name="settled"
            ),
        ),
        migrations.AlterField(
            model_name="team",
            name="token",
            field=models.CharField(
                default=advisor.models.bank.new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="token",
            ),
        ),
        migrations.AlterField(
            model_name="teammember",
            name="assessment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="advisor.assessment",
                verbose_name="assessment",
            ),
        ),
        migrations.AlterField(
            model_name="teammember",
            name="joined_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="joined at"),
        ),
        migrations.AlterField(
            model_name="teammember",
            name="name",
            field=models.CharField(max_length=60, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="teammember",
            name="team",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="members",
                to="advisor.team",
                verbose_name="team",
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="assessment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="advisor.assessment",
                verbose_name="assessment",
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="contact_request",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="advisor.contactrequest",
                verbose_name="contact request",
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="created at"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="delivered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="delivered at"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="delivery_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="delivery id"
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="duration_ms",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="duration ms"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="endpoint",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="advisor.webhookendpoint",
                verbose_name="endpoint",
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="event",
            field=models.CharField(max_length=40, verbose_name="event"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="last_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last attempt at"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="response_body",
            field=models.TextField(
                blank=True,
                help_text="The start of the last response.",
                verbose_name="response body",
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="response_status",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="response status"
            ),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "pending"),
                    ("delivered", "delivered"),
                    ("failed", "failed"),
                    ("cancelled", "cancelled"),
                ],
                db_index=True,
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created at"),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="description",
            field=models.CharField(blank=True, max_length=200, verbose_name="description"),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="is_active",
            field=models.BooleanField(default=True, verbose_name="is active"),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=models.CharField(
                default=advisor.models.webhooks.new_secret,
                help_text="Signs each delivery (see the README). Give it to the receiver; change it to rotate.",
                max_length=100,
                verbose_name="secret",
            ),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="url",
            field=models.URLField(
                help_text="Receives a POST for each event.", max_length=500, verbose_name="url"
            ),
        ),
        migrations.AlterField(
            model_name="webhooksubscription",
            name="endpoint",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="subscriptions",
                to="advisor.webhookendpoint",
                verbose_name="endpoint",
            ),
        ),
        migrations.AlterField(
            model_name="webhooksubscription",
            name="event",
            field=models.CharField(max_length=40, verbose_name="event"),
        ),
        migrations.AlterField(
            model_name="wizardstart",
            name="count",
            field=models.PositiveIntegerField(default=0, verbose_name="count"),
        ),
        migrations.AlterField(
            model_name="wizardstart",
            name="day",
            field=models.DateField(unique=True, verbose_name="day"),
        ),
    ]
