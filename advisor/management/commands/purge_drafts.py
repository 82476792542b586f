from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from advisor.models import Assessment, Attempt


class Command(BaseCommand):
    help = (
        "Delete drafts no browser can resume any more (older than the session cookie's "
        "lifetime) and expired rate-limit records. Completed results are never touched."
    )

    def add_arguments(self, parser):
        default = settings.SESSION_COOKIE_AGE // 86400
        parser.add_argument("--days", type=int, default=default)

    def handle(self, *args, days: int, **options):
        cutoff = timezone.now() - timedelta(days=days)
        drafts = Assessment.objects.filter(
            completed_at__isnull=True, updated_at__lt=cutoff
        ).exclude(answers__answered_at__gte=cutoff)
        count, _ = drafts.delete()
        Attempt.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()
        self.stdout.write(f"Deleted {count} rows of abandoned drafts older than {days} days.")
