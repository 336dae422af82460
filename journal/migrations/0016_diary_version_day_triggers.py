"""The days and their ticks move their user's diary version themselves, in the database, as the
rows of journal/0013 do: every insert, update and delete of a `journal_entry` or `journal_tick` row
adds one to the owning user's `diary_version` in the same transaction, whatever sends it.

Why: a tick, an undo and a check-in need not send the version's UPDATE themselves on SQLite, where
their transaction holds the database's one write lock from its BEGIN IMMEDIATE (backcare/settings.py),
so the UPDATE taken as the user row's lock is not needed either (backcare/diary_version.py:
`write_begins`, docs/architecture.md "Writes"). PostgreSQL keeps that UPDATE as the lock; the
triggers move the version again there, which costs nothing a page notices.
"""

from django.db import migrations

# (table, the SQL giving the owning user's id from a row named ROW: NEW or OLD)
TABLES = [
    ("journal_entry", "ROW.user_id"),
    ("journal_tick", "(SELECT e.user_id FROM journal_entry e WHERE e.id = ROW.entry_id)"),
]
BUMP = "UPDATE backcare_user SET diary_version = diary_version + 1 WHERE id IN ({ids});"
EVENTS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def trigger_name(table, event):
    return f"{table}_diary_version_{event}"


def sqlite_create(table, owner):
    for event, rows in EVENTS.items():
        ids = ", ".join(owner.replace("ROW", row) for row in rows)
        yield (
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} ON {table} "
            f"FOR EACH ROW BEGIN {BUMP.format(ids=ids)} END"
        )


def postgresql_create(table, owner):
    function = f"{table}_diary_version"
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
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_diary_version()")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0015_psfs_version_triggers"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
