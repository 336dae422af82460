"""The PSFS summary is kept under the user's PSFS version (backcare/version_cache.py: per_psfs_version),
which the PSFS rows move themselves, in the database (migration journal/0015_psfs_version_triggers),
and nothing else moves: a write past every service still shows at the next load, each trigger is
needed, and a tick leaves the kept summary where it was (History after a tick reads no rating)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backcare.models import User
from journal import services
from journal.models import PsfsActivity, PsfsRating
from tests.backcare.test_diary_version_triggers import WRITES, prepare, rows, write  # noqa: F401

pytestmark = pytest.mark.django_db

TABLES = ("journal_psfsround", "journal_psfsactivity", "journal_psfsrating")
CASES = [(table, event) for table in TABLES for event in WRITES]


def stored(user):
    return User.objects.values_list("psfs_version", flat=True).get(pk=user.pk)


def reset(user):
    User.objects.filter(pk=user.pk).update(psfs_version=0)


def psfs_write(user, table, event, found):
    """`write` of test_diary_version_triggers, but a rating's insert counts its own trigger only
    (its new activity's insert is done, and the version set back, first)."""
    if event == "insert" and table == "journal_psfsrating":
        other = PsfsActivity.objects.create(user=user, name="Gardening", added_on=user.local_today())
        reset(user)
        PsfsRating.objects.create(round=found.round, activity=other, rating=6)
    else:
        reset(user)
        write(user, table, event, found)


@pytest.mark.parametrize(("table", "event"), CASES)
def test_a_write_of_a_psfs_row_past_the_services_moves_the_psfs_version(rows, table, event):  # noqa: F811
    user, found = rows
    prepare(table, event, found[table])
    psfs_write(user, table, event, found[table])
    assert stored(user) > 0


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="triggers on SQLite and PostgreSQL"
)
@pytest.mark.parametrize(("table", "event"), CASES)
def test_each_psfs_trigger_is_what_moves_the_psfs_version(rows, table, event):  # noqa: F811
    """Without its trigger, the same write leaves the PSFS version where it was."""
    user, found = rows
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {table}_psfs_version_{event}{on}")
        prepare(table, event, found[table])
        psfs_write(user, table, event, found[table])
        assert stored(user) == 0
        transaction.set_rollback(True)  # the trigger comes back


def test_a_tick_or_a_check_in_leaves_the_psfs_version(rows):  # noqa: F811
    user, _ = rows
    before = stored(user)
    today = user.local_today()
    exercise = user.plan_items.filter(active=True).select_related("exercise").first().exercise
    services.tick_record(user=user, day=today, exercise=exercise)
    services.checkin_save(user=user, day=today, pain=3, notes="", leg_symptoms=None)
    assert stored(user) == before
    assert User.objects.values_list("diary_version", flat=True).get(pk=user.pk) > 0


def test_a_full_save_of_an_older_copy_never_moves_the_psfs_version_back(rows):  # noqa: F811
    user, found = rows
    old_copy = User.objects.get(pk=user.pk)
    PsfsRating.objects.filter(pk=found["journal_psfsrating"].pk).update(rating=8)
    moved = stored(user)
    old_copy.first_name = "Tess"
    old_copy.save()
    assert stored(user) == moved


def ratings_read(client):
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("journal:history")).content.decode()
    return body, sum("journal_psfsrating" in q["sql"] for q in ctx.captured_queries)


def test_history_after_a_tick_shows_the_kept_scores_without_reading_the_ratings(client, rows):  # noqa: F811
    user, found = rows
    client.force_login(user)
    body, read = ratings_read(client)
    assert "<td>4.0</td>" in body and read == 1  # read, and kept
    exercise = user.plan_items.filter(active=True).select_related("exercise").first().exercise
    services.tick_record(user=user, day=user.local_today(), exercise=exercise)
    body, read = ratings_read(client)
    assert "<td>4.0</td>" in body and read == 0
    PsfsRating.objects.filter(pk=found["journal_psfsrating"].pk).update(rating=7)  # past the services
    body, read = ratings_read(client)
    assert "<td>7.0</td>" in body and "<td>4.0</td>" not in body and read == 1
