from django.core.management import call_command
from django.core.management.base import BaseCommand

from advisor.models import Question


class Command(BaseCommand):
    help = (
        "Load the question bank, roles and rates from fixtures/ when the database has no "
        "questions yet. Unlike loaddata, it never overwrites what admins have edited."
    )

    def handle(self, *args, **options):
        if Question.objects.exists():
            self.stdout.write("The question bank is already there: nothing loaded.")
            return
        call_command("loaddata", "roles", "questions", "rates", verbosity=options["verbosity"])
