"""Delete the rows BackCare keeps only for a while (journal/services.py: old_rows_prune).

Client operations (the offline queue's ids) older than a week and openings of share links older
than 180 days, in batches of 1,000 rows a transaction. Run it once a day beside send_reminders
(docs/reminders.md, "Running it in production"); safe to run on several machines at once.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from journal import services


class Command(BaseCommand):
    help = "Delete client operations older than a week and share-link openings older than 180 days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, default=services.PRUNE_BATCH, help="Rows deleted per transaction."
        )

    def handle(self, *args, batch, **options):
        if batch < 1:
            batch = services.PRUNE_BATCH
        done = services.old_rows_prune(now=timezone.now(), batch=batch)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"pruned: client_operations={done['client_operations']} share_views={done['share_views']}"
            )
