"""A user with realistic history, for a first look, the screenshots and the benchmark.

The diary reads like a real recovery (issue 17): daily pain that is noisy from day to day and runs
in streaks, easing slowly from about 6 towards 2; two flares (a trigger, a few rough days on the
gentle set, a step back for a level that had gone up, pain settling over a week); rest days and
missed days (a few single ones and a long weekend away); level-ups every few weeks with their
rule and the numbers it read; leg-symptom days; ticks with effort and pain during. Everything is
drawn from one seeded random generator, so `--seed` gives the same diary every time. Longer runs
(the 5-year bench) keep the same shape, with a flare every few months once the first half-year is
past. Five years (`--days 1825`, the bench's user) still take about 1.7 s of CPU, start-up included.
"""

import random
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from backcare.models import User
from exercises.models import Exercise
from journal import pain as pain_words
from journal import suggestions
from journal.management.demo_psfs import add_demo_rounds
from journal.management.demo_shapes import (
    EASED_NOTE,
    FIRST_LEVEL_UP,
    FLARE_BUMP,
    FLARE_ROUGH_DAYS,
    LEVEL_UP_EVERY,
    NOTES,
    TRIGGERS,
    flare_days,
    flare_starts,
    missed_days,
    near_flare,
    trend,
)
from journal.models import Entry, LevelChange, PlanItem, PlanPeriod, SafetyScreen, Tick
from journal.safety import QUESTION_KEYS
from journal.selectors import ROUGH_DAY_SET
from learn.management.demo_lessons import mark_demo_lessons_read

Rule = LevelChange.Rule
DayType = Entry.DayType


class Command(BaseCommand):
    help = "Create a demo user with N days of history: a recovery from about 6 to about 2, with two flares."

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
        if Exercise.objects.filter(level=1, progression__starter=True).count() != 7:
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
        diary = Diary(user, first, days, rng).draw()
        add_demo_rounds(user=user, first=first, today=today)
        mark_demo_lessons_read(user, first=first, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo user ready: log in as {username} / {password} ({diary.entry_count} days, "
                f"{diary.tick_count} ticks, {diary.change_count} level changes)."
            )
        )
        # More demo data (PSFS rounds, lessons read, ...): one call each below, with `user`,
        # `first`, `today` and `rng` (seeded, so the whole demo stays the same for a seed).


class Diary:
    """The drawn days, ticks and level changes of one demo user, written in a few bulk inserts."""

    def __init__(self, user, first, days, rng):
        self.user, self.first, self.days, self.rng = user, first, days, rng
        self.today = first + timedelta(days=days - 1)
        exercises = list(Exercise.objects.select_related("progression"))
        self.levels = {(ex.progression_id, ex.level): ex for ex in exercises}
        self.top = {}
        for ex in exercises:
            self.top[ex.progression_id] = max(self.top.get(ex.progression_id, 0), ex.level)
        self.rough_set = sorted((ex for ex in exercises if ex.slug in ROUGH_DAY_SET), key=lambda e: e.slug)
        starters = sorted(
            (ex for ex in exercises if ex.level == 1 and ex.progression.starter),
            key=lambda ex: ex.progression.order,
        )
        self.items = PlanItem.objects.bulk_create(
            [PlanItem(user=user, progression=ex.progression, exercise=ex, since=first) for ex in starters]
        )
        self.entries = []  # Entry rows in date order
        self.ticks = []  # Tick rows (their entry set)
        self.changes = []  # (day, LevelChange)
        self.periods = []
        self.sessions = {}  # exercise id -> [dates done], for a level-up's evidence
        self.forced = {}  # day -> [exercises] done that day with pain during 6 (a step back's)

    @property
    def entry_count(self):
        return len(self.entries)

    @property
    def tick_count(self):
        return len(self.ticks)

    @property
    def change_count(self):
        return len(self.changes)

    def draw(self):
        rng, days = self.rng, self.days
        flares = flare_starts(days, rng)
        flare_day = flare_days(flares)  # day index -> days since its flare began
        missed = missed_days(days, days - 1, flares, rng)
        noise = 0.0
        next_up = FIRST_LEVEL_UP
        for n in range(days):
            day = self.first + timedelta(days=n)
            # Pain runs in streaks: this day's noise leans on yesterday's.
            noise = 0.55 * noise + rng.gauss(0, 0.75)
            k = flare_day.get(n)
            score = trend(n) + noise + (FLARE_BUMP[k] if k is not None else 0)
            if n in missed:
                continue
            pain = max(0, min(10, round(score)))
            if k is not None and k < FLARE_ROUGH_DAYS:
                day_type = DayType.ROUGH
            elif k is None and (rng.random() < 0.04 or (day.weekday() == 6 and rng.random() < 0.2)):
                day_type = DayType.REST
            else:
                day_type = DayType.NORMAL
            entry = Entry(
                user=self.user,
                date=day,
                pain=None if rng.random() < 0.04 and k != 0 else pain,
                day_type=day_type,
                notes=self._note(n, k, flares),
                leg_symptoms=self._leg(n, k, flares),
            )
            self.entries.append(entry)
            if k == 0:
                self._step_back(day, flares.index(n), entry)
            elif n >= next_up and not near_flare(n, flares):
                self._level_up(day)
                next_up = n + LEVEL_UP_EVERY + rng.randint(-3, 3)
            self._tick(entry, n, k)
        self._write()
        return self

    def _note(self, n, k, flares):
        if k == 0:
            return TRIGGERS[flares.index(n) % len(TRIGGERS)]
        if k == FLARE_ROUGH_DAYS:
            return EASED_NOTE
        return self.rng.choice(NOTES) if self.rng.random() < 0.05 else ""

    def _leg(self, n, k, flares):
        """Numbness or tingling below the knee: the first two days of the second flare and a few
        single days early on (never three days running, which raises the safety banner)."""
        if k is not None and k < 2 and len(flares) > 1 and n - k == flares[1]:
            return True
        if n in (4, 11, 26):
            return True
        return None if self.rng.random() < 0.25 else False

    def _tick(self, entry, n, k):
        rng = self.rng
        if entry.day_type == DayType.REST:
            entry.planned = 0
            return
        if entry.day_type == DayType.ROUGH:
            planned, chance = self.rough_set, 0.8
        else:
            planned = [item.exercise for item in self.items]
            # Doing the plan gets easier as a habit: about 70% of it at first, 90% later on.
            chance = min(0.9, 0.7 + n / 600)
        entry.planned = len(planned)
        done = [ex for ex in planned if rng.random() < chance]
        # The sessions a step back read (pain during 6) were done whatever the day became.
        forced = self.forced.get(entry.date, [])
        done += [ex for ex in forced if ex not in done]
        for ex in done:
            item_since = next((i.since for i in self.items if i.exercise_id == ex.pk), None)
            fresh = item_since is not None and (entry.date - item_since).days < 6
            # A new level feels harder for a few days; later it is mostly easy.
            effort = rng.choice(
                [Tick.Effort.RIGHT, Tick.Effort.HARD, Tick.Effort.RIGHT]
                if fresh
                else [Tick.Effort.EASY, Tick.Effort.EASY, Tick.Effort.RIGHT, Tick.Effort.RIGHT]
            )
            base = entry.pain if entry.pain is not None else 3
            during = max(0, min(3, base - 2 + rng.choice((-1, 0, 0, 1))))
            if k is not None:
                during = max(0, min(5, base - 2))
            full = rng.random() > (0.3 if entry.day_type == DayType.ROUGH else 0.05)
            if ex in forced:
                during, effort, full = suggestions.TOO_MUCH_DURING + 1, Tick.Effort.HARD, True
            self.ticks.append(
                Tick(
                    entry=entry,
                    exercise=ex,
                    pain_during=None if rng.random() < 0.1 and not forced else during,
                    effort="" if rng.random() < 0.08 else effort,
                    full_dose=full,
                    spread=False if entry.leg_symptoms is False and rng.random() < 0.3 else None,
                    # A times-a-day level (sitting breaks) is tapped a few times a day.
                    times=rng.randint(2, 6) if ex.times_per_day else 1,
                )
            )
            self.sessions.setdefault(ex.pk, []).append(entry.date)

    def _change(self, day, item, to_exercise, direction, rule, values):
        """Move `item` to `to_exercise` on `day`: a LevelChange with its rule, values and the
        sentence rendered from them, the old period ended and a new one begun (journal/services.py)."""
        self.changes.append(
            (
                day,
                LevelChange(
                    user=self.user,
                    plan_item=item,
                    from_exercise=item.exercise,
                    to_exercise=to_exercise,
                    direction=direction,
                    rule=rule,
                    values=values,
                    reason=suggestions.describe(rule, values),
                ),
            )
        )
        self.periods.append(
            PlanPeriod(user=self.user, plan_item=item, exercise=item.exercise, start=item.since, end=day)
        )
        item.exercise, item.since = to_exercise, day

    def _level_up(self, day):
        """One or two families whose current level has been easy go up, with the evidence the rule
        reads (journal/suggestions.py: ready_for_next_level) from the diary drawn so far."""
        candidates = [
            item
            for item in self.items
            if item.exercise.level < self.top[item.progression_id] and (day - item.since).days >= 10
        ]
        self.rng.shuffle(candidates)
        average = pain_words.seven_day_average(self.entries[-14:], day)
        usual = pain_words.usual_pain(self.entries[-14:], day)
        for item in candidates[: self.rng.choice((1, 1, 2))]:
            start = suggestions.level_start(self.entries, item.since, day)
            sessions = [d for d in self.sessions.get(item.exercise_id, []) if (day - d).days < 14]
            if average is None or usual is None or start is None or len(sessions) < 3:
                continue
            if average > start + suggestions.LEVEL_START_MARGIN:
                continue  # the rule would not offer it: pain has crept up since the level began
            values = {
                "sessions": len(sessions),
                "first": sessions[0].isoformat(),
                "usual": usual,
                "average": round(average, 1),
                "level_start": round(start, 1),
            }
            nxt = self.levels[(item.progression_id, item.exercise.level + 1)]
            self._change(day, item, nxt, LevelChange.Direction.UP, Rule.READY, values)

    def _step_back(self, day, which, entry):
        """A flare's first day: families above level 1 step back one level, by the rule that fired.
        In the first flare (and every other one after) the pain came the morning after a session:
        pain well above the usual (NEXT_MORNING), for up to two families worked the day before. In
        the second it came during one: pain during 6 (PAIN_DURING), for one family."""
        raised = [item for item in self.items if item.exercise.level > 1 and item.since < day]
        before = self.entries[-2] if len(self.entries) > 1 else None
        usual = pain_words.usual_pain(self.entries[-9:], day)
        morning = (
            which % 2 == 0
            and before is not None
            and before.date == day - timedelta(days=1)
            and before.day_type == DayType.NORMAL
            and usual is not None
            and entry.pain is not None
            and entry.pain >= usual + suggestions.DOWN_MORNING_MARGIN
        )
        for item in raised[: 2 if morning else 1]:
            lower = self.levels[(item.progression_id, item.exercise.level - 1)]
            if morning:
                self._session(before, item.exercise, suggestions.TOO_MUCH_DURING - 1)
                values = {"date": before.date.isoformat(), "morning": entry.pain, "usual": usual}
                self._change(day, item, lower, LevelChange.Direction.DOWN, Rule.NEXT_MORNING, values)
            else:
                self.forced.setdefault(day, []).append(item.exercise)
                values = {"date": day.isoformat(), "pain_during": suggestions.TOO_MUCH_DURING + 1}
                self._change(day, item, lower, LevelChange.Direction.DOWN, Rule.PAIN_DURING, values)

    def _session(self, entry, exercise, pain_during):
        """Make sure `entry`'s day has a full-dose session of `exercise` with this pain during."""
        tick = next(
            (t for t in reversed(self.ticks[-12:]) if t.entry is entry and t.exercise_id == exercise.pk), None
        )
        if tick is None:
            tick = Tick(entry=entry, exercise=exercise)
            self.ticks.append(tick)
            self.sessions.setdefault(exercise.pk, []).append(entry.date)
        tick.pain_during, tick.full_dose, tick.effort = pain_during, True, Tick.Effort.RIGHT

    def _write(self):
        Entry.objects.bulk_create(self.entries, batch_size=2000)
        Tick.objects.bulk_create(self.ticks, batch_size=2000)
        for item in self.items:
            item.save(update_fields=["exercise", "since"])
        # The plan's history (journal/plan_periods.py): each level from its first day, the last open.
        self.periods += [
            PlanPeriod(user=self.user, plan_item=item, exercise=item.exercise, start=item.since)
            for item in self.items
        ]
        PlanPeriod.objects.bulk_create(self.periods)
        changes = LevelChange.objects.bulk_create([change for _, change in self.changes])
        # auto_now_add stamps "now"; the demo's changes happened on their own days, mid-morning (the
        # user's time), never later than now.
        now = timezone.now()
        for (day, _), change in zip(self.changes, changes, strict=True):
            change.created_at = min(now, datetime.combine(day, time(10, 30), tzinfo=self.user.tzinfo))
        LevelChange.objects.bulk_update(changes, ["created_at"])
