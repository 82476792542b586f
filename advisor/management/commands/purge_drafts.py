"""Clear what no one can use any more: drafts no browser can resume, expired limits and
links, contact requests past their time, old webhook deliveries. Results stay."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from advisor.models import Assessment, Attempt, WebhookDelivery
from advisor.ops import throttle
from advisor.outreach import followup, resume_links

DELIVERY_LOG_DAYS = 90


class Command(BaseCommand):
    help = (
        "Delete drafts no browser can resume any more (older than the session cookie's "
        "lifetime), expired rate-limit records and resume links, contact requests past the "
        "retention period of the follow-up settings, and webhook deliveries older than "
        f"{DELIVERY_LOG_DAYS} days. Completed results are never touched."
    )

    def add_arguments(self, parser):
        default = settings.SESSION_COOKIE_AGE // 86400
        parser.add_argument("--days", type=int, default=default)

    def handle(self, *args, days: int, **options):
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        drafts = Assessment.objects.filter(
            completed_at__isnull=True, updated_at__lt=cutoff
        ).exclude(answers__answered_at__gte=cutoff)
        count, _ = drafts.delete()
        throttle.purge()
        Attempt.objects.all().delete()  # the earlier table, written only by older servers
        links = resume_links.resume_links_purge(before=now)
        contacts = followup.contact_requests_purge(now=now)
        old = WebhookDelivery.objects.filter(created_at__lt=now - timedelta(days=DELIVERY_LOG_DAYS))
        deliveries, _ = old.delete()
        self.stdout.write(
            f"Deleted {count} rows of abandoned drafts older than {days} days, "
            f"{links} expired resume links, {contacts} contact requests past their "
            f"retention period and {deliveries} webhook deliveries."
        )
