"""`manage.py backfill_answer_sets`: give results made before answer sets their set."""

from django.core.management.base import BaseCommand

from advisor.bank.answer_sets import answer_sets_backfill


class Command(BaseCommand):
    help = (
        "Give every completed result without one its answer set (read from its snapshot), "
        "a batch at a time, so replay and analytics count it per set. Safe to run again, "
        "and while the app serves."
    )

    def handle(self, *args, **options):
        done = 0
        for done in answer_sets_backfill():
            if options["verbosity"] > 1:
                self.stdout.write(f"{done} results…")
        self.stdout.write(f"Gave {done} results their answer set.")
