"""`manage.py check_cases`: every kept founder case against the live bank."""

from django.core.management.base import BaseCommand, CommandError

from advisor.advice import cases
from advisor.bank import store as bank_store


class Command(BaseCommand):
    help = (
        "Score every founder case (Admin → Cases) with the live question bank; exit non-zero "
        "when one gets a different first hire or a confidence it does not accept."
    )

    def handle(self, *args, **options):
        results = cases.cases_check(bank_store.build_draft())
        for result in results:
            mark = "ok  " if result.passed else "FAIL"
            self.stdout.write(f"{mark} {result.case.name}: {result.summary}")
        failed = [r for r in results if not r.passed]
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} cases fail.")
        self.stdout.write(f"All {len(results)} cases pass.")
