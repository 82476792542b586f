"""The bank's texts in Spanish and German beside English (django-modeltranslation): new
nullable columns only, and the English ones filled from the original columns."""

from django.db import migrations, models
from django.db.models import F

TEXTS = {
    "roleprofile": (
        "name", "short_name", "summary", "core_work", "typical_stack", "data_need",
        "time_to_first_value", "owns_in_production", "best_when", "job_description",
        "first_rule",
    ),
    "question": ("text", "help_text", "why"),
    "choice": ("label", "hint", "explanation"),
    "rule": ("title", "message"),
}


def english_from_originals(apps, schema_editor):
    for model, names in TEXTS.items():
        apps.get_model("advisor", model).objects.update(
            **{f"{name}_en": F(name) for name in names}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('advisor', '0021_result_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='choice',
            name='explanation_de',
            field=models.TextField(help_text='Why this answer points where it does, in a sentence from the article.', null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='explanation_en',
            field=models.TextField(help_text='Why this answer points where it does, in a sentence from the article.', null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='explanation_es',
            field=models.TextField(help_text='Why this answer points where it does, in a sentence from the article.', null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='hint_de',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='hint_en',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='hint_es',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='label_de',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='label_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='label_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='help_text_de',
            field=models.TextField(blank=True, help_text='A line under the question.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='help_text_en',
            field=models.TextField(blank=True, help_text='A line under the question.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='help_text_es',
            field=models.TextField(blank=True, help_text='A line under the question.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='text_de',
            field=models.CharField(help_text="The question, as the step's heading.", max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='text_en',
            field=models.CharField(help_text="The question, as the step's heading.", max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='text_es',
            field=models.CharField(help_text="The question, as the step's heading.", max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='why_de',
            field=models.TextField(blank=True, help_text='Why this matters, from the article.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='why_en',
            field=models.TextField(blank=True, help_text='Why this matters, from the article.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='why_es',
            field=models.TextField(blank=True, help_text='Why this matters, from the article.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='best_when_de',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='best_when_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='best_when_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='core_work_de',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='core_work_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='core_work_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='data_need_de',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='data_need_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='data_need_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='first_rule_de',
            field=models.TextField(blank=True, db_default='', default='', help_text='The rule of thumb that makes this role the first hire in a toss-up, shown on the result page (only for the role first by default).', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='first_rule_en',
            field=models.TextField(blank=True, db_default='', default='', help_text='The rule of thumb that makes this role the first hire in a toss-up, shown on the result page (only for the role first by default).', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='first_rule_es',
            field=models.TextField(blank=True, db_default='', default='', help_text='The rule of thumb that makes this role the first hire in a toss-up, shown on the result page (only for the role first by default).', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='job_description_de',
            field=models.TextField(blank=True, help_text='A starter job description for this role, one line per point.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='job_description_en',
            field=models.TextField(blank=True, help_text='A starter job description for this role, one line per point.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='job_description_es',
            field=models.TextField(blank=True, help_text='A starter job description for this role, one line per point.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='name_de',
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='name_en',
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='name_es',
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='owns_in_production_de',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='owns_in_production_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='owns_in_production_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='short_name_de',
            field=models.CharField(help_text='Used in tight places, e.g. “ML”.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='short_name_en',
            field=models.CharField(help_text='Used in tight places, e.g. “ML”.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='short_name_es',
            field=models.CharField(help_text='Used in tight places, e.g. “ML”.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='summary_de',
            field=models.TextField(help_text='One paragraph: what this person does.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='summary_en',
            field=models.TextField(help_text='One paragraph: what this person does.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='summary_es',
            field=models.TextField(help_text='One paragraph: what this person does.', null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='time_to_first_value_de',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='time_to_first_value_en',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='time_to_first_value_es',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='typical_stack_de',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='typical_stack_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='roleprofile',
            name='typical_stack_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='rule',
            name='message_de',
            field=models.TextField(help_text='What it means for the founder, and what to check.', null=True),
        ),
        migrations.AddField(
            model_name='rule',
            name='message_en',
            field=models.TextField(help_text='What it means for the founder, and what to check.', null=True),
        ),
        migrations.AddField(
            model_name='rule',
            name='message_es',
            field=models.TextField(help_text='What it means for the founder, and what to check.', null=True),
        ),
        migrations.AddField(
            model_name='rule',
            name='title_de',
            field=models.CharField(help_text='A short heading for the page.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='rule',
            name='title_en',
            field=models.CharField(help_text='A short heading for the page.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='rule',
            name='title_es',
            field=models.CharField(help_text='A short heading for the page.', max_length=200, null=True),
        ),
        migrations.RunPython(english_from_originals, migrations.RunPython.noop),
    ]
