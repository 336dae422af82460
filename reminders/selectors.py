"""Reads of the reminders app. Every query starts from the user, except the sender's own."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from exercises.library import not_on_a_flare_day
from journal import pain, safety, schedule, suggestions
from journal import selectors as journal
from journal.history import Day
from journal.models import Entry
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


def _week_of_days(*, user, day):
    """The days from a week before `day` to `day` as `history.Day` rows (date, pain, type, leg
    answer): the usual pain before the day (a flare) and a leg-symptom run reaching it."""
    rows = Entry.objects.filter(
        user=user, date__gte=day - timedelta(days=pain.WINDOW_DAYS), date__lte=day
    ).values_list("date", "pain", "day_type", "leg_symptoms")
    return [Day(date, score, day_type, leg_symptoms=leg) for date, score, day_type, leg in rows]


def _to_do(exercises, *, day, ticks):
    """(exercises due and not yet done, done, due) of a day's planned exercises."""
    statuses = schedule.statuses(exercises, day=day, ticks=ticks, family_of=journal.family_of)
    done, due = schedule.progress(statuses)
    return [ex for ex, s in zip(exercises, statuses, strict=True) if s.due and not s.done], done, due


def day_state(*, user, day):
    """What the reminder for `day` needs to know of it (reminders/content.py): the safety screen,
    the kind of day, the check-in, a sign to take it carefully and the exercises due and not done.
    Four queries (screen, the week's days, the ticks, the plan); three on a careful day, which
    lists the gentle set (the library snapshot) instead of the plan."""
    status = safety.screen_status(journal.latest_screen(user=user), day)
    if status.needs_screen:
        return content.DayState(needs_screen=True)
    if status.blocks_plan:
        return content.DayState(held=True)
    days = _week_of_days(user=user, day=day)
    entry = next((d for d in days if d.date == day), None)
    day_type, score = (entry.day_type, entry.pain) if entry else (Entry.DayType.NORMAL, None)
    ticks = journal.recent_ticks(user=user, day=day)
    sign = content.careful_sign(days, day, suggestions.spread_days(ticks))
    state = {"gentle_only": status.gentle_only, "day_type": day_type, "checked_in": score is not None}
    if sign is not None and day_type != Entry.DayType.REST:
        # The rough-day set (or the gentle set while a see-soon answer waits), never the plan.
        _, exercises = journal.day_plan(user=user, day_type=Entry.DayType.ROUGH, status=status, day=day)
        gentle, _, _ = _to_do(exercises, day=day, ticks=ticks)
        return content.DayState(
            **state,
            sign=sign,
            gentle_to_do=tuple(ex.name for ex in gentle),
            not_on_a_flare_day=frozenset(ex.name for ex in gentle if not_on_a_flare_day(ex.cautions)),
        )
    _, exercises = journal.day_plan(user=user, day_type=day_type, status=status, day=day)
    to_do, done, due = _to_do(exercises, day=day, ticks=ticks)
    return content.DayState(**state, to_do=tuple(ex.name for ex in to_do), done=done, due=due)


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


def calendar_feed(*, token_hash):
    """The feed with this fingerprint, with its user and the user's reminder (None when the user
    has none), in one query; None when no feed has it."""
    return CalendarFeed.objects.select_related("user", "user__reminder").filter(token_hash=token_hash).first()
