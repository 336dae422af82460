"""The rows behind the per-user values kept in the shared cache move their user's diary version
themselves, in the database (backcare/version_cache.py, docs/architecture.md "Caches").

The latest safety screen (journal/middleware.py) is read from the screens, the PSFS rounds (the last
round's date) and the dismissals (the "time to see a clinician" note put away); the PSFS summary
(journal/views/history_page.py) from the PSFS activities, rounds and ratings. Every insert, update and
delete of one of those rows, whichever code sends it (a service, the admin, a bulk update, a script,
raw SQL), adds one to the owning user's `diary_version` in the same statement's transaction, so no
write path can forget to and leave a stale value under the old version
(tests/backcare/test_diary_version_triggers.py removes each trigger in turn). The services' own
`diary_version.changed` calls stay: they take the user row's lock first in each write transaction.

SQLite and PostgreSQL, the two databases the project runs on; any other gets nothing (and the
cache keys would then rely on the services' calls alone).
"""

from django.db import migrations

# (table, the SQL giving the owning user's id from a row named ROW: NEW or OLD)
TABLES = [
    ("journal_safetyscreen", "ROW.user_id"),
    ("journal_psfsround", "ROW.user_id"),
    ("journal_dismissal", "ROW.user_id"),
    ("journal_psfsactivity", "ROW.user_id"),
    ("journal_psfsrating", "(SELECT r.user_id FROM journal_psfsround r WHERE r.id = ROW.round_id)"),
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
        ("backcare", "0005_user_cache_epoch"),
        ("journal", "0012_drop_redundant_fk_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
