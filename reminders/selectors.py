"""Reads of the reminders app. Every query starts from the user, except the sender's own."""

from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from backcare.sql import column, column_converters, converted, table
from exercises import catalog
from exercises.library import not_on_a_flare_day
from journal import pain, plan_periods, safety, schedule, suggestions
from journal import selectors as journal
from journal.history_numbers import Day
from journal.models import Entry, PlanItem, PlanPeriod, SafetyScreen, Tick
from journal.suggestions import DoneTick
from reminders import content
from reminders.models import CalendarFeed, Delivery, PushSubscription, Reminder


def reminder_for(user):
    """The user's reminder settings: their row, or an unsaved one with the defaults (off). One query."""
    # A slice, not .first(): no ORDER BY to build (0.24 against 0.35 ms, /settings/ is measured).
    found = next(iter(Reminder.objects.filter(user_id=user.pk)[:1]), None)
    if found is None:
        return Reminder(user=user)
    found.user = user  # the request's user: reading it again would cost a query
    return found


def reminder_of(user_id):
    """The reminder row of a user id from a signed link, with its user, or None."""
    return Reminder.objects.select_related("user").filter(user_id=user_id).first()


def enabled_reminders():
    """Every switched-on reminder with its user (the zone), for the sender."""
    return Reminder.objects.filter(enabled=True).select_related("user").order_by("pk")


def recorded(*, since):
    """{(user id, day, channel)} of the deliveries for days from `since` on: what no run claims again."""
    return set(Delivery.objects.filter(day__gte=since).values_list("user_id", "day", "channel"))


def retry_rows(*, now, oldest):
    """Deliveries waiting to retry (a mail server that could not be reached), due between `oldest`
    and `now`."""
    return Delivery.objects.filter(status=Delivery.Status.RETRY, due_at__gte=oldest, due_at__lte=now)


class _Screen(NamedTuple):
    """What `safety.screen_status` reads of a user's latest safety screen."""

    outcome: str
    taken_on: date
    cleared_on: date | None
    answers: dict


def _latest_screens(user_ids):
    """{user id: `_Screen`} of each user's latest safety screen (the users without one are left
    out). One query, over the (user, -created_at) index."""
    rows = (
        SafetyScreen.objects.filter(user_id__in=user_ids)
        .order_by("user_id", "-created_at")
        .values_list("user_id", "outcome", "taken_on", "cleared_on", "answers")
    )
    found = {}
    for user_id, outcome, taken_on, cleared_on, answers in rows:
        found.setdefault(user_id, _Screen(outcome, taken_on, cleared_on, answers or {}))
    return found


def _days_by_user(user_ids, *, first, last):
    """{user id: [`history.Day`, newest first]} of the users' days from `first` to `last` (date,
    pain, type, leg answer). One query, over the (user, date) unique constraint's index."""
    rows = (
        Entry.objects.filter(user_id__in=user_ids, date__gte=first, date__lte=last)
        .order_by("user_id", "-date")
        .values_list("user_id", "date", "pain", "day_type", "leg_symptoms")
    )
    found = defaultdict(list)
    for user_id, day, score, day_type, leg in rows:
        found[user_id].append(Day(day, score, day_type, leg_symptoms=leg))
    return found


def _ticks_by_user(user_ids, *, first, last):
    """{user id: [`suggestions.DoneTick`]} of the users' ticks from `first` to `last`, in no
    particular order, as `journal.selectors.recent_ticks` reads one user's. One query."""
    rows = (
        Tick.objects.filter(entry__user_id__in=user_ids, entry__date__gte=first, entry__date__lte=last)
        .order_by()
        .values_list("entry__user_id", "entry__date", *DoneTick._fields[1:])
    )
    found = defaultdict(list)
    for user_id, *tick in rows:
        found[user_id].append(DoneTick(*tick))
    return found


def _plans_by_user(*, active_for, past_for):
    """{user id: exercise ids} of today's plan (the active plan items) for the users in
    `active_for`, and {user id: [plan period rows]} for the users in `past_for`, whose day is
    another (its plan is the plan as it was that day, journal/plan_periods.py). One query each,
    none for an empty set."""
    active = defaultdict(list)
    if active_for:
        rows = PlanItem.objects.filter(user_id__in=active_for, active=True).order_by()
        for user_id, exercise_id in rows.values_list("user_id", "exercise_id"):
            active[user_id].append(exercise_id)
    periods = defaultdict(list)
    if past_for:
        rows = PlanPeriod.objects.filter(user_id__in=past_for).order_by()
        for user_id, *period in rows.values_list("user_id", "plan_item_id", "exercise_id", "start", "end"):
            periods[user_id].append(period)
    return active, periods


def _in_plan_order(exercise_ids, status):
    """The library's exercises of these ids in plan order (`journal.selectors.active_plan`), less
    those the safety answers rule out (`journal.selectors.day_plan`)."""
    exercises = sorted(
        (catalog.exercise(pk) for pk in exercise_ids),
        key=lambda ex: journal.plan_order(ex.progression),
    )
    return [ex for ex in exercises if journal.allowed(ex, status)]


def _to_do(exercises, *, day, ticks):
    """(exercises due and not yet done, done, due) of a day's planned exercises."""
    statuses = schedule.statuses(exercises, day=day, ticks=ticks, family_of=journal.family_of)
    done, due, _ = schedule.done_of_due(statuses)
    return [ex for ex, s in zip(exercises, statuses, strict=True) if s.due and not s.done], done, due


def day_states(pairs):
    """{(user id, day): `content.DayState`} for (user, day) pairs: what each day's reminder needs
    to know of it (reminders/content.py), the safety screen, the kind of day, the check-in, a sign
    to take it carefully and the exercises due and not done.

    Set-based, for the sender's batches (reminders/sender.py): at most five queries whatever the
    number of pairs (the screens; the days and the ticks of the users whose plan is not held;
    today's plans; past days' plans), each with the users' ids in one IN list, so a pair list is
    kept to a few hundred users. A careful, rest, rough or gentle-only day reads no plan.
    """
    states = {}
    screens = _latest_screens({user.pk for user, _ in pairs})
    open_pairs = []
    for user, day in pairs:
        status = safety.screen_status(screens.get(user.pk), day)
        if status.needs_screen:
            states[user.pk, day] = content.DayState(needs_screen=True)
        elif status.blocks_plan:
            states[user.pk, day] = content.DayState(held=True)
        else:
            open_pairs.append((user, day, status))
    if not open_pairs:
        return states
    ids = {user.pk for user, _, _ in open_pairs}
    first, last = min(day for _, day, _ in open_pairs), max(day for _, day, _ in open_pairs)
    days_of = _days_by_user(ids, first=first - timedelta(days=pain.WINDOW_DAYS), last=last)
    ticks_of = _ticks_by_user(ids, first=journal.ticks_from(first), last=last)
    planned = []  # (user, day, status, the state so far, day type): the plan to read
    for user, day, status in open_pairs:
        # The week before the day and the day: the usual pain before it (a flare), a leg-symptom
        # run reaching it.
        days = [d for d in days_of[user.pk] if day - timedelta(days=pain.WINDOW_DAYS) <= d.date <= day]
        ticks = [t for t in ticks_of[user.pk] if journal.ticks_from(day) <= t.date <= day]
        entry = next((d for d in days if d.date == day), None)
        day_type, score = (entry.day_type, entry.pain) if entry else (Entry.DayType.NORMAL, None)
        sign = content.careful_sign(days, day, suggestions.spread_days(ticks))
        state = {"gentle_only": status.gentle_only, "day_type": day_type, "checked_in": score is not None}
        if sign is not None and day_type != Entry.DayType.REST:
            # The rough-day set (or the gentle set while a see-soon answer waits), never the plan.
            _, exercises = journal.day_plan(user=user, day_type=Entry.DayType.ROUGH, status=status, day=day)
            gentle, _, _ = _to_do(exercises, day=day, ticks=ticks)
            states[user.pk, day] = content.DayState(
                **state,
                sign=sign,
                gentle_to_do=tuple(ex.name for ex in gentle),
                not_on_a_flare_day=frozenset(ex.name for ex in gentle if not_on_a_flare_day(ex.cautions)),
            )
        elif day_type == Entry.DayType.REST or status.gentle_only or day_type == Entry.DayType.ROUGH:
            # No plan read: `journal.selectors.day_plan` plans nothing or a set from the library.
            _, exercises = journal.day_plan(user=user, day_type=day_type, status=status, day=day)
            states[user.pk, day] = _plan_state(state, exercises, day=day, ticks=ticks)
        else:
            planned.append((user, day, status, state, ticks))
    today = {(user.pk, day): day == user.local_today() for user, day, *_ in planned}
    active, periods = _plans_by_user(
        active_for={key[0] for key, is_today in today.items() if is_today},
        past_for={key[0] for key, is_today in today.items() if not is_today},
    )
    for user, day, status, state, ticks in planned:
        if today[user.pk, day]:
            ids = active[user.pk]
        else:
            ids = [period.exercise_id for period in plan_periods.periods_on(periods[user.pk], day)]
        states[user.pk, day] = _plan_state(state, _in_plan_order(ids, status), day=day, ticks=ticks)
    return states


def _plan_state(state, exercises, *, day, ticks):
    to_do, done, due = _to_do(exercises, day=day, ticks=ticks)
    return content.DayState(**state, to_do=tuple(ex.name for ex in to_do), done=done, due=due)


def day_state(*, user, day):
    """The `content.DayState` of one user's day (`day_states` for one pair): four queries (screen,
    the week's days, the ticks, the plan); three on a careful, rest, rough or gentle-only day, one
    when the screen is missing or holds the plan."""
    return day_states([(user, day)])[user.pk, day]


def export(*, user):
    """The user's reminder records as plain values (the JSON export): four queries. Secrets (the
    calendar token's fingerprint, the push keys) are left out."""
    return {
        "settings": list(
            Reminder.objects.filter(user=user).values(
                "enabled",
                "at",
                "weekdays",
                "email_on",
                "calendar_on",
                "push_on",
                "email",
                "email_confirmed_at",
                "updated_at",
            )
        ),
        "deliveries": list(
            Delivery.objects.filter(user=user)
            .order_by("day", "channel")
            .values("day", "channel", "status", "due_at", "finished_at", "attempts", "detail")
        ),
        "calendar_feeds": list(CalendarFeed.objects.filter(user=user).values("created_at")),
        "push_subscriptions": list(
            PushSubscription.objects.filter(user=user)
            .order_by("created_at")
            .values("endpoint", "created_at", "last_sent_at")
        ),
    }


def days_from(today):
    """The first local day the sender reads deliveries for: a zone's yesterday is at most two UTC
    days back (UTC-12 against UTC+14)."""
    return today - timedelta(days=2)


def channel_devices(*, user):
    """What the settings page shows of the calendar and push channels, in one query: when the
    calendar link was made (None: no link) and on how many browsers push is on."""
    devices = (
        PushSubscription.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            feed_since=Subquery(CalendarFeed.objects.filter(user=OuterRef("pk")).values("created_at")[:1]),
            push_devices=Coalesce(Subquery(devices, output_field=IntegerField()), Value(0)),
        )
        .values("feed_since", "push_devices")
        .get()
    )


class SettingsReads(NamedTuple):
    """What the settings page's reminders section shows (reminders/settings_sections.py)."""

    reminder: Reminder  # the user's row, or an unsaved one with the defaults (as reminder_for)
    channels: dict  # {"feed_since": when the calendar link was made or None, "push_devices": n}


# The reminder's columns, read through the user's row (an unsaved Reminder when they are NULL).
_REMINDER_COLUMNS = tuple(field.attname for field in Reminder._meta.concrete_fields)


def settings_reads(*, user):
    """The reminder row and the calendar and push channels of `user`, in one query: the user's row
    LEFT JOINed to the reminder, the calendar link and the push subscriptions, a row a subscription
    (a person has a few), counted here. reminder_for and channel_devices read the same in two
    queries (1.09 ms against 0.39 ms in process, without an aggregate or subqueries to build).

    Hand-written like journal/selectors.py's `snoozed` (`_settings_sql`), the SQL built once a
    process: through the ORM (`values_list` over three joined relations) 0.40 ms CPU a call in
    process, all but 0.03 ms of it building and compiling the SELECT. The values go through the
    fields' own converters (`backcare.sql.column_converters`: the time, the datetimes made
    aware), so the rows are the ORM's (tests/reminders/test_settings.py compares them)."""
    with connection.cursor() as cursor:
        cursor.execute(_settings_sql(), [user.pk])
        rows = cursor.fetchall()
    converters = _settings_converters()
    first = converted(rows[0], converters)
    columns = first[: len(_REMINDER_COLUMNS)]
    if columns[0] is None:
        reminder = Reminder(user=user)
    else:
        reminder = Reminder.from_db(connection.alias, _REMINDER_COLUMNS, columns)
        reminder.user = user  # the request's user: reading it again would cost a query
    channels = {
        "feed_since": first[-2],
        "push_devices": sum(1 for row in rows if row[-1] is not None),
    }
    return SettingsReads(reminder, channels)


@cache
def _settings_converters():
    """`backcare.sql.column_converters` of `_settings_sql`'s columns, in its order."""
    return (
        *column_converters(Reminder, _REMINDER_COLUMNS),
        *column_converters(CalendarFeed, ["created_at"]),
        *column_converters(PushSubscription, ["id"]),
    )


@cache
def _settings_sql():
    """The SQL of `settings_reads`, from the models' own table and column names: the user's row, as
    the ORM's `values_list` through the three relations writes it."""
    user_model = get_user_model()
    user, reminder, feed, push = (
        table(model) for model in (user_model, Reminder, CalendarFeed, PushSubscription)
    )
    user_id = f"u.{column(user_model, 'id')}"
    columns = [
        *(f"r.{column(Reminder, name)}" for name in _REMINDER_COLUMNS),
        f"c.{column(CalendarFeed, 'created_at')}",
        f"p.{column(PushSubscription, 'id')}",
    ]
    return (
        f"SELECT {', '.join(columns)} FROM {user} u"
        f" LEFT OUTER JOIN {reminder} r ON {user_id} = r.{column(Reminder, 'user')}"
        f" LEFT OUTER JOIN {feed} c ON {user_id} = c.{column(CalendarFeed, 'user')}"
        f" LEFT OUTER JOIN {push} p ON {user_id} = p.{column(PushSubscription, 'user')}"
        f" WHERE {user_id} = %s"
    )


def calendar_feed(*, token_hash):
    """The feed with this fingerprint, with its user and the user's reminder (None when the user
    has none), in one query; None when no feed has it."""
    return CalendarFeed.objects.select_related("user", "user__reminder").filter(token_hash=token_hash).first()
