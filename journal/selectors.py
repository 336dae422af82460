"""Reads that need care (bounded windows, few queries). Every query starts from the user."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from exercises import catalog
from journal.models import Dismissal, Entry, PlanItem, Tick

# A rough day swaps the plan for these: belly breathing, lying face down, marching level 1.
GENTLE_SET = ["belly-breathing-feet-up", "lying-face-down", "supine-marching"]
# Days of log read for suggestions, baseline and warning signs.
WINDOW_DAYS = 42


def _with_library(items):
    """Plan items with their exercise and progression from the library snapshot, in plan order."""
    for item in items:
        item.exercise = catalog.exercise(item.exercise_id)
        item.progression = item.exercise.progression
    return sorted(items, key=lambda item: (item.progression.order, item.progression.name))


def active_plan(*, user, today):
    """The user's active plan items with their exercise, top level and any suggestion snoozed today.

    One query; the exercises come from the library snapshot.
    """
    snoozed = Dismissal.objects.filter(plan_item=OuterRef("pk"), until__gt=today)
    items = _with_library(
        list(
            PlanItem.objects.filter(user=user, active=True)
            .order_by()  # sorted by _with_library, without joining the progressions
            .annotate(
                up_snoozed=Exists(snoozed.filter(kind=Dismissal.Kind.UP)),
                down_snoozed=Exists(snoozed.filter(kind=Dismissal.Kind.DOWN)),
            )
        )
    )
    library = catalog.catalog()
    for item in items:
        item.top_level = library.top_level(item.progression_id)
    return items


def gentle_exercises():
    by_slug = catalog.catalog().by_slug
    return [by_slug[slug] for slug in GENTLE_SET if slug in by_slug]


def planned_exercises(*, user, day_type):
    """What is planned on a day of this type: the plan, the gentle set, or nothing on a rest day."""
    if day_type == Entry.DayType.REST:
        return []
    if day_type == Entry.DayType.ROUGH:
        return gentle_exercises()
    return [
        item.exercise
        for item in _with_library(list(PlanItem.objects.filter(user=user, active=True).order_by()))
    ]


def recent_entries(*, user, day):
    return list(
        Entry.objects.filter(
            user=user, date__gt=day - timedelta(days=WINDOW_DAYS), date__lte=day + timedelta(days=1)
        )
    )


def recent_ticks(*, user, day):
    return list(
        Tick.objects.filter(
            entry__user=user, entry__date__gt=day - timedelta(days=WINDOW_DAYS), entry__date__lte=day
        ).values("entry__date", "exercise_id", "pain_during", "effort", "full_dose")
    )


def _active_dates(*, user, until):
    """Dates that count for the streak, newest first: a tick, or marked rest or rough."""
    ticked = Tick.objects.filter(entry=OuterRef("pk"))
    return (
        Entry.objects.filter(user=user, date__lte=until)
        .filter(Q(day_type__in=[Entry.DayType.REST, Entry.DayType.ROUGH]) | Exists(ticked))
        .order_by("-date")
        .values_list("date", flat=True)
    )


def streak_days(*, user, today):
    """The active dates of the current streak only, newest first, read until the first gap.

    One query walking the (user, date) index backwards; it stops reading at the first missing day,
    so a long history costs no more than a short one.
    """
    days = set()
    expected = None
    for day in _active_dates(user=user, until=today).iterator(chunk_size=64):
        if expected is None:
            if day < today - timedelta(days=1):
                break
            expected = day
        if day != expected:
            break
        days.add(day)
        expected = day - timedelta(days=1)
    return days


def plan_overview(*, user):
    """Every progression with its levels and the user's plan item for it (settings page): 1 query."""
    items = {
        item.progression_id: item
        for item in _with_library(list(PlanItem.objects.filter(user=user).order_by()))
    }
    return [(family, items.get(family.pk)) for family in catalog.catalog().progressions]
