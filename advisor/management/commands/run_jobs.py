"""`manage.py run_jobs`: the worker that runs queued jobs (advisor/ops/jobs.py) and deletes
old ones and old export files."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from advisor.ops import jobs

PURGE_EVERY_SECONDS = (
    3600  # old jobs and export files are deleted when the worker starts, then hourly
)


class Command(BaseCommand):
    help = "Run queued jobs (replays, exports, email, webhooks) until stopped, or once with --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between looks")

    def handle(self, *args, once: bool, poll: float, **options):
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        purged_at = None
        while not stopping:
            if not connection.in_atomic_block:  # (inside one only in tests)
                close_old_connections()
            if purged_at is None or time.monotonic() - purged_at > PURGE_EVERY_SECONDS:
                jobs.jobs_purge()
                purged_at = time.monotonic()
            ran = jobs.jobs_run_due(limit=10)
            if once and not ran:
                break
            if not ran:
                time.sleep(poll)
        self.stdout.write("Worker stopped.")
