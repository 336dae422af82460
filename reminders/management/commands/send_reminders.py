"""Send the reminders that are due (reminders/sender.py; docs/reminders.md).

Run it every minute from cron or a systemd timer, on as many machines as you like: each reminder
is claimed under a unique constraint before it is sent. `--loop SECONDS` keeps one process
running a pass every SECONDS instead, for a single machine without a scheduler.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from reminders import sender

log = logging.getLogger("reminders")


class Command(BaseCommand):
    help = "Send the reminders that are due (at most 2 hours late, once per user, day and channel)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help="Keep running: one pass every SECONDS (for a single machine without cron).",
        )

    def handle(self, *args, loop=None, **options):
        self.verbosity = options["verbosity"]
        if not settings.DEBUG and not settings.SITE_URL.startswith("https://"):
            log.warning(
                "SITE_URL is %r: links in reminder mail should be https (docs/reminders.md)",
                settings.SITE_URL,
            )
        if loop is None:
            self._report(sender.run())
            return
        if loop < 1:
            raise CommandError("--loop needs a number of seconds, 1 or more.")
        while True:
            started = time.monotonic()
            close_old_connections()  # a connection the database dropped is opened afresh
            try:
                self._report(sender.run())
            except Exception:  # noqa: BLE001 - a database blip must not end the loop
                log.exception("reminder pass failed; trying again in %s s", loop)
            time.sleep(max(0.0, loop - (time.monotonic() - started)))

    def _report(self, outcomes):
        if outcomes and self.verbosity >= 2:
            self.stdout.write(", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items())))
