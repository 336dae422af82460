"""How long `manage.py send_reminders` takes with N reminders due, against an idle run.

    .venv/bin/python scripts/reminders_bench.py [--users 1000 10000] [--idle-runs 3] [--profile]

For each N: a throwaway database (SQLite in a temp dir, or a new PostgreSQL database when
DATABASE_URL names a server; serverkit.environment), production settings with the local-memory
mail backend. N users are made with `bulk_create`, each with a clear safety screen, the starter
plan, six checked-in days with a tick each, and a switched-on e-mail reminder to a confirmed
address, saved an hour ago, in a zone where it is about noon. Then the command, as cron starts it
every minute (a new process each time, its log lines to a file):

- idle: the reminders set three hours ahead, so none is due (yesterday's moment is before the
  save): the fastest of `--idle-runs` runs;
- due: the reminders moved to five minutes ago, every one due: one run, which must send all N.

It prints both times and their ratio (docs/reminders.md, "How a run reads and sends").
`--profile` adds cProfile's top functions of the same due pass, in process. Not run by any test.
"""

import argparse
import subprocess
import time

from serverkit import PY, ROOT, django_python, environment

SETUP = """
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from backcare.models import User
from exercises.models import Exercise
from journal.models import Entry, PlanItem, PlanPeriod, SafetyScreen, Tick
from journal.safety import QUESTION_KEYS
from reminders.models import Reminder

now = timezone.now()
# A zone where it is about noon: the user's today and yesterday are whole days around now.
hours = 12 - now.hour
zone = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
today = now.astimezone(timezone.get_fixed_timezone(hours * 60)).date()
password = make_password("bench-password-1")
users = User.objects.bulk_create(
    [User(username=f"r{n}", email=f"r{n}@example.org", password=password, time_zone=zone) for n in range(N)],
    batch_size=1000,
)
answers = dict.fromkeys(QUESTION_KEYS, False)
SafetyScreen.objects.bulk_create(
    [SafetyScreen(user=u, taken_on=today - timedelta(days=10), answers=answers, outcome="clear") for u in users],
    batch_size=1000,
)
starters = list(Exercise.objects.filter(level=1, progression__starter=True))
items = PlanItem.objects.bulk_create(
    [
        PlanItem(user=u, progression_id=ex.progression_id, exercise=ex, since=today - timedelta(days=10))
        for u in users
        for ex in starters
    ],
    batch_size=1000,
)
PlanPeriod.objects.bulk_create(
    [PlanPeriod(user_id=i.user_id, plan_item=i, exercise_id=i.exercise_id, start=i.since) for i in items],
    batch_size=1000,
)
entries = Entry.objects.bulk_create(
    [Entry(user=u, date=today - timedelta(days=d), pain=3, planned=len(starters)) for u in users for d in range(1, 7)],
    batch_size=1000,
)
Tick.objects.bulk_create([Tick(entry=e, exercise=starters[0]) for e in entries], batch_size=1000)
ahead = (now + timedelta(hours=hours + 3)).time().replace(second=0, microsecond=0)
Reminder.objects.bulk_create(
    [
        Reminder(user=u, enabled=True, at=ahead, email_on=True, email=u.email, email_confirmed_at=now - timedelta(days=30))
        for u in users
    ],
    batch_size=1000,
)
Reminder.objects.update(updated_at=now - timedelta(hours=1))
print(hours)
"""

DUE = """
from datetime import timedelta
from django.utils import timezone
from reminders.models import Reminder

local = timezone.now() + timedelta(hours=HOURS, minutes=-5)
Reminder.objects.update(at=local.time().replace(second=0, microsecond=0))  # keeps updated_at
"""

SENT = """
from reminders.models import Delivery
print(Delivery.objects.filter(status="sent").count(), Delivery.objects.exclude(status="sent").count())
"""

PROFILE = """
import cProfile, pstats
from reminders import sender

profiler = cProfile.Profile()
profiler.enable()
outcomes = sender.run()
profiler.disable()
pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
print(outcomes)
"""


def command(env, log):
    """Seconds one `manage.py send_reminders` takes, start to exit, as cron runs it."""
    start = time.perf_counter()
    subprocess.run([PY, "manage.py", "send_reminders"], cwd=ROOT, env=env, stderr=log, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--idle-runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile the due pass in process instead")
    args = parser.parse_args()
    for n in args.users:
        with environment("reminders") as (env, engine, workdir):
            env = {**env, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
            started = time.perf_counter()
            hours = int(django_python(env, f"N = {n}\n" + SETUP).split()[-1])
            made = time.perf_counter() - started
            with open(workdir / "reminders.log", "w") as log:
                idle = min(command(env, log) for _ in range(args.idle_runs))
                django_python(env, f"HOURS = {hours}\n" + DUE)
                if args.profile:
                    print(django_python(env, PROFILE))
                    continue
                due = command(env, log)
            sent, other = map(int, django_python(env, SENT).split())
            assert (sent, other) == (n, 0), (sent, other)
        print(
            f"{engine}, {n:,} users (made in {made:.0f} s): idle run {idle:.2f} s,"
            f" {n:,} due {due:.2f} s: {due / idle:.1f}x idle",
            flush=True,
        )


if __name__ == "__main__":
    main()
