"""A day's done-of-due, stored: `Entry.done`, how many of the exercises due that day are done, read
by History, the report and the calendar beside `Entry.planned` (docs/clinical-rules.md, "Done of
due"); `Tick.counted`, whether a tick is one of them, written by the services from the day's
statuses (journal/schedule.py: done_of_due).

`Entry.done` is kept by the database: every insert, delete and change of `counted` (or of the day)
of a `journal_tick` row moves its day's `done` by one, in the same statement, whatever sends it. So
a tick writes its count with the statement it already made (its INSERT, UPDATE or DELETE: no query
more), two concurrent ticks each add their own one under the day row's lock, and no write path can
leave the day's count out of step with its ticks.

Past days: the only things known of them are their ticks and `planned` (what was due, as written
then), not which ticks were due. They are filled with what History showed for them until now: the
day's ticks counted, capped at its planned count (`min(ticks, planned)`); when a day had more ticks
than planned, its newest ticks beyond the planned count are the ones left uncounted. A rest day
plans nothing, so it counts nothing.

SQLite rebuilds both tables to add a column, and the rebuild drops their triggers: the days' and
ticks' diary-version triggers (journal/0016) are made again after it (and after the rebuilds that
undo it, going back).
"""

import importlib

from django.db import migrations, models

DAY_TRIGGERS = importlib.import_module("journal.migrations.0016_diary_version_day_triggers")
EVENTS = ("insert", "update", "delete")
# The day's count moves by one for each counted tick that arrives on it or leaves it. An UPDATE moves
# it only when `counted` or the tick's day changes (a score, a time more: nothing).
OUT = "UPDATE journal_entry SET done = done - 1 WHERE id = OLD.entry_id;"
IN = "UPDATE journal_entry SET done = done + 1 WHERE id = NEW.entry_id;"
CHANGED = "OLD.counted <> NEW.counted OR OLD.entry_id <> NEW.entry_id"


def trigger_name(event):
    return f"journal_tick_entry_done_{event}"


def sqlite_create():
    yield (
        f"CREATE TRIGGER {trigger_name('insert')} AFTER INSERT ON journal_tick "
        f"FOR EACH ROW WHEN NEW.counted BEGIN {IN} END"
    )
    yield (
        f"CREATE TRIGGER {trigger_name('delete')} AFTER DELETE ON journal_tick "
        f"FOR EACH ROW WHEN OLD.counted BEGIN {OUT} END"
    )
    # Each side only when it counted: the day a tick leaves loses one, the day it joins gains one.
    yield (
        f"CREATE TRIGGER {trigger_name('update')} AFTER UPDATE OF counted, entry_id ON journal_tick "
        f"FOR EACH ROW WHEN {CHANGED} BEGIN "
        f"UPDATE journal_entry SET done = done - OLD.counted WHERE id = OLD.entry_id; "
        f"UPDATE journal_entry SET done = done + NEW.counted WHERE id = NEW.entry_id; END"
    )


def postgresql_create():
    yield f"""
        CREATE OR REPLACE FUNCTION journal_tick_entry_done() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                IF OLD.counted THEN {OUT} END IF;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                IF NEW.counted THEN {IN} END IF;
            END IF;
            RETURN NULL;
        END $$
    """
    yield (
        f"CREATE TRIGGER {trigger_name('insert')} AFTER INSERT ON journal_tick "
        "FOR EACH ROW EXECUTE FUNCTION journal_tick_entry_done()"
    )
    yield (
        f"CREATE TRIGGER {trigger_name('delete')} AFTER DELETE ON journal_tick "
        "FOR EACH ROW EXECUTE FUNCTION journal_tick_entry_done()"
    )
    yield (
        f"CREATE TRIGGER {trigger_name('update')} AFTER UPDATE OF counted, entry_id ON journal_tick "
        "FOR EACH ROW WHEN (OLD.counted IS DISTINCT FROM NEW.counted OR OLD.entry_id IS DISTINCT FROM "
        "NEW.entry_id) EXECUTE FUNCTION journal_tick_entry_done()"
    )


def done_triggers_create(apps, schema_editor):
    make = {"sqlite": sqlite_create, "postgresql": postgresql_create}.get(schema_editor.connection.vendor)
    if make is None:
        return
    for statement in make():
        schema_editor.execute(statement)


def done_triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    for event in EVENTS:
        on = " ON journal_tick" if vendor == "postgresql" else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(event)}{on}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS journal_tick_entry_done()")


def drop_day_triggers(apps, schema_editor):
    """The diary-version triggers of the days and ticks (journal/0016) go before SQLite's rebuilds:
    the ticks' name the days' table, which a rebuild drops and renames (an error in SQLite)."""
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL adds and drops a column in place: its triggers stay
    for table, _ in DAY_TRIGGERS.TABLES:
        for event in DAY_TRIGGERS.EVENTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {DAY_TRIGGERS.trigger_name(table, event)}")


def remake_day_triggers(apps, schema_editor):
    """The diary-version triggers of the days and ticks (journal/0016), after SQLite's rebuilds."""
    if schema_editor.connection.vendor != "sqlite":
        return
    drop_day_triggers(apps, schema_editor)
    for table, owner in DAY_TRIGGERS.TABLES:
        for statement in DAY_TRIGGERS.sqlite_create(table, owner):
            schema_editor.execute(statement)


def fill_past_days(apps, schema_editor):
    """Each day's count as History showed it: its ticks, capped at its planned count (a rest day:
    none); the newest ticks beyond the planned count left uncounted."""
    Entry = apps.get_model("journal", "Entry")
    Tick = apps.get_model("journal", "Tick")
    uncounted, counts = [], {}
    rows = Tick.objects.order_by("entry_id", "created_at", "pk").values_list(
        "pk", "entry_id", "entry__planned", "entry__day_type"
    )
    for pk, entry_id, planned, day_type in rows.iterator(chunk_size=2000):
        room = 0 if day_type == "rest" else planned
        if counts.get(entry_id, 0) < room:
            counts[entry_id] = counts.get(entry_id, 0) + 1
        else:
            uncounted.append(pk)
    for start in range(0, len(uncounted), 500):
        Tick.objects.filter(pk__in=uncounted[start : start + 500]).update(counted=False)
    by_count = {}
    for entry_id, count in counts.items():
        by_count.setdefault(count, []).append(entry_id)
    for count, ids in by_count.items():
        for start in range(0, len(ids), 500):
            Entry.objects.filter(pk__in=ids[start : start + 500]).update(done=count)


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0018_dismissal_rescreen_reminder"),
    ]

    operations = [
        # Undone last, after the tables' rebuilds going back: the diary-version triggers made again.
        migrations.RunPython(migrations.RunPython.noop, remake_day_triggers, elidable=False),
        migrations.RunPython(drop_day_triggers, migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="entry",
            name="done",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="tick",
            name="counted",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(remake_day_triggers, drop_day_triggers, elidable=False),
        # Filled before the count's triggers exist, so the fill moves each day once.
        migrations.RunPython(fill_past_days, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(done_triggers_create, done_triggers_drop, elidable=False),
    ]
