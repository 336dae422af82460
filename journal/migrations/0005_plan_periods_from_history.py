from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import migrations
from django.db.models import Max


def _zone(name):
    try:
        return ZoneInfo(name)
    except Exception:  # a zone this system no longer knows: UTC is the nearest guess
        return ZoneInfo("UTC")


def periods_of(item, changes, last_tick):
    """[(exercise id, start, end or None)] of one plan item, from its level changes (oldest first).

    The item began on the day it was created (or on `since`, if earlier, for an item never
    changed); each change ends one level and starts the next on its day. A removed item kept no
    date: its last level ends the day after its family's last tick at that level or later
    (`last_tick`), or held no day when there is none. Periods holding no day are left out.
    """
    zone = _zone(item.user.time_zone)
    day = item.created_at.astimezone(zone).date()
    if not changes:
        day = min(day, item.since)
    exercise = changes[0].from_exercise_id if changes else item.exercise_id
    found = []
    for change in changes:
        changed_on = max(change.created_at.astimezone(zone).date(), day)
        found.append((exercise, day, changed_on))
        exercise, day = change.to_exercise_id, changed_on
    exercise = item.exercise_id
    if item.active:
        found.append((exercise, day, None))
    else:
        end = last_tick + timedelta(days=1) if last_tick and last_tick >= day else day
        found.append((exercise, day, end))
    return [(ex, start, end) for ex, start, end in found if end is None or end > start]


def build(apps, schema_editor):
    PlanItem = apps.get_model("journal", "PlanItem")
    PlanPeriod = apps.get_model("journal", "PlanPeriod")
    LevelChange = apps.get_model("journal", "LevelChange")
    Tick = apps.get_model("journal", "Tick")
    rows = []
    for item in PlanItem.objects.select_related("user").order_by("pk").iterator():
        changes = list(LevelChange.objects.filter(plan_item=item).order_by("created_at", "pk"))
        last_tick = None
        if not item.active:
            last_tick = Tick.objects.filter(
                entry__user_id=item.user_id, exercise__progression_id=item.progression_id
            ).aggregate(last=Max("entry__date"))["last"]
        rows += [
            PlanPeriod(user_id=item.user_id, plan_item=item, exercise_id=ex, start=start, end=end)
            for ex, start, end in periods_of(item, changes, last_tick)
        ]
    PlanPeriod.objects.bulk_create(rows, batch_size=500)


def unbuild(apps, schema_editor):
    apps.get_model("journal", "PlanPeriod").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("journal", "0004_plan_history_tick_times")]

    operations = [migrations.RunPython(build, unbuild)]
