"""The days and their ticks move their user's diary version themselves (migration
journal/0016_diary_version_day_triggers), so a tick, an undo and a check-in need not send the
version's UPDATE on SQLite, whose write transaction already holds the database's write lock
(backcare/diary_version.py: write_begins). Each trigger is needed: without it the same write leaves
the version where it was."""

import pytest
from django.db import connection, transaction

from backcare import diary_version
from backcare.models import User
from journal import services
from journal.models import Entry, Tick
from tests.conftest import make_history, make_user, screen_clear

pytestmark = pytest.mark.django_db


def stored(user):
    return User.objects.values_list("diary_version", flat=True).get(pk=user.pk)


@pytest.fixture
def walker(db):
    user = make_user("walker")
    screen_clear(user)
    make_history(user, 2)
    return user


def write(user, table, event):
    entry = Entry.objects.filter(user=user).order_by("-date").first()
    tick = Tick.objects.filter(entry=entry).first()
    if table == "journal_entry":
        if event == "insert":
            Entry.objects.create(user=user, date=entry.date.replace(year=entry.date.year - 1))
        elif event == "update":
            Entry.objects.filter(pk=entry.pk).update(notes="Stiff in the morning")
        else:
            Tick.objects.filter(entry=entry).delete()
            User.objects.filter(pk=user.pk).update(diary_version=0)  # only the entry's own trigger counts
            Entry.objects.filter(pk=entry.pk).delete()
    elif event == "insert":
        exercise_id = tick.exercise_id
        tick.delete()
        User.objects.filter(pk=user.pk).update(diary_version=0)
        Tick.objects.create(entry=entry, exercise_id=exercise_id)
    elif event == "update":
        Tick.objects.filter(pk=tick.pk).update(pain_during=2)
    else:
        Tick.objects.filter(pk=tick.pk).delete()


CASES = [
    (table, event) for table in ("journal_entry", "journal_tick") for event in ("insert", "update", "delete")
]


@pytest.mark.parametrize(("table", "event"), CASES)
def test_a_write_of_a_day_or_a_tick_moves_the_version(walker, table, event):
    User.objects.filter(pk=walker.pk).update(diary_version=0)
    write(walker, table, event)
    assert stored(walker) > 0


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="triggers on SQLite and PostgreSQL"
)
@pytest.mark.parametrize(("table", "event"), CASES)
def test_each_day_trigger_is_what_moves_the_version(walker, table, event):
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {table}_diary_version_{event}{on}")
            if table == "journal_tick":
                # A counted tick also moves its day's done (journal/0019), whose row's own trigger
                # moves the version again: that one goes too, to see the tick's alone.
                cursor.execute(f"DROP TRIGGER journal_tick_entry_done_{event}{on}")
        User.objects.filter(pk=walker.pk).update(diary_version=0)
        write(walker, table, event)
        assert stored(walker) == 0
        transaction.set_rollback(True)  # the trigger comes back


def test_a_tick_on_sqlite_sends_no_update_of_the_user_and_still_moves_the_version(walker):
    """Where writers are serialised (SQLite, BEGIN IMMEDIATE) the tick's own rows move the version;
    elsewhere the UPDATE is sent first, as the user row's lock."""
    from django.test.utils import CaptureQueriesContext

    from exercises import catalog

    today = walker.local_today()
    Tick.objects.filter(entry__user=walker, entry__date=today).delete()
    exercise = catalog.catalog().by_slug["daily-walk"]
    before = stored(walker)
    with CaptureQueriesContext(connection) as ctx:
        services.tick_record(user=walker, day=today, exercise=exercise)
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "backcare_user"')]
    assert len(updates) == (0 if diary_version.writers_serialised() else 1)
    assert stored(walker) > before
    assert walker.diary_version is None  # the copy that wrote no longer knows its version
