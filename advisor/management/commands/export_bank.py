"""`manage.py export_bank`: the live bank back into fixtures/, for another environment."""

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db.models import JSONField

from advisor.models import (
    Case,
    Choice,
    ExchangeRate,
    HiringTerms,
    PayRate,
    Points,
    Question,
    Region,
    RoleProfile,
    Rule,
)


def bank_fixtures() -> dict[str, str]:
    """The live bank, rules, cases, roles and costs, as the fixture files loaddata reads."""

    def dump(*querysets) -> str:
        objects = [obj for queryset in querysets for obj in queryset]
        for obj in objects:
            # JSON keys in one order whatever the database keeps (PostgreSQL reorders them).
            for field in obj._meta.fields:
                if isinstance(field, JSONField):
                    value = getattr(obj, field.attname)
                    setattr(obj, field.attname, json.loads(json.dumps(value, sort_keys=True)))
        # The English translation columns repeat the original ones: loading fills them.
        names = {
            f.name
            for model in {type(obj) for obj in objects}
            for f in model._meta.local_fields
            if not f.primary_key and getattr(f, "language", None) != "en"
        }
        text = serializers.serialize(
            "json",
            objects,
            fields=sorted(names),
            indent=2,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        return text + "\n"

    return {
        "roles.json": dump(RoleProfile.objects.order_by("order", "slug")),
        "questions.json": dump(
            Question.objects.order_by("order", "slug"),
            Choice.objects.select_related("question").order_by("question__order", "order", "slug"),
            Points.objects.select_related("choice__question", "role").order_by(
                "choice__question__order", "choice__order", "role__order"
            ),
        ),
        "rules.json": dump(Rule.objects.order_by("order", "slug")),
        "cases.json": dump(Case.objects.order_by("slug")),
        "rates.json": dump(
            Region.objects.order_by("order", "slug"),
            HiringTerms.objects.select_related("region").order_by(
                "region__order", "region__slug", "engagement"
            ),
            PayRate.objects.select_related("role", "region").order_by(
                "role__order",
                "role__slug",
                "region__order",
                "region__slug",
                "engagement",
                "seniority",
            ),
            ExchangeRate.objects.order_by("order", "code"),
        ),
    }


class Command(BaseCommand):
    help = (
        "Write the live question bank, role profiles and costs to fixtures/ (or --out) "
        "in the format loaddata reads, to ship a bank edited here to another environment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=Path(settings.FIXTURE_DIRS[0]))

    def handle(self, *args, out: Path, **options):
        out.mkdir(parents=True, exist_ok=True)
        for name, text in bank_fixtures().items():
            (out / name).write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {out / name}")
