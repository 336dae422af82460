"""Writes that touch several rows: keyword-only, each in one transaction."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from backcare import diary_version
from backcare.sql import table
from exercises import catalog, dose
from exercises.models import Exercise
from journal import cache_keys, client_ops, safety, schedule, sharing, suggestions
from journal.history_numbers import Day
from journal.models import (
    ClientOperation,
    Dismissal,
    Entry,
    LevelChange,
    PlanItem,
    PlanPeriod,
    ShareLink,
    ShareView,
    Tick,
)
from journal.selectors import (
    day_plan,
    days_with_ticks,
    families,
    paused_exercises,
    recent_ticks,
    screen_status,
    ticks_from,
)
from journal.suggestions import DoneTick, Kind, Suggestion, snooze_until


@transaction.atomic
def plan_create_starter(*, user, today):
    """Give a user the starter plan, once.

    A user who already has any plan item, active or not, keeps the plan they made. A user who went
    through the start gets the plan its answers give (journal/starter.py, docs/starter-plan.md);
    while the start is still open, nothing (its end builds the plan); an account made before the
    start existed (no answers) every starter family of the library at level 1, as before.
    """
    from journal import starter
    from journal.models import StartAnswers

    diary_version.changed(user)
    if PlanItem.objects.filter(user=user).exists():
        return []
    answers = StartAnswers.objects.filter(user=user).first()
    if answers is None:
        starters = Exercise.objects.filter(level=1, progression__starter=True).select_related("progression")
        planned = [(ex, 0) for ex in starters]
    elif answers.finished_on is None:
        return []
    else:
        found = starter.starter_plan(answers, catalog.catalog().exercises.values(), screen_status(user=user))
        planned = [(item.level, item.dose_step) for item in found.items]
    items = PlanItem.objects.bulk_create(
        [
            PlanItem(
                user=user, progression_id=ex.progression_id, exercise_id=ex.pk, since=today, dose_step=step
            )
            for ex, step in planned
        ]
    )
    PlanPeriod.objects.bulk_create(
        [PlanPeriod(user=user, plan_item=item, exercise_id=item.exercise_id, start=today) for item in items]
    )
    _refresh_planned(user=user, day=today)
    return items


def _period_start(*, item, exercise, day):
    """The item is in the plan at `exercise` from `day` on (its open period ends first)."""
    _period_end(item=item, day=day)
    PlanPeriod.objects.create(user_id=item.user_id, plan_item=item, exercise=exercise, start=day)


def _period_end(*, item, day):
    """The item's open period ends: `day` is its first day out; one begun that day held no day."""
    PlanPeriod.objects.filter(plan_item=item, end__isnull=True, start__gte=day).delete()
    PlanPeriod.objects.filter(plan_item=item, end__isnull=True).update(end=day)


def day_count(*, user, day, day_type):
    """The done-of-due of `day`, a day of this type (journal/schedule.py: done_of_due), read from
    its plan and ticks. An exercise paused after severe pain is not due (today's plan only: a past
    day's plan keeps no pause)."""
    if day_type == Entry.DayType.REST:
        return schedule.DoneOfDue(0, 0)
    plan, exercises = day_plan(user=user, day_type=day_type, status=screen_status(user=user), day=day)
    if not exercises:
        return schedule.DoneOfDue(0, 0)
    return _count(day=day, plan=plan, exercises=exercises, ticks=recent_ticks(user=user, day=day))


def due_count(*, user, day, day_type):
    """How many exercises are due on `day` (journal/schedule.py): the day's stored planned count."""
    return day_count(user=user, day=day, day_type=day_type).due


def _count(*, day, plan, exercises, ticks):
    """`day_count` from the day's plan (not a rest day) and recent ticks already read."""
    return _statuses_count(day=day, plan=plan, exercises=exercises, ticks=ticks)[1]


def _statuses_count(*, day, plan, exercises, ticks):
    """(the day's statuses, paused ones not due; its done-of-due): `_count` with the statuses it
    decided from, which a tick's answer shows (journal/today_page.py: rows)."""
    if not exercises:
        return [], schedule.DoneOfDue(0, 0)
    statuses = schedule.statuses(exercises, day=day, ticks=ticks, family_of=families())
    statuses = schedule.not_due(statuses, exercises, paused_exercises(plan))
    return statuses, schedule.done_of_due(statuses, exercises)


def _due(*, day, plan, exercises, ticks):
    """`due_count` from the day's plan (not a rest day) and recent ticks already read."""
    return _count(day=day, plan=plan, exercises=exercises, ticks=ticks).due


def _counted_set(*, entry_pk, count, exercise_id=None):
    """The day's ticks' `counted` as `count` (a DoneOfDue) has them, so the day's stored done
    (`Entry.done`, moved by the database) is its done-of-due: one UPDATE of the ticks that differ
    (`exercise_id`: of that exercise's tick only)."""
    ticks = Tick.objects.filter(entry_id=entry_pk)
    if exercise_id is not None:
        ticks = ticks.filter(exercise_id=exercise_id)
    if not count.counted:
        ticks.filter(counted=True).update(counted=False)
        return
    yes = Q(exercise_id__in=count.counted)
    ticks.filter((yes & Q(counted=False)) | (~yes & Q(counted=True))).update(
        counted=Case(When(yes, then=Value(True)), default=Value(False))
    )


def _refresh_planned(*, user, day):
    """Keep the stored counts of `day` in step with what is due and done that day: its planned count
    and its ticks' `counted` (the day's done, journal/schedule.py: done_of_due)."""
    entry = Entry.objects.filter(user=user, date=day).first()
    if entry is not None:
        count = day_count(user=user, day=day, day_type=entry.day_type)
        if entry.planned != count.due:
            Entry.objects.filter(pk=entry.pk).update(planned=count.due)
        _counted_set(entry_pk=entry.pk, count=count)


def _entry_for(*, user, day):
    """The day's entry, created with the day's planned count when it does not exist yet."""
    entry = Entry.objects.filter(user=user, date=day).first()
    if entry is None:
        try:
            with transaction.atomic():
                entry = Entry.objects.create(
                    user=user, date=day, planned=due_count(user=user, day=day, day_type=Entry.DayType.NORMAL)
                )
        except IntegrityError:  # created by a concurrent request a moment ago
            entry = Entry.objects.get(user=user, date=day)
    return entry


class OpReplayed(Exception):
    """The write's operation id was recorded before (journal/client_ops.py): nothing was changed.
    A tick's or an undo's carries `read`, the day as it is (DayRead)."""


class OpConflict(Exception):
    """The write's base is not the server's state any more: nothing was changed (`read`: as for
    OpReplayed)."""


class OpTaken(Exception):
    """The write's operation id was recorded for another user: nothing was changed."""


class ExercisePaused(Exception):
    """A new tick of an exercise paused after severe pain, on a day after the pause began: nothing
    was changed (journal/suggestions.py: severe_pain)."""


class NotPlanned(Exception):
    """A tick of an exercise that is not in the plan on that day, at that day's level: nothing was
    changed."""


def _plan_item_at(*, user, exercise):
    """The user's active plan item at `exercise` (the level its pause is about), or None."""
    return PlanItem.objects.filter(user=user, exercise=exercise, active=True).first()


@dataclass
class DayRead:
    """What a tick or an undo reads of the day, in its transaction once writes are serialised (the
    user row's lock, or SQLite's write lock: diary_version.write_begins; no other write of the
    user's can come between the read and the write), kept in step with its own
    write: the answer's row, counts and streak are built from it (journal/views/today.py:
    _tick_response) without reading again.

    One query for today: the recent days joined to their ticks, with the active plan (whose items
    carry their pause) in the same statement (selectors.days_with_ticks); another day's plan is its
    plan periods, one more (selectors.day_plan). `window=False`: the days of the two weeks of ticks
    only (`selectors.ticks_from`), for a write whose answer builds no row (the session's, a page
    without JavaScript): the write's own counts need the day and its ticks, not the six weeks the
    row's suggestions and streak read (120-day diary: 0.61 -> 0.43 ms a read).
    """

    user: object
    day: date
    status: object
    days: list  # selectors.recent_entries
    entry_pk: int | None
    ticks: list  # selectors.recent_ticks
    day_type: str
    plan: list
    exercises: list
    # (the ticks, the paused exercises, the statuses) of the last `count`: `statuses`.
    decided: tuple | None = field(default=None, repr=False)

    @classmethod
    def of(cls, *, user, day, status, window=True):
        since = None if window else ticks_from(day)
        found = days_with_ticks(user=user, day=day, with_plan=day == user.local_today(), since=since)
        entry = next((d for d in found.days if d.date == day), None)
        day_type = entry.day_type if entry else Entry.DayType.NORMAL
        plan, exercises = day_plan(user=user, day_type=day_type, status=status, day=day, active=found.plan)
        return cls(user, day, status, found.days, found.entry_pk, found.ticks, day_type, plan, exercises)

    @property
    def is_today(self):
        return self.day == self.user.local_today()

    def tick_of(self, exercise):
        """The day's tick of `exercise` (a DoneTick), or None."""
        return next((t for t in self.ticks if t.date == self.day and t.exercise_id == exercise.pk), None)

    def item_at(self, exercise):
        """The active plan item at `exercise` (its pause): from today's plan when it is there (read
        with it, no query), else read (another day's plan, a rough day's set, a level left out)."""
        if self.is_today:
            found = next((item for item in self.plan if item.exercise_id == exercise.pk), None)
            if found is not None:
                return found
        return _plan_item_at(user=self.user, exercise=exercise)

    def put(self, exercise, tick, *, ticked=0):
        """The day's tick of `exercise` as written (None: removed); `ticked`: the day's tick count
        moves by it. Returns whether `exercise` now counts in the day's done-of-due (the tick's
        `counted`), the day's stored done set to match."""
        self.ticks = [t for t in self.ticks if not (t.date == self.day and t.exercise_id == exercise.pk)]
        if tick is not None:
            self.ticks.append(tick)
        count = self.count()
        self.days = [
            d._replace(done=count.done, ticked=d.ticked + ticked) if d.date == self.day else d
            for d in self.days
        ]
        return exercise.pk in count.counted

    def count(self):
        """The day's done-of-due as read and written so far (journal/schedule.py: done_of_due)."""
        found, count = _statuses_count(
            day=self.day, plan=self.plan, exercises=self.exercises, ticks=self.ticks
        )
        self.decided = (self.ticks, paused_exercises(self.plan), found)
        return count

    def statuses(self):
        """The day's statuses (schedule.statuses, then not_due) as the last `count` decided them,
        while the ticks and the pauses are still those it read; else None (the caller decides them).
        The answer's row takes them (journal/today_page.py: rows), so a tick runs the schedule rules
        once, not twice."""
        if self.decided is None:
            return None
        ticks, paused, found = self.decided
        if ticks is not self.ticks or paused != paused_exercises(self.plan):
            return None
        return found

    def entry_made(self, entry):
        """The day's entry was created by this write (no tick yet)."""
        self.entry_pk = entry.pk
        made = Day(entry.date, None, entry.day_type, entry.planned, 0, None, "", 0)
        self.days = sorted([*self.days, made], key=lambda d: d.date, reverse=True)

    def planned_set(self, count):
        self.days = [d._replace(planned=count) if d.date == self.day else d for d in self.days]


def _pause_refresh(*, user, item, read=None):
    """Keep `item`'s pause in step with its sessions after a tick was written or removed: the
    rule (suggestions.severe_pain) over the level's sessions since its start and since the last
    resume. A pause that begins is kept as a `LevelChange` (direction PAUSE) for the report; one
    whose score was changed or undone goes, with its record. `item`: a PlanItem or today's
    `selectors.PlannedItem` (changed in place, so `read`'s plan shows the pause as it now is)."""
    if item is None:
        return
    rows = Tick.objects.filter(
        entry__user=user, exercise_id=item.exercise_id, entry__date__gte=item.since, pain_during__isnull=False
    ).values_list("entry__date", "pain_during")
    found = suggestions.severe_pain(
        [DoneTick(day, score) for day, score in rows], since=item.since, after=item.resumed_through
    )
    if found is None and item.paused_on is None:
        return
    if found is not None:
        rule, values = found
        started = date.fromisoformat(values["date"])
        if item.paused_on == started and item.pause_values == values:
            return
        kept = {**values, "exercise": catalog.exercise(item.exercise_id).name}
        if item.paused_on is None:
            LevelChange.objects.create(
                user_id=user.pk,
                plan_item_id=item.pk,
                from_exercise_id=item.exercise_id,
                to_exercise_id=item.exercise_id,
                direction=LevelChange.Direction.PAUSE,
                rule=rule,
                values=kept,
                reason=suggestions.describe(rule, kept),
            )
        else:  # a score of the same pause changed (a session backfilled or corrected)
            LevelChange.objects.filter(pk=_open_pause(item)).update(
                values=kept, reason=suggestions.describe(rule, kept)
            )
        item.paused_on, item.pause_values = started, values
    else:
        LevelChange.objects.filter(pk=_open_pause(item)).delete()
        item.paused_on, item.pause_values = None, {}
    PlanItem.objects.filter(pk=item.pk).update(paused_on=item.paused_on, pause_values=item.pause_values)
    if read is not None and read.is_today:
        # Today's plan and ticks are in hand: its planned count from them, as _refresh_planned.
        count = _due(day=read.day, plan=read.plan, exercises=read.exercises, ticks=read.ticks)
        if read.day_type == Entry.DayType.REST:
            count = 0
        entry = next((d for d in read.days if d.date == read.day), None)
        if read.entry_pk is not None and entry is not None and entry.planned != count:
            Entry.objects.filter(pk=read.entry_pk).update(planned=count)
            read.planned_set(count)
        if read.entry_pk is not None:
            # The paused (or resumed) exercise's tick of today leaves (or joins) the day's done.
            done = read.count()
            _counted_set(entry_pk=read.entry_pk, count=done, exercise_id=item.exercise_id)
            read.days = [d._replace(done=done.done) if d.date == read.day else d for d in read.days]
    else:
        _refresh_planned(user=user, day=user.local_today())


def _open_pause(item):
    """The pk of the record of the item's running pause (its newest PAUSE), or None."""
    return (
        LevelChange.objects.filter(plan_item_id=item.pk, direction=LevelChange.Direction.PAUSE)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def _op_claim(*, user, op, kind, day, current):
    """Record the operation `op` once, in the caller's transaction, before its write.

    `current()` gives the server's base of what the write changes (read only when `op` has a base).
    Raises OpReplayed, OpConflict or OpTaken, which roll the caller's transaction back; no `op`
    (a write without an id) does nothing, as before offline writes.
    """
    if op is None:
        return
    try:
        with transaction.atomic():
            ClientOperation.objects.create(user=user, op_id=op.id, kind=kind, day=day)
    except IntegrityError:
        if ClientOperation.objects.filter(op_id=op.id, user=user).exists():
            raise OpReplayed from None
        raise OpTaken from None
    if op.base is not None and op.base != current():
        raise OpConflict
    cutoff = timezone.now() - timedelta(days=client_ops.KEEP_DAYS)
    ClientOperation.objects.filter(user=user, created_at__lt=cutoff).delete()


def _op_claim_on(read, **claim):
    """`_op_claim` for a tick or an undo: a replay or a conflict carries the day as read."""
    try:
        _op_claim(**claim)
    except (OpReplayed, OpConflict) as outcome:
        outcome.read = read
        raise


class Checkin(NamedTuple):
    """The day's check-in answers as saved (what client_ops.checkin_base reads of an entry)."""

    pain: int | None
    notes: str
    leg_symptoms: bool | None


def _checkin_of(*, user, day):
    """The day's check-in answers as they are (a `Checkin`), or None while the day has no entry."""
    row = Entry.objects.filter(user=user, date=day).values_list(*Checkin._fields).first()
    return None if row is None else Checkin(*row)


def _checkin_update(*, user, day, saved):
    """`Entry.objects.filter(user=user, date=day).update(**saved._asdict(), updated_at=now)`: the
    number of rows updated (1, or 0 while the day has no entry), in SQL built once a process
    (`_checkin_update_sql`), each value prepared by its field as the ORM's UPDATE prepares it
    (`get_db_prep_save`; the day by `get_db_prep_value`, as a lookup). Measured in process (CPU a
    call): the ORM's 0.3 ms, nearly all of it building the filter and compiling the UPDATE; this
    about 0.05 ms, once a check-in. An UPDATE sends no signal either way; the database's triggers
    see the same statement. tests/journal/test_compiled_writes.py compares the row with the ORM's."""
    sql, fields, date_field = _checkin_update_sql()
    values = [*saved, timezone.now()]
    params = [f.get_db_prep_save(value, connection) for f, value in zip(fields, values, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, user.pk, date_field.get_db_prep_value(day, connection)])
        return cursor.rowcount


@cache
def _checkin_update_sql():
    """(SQL, the fields it sets, the date field) of `_checkin_update`, from the model's own table and
    column names: the check-in's answers and `updated_at`, of the user's entry of the day."""
    meta, quote = Entry._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in (*Checkin._fields, "updated_at")]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    user, date_field = meta.get_field("user"), meta.get_field("date")
    sql = (
        f"UPDATE {table(Entry)} SET {assignments}"
        f" WHERE {quote(user.column)} = %s AND {quote(date_field.column)} = %s"
    )
    return sql, fields, date_field


@transaction.atomic
def checkin_save(*, user, day, pain, notes, leg_symptoms, op=None, status=None):
    """Save the day's check-in answers; with `op`, once (OpReplayed, OpConflict, OpTaken).
    Returns the answers as saved (a `Checkin`).

    The day's entry is updated in place, one statement and no instance (its `updated_at` set here,
    as `auto_now` would); only a day without one yet is read as a tick reads it (`DayRead`: the
    two weeks of days with their ticks and the plan, one statement) for its planned count, and
    then created.
    `status`: the safety screen's (request.safety.status; read when not given), as for `tick_record`.
    """
    diary_version.write_begins(user)
    _op_claim(
        user=user,
        op=op,
        kind=client_ops.CHECKIN,
        day=day,
        current=lambda: client_ops.checkin_base(_checkin_of(user=user, day=day)),
    )
    saved = Checkin(pain, notes, leg_symptoms)
    answers = saved._asdict()
    if _checkin_update(user=user, day=day, saved=saved):
        return saved
    # The day's first write: its entry, with the day's planned count (a new entry is a normal day),
    # from the plan and the two weeks of ticks (no row is built: the window's days are not needed).
    status = screen_status(user=user) if status is None else status
    read = DayRead.of(user=user, day=day, status=status, window=False)
    planned = _due(day=day, plan=read.plan, exercises=read.exercises, ticks=read.ticks)
    Entry.objects.create(user=user, date=day, planned=planned, **answers)
    return saved


@transaction.atomic
def tick_record(
    *,
    user,
    day,
    exercise,
    pain_during=None,
    effort="",
    full_dose=True,
    spread=None,
    add=False,
    op=None,
    kind=client_ops.TICK,
    status=None,
    window=True,
):
    """Mark an exercise done on a day. Idempotent: a repeated tick updates the detail, never duplicates.

    `add` (a times-a-day level's tap): one more time on the day's one tick, which starts at 1.
    `op` (journal/client_ops.py): the write's operation id and base, recorded once as `kind`;
    a replay or a conflict changes nothing (OpReplayed, OpConflict, OpTaken). `status`: the safety
    screen's (request.safety.status; read when not given). An exercise not planned that day at that
    level raises NotPlanned, a new session of a paused one ExercisePaused (nothing changed).
    `window=False`: the answer builds no row, so the DayRead holds two weeks of days (DayRead.of).

    Returns (the tick as a DoneTick, whether it is new, the DayRead after the write). Every write of
    the user's is serialised first (diary_version.write_begins: the user row's lock, or on SQLite the
    transaction's own write lock), so the day is read after it, in this transaction, and written
    from what was read: a double tap waits for the first and finds its tick (the unique constraints
    stay as the last guard). No savepoint: nothing here is expected
    to fail.
    """
    diary_version.write_begins(user)
    status = screen_status(user=user) if status is None else status
    read = DayRead.of(user=user, day=day, status=status, window=window)
    if not any(planned.pk == exercise.pk for planned in read.exercises):
        raise NotPlanned
    current = read.tick_of(exercise)
    _op_claim_on(
        read,
        user=user,
        op=op,
        kind=kind,
        day=day,
        current=lambda: client_ops.current_base(op.base[0], tick=current),
    )
    item = None  # the active plan item at the exercise, found only when needed
    if current is None:
        item = read.item_at(exercise)
        if item is not None and item.paused_on is not None and day > item.paused_on:
            # Paused after severe pain: no new session of it (its day's own tick may still be corrected).
            raise ExercisePaused
        if read.entry_pk is None:
            planned = _due(day=day, plan=read.plan, exercises=read.exercises, ticks=read.ticks)
            read.entry_made(Entry.objects.create(user=user, date=day, planned=planned))
        tick = DoneTick(day, pain_during, effort or "", full_dose, spread, exercise.pk, 1)
        counted = read.put(exercise, tick, ticked=1)
        _tick_insert(
            Tick(
                entry_id=read.entry_pk,
                exercise=exercise,
                pain_during=pain_during,
                effort=effort or "",
                full_dose=full_dose,
                spread=spread,
                # In the INSERT it makes anyway: the database adds it to the day's done (journal/0019).
                counted=counted,
            )
        )
        before = None
    else:
        before = current.pain_during
        changed = {}
        if pain_during is not None and current.pain_during != pain_during:
            changed["pain_during"] = pain_during
        if effort and current.effort != effort:
            changed["effort"] = effort
        if current.full_dose != full_dose:
            changed["full_dose"] = full_dose
        if spread is not None and current.spread != spread:
            changed["spread"] = spread
        tick = current._replace(**changed, times=current.times + 1 if add else current.times)
        if add:
            changed["times"] = F("times") + 1
        if changed:
            # A time more may complete it: its `counted` in the same UPDATE (journal/0019).
            changed["counted"] = read.put(exercise, tick)
            Tick.objects.filter(entry_id=read.entry_pk, exercise=exercise).update(**changed)
    if tick.pain_during != before:  # a session without a score never starts or ends a pause
        item = item or read.item_at(exercise)
        if item is not None and suggestions.score_may_move_pause(
            paused=item.paused_on is not None, before=before, after=tick.pain_during
        ):
            _pause_refresh(user=user, item=item, read=read)
    return tick, current is None, read


def _tick_insert(tick):
    """INSERT `tick` (a new, unsaved Tick) as `tick.save()` would, its values prepared by its fields
    as the ORM prepares them (`pre_save`: `created_at`; `get_db_prep_save`), in SQL built once a
    process (`_tick_insert_sql`). Measured in process (CPU a call): `Tick.objects.create` 0.15 ms,
    most of it the ORM's save machinery and its INSERT compile, for a 0.05 ms statement; this about
    0.06 ms, on every new tick. Nothing listens to a Tick's save (no signal), the database's
    triggers see the same INSERT (journal/0013, journal/0019), and the caller needs no pk.
    tests/journal/test_compiled_writes.py compares the row with the ORM's."""
    sql, fields = _tick_insert_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [f.get_db_prep_save(f.pre_save(tick, True), connection) for f in fields])


@cache
def _tick_insert_sql():
    """(SQL, fields) of a tick's INSERT: every concrete field but the pk, from the model's own table
    and column names."""
    fields = [f for f in Tick._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join("%s" for _ in fields)
    return f"INSERT INTO {table(Tick)} ({columns}) VALUES ({placeholders})", fields


@transaction.atomic
def tick_remove(*, user, day, exercise, one=False, op=None, status=None, window=True):
    """Mark an exercise not done on a day: returns (how many ticks went, the DayRead after it).

    With `one` (a times-a-day level's undo) one time goes, the tick only with its last one; then it
    returns the times left. `op`, `status`, `window`: as for `tick_record`, read the same way.
    """
    diary_version.write_begins(user)
    status = screen_status(user=user) if status is None else status
    read = DayRead.of(user=user, day=day, status=status, window=window)
    current = read.tick_of(exercise)
    _op_claim_on(
        read,
        user=user,
        op=op,
        kind=client_ops.UNDO_ONE if one else client_ops.UNTICK,
        day=day,
        current=lambda: client_ops.times_base(current),
    )
    if current is None:
        return 0, read
    ticks = Tick.objects.filter(entry_id=read.entry_pk, exercise=exercise)
    if one and current.times > 1:
        # A time less may leave it short of its times: its `counted` in the same UPDATE.
        counted = read.put(exercise, current._replace(times=current.times - 1))
        ticks.update(times=F("times") - 1, counted=counted)
        return current.times - 1, read
    ticks.delete()  # the database takes a counted tick off the day's done (journal/0019)
    read.put(exercise, None, ticked=-1)
    if current.pain_during is not None:  # only a scored session can start or end a pause
        item = read.item_at(exercise)
        if item is not None and suggestions.score_may_move_pause(
            paused=item.paused_on is not None, before=current.pain_during, after=None
        ):
            _pause_refresh(user=user, item=item, read=read)
    return (0 if one else 1), read


@transaction.atomic
def day_type_set(*, user, day, day_type):
    diary_version.changed(user)
    entry = _entry_for(user=user, day=day)
    entry.day_type = day_type
    count = day_count(user=user, day=day, day_type=day_type)
    entry.planned = count.due
    entry.save(update_fields=["day_type", "planned", "updated_at"])
    # A rest day counts nothing done; a rough day only the gentle set's.
    _counted_set(entry_pk=entry.pk, count=count)
    entry.done = count.done
    return entry


@transaction.atomic
def level_change_make(*, plan_item, to_exercise, direction, suggestion, today, from_exercise_id=None):
    """Move a plan item to another level of its progression and keep the record with its rule.

    The new level starts at its first dose step (the low end of every range), up or back: a step
    back lands at the start of the lower level, never at the top of its ranges.

    `from_exercise_id`: the level the decision was made on; when the item has moved since (a second
    Accept of the same suggestion, a concurrent request) nothing changes and None is returned.
    """
    diary_version.changed(plan_item.user_id)
    item = PlanItem.objects.select_for_update().get(pk=plan_item.pk)
    if to_exercise.progression_id != item.progression_id or to_exercise.pk == item.exercise_id:
        return None
    if from_exercise_id is not None and item.exercise_id != from_exercise_id:
        return None
    change = LevelChange.objects.create(
        user=item.user,
        plan_item=item,
        from_exercise_id=item.exercise_id,
        to_exercise=to_exercise,
        direction=direction,
        rule=suggestion.rule,
        values=suggestion.values,
        reason=suggestion.reason,
    )
    item.exercise = to_exercise
    item.since = today
    item.dose_step = 0
    item.dose_since = None
    # A new level ends a pause after severe pain: its sessions count from today (a level above a
    # paused one is refused before this, journal/views/plan.py).
    item.paused_on, item.pause_values = None, {}
    item.save(update_fields=["exercise", "since", "dose_step", "dose_since", "paused_on", "pause_values"])
    if item.active:
        _period_start(item=item, exercise=to_exercise, day=today)
    Dismissal.objects.filter(plan_item=item).delete()
    _refresh_planned(user=item.user, day=today)
    return change


@transaction.atomic
def dose_step_make(*, plan_item, suggestion, today, from_exercise_id, from_step):
    """Move a plan item one dose step up inside its level and keep the record with its rule (a
    `LevelChange` with the same exercise on both sides and the steps in its values).

    The decision was made on `from_exercise_id` at `from_step`; when the item has moved since (a
    second Accept, a concurrent request), or the step is not the next one of the level, nothing
    changes and None is returned. Evidence for the following step starts today (`dose_since`).
    """
    diary_version.changed(plan_item.user_id)
    item = PlanItem.objects.select_for_update().select_related("exercise").get(pk=plan_item.pk)
    to_step = suggestion.values.get("to_step")
    if item.exercise_id != from_exercise_id or item.dose_step != from_step:
        return None
    if to_step != from_step + 1 or to_step > dose.top_step(item.exercise):
        return None
    change = LevelChange.objects.create(
        user=item.user,
        plan_item=item,
        from_exercise_id=item.exercise_id,
        to_exercise_id=item.exercise_id,
        direction=LevelChange.Direction.DOSE,
        rule=suggestion.rule,
        values=suggestion.values,
        reason=suggestion.reason,
    )
    item.dose_step = to_step
    item.dose_since = today
    item.save(update_fields=["dose_step", "dose_since"])
    Dismissal.objects.filter(plan_item=item).delete()
    return change


@transaction.atomic
def pause_resume(*, user, plan_item, today):
    """ "I have talked to a clinician, go on": the paused item may be done again, and only its
    sessions after the one that began the pause count for a new one. Kept as a `LevelChange`
    (direction RESUME) for the report. None when it was not paused (a second POST, a stale page)."""
    diary_version.changed(user)
    item = PlanItem.objects.select_for_update().select_related("exercise").get(pk=plan_item.pk)
    if item.paused_on is None:
        return None
    values = {
        "date": today.isoformat(),
        "paused_on": item.paused_on.isoformat(),
        "exercise": item.exercise.name,
    }
    change = LevelChange.objects.create(
        user_id=item.user_id,
        plan_item=item,
        from_exercise_id=item.exercise_id,
        to_exercise_id=item.exercise_id,
        direction=LevelChange.Direction.RESUME,
        rule=LevelChange.Rule.RESUME,
        values=values,
        reason=suggestions.describe(LevelChange.Rule.RESUME, values),
    )
    item.resumed_through = item.paused_on
    item.paused_on, item.pause_values = None, {}
    item.save(update_fields=["resumed_through", "paused_on", "pause_values"])
    _refresh_planned(user=user, day=today)
    return change


@transaction.atomic
def suggestion_dismiss(*, user, plan_item, kind, today):
    """ "Not now": snooze the suggestion (a step back's snooze also pauses that item's level-ups)."""
    diary_version.changed(user)
    Dismissal.objects.update_or_create(
        user=user, plan_item=plan_item, kind=kind, defaults={"until": snooze_until(kind, today)}
    )


@transaction.atomic
def plan_set_level(*, user, progression, exercise, today):
    """Add a progression to the plan at a level, or move it there; re-activates a removed one."""
    diary_version.changed(user)
    item = PlanItem.objects.filter(user=user, progression=progression).first()
    if item is None:
        item = PlanItem.objects.create(user=user, progression=progression, exercise=exercise, since=today)
        _period_start(item=item, exercise=exercise, day=today)
    else:
        if not item.active:
            item.active = True
            item.save(update_fields=["active"])
            _period_start(item=item, exercise=item.exercise, day=today)
        if item.exercise_id != exercise.pk:
            level_change_make(
                plan_item=item,
                to_exercise=exercise,
                direction=LevelChange.Direction.MANUAL,
                suggestion=Suggestion(Kind.UP, LevelChange.Rule.MANUAL, {"level": exercise.level}),
                today=today,
            )
    _refresh_planned(user=user, day=today)
    return item


@transaction.atomic
def plan_remove(*, user, progression, today):
    diary_version.changed(user)
    for item in PlanItem.objects.filter(user=user, progression=progression, active=True):
        _period_end(item=item, day=today)
    PlanItem.objects.filter(user=user, progression=progression).update(active=False)
    _refresh_planned(user=user, day=today)


@transaction.atomic
def account_delete(*, user):
    """Delete a user and everything they own: rows (by cascade), sessions, login-throttle records
    and the results cached under their keys (journal/cache_keys.py: those it can name; the rest
    expire within a day and no other account can reach them, having another epoch)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from backcare.models import User, UserSession

    # The versions as stored (this request may have written since it read the user).
    screen_version, psfs_version = User.objects.filter(pk=user.pk).values_list(
        "screen_version", "psfs_version"
    ).first() or (0, 0)
    UserSession.objects.filter(user_id=user.pk).delete()  # by its index: no session is decoded
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=user.get_username()).delete()
    cache_keys.forget(
        user,
        screen_version=screen_version,
        psfs_version=psfs_version,
        today=user.local_today(),
        library_version=catalog.catalog().version,
    )
    user.delete()


@transaction.atomic
def safety_screen_record(*, user, today, answers):
    """Store a finished screen as a new row; unless it holds the plan, the starter plan starts.

    A clinician's OK of the previous screen carries over when the new answers repeat what it
    cleared (safety.carried_clearance). With a see-soon outcome the starter plan is made too: the
    pages show only its gentle set until an OK is recorded.
    """
    from journal import safety
    from journal.models import SafetyScreen

    diary_version.changed(user)

    previous = SafetyScreen.objects.filter(user=user).first()
    cleared_on = safety.carried_clearance(previous, answers)
    screen = SafetyScreen.objects.create(
        user=user,
        taken_on=today,
        answers=answers,
        outcome=safety.screen_outcome(answers),
        cleared_on=cleared_on,
        cleared_note=previous.cleared_note if cleared_on else "",
    )
    if not safety.screen_status(screen, today).blocks_plan:
        plan_create_starter(user=user, today=today)
    return screen


@transaction.atomic
def safety_clearance_record(*, user, screen, cleared_on, note, today):
    """Keep a clinician's OK on the screen it answers, and give the plan back."""
    diary_version.changed(user)
    screen.cleared_on = cleared_on
    screen.cleared_note = note
    screen.save(update_fields=["cleared_on", "cleared_note"])
    plan_create_starter(user=user, today=today)
    return screen


@transaction.atomic
def safety_alert_acknowledge(*, user, kind, first_day):
    """The user has read a warning banner (its kind, from its first day): it shows no more."""
    from journal.models import SafetyAlert

    diary_version.changed(user)
    return SafetyAlert.objects.get_or_create(user=user, kind=kind, first_day=first_day)[0]


def _note_put_away(*, user, kind, until):
    """Put one of Today's advice notes away until `until`: it comes back then if it still holds."""
    diary_version.changed(user)
    Dismissal.objects.update_or_create(user=user, plan_item=None, kind=kind, defaults={"until": until})


@transaction.atomic
def see_clinician_put_away(*, user, today):
    """Put the "time to see a clinician" note away for 14 days: it comes back then if it still holds."""
    until = today + timedelta(days=safety.SEE_CLINICIAN_PUT_AWAY_DAYS)
    _note_put_away(user=user, kind=Dismissal.Kind.SEE_CLINICIAN, until=until)


@transaction.atomic
def rescreen_put_away(*, user, today):
    """Put the four-weekly re-screen reminder away for 7 days: it comes back then if still due."""
    _note_put_away(
        user=user, kind=Dismissal.Kind.RESCREEN, until=today + timedelta(days=safety.RESCREEN_PUT_AWAY_DAYS)
    )


@transaction.atomic
def days_delete(*, user, dates):
    """Delete the user's days on `dates`, with their ticks; returns how many days went."""
    diary_version.changed(user)
    return Entry.objects.filter(user=user, date__in=dates).delete()[1].get("journal.Entry", 0)


class PsfsError(ValueError):
    """A PSFS round that breaks the scale's rules: nothing was saved; the message says why."""


@transaction.atomic
def psfs_record(*, user, today, ratings, retire=(), new=()):
    """Save today's PSFS round: `ratings` {activity id: 0-10} of the user's active activities,
    `retire` the ids of activities no longer followed, `new` (name, rating) of activities named
    today. At most psfs.MAX_ACTIVITIES stay active. A second round the same day replaces the
    first (and a skip of that day). Returns the round.
    """
    from journal import psfs
    from journal.models import PsfsActivity, PsfsRating, PsfsRound

    diary_version.changed(user)

    active = {
        a.pk: a for a in PsfsActivity.objects.select_for_update().filter(user=user, retired_on__isnull=True)
    }
    unknown = (set(ratings) | set(retire)) - set(active)
    if unknown:
        raise PsfsError(_("That activity is not one of yours."))
    if len(active) - len(set(retire)) + len(new) > psfs.MAX_ACTIVITIES:
        raise PsfsError(
            _("Follow at most %(count)s activities: retire one before adding another.")
            % {"count": psfs.MAX_ACTIVITIES}
        )
    values = [*ratings.values(), *(rating for _name, rating in new)]
    if any(not psfs.RATING_MIN <= v <= psfs.RATING_MAX for v in values):
        raise PsfsError(_("Each rating is a whole number from 0 to 10."))
    if not values:
        raise PsfsError(_("Rate at least one activity."))
    for name, _rating in new:
        if not name.strip() or len(name) > psfs.NAME_MAX:
            raise PsfsError(
                _("Each activity needs a name of 1 to %(max)s characters.") % {"max": psfs.NAME_MAX}
            )
    round_, _created = PsfsRound.objects.get_or_create(user=user, taken_on=today)
    if round_.skipped:
        round_.skipped = False
        round_.save(update_fields=["skipped"])
    round_.ratings.all().delete()
    if retire:
        PsfsActivity.objects.filter(pk__in=set(retire)).update(retired_on=today)
    added = PsfsActivity.objects.bulk_create(
        [PsfsActivity(user=user, name=name.strip(), added_on=today) for name, _ in new]
    )
    PsfsRating.objects.bulk_create(
        [
            PsfsRating(round=round_, activity_id=pk, rating=rating)
            for pk, rating in ratings.items()
            if pk not in retire
        ]
        + [
            PsfsRating(round=round_, activity=activity, rating=rating)
            for activity, (_, rating) in zip(added, new, strict=True)
        ]
    )
    return round_


@transaction.atomic
def psfs_skip(*, user, today):
    """Skip today's PSFS ask: a round without ratings, so the next ask comes 14 days later.
    A round already saved today stays as it is."""
    from journal.models import PsfsRound

    diary_version.changed(user)
    return PsfsRound.objects.get_or_create(user=user, taken_on=today, defaults={"skipped": True})[0]


# --- the start (journal/views/start.py, docs/starter-plan.md) ----------------------------------


@transaction.atomic
def start_begin(*, user, today):
    """A new account goes through the start: its answers' row, open until the last screen."""
    from journal.models import StartAnswers

    diary_version.changed(user)
    return StartAnswers.objects.get_or_create(user=user, defaults={"started_on": today})[0]


class StartClosed(Exception):
    """The start is finished (or was never begun): nothing was changed."""


def _open_start(user):
    from journal.models import StartAnswers

    answers = StartAnswers.objects.select_for_update().filter(user=user, finished_on__isnull=True).first()
    if answers is None:
        raise StartClosed
    return answers


@transaction.atomic
def start_answer(*, user, step, values, today):
    """Keep one screen's answers (`values`: field -> value; a skipped screen gives each field its
    empty value) and that the person has reached the screen after `step` (its index)."""
    diary_version.changed(user)
    answers = _open_start(user)
    for name, value in values.items():
        setattr(answers, name, value)
    answers.reached = max(answers.reached, step + 1)
    answers.save(update_fields=[*values, "reached"])
    return answers


@transaction.atomic
def start_activities(*, user, step, activities, today):
    """The activities to get back to, `[(name, rating 0-10)]` (empty: skipped), kept as the first PSFS
    round. Answered again (after Back), the activities the start named before are replaced."""
    from journal.models import PsfsActivity, PsfsRound

    diary_version.changed(user)
    answers = _open_start(user)
    before = answers.activities or []
    if before:
        PsfsActivity.objects.filter(user=user, name__in=before, added_on__gte=answers.started_on).delete()
        PsfsRound.objects.filter(user=user, taken_on__gte=answers.started_on, ratings__isnull=True).delete()
    if activities:
        psfs_record(user=user, today=today, ratings={}, new=activities)
    answers.activities = [name for name, _ in activities] or None
    answers.reached = max(answers.reached, step + 1)
    answers.save(update_fields=["activities", "reached"])
    return answers


@transaction.atomic
def start_finish(*, user, today):
    """The start's last screen: the answers are kept as they are and the starter plan is built from
    them, unless the safety screen holds the plan (then the clinician's OK builds it,
    `safety_clearance_record`). Returns the answers."""
    diary_version.changed(user)
    answers = _open_start(user)
    answers.finished_on = today
    answers.save(update_fields=["finished_on"])
    if not screen_status(user=user).blocks_plan:
        plan_create_starter(user=user, today=today)
    return answers


@transaction.atomic
def start_answers_update(*, user, values):
    """The start's answers changed in Settings (`values`: StartAnswers field -> value). The plan is
    not touched: "Rebuild my plan from these answers" (`plan_rebuild_from_start`) does that."""
    from journal.models import StartAnswers

    diary_version.changed(user)
    return StartAnswers.objects.filter(user=user, finished_on__isnull=False).update(**values)


@transaction.atomic
def plan_rebuild_from_start(*, user, today):
    """Replace the plan with the one the start's answers give now (journal/starter.py:
    `rebuilt_plan`): each family through `plan_set_level` / `plan_remove`, so the plan's periods and
    its history of changes stay right. Returns the `starter.Rebuilt`, or None when there is nothing
    to build from (no finished answers) or the safety screen holds the plan."""
    from journal import starter
    from journal.models import StartAnswers

    diary_version.changed(user)
    answers = StartAnswers.objects.filter(user=user, finished_on__isnull=False).first()
    status = screen_status(user=user)
    if answers is None or status.blocks_plan:
        return None
    now = [
        catalog.exercise(pk)
        for pk in PlanItem.objects.filter(user=user, active=True).values_list("exercise_id", flat=True)
    ]
    current = {level.progression.slug: level for level in now}
    rebuilt = starter.rebuilt_plan(answers, catalog.catalog().exercises.values(), status, current)
    for slug in rebuilt.removed:
        plan_remove(user=user, progression=current[slug].progression, today=today)
    for planned in rebuilt.items:
        level = planned.level
        item = plan_set_level(user=user, progression=level.progression, exercise=level, today=today)
        if planned.dose_step is not None and item.dose_step != planned.dose_step:
            PlanItem.objects.filter(pk=item.pk).update(dose_step=planned.dose_step)
    return rebuilt


# --- share links (journal/sharing.py) -----------------------------------------------------------


def share_link_create(*, user, display_name, days, show_notes, show_safety, now):
    """A new link to the user's report, working for `days` days from `now`: (link, token). The
    token is returned once and never stored, only its fingerprint."""
    token = sharing.new_token()
    link = ShareLink.objects.create(
        user=user,
        token_hash=sharing.fingerprint(token),
        display_name=display_name,
        show_notes=show_notes,
        show_safety=show_safety,
        expires_at=sharing.expiry(now, days),
    )
    return link, token


def share_link_revoke(*, user, pk, now):
    """Withdraw one of the user's links (again: nothing changes); the number of links withdrawn now."""
    return ShareLink.objects.filter(user=user, pk=pk, revoked_at__isnull=True).update(revoked_at=now)


def share_view_record(*, link):
    """One opening of a link, for its owner's list."""
    return ShareView.objects.create(link=link)


# --- retention (manage.py prune) -----------------------------------------------------------------

PRUNE_BATCH = 1000


def _prune(model, field, cutoff, batch):
    """Delete `model`'s rows whose `field` is before `cutoff`, `batch` rows a transaction.

    Rows are taken in primary-key order: ids grow with the creation time these fields record, so the
    old rows are the first ones and each batch reads about `batch` rows through the primary key,
    with no index on the time of its own; a batch shorter than `batch` is the last."""
    total = 0
    while True:
        with transaction.atomic():
            ids = list(
                model.objects.filter(**{f"{field}__lt": cutoff})
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if ids:
                total += model._base_manager.filter(pk__in=ids).delete()[0]
        if len(ids) < batch:
            return total


def old_rows_prune(*, now, batch=PRUNE_BATCH):
    """Delete the rows kept only for a while, everyone's at once: client operations older than
    `client_ops.KEEP_DAYS` (a replay older than that is caught by its base, docs/offline.md) and
    openings of share links older than `sharing.VIEWS_KEEP_DAYS`. The diary version stays: neither
    is shown on a page kept under it. Returns how many of each went."""
    return {
        "client_operations": _prune(
            ClientOperation, "created_at", now - timedelta(days=client_ops.KEEP_DAYS), batch
        ),
        "share_views": _prune(ShareView, "viewed_at", now - timedelta(days=sharing.VIEWS_KEEP_DAYS), batch),
    }
