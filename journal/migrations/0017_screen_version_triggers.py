"""The rows the latest safety screen is read from move their user's `screen_version` themselves, in the
database (journal/middleware.py: `SafetyState`, docs/architecture.md "Caches").

Every journal page reads the user's latest screen (journal/selectors.py: `latest_screen`), kept in the
shared cache. It is read from three kinds of row, and only those:

- the user's safety screens (the latest one's outcome, dates and answers);
- the user's PSFS rounds (the latest round's date, filled in or skipped);
- the user's "time to see a clinician" note put away: the `Dismissal` with no plan item and the
  kind `review` (journal/models.py: `Dismissal.Kind.SEE_CLINICIAN`). Other dismissals (a level-up's,
  a gentle day's "not now") are not read, so they do not move it: their triggers fire only for a row
  that is, or was before an update, such a note.

Every insert, update and delete of one of those rows, whichever code sends it, adds one to the
owning user's `screen_version` in the same statement's transaction (tests/backcare/
test_screen_version_triggers.py removes each trigger in turn). A tick or a check-in leaves it, so
the next page finds the screen kept. The triggers of journal/0013 and journal/0015 stay: the same
writes move the diary version (and a round the PSFS version) as before.

SQLite and PostgreSQL, as in journal/0013; any other database gets nothing.
"""

from django.db import migrations

# The kind of the "time to see a clinician" note as stored (journal/models.py, as of this migration).
SEE_CLINICIAN = "review"
NOTE = f"ROW.plan_item_id IS NULL AND ROW.kind = '{SEE_CLINICIAN}'"

# (table, the SQL giving the owning user's id from a row named ROW: NEW or OLD, the rows that count
# as SQL on ROW or None: every row)
TABLES = [
    ("journal_safetyscreen", "ROW.user_id", None),
    ("journal_psfsround", "ROW.user_id", None),
    ("journal_dismissal", "ROW.user_id", NOTE),
]
BUMP = "UPDATE backcare_user SET screen_version = screen_version + 1 WHERE id IN ({ids});"
EVENTS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def trigger_name(table, event):
    return f"{table}_screen_version_{event}"


def when(condition, rows):
    """The trigger's WHEN clause: the row counts before or after the write (empty: every row). In
    parentheses, as PostgreSQL requires (SQLite takes them too)."""
    if condition is None:
        return ""
    return " WHEN (" + " OR ".join(f"({condition.replace('ROW', row)})" for row in rows) + ")"


def sqlite_create(table, owner, condition):
    for event, rows in EVENTS.items():
        ids = ", ".join(owner.replace("ROW", row) for row in rows)
        yield (
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} ON {table} "
            f"FOR EACH ROW{when(condition, rows)} BEGIN {BUMP.format(ids=ids)} END"
        )


def postgresql_create(table, owner, condition):
    function = f"{table}_screen_version"
    old, new = owner.replace("ROW", "OLD"), owner.replace("ROW", "NEW")
    yield f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {BUMP.format(ids=new)}
            ELSIF TG_OP = 'UPDATE' THEN {BUMP.format(ids=f"{old}, {new}")}
            ELSE {BUMP.format(ids=old)}
            END IF;
            RETURN NULL;
        END $$
    """
    for event, rows in EVENTS.items():
        yield (
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} ON {table} "
            f"FOR EACH ROW{when(condition, rows)} EXECUTE FUNCTION {function}()"
        )


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    make = {"sqlite": sqlite_create, "postgresql": postgresql_create}.get(vendor)
    if make is None:
        return
    for table, owner, condition in TABLES:
        for statement in make(table, owner, condition):
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    for table, _, _ in TABLES:
        for event in EVENTS:
            on = f" ON {table}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)}{on}")
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_screen_version()")


class Migration(migrations.Migration):
    dependencies = [
        ("backcare", "0009_user_screen_version"),
        ("journal", "0016_diary_version_day_triggers"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
