"""The re-screen reminder on Today can be put away for 7 days: a `Dismissal` of kind "rescreen",
which belongs to the user (no plan item), as the "time to see a clinician" note's does.

SQLite rebuilds the table to change its check constraint, and the rebuild drops the table's
triggers: the dismissals' diary-version triggers (journal/0013) are made again after it. The
cached latest screen (journal/selectors.py: latest_screen) now reads the re-screen reminder's
put-away date too, so the dismissals' screen-version triggers (journal/0017) are made again, on
both databases, counting the rows of either kind ("review" or "rescreen", with no plan item).
"""

import importlib

from django.conf import settings
from django.db import migrations, models

TRIGGERS = importlib.import_module("journal.migrations.0013_diary_version_triggers")
SCREEN = importlib.import_module("journal.migrations.0017_screen_version_triggers")
TABLE = "journal_dismissal"
# The dismissals the cached screen reads (as stored, as of this migration): the note's and the
# re-screen reminder's, each the user's own (no plan item).
SCREEN_ROWS = "ROW.plan_item_id IS NULL AND ROW.kind IN ('review', 'rescreen')"


def remake_screen_triggers(apps, schema_editor, condition):
    vendor = schema_editor.connection.vendor
    make = {"sqlite": SCREEN.sqlite_create, "postgresql": SCREEN.postgresql_create}.get(vendor)
    if make is None:
        return
    for event in SCREEN.EVENTS:
        on = f" ON {TABLE}" if vendor == "postgresql" else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {SCREEN.trigger_name(TABLE, event)}{on}")
    for statement in make(TABLE, "ROW.user_id", condition):
        schema_editor.execute(statement)


def screen_triggers_forward(apps, schema_editor):
    remake_screen_triggers(apps, schema_editor, SCREEN_ROWS)


def screen_triggers_back(apps, schema_editor):
    remake_screen_triggers(apps, schema_editor, SCREEN.NOTE)


def remake_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL changes a constraint in place: its triggers stay
    owner = dict(TRIGGERS.TABLES)[TABLE]
    for event in TRIGGERS.EVENTS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGERS.trigger_name(TABLE, event)}")
    for statement in TRIGGERS.sqlite_create(TABLE, owner):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0017_screen_version_triggers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Undone last, after the table's rebuilds going back: the triggers made again then too.
        migrations.RunPython(migrations.RunPython.noop, screen_triggers_back, elidable=False),
        migrations.RunPython(migrations.RunPython.noop, remake_triggers, elidable=False),
        migrations.RemoveConstraint(
            model_name="dismissal",
            name="dismissal_gentle_has_no_item",
        ),
        migrations.AlterField(
            model_name="dismissal",
            name="kind",
            field=models.CharField(
                choices=[
                    ("up", "Level up"),
                    ("dose", "Dose step"),
                    ("down", "Step back"),
                    ("gentle", "Gentle set today"),
                    ("review", "Time to see a clinician"),
                    ("rescreen", "Safety check reminder"),
                ],
                max_length=8,
            ),
        ),
        migrations.AddConstraint(
            model_name="dismissal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind__in", ("gentle", "review", "rescreen")), ("plan_item__isnull", True)),
                    models.Q(
                        models.Q(("kind__in", ("gentle", "review", "rescreen")), _negated=True),
                        ("plan_item__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="dismissal_gentle_has_no_item",
            ),
        ),
        migrations.RunPython(remake_triggers, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(screen_triggers_forward, migrations.RunPython.noop, elidable=False),
    ]
