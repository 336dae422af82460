from django.core.management.base import BaseCommand
from django.db import transaction

from exercises import catalog
from exercises.library import load_library
from exercises.models import Exercise, Progression


class Command(BaseCommand):
    help = "Write exercises/library.py to the database (idempotent, by slug): the way to edit content without the admin."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_library(Progression, Exercise)
        catalog.clear()
        self.stdout.write(
            f"Library loaded: {Progression.objects.count()} families, {Exercise.objects.count()} exercises."
        )
