"""A consistent copy of the SQLite database while the app runs (SQLite's online backup API)."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Copy the SQLite database to backups/backcare-<UTC time>.sqlite3 without stopping the app."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.BASE_DIR / "backups"))

    def handle(self, *, dir, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                'The database is not SQLite. For PostgreSQL use: pg_dump --format=custom --file=backcare.dump "$DATABASE_URL"'
            )
        source_path = settings.DATABASES["default"]["NAME"]
        target_dir = Path(dir)
        target_dir.mkdir(parents=True, exist_ok=True)
        stamp = f"backcare-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        target = target_dir / f"{stamp}.sqlite3"
        n = 1
        while target.exists():  # two backups within one second: never overwrite the first
            n += 1
            target = target_dir / f"{stamp}-{n}.sqlite3"
        source = sqlite3.connect(f"{Path(source_path).resolve().as_uri()}?mode=ro", uri=True, timeout=20)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
            source.close()
        if check != "ok":
            raise CommandError(f"The copy failed its integrity check: {check}")
        self.stdout.write(self.style.SUCCESS(f"Backup written: {target}"))
