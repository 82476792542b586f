"""`manage.py seed`: the shipped bank into an empty database, checked by the bank's rules."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from advisor.advice import bank_rules
from advisor.bank import store as bank_store
from advisor.bank import versions
from advisor.models import BankVersion, PayRate, Question

FIXTURES = ("roles", "questions", "rules", "cases", "rates")
COST_FIXTURES = ("rates",)


class Command(BaseCommand):
    help = (
        "Load the question bank, rules, cases, roles and rates from fixtures/ when the "
        "database has no questions yet (and the costs when it has no pay rates), check the "
        "bank, and publish it as version 1 when nothing is published. Unlike loaddata, it "
        "never overwrites what admins have edited."
    )

    def handle(self, *args, **options):
        if Question.objects.exists():
            self.stdout.write("The question bank is already there: nothing loaded.")
        else:
            call_command("loaddata", *FIXTURES, verbosity=options["verbosity"])
        if not PayRate.objects.exists():
            # A database seeded before costs had regions: add them, touching nothing else.
            call_command("loaddata", *COST_FIXTURES, verbosity=options["verbosity"])
        bank_store.forget()
        problems = bank_rules.bank_problems(bank_store.build_draft())
        if problems:
            raise CommandError("The question bank breaks its rules:\n- " + "\n- ".join(problems))
        if not BankVersion.objects.exists():
            version = versions.bank_version_publish(note="The shipped bank")
            self.stdout.write(f"Published version {version.number} of the question bank.")
