"""A user with realistic history, for a first look, the screenshots and the benchmark."""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from backcare.models import User
from exercises.models import Exercise
from journal.models import Entry, LevelChange, PlanItem, PlanPeriod, SafetyScreen, Tick
from journal.safety import QUESTION_KEYS
from learn.demo import mark_demo_lessons_read

LEVEL_UP_EVERY = 21  # days between accepted level-ups for one family


class Command(BaseCommand):
    help = "Create a demo user with N days of history (pain easing from about 6 to about 2)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default="back-on-track")
        parser.add_argument("--days", type=int, default=180)
        parser.add_argument("--replace", action="store_true", help="delete the user first if it exists")
        parser.add_argument("--seed", type=int, default=7)

    @transaction.atomic
    def handle(self, *, username, password, days, replace, seed, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        existing = User.objects.filter(username=username).first()
        if existing and not replace:
            raise CommandError(f"User {username!r} exists already; use --replace to start it afresh.")
        if existing:
            existing.delete()
        starters = list(
            Exercise.objects.filter(level=1, progression__starter=True).select_related("progression")
        )
        if len(starters) != 7:
            raise CommandError("The exercise library is missing: run `manage.py migrate` first.")
        rng = random.Random(seed)
        user = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@example.com",
            # Joined early enough for the diary to hold every drawn day (journal/days.py).
            date_joined=timezone.now() - timedelta(days=max(days - 365, 0)),
        )
        today = user.local_today()
        first = today - timedelta(days=days - 1)
        SafetyScreen.objects.create(
            user=user,
            taken_on=first,
            answers=dict.fromkeys(QUESTION_KEYS, False),
            outcome=SafetyScreen.Outcome.CLEAR,
        )
        levels = {}
        for ex in Exercise.objects.select_related("progression"):
            levels[(ex.progression_id, ex.level)] = ex
        items = PlanItem.objects.bulk_create(
            [PlanItem(user=user, progression=ex.progression, exercise=ex, since=first) for ex in starters]
        )
        flare = first + timedelta(days=int(days * 0.55))
        entries, ticks, changes, periods = [], [], [], []
        for n in range(days):
            day = first + timedelta(days=n)
            progress = n / max(days - 1, 1)
            if rng.random() < 0.08 and day != today:
                continue  # a missed day
            in_flare = flare <= day < flare + timedelta(days=4)
            pain = round(6 - 4 * progress + rng.uniform(-1.2, 1.2) + (3 if in_flare else 0))
            pain = max(0, min(10, pain))
            day_type = Entry.DayType.ROUGH if in_flare else Entry.DayType.NORMAL
            if not in_flare and rng.random() < 0.05:
                day_type = Entry.DayType.REST
            note = ""
            if in_flare and day == flare:
                note = "Lifted a heavy box — back tight, taking it easy."
            elif rng.random() < 0.04:
                note = rng.choice(
                    ["Long drive today.", "Felt good after the walk.", "Stiff in the morning, eased by noon."]
                )
            entry = Entry(
                user=user, date=day, pain=None if rng.random() < 0.05 else pain, notes=note, day_type=day_type
            )
            if n > 0 and n % LEVEL_UP_EVERY == 0 and not in_flare:
                for item in items:
                    nxt = levels.get((item.progression_id, item.exercise.level + 1))
                    if nxt and rng.random() < 0.5:
                        changes.append((day, item, item.exercise, nxt))
                        periods.append(
                            PlanPeriod(
                                user=user, plan_item=item, exercise=item.exercise, start=item.since, end=day
                            )
                        )
                        item.exercise, item.since = nxt, day
            planned = [] if day_type == Entry.DayType.REST else [item.exercise for item in items]
            if day_type == Entry.DayType.ROUGH:
                planned = [levels[(item.progression_id, 1)] for item in items[:3]]
            entry.planned = len(planned)
            entries.append((entry, [ex for ex in planned if rng.random() < 0.85]))
        Entry.objects.bulk_create([e for e, _ in entries])
        for entry, done in entries:
            for ex in done:
                effort = rng.choice(
                    [Tick.Effort.EASY, Tick.Effort.RIGHT, Tick.Effort.RIGHT, Tick.Effort.HARD]
                )
                # A times-a-day level (sitting breaks) is tapped a few times a day.
                times = rng.randint(1, 6) if ex.times_per_day else 1
                ticks.append(
                    Tick(
                        entry=entry,
                        exercise=ex,
                        pain_during=max(0, (entry.pain or 3) - 2),
                        effort=effort,
                        times=times,
                    )
                )
        Tick.objects.bulk_create(ticks, batch_size=2000)
        for item in items:
            item.save(update_fields=["exercise", "since"])
        # The plan's history (journal/plan_history.py): each level from its first day, the last open.
        periods += [
            PlanPeriod(user=user, plan_item=item, exercise=item.exercise, start=item.since) for item in items
        ]
        PlanPeriod.objects.bulk_create(periods)
        now = timezone.now()
        for day, item, old, new in changes:
            change = LevelChange.objects.create(
                user=user,
                plan_item=item,
                from_exercise=old,
                to_exercise=new,
                direction=LevelChange.Direction.UP,
                reason="3 sessions at full dose, pain during 3 or less, mornings no more than 1 above your usual.",
            )
            # auto_now_add stamps "now"; the demo's changes happened on their own days.
            LevelChange.objects.filter(pk=change.pk).update(
                created_at=now - timedelta(days=(today - day).days)
            )
        mark_demo_lessons_read(user, first=first, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo user ready: log in as {username} / {password} ({len(entries)} days, {len(ticks)} ticks, "
                f"{len(changes)} level changes)."
            )
        )
