"""Fill a throwaway database with many realistic users in minutes, to measure the app at scale
(docs/architecture.md "Measuring at scale"; scripts/scale.py builds 10,000 users x 1 year with it).

    manage.py populate --users 10000 --days 365 [--seed 1] [--first 0] [--prefix scale] [--force]

The users' shapes are backcare/populate.py's. Rows are written in batches of users, each batch in
one transaction: PostgreSQL's COPY on PostgreSQL, bulk INSERTs elsewhere; then the id sequences
are moved past the ids given and the tables are ANALYZEd. On PostgreSQL, when the connection may
(a superuser), each batch runs with `session_replication_role = replica`: no foreign-key checks
and none of the diary-version triggers of journal/0013 fire for the batch, which halves the load.
The rows are consistent by construction (tests/journal/test_populate.py checks them on a database
whose checks and triggers are on), and each user is written with `diary_version` 1, the version
moved once for everything written with it: a new user row also has a new random `cache_epoch`,
so no cached value of anyone else's can meet it. Refuses to run on a database that already has
users, unless `--force`.
"""

import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from backcare import populate
from backcare.models import User
from exercises.models import Exercise
from journal.selectors import ROUGH_DAY_SET
from learn import catalog

PASSWORD = "back-on-track"


def library():
    exercises = list(Exercise.objects.select_related("progression"))
    levels = {(ex.progression_id, ex.level): ex for ex in exercises}
    top = {}
    for ex in exercises:
        top[ex.progression_id] = max(top.get(ex.progression_id, 0), ex.level)
    starters = sorted(
        (ex for ex in exercises if ex.level == 1 and ex.progression.starter),
        key=lambda ex: ex.progression.order,
    )
    rough_set = sorted((ex for ex in exercises if ex.slug in ROUGH_DAY_SET), key=lambda ex: ex.slug)
    lessons = [lesson.pk for lesson in catalog.course(refresh=True).lessons]
    return populate.Library(levels, top, starters, rough_set, lessons)


class Command(BaseCommand):
    help = (
        "Fill a throwaway database with many realistic users (plans, a diary each, screens, PSFS, reminders)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=1000)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--first",
            type=int,
            default=0,
            help="the number of the first user: --first 42 --users 1 draws user 42 alone",
        )
        parser.add_argument("--prefix", default="scale", help="usernames are the prefix and a number")
        parser.add_argument("--password", default=PASSWORD, help="every user's password")
        parser.add_argument("--batch", type=int, default=200, help="users written per transaction")
        parser.add_argument("--force", action="store_true", help="run on a database that already has users")

    def handle(self, *, users, days, seed, first, prefix, password, batch, force, verbosity=1, **options):
        if users < 1 or days < 1 or batch < 1:
            raise CommandError("--users, --days and --batch must be at least 1.")
        if User.objects.exists() and not force:
            raise CommandError(
                "This database already has users: populate is for a throwaway database. "
                "Use --force to add the users beside them."
            )
        if User.objects.filter(username__startswith=prefix).exists():
            raise CommandError(f"Users named {prefix}... exist already: choose another --prefix.")
        lib = library()
        if len(lib.starters) != 7:
            raise CommandError("The exercise library is missing: run `manage.py migrate` first.")
        started = time.perf_counter()
        next_ids = {
            model: (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for model in populate.MODELS
        }
        drawer = populate.Drawer(
            lib, days=days, password_hash=make_password(password), prefix=prefix, next_ids=next_ids, seed=seed
        )
        postgres = connection.vendor == "postgresql"
        # Not inside a caller's transaction (a test's): SET LOCAL would outlast the batch there.
        fast = postgres and not connection.in_atomic_block and self._superuser()
        counts = dict.fromkeys(populate.MODELS, 0)
        for low in range(0, users, batch):
            for n in range(low, min(users, low + batch)):
                drawer.user(first + n)
            rows = drawer.take()
            with transaction.atomic():
                if fast:
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL session_replication_role = replica")
                populate.write_rows(connection, rows, copy=postgres)
            for model, batch_rows in rows.items():
                counts[model] += len(batch_rows)
            if verbosity > 1:
                self.stdout.write(f"{min(users, low + batch)} users, {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(populate.MODELS)):
                cursor.execute(statement)
            cursor.execute("ANALYZE")
        summary = ", ".join(f"{count} {model._meta.verbose_name_plural}" for model, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Populated {users} users x {days} days in {time.perf_counter() - started:.1f} s"
                f"{' (COPY, checks off per batch)' if fast else ' (COPY)' if postgres else ''}: {summary}."
            )
        )

    def _superuser(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
        return bool(row and row[0])
