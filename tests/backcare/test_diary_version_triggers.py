"""The rows behind the latest safety screen and the PSFS summary move the diary version themselves,
in the database (migration journal/0013_diary_version_triggers), and each trigger is needed
(removed, its write leaves the version where it was). The two values are kept under versions of
their own (the screen's and the PSFS version: tests/backcare/test_screen_version_triggers.py,
test_psfs_version_triggers.py); a write past every service still shows at the next load."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse

from backcare.models import User
from journal.models import Dismissal, PsfsActivity, PsfsRating, PsfsRound, SafetyScreen
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db


def stored(user):
    return User.objects.values_list("diary_version", flat=True).get(pk=user.pk)


@pytest.fixture
def rows(db):
    """A screened user with one row of each table behind the kept values."""
    user = make_user("tess")
    screen_clear(user)
    today = user.local_today()
    activity = PsfsActivity.objects.create(user=user, name="Lifting my child", added_on=today)
    round_ = PsfsRound.objects.create(user=user, taken_on=today)
    rating = PsfsRating.objects.create(round=round_, activity=activity, rating=4)
    note = Dismissal.objects.create(
        user=user, plan_item=None, kind=Dismissal.Kind.SEE_CLINICIAN, until=today + timedelta(days=14)
    )
    screen = SafetyScreen.objects.get(user=user)
    return user, {
        "journal_safetyscreen": screen,
        "journal_psfsround": round_,
        "journal_dismissal": note,
        "journal_psfsactivity": activity,
        "journal_psfsrating": rating,
    }


def insert(user, table, found):
    today = user.local_today()
    if table == "journal_safetyscreen":
        SafetyScreen.objects.create(
            user=user, taken_on=today, answers=found.answers, outcome=SafetyScreen.Outcome.CLEAR
        )
    elif table == "journal_psfsround":
        PsfsRound.objects.create(user=user, taken_on=today - timedelta(days=14))
    elif table == "journal_dismissal":
        Dismissal.objects.create(user=user, plan_item=None, kind=Dismissal.Kind.GENTLE, until=today)
    elif table == "journal_psfsactivity":
        PsfsActivity.objects.create(user=user, name="Walking the dog", added_on=today)
    else:
        other = PsfsActivity.objects.create(user=user, name="Gardening", added_on=today)
        User.objects.filter(pk=user.pk).update(diary_version=0)  # only the rating's own trigger counts
        PsfsRating.objects.create(round=found.round, activity=other, rating=6)


def update(table, found):
    changes = {
        "journal_safetyscreen": lambda: {"cleared_on": found.taken_on},
        "journal_psfsround": lambda: {"skipped": True},
        "journal_dismissal": lambda: {"until": found.until + timedelta(days=1)},
        "journal_psfsactivity": lambda: {"name": "Lifting a bag"},
        "journal_psfsrating": lambda: {"rating": 7},
    }
    type(found).objects.filter(pk=found.pk).update(**changes[table]())


def delete(table, found):
    type(found).objects.filter(pk=found.pk).delete()


WRITES = {"insert": insert, "update": update, "delete": delete}
CASES = [
    (table, event)
    for table in (
        "journal_safetyscreen",
        "journal_psfsround",
        "journal_dismissal",
        "journal_psfsactivity",
        "journal_psfsrating",
    )
    for event in WRITES
]


def prepare(table, event, found):
    """Deleting a round or an activity deletes its ratings too (whose own trigger moves the version):
    they go first, so only the row's own trigger is left to move it."""
    if event == "delete" and table in ("journal_psfsround", "journal_psfsactivity"):
        PsfsRating.objects.all().delete()


def write(user, table, event, found):
    if event == "insert":
        insert(user, table, found)
    else:
        WRITES[event](table, found)


@pytest.mark.parametrize(("table", "event"), CASES)
def test_a_write_past_the_services_moves_the_version(rows, table, event):
    user, found = rows
    prepare(table, event, found[table])
    User.objects.filter(pk=user.pk).update(diary_version=0)
    write(user, table, event, found[table])
    assert stored(user) > 0


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="triggers on SQLite and PostgreSQL"
)
@pytest.mark.parametrize(("table", "event"), CASES)
def test_each_trigger_is_what_moves_the_version(rows, table, event):
    """Without its trigger, the same write leaves the version where it was (so the test above fails
    when any one of them is missing)."""
    user, found = rows
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {table}_diary_version_{event}{on}")
        prepare(table, event, found[table])
        User.objects.filter(pk=user.pk).update(diary_version=0)
        write(user, table, event, found[table])
        assert stored(user) == 0
        transaction.set_rollback(True)  # the trigger comes back


def test_a_screen_written_past_the_services_shows_at_the_next_load(client, rows):
    """The latest screen is kept in the shared cache under the version: the kept one is not shown
    once a screen row changed, however it changed."""
    user, found = rows
    client.force_login(user)
    assert 'data-testid="tick"' in client.get(reverse("journal:today")).content.decode()  # kept now
    SafetyScreen.objects.filter(pk=found["journal_safetyscreen"].pk).update(
        outcome=SafetyScreen.Outcome.URGENT
    )
    body = client.get(reverse("journal:today")).content.decode()
    assert 'data-testid="tick"' not in body  # the plan is held: no Done buttons


def test_a_rating_written_past_the_services_shows_at_the_next_load(client, rows):
    """The PSFS summary is kept in the shared cache under the version: a rating changed however it
    changed shows in History's scores at the next load."""
    user, found = rows
    client.force_login(user)
    assert "<td>4.0</td>" in client.get(reverse("journal:history")).content.decode()  # kept now
    PsfsRating.objects.filter(pk=found["journal_psfsrating"].pk).update(rating=7)
    body = client.get(reverse("journal:history")).content.decode()
    assert "<td>7.0</td>" in body and "<td>4.0</td>" not in body
