"""Many realistic users in bulk, for measuring the app at scale (`manage.py populate`, docs/architecture.md
"Measuring at scale").

Each user's diary has the demo's shapes (journal/management/demo_shapes.py): pain easing from about 6 towards
2 around the user's own level (one in ten stays high), noisy and streaky, flares with their rough
days and a step back, missed days and a long weekend away, level-ups every few weeks with the rule's
sentence and numbers, leg-symptom days, ticks with effort and pain during. Some users stop after a
few weeks or months. Beside the diary: a safety screen every four to six weeks (a few "see a doctor
soon" with the clinician's OK a few days later), a pain-rise banner acknowledged at some flares,
PSFS rounds every two weeks (journal/management/demo_psfs.py's activities), lessons read as they open, and an
e-mail reminder with its last two weeks of deliveries for half of them.

Rows are drawn as plain tuples with their primary keys given (from the table's highest id up), so
every foreign key is known before anything is written, and written table by table: PostgreSQL's
`COPY` on PostgreSQL, one `executemany` INSERT per table elsewhere. Every value goes through its
field's `get_db_prep_save` outside `COPY`, so `auto_now_add` does not restamp the drawn times.
Pure apart from `write_rows`: no query while drawing.
"""

import json
import random
import zoneinfo
from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone

from backcare.models import User
from journal import pain as pain_words
from journal import psfs, suggestions
from journal.management.demo_psfs import DEMO_ACTIVITIES
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
from journal.models import (
    Entry,
    LevelChange,
    PlanItem,
    PlanPeriod,
    PsfsActivity,
    PsfsRating,
    PsfsRound,
    SafetyAlert,
    SafetyScreen,
    Tick,
)
from journal.safety import QUESTION_KEYS, SEE_SOON, screen_outcome
from learn import course
from learn.models import LessonRead
from reminders.models import EVERY_DAY, Channel, Delivery, Reminder

DayType = Entry.DayType
Rule = LevelChange.Rule
# Some people read BackCare in German; the rest follow their browser (blank).
LANGUAGE_BY_ZONE = {"Europe/Berlin": "de"}
TIME_ZONES = ("Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Australia/Sydney")
COUNTRIES = ("", "GB", "DE", "US", "AU")
DROP_OUT_SHARE = 0.15  # users who stop logging after a few weeks or months
HIGH_PAIN_SHARE = 0.1  # users whose pain stays well above the demo's
PSFS_SHARE = 0.8
REMINDER_SHARE = 0.5
DELIVERY_DAYS = 14  # the reminder deliveries kept per user, the latest days
SEE_SOON_SHARE = 0.03  # of the screens after the first
RESCREEN_DAYS = (28, 45)
HARD = Tick.Effort.HARD
FRESH_EFFORT = (Tick.Effort.RIGHT, Tick.Effort.HARD, Tick.Effort.RIGHT, Tick.Effort.RIGHT)
SETTLED_EFFORT = (Tick.Effort.EASY, Tick.Effort.EASY, Tick.Effort.RIGHT, Tick.Effort.RIGHT)
DURING_NOISE = (-1, 0, 0, 1)

# The columns written per model, in the order of the drawn tuples (attribute names: `user_id`).
COLUMNS = {
    User: (
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email",
        "is_staff", "is_active", "date_joined", "time_zone", "country", "language", "diary_version",
        "psfs_version", "screen_version", "cache_epoch",
    ),
    PlanItem: (
        "id", "user_id", "progression_id", "exercise_id", "active", "since", "dose_step", "dose_since",
        "paused_on", "pause_values", "resumed_through", "created_at",
    ),
    PlanPeriod: ("id", "user_id", "plan_item_id", "exercise_id", "start", "end"),
    # `done` is written 0 and counted afresh from the ticks after them (write_rows: the database's
    # triggers, journal/0019, may be off for the batch).
    Entry: (
        "id", "user_id", "date", "pain", "notes", "day_type", "planned", "done", "leg_symptoms",
        "created_at", "updated_at",
    ),
    Tick: (
        "id", "entry_id", "exercise_id", "created_at", "pain_during", "effort", "full_dose", "spread", "times",
        "counted",
    ),
    LevelChange: (
        "id", "user_id", "plan_item_id", "from_exercise_id", "to_exercise_id", "direction", "rule", "values",
        "reason", "created_at",
    ),
    SafetyScreen: ("id", "user_id", "taken_on", "answers", "outcome", "cleared_on", "cleared_note", "created_at"),
    SafetyAlert: ("id", "user_id", "kind", "first_day", "acknowledged_at"),
    PsfsActivity: ("id", "user_id", "name", "added_on", "retired_on"),
    PsfsRound: ("id", "user_id", "taken_on", "skipped", "created_at"),
    PsfsRating: ("id", "round_id", "activity_id", "rating"),
    LessonRead: ("id", "user_id", "lesson_id", "read_at"),
    Reminder: (
        "id", "user_id", "enabled", "at", "weekdays", "email_on", "calendar_on", "push_on", "email",
        "email_confirmed_at", "updated_at",
    ),
    Delivery: (
        "id", "user_id", "day", "channel", "status", "due_at", "claimed_at", "finished_at", "attempts", "detail",
    ),
}  # fmt: skip
# Parents before children: the order the tables are written in.
MODELS = tuple(COLUMNS)


class Day(NamedTuple):
    """What the pain rules read of an entry (journal/pain.py)."""

    date: object
    pain: int | None
    day_type: str


class Library(NamedTuple):
    """The exercise library and the lessons, read once: `levels` by (progression id, level), the top
    level per progression, the starters in plan order, the rough-day set, the lesson ids in course
    order."""

    levels: dict
    top: dict
    starters: list
    rough_set: list
    lessons: list


def see_soon_answers():
    """Answers whose outcome is "see a doctor soon": the first question that alone gives it."""
    for key in QUESTION_KEYS:
        answers = dict.fromkeys(QUESTION_KEYS, False) | {key: True}
        if screen_outcome(answers) == SEE_SOON:
            return answers
    raise LookupError("no question alone gives 'see a doctor soon'")


class Drawer:
    """Draws users into `rows` ({model: [tuple, ...]}), with ids from `next_ids` ({model: id})."""

    def __init__(self, library, *, days, password_hash, prefix, next_ids, seed, now=None):
        self.library, self.days, self.password_hash, self.prefix = library, days, password_hash, prefix
        self.next_ids, self.seed = dict(next_ids), seed
        self.now = now or timezone.now()
        self.rows = defaultdict(list)
        self.clear_answers = dict.fromkeys(QUESTION_KEYS, False)
        self.see_soon = see_soon_answers()

    def take(self):
        """The rows drawn so far, handed over and forgotten (one batch of users)."""
        rows, self.rows = self.rows, defaultdict(list)
        return rows

    def _id(self, model):
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        return value

    def _add(self, model, *values):
        pk = self._id(model)
        self.rows[model].append((pk, *values))
        return pk

    def user(self, n):
        """Draw user number `n` (its own seeded generator: the same user for a seed, whatever the batch)."""
        rng = random.Random(self.seed * 1_000_003 + n)
        zone = TIME_ZONES[n % len(TIME_ZONES)]
        tz = zoneinfo.ZoneInfo(zone)
        today = self.now.astimezone(tz).date()
        first = today - timedelta(days=self.days - 1)
        username = f"{self.prefix}{n:05d}"
        joined = datetime.combine(first, time(8), tzinfo=tz)
        user_id = self._add(
            User, self.password_hash, None, False, username, "", "", f"{username}@example.com", False, True,
            joined, zone, COUNTRIES[n % len(COUNTRIES)], LANGUAGE_BY_ZONE.get(zone, ""),
            # The versions the database's triggers would have moved (journal/0013, 0015, 0017): any
            # value above the default marks the rows as written; the random epoch keeps cached values apart.
            1, 1, 1, rng.getrandbits(63),
        )  # fmt: skip
        UserDiary(self, rng, user_id, tz, first, today).draw()
        return user_id


class UserDiary:
    """One user's rows: the plan and its periods, days, ticks, changes, screens, PSFS, lessons, reminder."""

    def __init__(self, drawer, rng, user_id, tz, first, today):
        self.d, self.rng, self.user_id, self.tz, self.first, self.today = (
            drawer,
            rng,
            user_id,
            tz,
            first,
            today,
        )
        self.library = drawer.library
        days = drawer.days
        self.last = days if rng.random() >= DROP_OUT_SHARE else rng.randrange(min(30, days), days + 1)
        self.level = rng.uniform(-1.0, 1.0) + (2.5 if rng.random() < HIGH_PAIN_SHARE else 0.0)
        self.items = []  # [item id, progression id, exercise, since]
        self.periods = []  # (item id, exercise id, start, end)
        self.seen = []  # Day rows so far
        self.sessions = defaultdict(list)  # exercise id -> [dates done]

    def at(self, day, hour, minute=0):
        """That time of `day` in the user's zone, never later than now (today's evening is not yet)."""
        return min(datetime.combine(day, time(hour, minute), tzinfo=self.tz), self.d.now)

    def draw(self):
        d, first = self.d, self.first
        for ex in self.library.starters:
            self.items.append([d._id(PlanItem), ex.progression_id, ex, first])
        self._diary()
        # The plan as it is now (each item at its last level, since its last change), and its
        # history: the periods each change ended and the open one of each item.
        created = self.at(first, 8, 5)
        for item_id, progression_id, ex, since in self.items:
            d.rows[PlanItem].append(
                (item_id, self.user_id, progression_id, ex.pk, True, since, 0, None, None, {}, None, created)
            )
            self.periods.append((item_id, ex.pk, since, None))
        for period in self.periods:
            d._add(PlanPeriod, self.user_id, *period)
        self._screens()
        self._psfs()
        self._lessons()
        self._reminder()

    def _diary(self):
        d, rng, days = self.d, self.rng, self.d.days
        flares = flare_starts(days, rng)
        in_flare = flare_days(flares)
        missed = missed_days(days, days - 1, flares, rng)
        noise, next_up = 0.0, FIRST_LEVEL_UP
        for n in range(self.last):
            day = self.first + timedelta(days=n)
            noise = 0.55 * noise + rng.gauss(0, 0.75)
            k = in_flare.get(n)
            score = trend(n) + self.level + noise + (FLARE_BUMP[k] if k is not None else 0)
            if n in missed:
                continue
            pain = None if rng.random() < 0.04 and k != 0 else max(0, min(10, round(score)))
            if k is not None and k < FLARE_ROUGH_DAYS:
                day_type = DayType.ROUGH
            elif k is None and (rng.random() < 0.04 or (day.weekday() == 6 and rng.random() < 0.2)):
                day_type = DayType.REST
            else:
                day_type = DayType.NORMAL
            if k == 0:
                note = TRIGGERS[flares.index(n) % len(TRIGGERS)]
            elif k == FLARE_ROUGH_DAYS:
                note = EASED_NOTE
            else:
                note = rng.choice(NOTES) if rng.random() < 0.05 else ""
            leg = (
                True
                if (k is not None and k < 2 and len(flares) > 1 and n - k == flares[1]) or n in (4, 11)
                else None
            )
            if leg is None and rng.random() >= 0.25:
                leg = False
            self.seen.append(Day(day, pain, day_type))
            forced = []
            if k == 0:
                forced = self._step_back(day, pain)
            elif n >= next_up and not near_flare(n, flares):
                self._level_up(day)
                next_up = n + LEVEL_UP_EVERY + rng.randint(-3, 3)
            evening = self.at(day, 19, rng.randrange(60))
            if day_type == DayType.REST:
                planned = []
            elif day_type == DayType.ROUGH:
                planned = self.library.rough_set
            else:
                planned = [item[2] for item in self.items]
            entry_id = d._add(
                Entry, self.user_id, day, pain, note, day_type, len(planned), 0, leg, evening, evening
            )
            self._ticks(entry_id, day, pain, day_type, planned, forced, k, leg, evening, n)
            if k == 0 and rng.random() < 0.5:
                d._add(SafetyAlert, self.user_id, SafetyAlert.Kind.PAIN_RISE, day, evening)

    def _ticks(self, entry_id, day, pain, day_type, planned, forced, k, leg, at, n):
        """The day's sessions: most of the planned exercises, with how they felt (the demo's odds;
        plain `random()` draws, the hot loop of the load)."""
        rng, ticks, sessions = self.rng.random, self.d.rows[Tick], self.sessions
        # Doing the plan gets easier as a habit: about 70% of it at first, 90% later on.
        chance = 0.8 if day_type == DayType.ROUGH else min(0.9, 0.7 + n / 600)
        done = [ex for ex in planned if rng() < chance]
        done += [ex for ex in forced if ex not in done]
        base = pain if pain is not None else 3
        fresh = {item[2].id for item in self.items if (day - item[3]).days < 6}
        not_full = 0.3 if day_type == DayType.ROUGH else 0.05
        for ex in done:
            if ex in forced:
                during, effort, full = suggestions.TOO_MUCH_DURING + 1, HARD, True
            else:
                # A new level feels harder for a few days; later it is mostly easy.
                effort = (FRESH_EFFORT if ex.id in fresh else SETTLED_EFFORT)[int(rng() * 4)]
                if k is not None:
                    during = max(0, min(5, base - 2))
                else:
                    during = max(0, min(3, base - 2 + DURING_NOISE[int(rng() * 4)]))
                if rng() < 0.1:
                    during = None
                if rng() < 0.08:
                    effort = ""
                full = rng() > not_full
            spread = False if leg is False and rng() < 0.3 else None
            times = 2 + int(rng() * 5) if ex.times_per_day else 1
            # Counted as the days before the count was stored (journal/0019): a tick of the day's plan.
            counted = ex in planned
            ticks.append(
                (self.d._id(Tick), entry_id, ex.id, at, during, effort, full, spread, times, counted)
            )
            sessions[ex.id].append(day)

    def _change(self, day, item, to_exercise, direction, rule, values):
        """Move `item` to `to_exercise` on `day`: its LevelChange, the old period ended (services' way)."""
        item_id, _, ex, since = item
        self.d._add(
            LevelChange, self.user_id, item_id, ex.pk, to_exercise.pk, direction, rule, values,
            suggestions.describe(rule, values), self.at(day, 10, 30),
        )  # fmt: skip
        self.periods.append((item_id, ex.pk, since, day))
        item[2], item[3] = to_exercise, day

    def _level_up(self, day):
        """One family whose level has held ten days or more goes up, with the rule's evidence read
        from the days drawn so far; none when the evidence would not offer it (as the rule)."""
        rng, levels, top = self.rng, self.library.levels, self.library.top
        candidates = [
            item for item in self.items if item[2].level < top[item[1]] and (day - item[3]).days >= 10
        ]
        if not candidates:
            return
        item = rng.choice(candidates)
        recent = self.seen[-14:]
        average = pain_words.seven_day_average(recent, day)
        usual = pain_words.usual_pain(recent, day)
        start = suggestions.level_start(
            [s for s in self.seen[-60:] if s.date >= item[3] - timedelta(days=7)], item[3], day
        )
        sessions = [s for s in self.sessions.get(item[2].id, ()) if (day - s).days < 14]
        if average is None or usual is None or start is None or len(sessions) < 3:
            return
        if average > start + suggestions.LEVEL_START_MARGIN:
            return
        values = {
            "sessions": len(sessions),
            "first": sessions[0].isoformat(),
            "usual": usual,
            "average": round(average, 1),
            "level_start": round(start, 1),
        }
        nxt = levels[(item[1], item[2].level + 1)]
        self._change(day, item, nxt, LevelChange.Direction.UP, Rule.READY, values)

    def _step_back(self, day, pain):
        """A flare's first day: the first family above level 1 steps back, pain during 6 in a session
        of it that day (the rule PAIN_DURING); returns the exercises done that day by force."""
        raised = [item for item in self.items if item[2].level > 1 and item[3] < day]
        if not raised:
            return []
        item = raised[0]
        hurt = item[2]
        lower = self.library.levels[(item[1], hurt.level - 1)]
        values = {"date": day.isoformat(), "pain_during": suggestions.TOO_MUCH_DURING + 1}
        self._change(day, item, lower, LevelChange.Direction.DOWN, Rule.PAIN_DURING, values)
        return [hurt]

    def _screens(self):
        """A clear screen on the first day, then one every four to six weeks while the user logs."""
        d, rng = self.d, self.rng
        end = self.first + timedelta(days=self.last - 1)
        day = self.first
        while day <= end:
            answers, outcome, cleared = self.d.clear_answers, SafetyScreen.Outcome.CLEAR, None
            if day > self.first and rng.random() < SEE_SOON_SHARE:
                answers, outcome = d.see_soon, SafetyScreen.Outcome.SEE_SOON
                cleared = min(day + timedelta(days=rng.randint(2, 6)), self.today)
            note = "Physio said the plan is fine." if cleared else ""
            d._add(SafetyScreen, self.user_id, day, answers, outcome, cleared, note, self.at(day, 8, 30))
            day += timedelta(days=rng.randint(*RESCREEN_DAYS))

    def _psfs(self):
        """PSFS rounds every two weeks, the demo's activities slowly easier; the fourth one skipped."""
        d, rng = self.d, self.rng
        if rng.random() >= PSFS_SHARE:
            return
        end = self.first + timedelta(days=self.last - 1)
        activities = [
            (d._add(PsfsActivity, self.user_id, name, self.first, None), start)
            for name, start in DEMO_ACTIVITIES
        ]
        total, day, count = max(self.last - 1, 1), self.first, 0
        while day <= end:
            skipped = count == 3
            round_id = d._add(PsfsRound, self.user_id, day, skipped, self.at(day, 8, 45))
            if not skipped:
                progress = (day - self.first).days / total
                for activity_id, start in activities:
                    value = round(start + (9 - start) * progress + rng.uniform(-1, 1))
                    d._add(
                        PsfsRating, round_id, activity_id, max(psfs.RATING_MIN, min(psfs.RATING_MAX, value))
                    )
            count += 1
            day += timedelta(days=psfs.INTERVAL_DAYS)

    def _lessons(self):
        """Lessons read as they open (most that day, some a day or two later, one in ten not), up to
        the last day logged and never today's."""
        rng, lessons = self.rng, self.library.lessons
        end = min(self.today, self.first + timedelta(days=self.last))
        unlocked = course.unlocked_count(self.first, self.today, len(lessons))
        for position, lesson_id in enumerate(lessons[:unlocked], start=1):
            day = course.opens_on(self.first, position) + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
            if day >= end or rng.random() < 0.1:
                continue
            self.d._add(LessonRead, self.user_id, lesson_id, self.at(day, 20, rng.randrange(60)))

    def _reminder(self):
        """An e-mail reminder at a time of the evening, with its deliveries of the last days logged."""
        d, rng = self.d, self.rng
        if rng.random() >= REMINDER_SHARE:
            return
        at = time(rng.choice((18, 19, 20, 21)), rng.choice((0, 30)))
        email = d.rows[User][-1][7]
        joined = self.at(self.first, 8, 10)
        d._add(Reminder, self.user_id, True, at, EVERY_DAY, True, False, False, email, joined, joined)
        last = min(self.first + timedelta(days=self.last - 1), self.today - timedelta(days=1))
        for back in range(DELIVERY_DAYS):
            day = last - timedelta(days=back)
            if day < self.first:
                break
            due = self.at(day, at.hour, at.minute)
            d._add(
                Delivery, self.user_id, day, Channel.EMAIL, Delivery.Status.SENT, due, due,
                due + timedelta(seconds=2), 1, "",
            )  # fmt: skip


def write_rows(connection, rows, *, copy):
    """Write `rows` ({model: [tuple, ...]} in COLUMNS' order), parents first. `copy`: PostgreSQL's
    COPY (values as they are, JSON as text); else one executemany INSERT per table, each value
    through its field's get_db_prep_save."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in MODELS:
            batch = rows.get(model)
            if not batch:
                continue
            fields = [model._meta.get_field(name.removesuffix("_id")) for name in COLUMNS[model]]
            columns = ", ".join(quote(field.column) for field in fields)
            table = quote(model._meta.db_table)
            json_at = [k for k, field in enumerate(fields) if field.get_internal_type() == "JSONField"]
            if copy:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as out:
                    for row in batch:
                        if json_at:
                            row = list(row)
                            for k in json_at:
                                row[k] = json.dumps(row[k])
                        out.write_row(row)
            else:
                prepare = [
                    (lambda value, field=field: field.get_db_prep_save(value, connection)) for field in fields
                ]
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                    [[p(value) for p, value in zip(prepare, row, strict=True)] for row in batch],
                )
        days = rows.get(Entry)
        if days:
            # Each day's done from its counted ticks, whether the count's triggers fired or not (off
            # with the session's replication role on PostgreSQL): one statement for the batch's days.
            entry, tick = quote(Entry._meta.db_table), quote(Tick._meta.db_table)
            cursor.execute(
                f"UPDATE {entry} SET done = (SELECT COUNT(*) FROM {tick} t WHERE t.entry_id = {entry}.id"
                f" AND t.counted = %s) WHERE id >= %s AND id <= %s",
                [True, days[0][0], days[-1][0]],
            )
