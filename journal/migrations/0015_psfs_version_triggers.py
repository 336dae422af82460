"""The PSFS rows move their user's `psfs_version` themselves, in the database (journal/views/history_page.py:
`_psfs_summary`, docs/architecture.md "Caches").

The PSFS summary is read from the PSFS activities, rounds and ratings only, so it is kept under a
version that only those rows move: a tick or a check-in (which move the diary version) no longer
makes History and the report read every rating again. Every insert, update and delete of one of
those rows, whichever code sends it, adds one to the owning user's `psfs_version` in the same
statement's transaction (tests/backcare/test_psfs_version_triggers.py removes each trigger in turn).
The triggers of journal/0013 stay: the same writes move the diary version as before.

SQLite and PostgreSQL, as in journal/0013; any other database gets nothing.
"""

from django.db import migrations

# (table, the SQL giving the owning user's id from a row named ROW: NEW or OLD)
TABLES = [
    ("journal_psfsround", "ROW.user_id"),
    ("journal_psfsactivity", "ROW.user_id"),
    ("journal_psfsrating", "(SELECT r.user_id FROM journal_psfsround r WHERE r.id = ROW.round_id)"),
]
BUMP = "UPDATE backcare_user SET psfs_version = psfs_version + 1 WHERE id IN ({ids});"
EVENTS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def trigger_name(table, event):
    return f"{table}_psfs_version_{event}"


def sqlite_create(table, owner):
    for event, rows in EVENTS.items():
        ids = ", ".join(owner.replace("ROW", row) for row in rows)
        yield (
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} ON {table} "
            f"FOR EACH ROW BEGIN {BUMP.format(ids=ids)} END"
        )


def postgresql_create(table, owner):
    function = f"{table}_psfs_version"
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
    for event in EVENTS:
        yield (
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    make = {"sqlite": sqlite_create, "postgresql": postgresql_create}.get(vendor)
    if make is None:
        return
    for table, owner in TABLES:
        for statement in make(table, owner):
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    for table, _ in TABLES:
        for event in EVENTS:
            on = f" ON {table}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)}{on}")
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_psfs_version()")


class Migration(migrations.Migration):
    dependencies = [
        ("backcare", "0007_user_psfs_version"),
        ("journal", "0014_start_answers"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
