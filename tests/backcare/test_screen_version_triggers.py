"""The latest safety screen is kept under the user's screen version (backcare/version_cache.py:
per_screen_version), which the rows it is read from move themselves, in the database (migration
journal/0017_screen_version_triggers): the screens, the PSFS rounds and the "time to see a clinician"
note put away, and nothing else. A write past every service still shows at the next load, each
trigger is needed, a tick leaves the kept screen where it was (Today after a tick reads no screen),
and a write is still let through or refused on the screen as the database has it."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backcare.models import User
from journal import services
from journal.models import Dismissal, PlanItem, PsfsActivity, PsfsRating, SafetyScreen, Tick
from tests.backcare.test_diary_version_triggers import rows  # noqa: F401

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("journal.migrations.0017_screen_version_triggers")
TABLES = ("journal_safetyscreen", "journal_psfsround", "journal_dismissal")
EVENTS = ("insert", "update", "delete")
CASES = [(table, event) for table in TABLES for event in EVENTS]
TODAY = reverse("journal:today")


def stored(user):
    return User.objects.values_list("screen_version", flat=True).get(pk=user.pk)


def reset(user):
    User.objects.filter(pk=user.pk).update(screen_version=0)


def screen_write(user, table, event, found):
    """One write of `table`'s kind past every service: a queryset's create, update or delete. The
    version is set back to 0 just before it, so only this write's trigger counts."""
    today = user.local_today()
    row = found[table]
    if table == "journal_dismissal" and event == "insert":
        row.delete()  # one note a user: the fixture's goes first
    reset(user)
    if event == "insert":
        if table == "journal_safetyscreen":
            SafetyScreen.objects.create(
                user=user, taken_on=today, answers=row.answers, outcome=SafetyScreen.Outcome.CLEAR
            )
        elif table == "journal_psfsround":
            type(row).objects.create(user=user, taken_on=today - timedelta(days=14))
        else:
            Dismissal.objects.create(
                user=user, plan_item=None, kind=Dismissal.Kind.SEE_CLINICIAN, until=today + timedelta(days=3)
            )
    elif event == "update":
        changes = {
            "journal_safetyscreen": lambda: {"cleared_on": row.taken_on},
            "journal_psfsround": lambda: {"skipped": True},
            "journal_dismissal": lambda: {"until": row.until + timedelta(days=1)},
        }[table]()
        type(row).objects.filter(pk=row.pk).update(**changes)
    else:
        type(row).objects.filter(pk=row.pk).delete()  # a round's ratings go with it: no trigger here


@pytest.mark.parametrize(("table", "event"), CASES)
def test_a_write_of_a_screen_row_past_the_services_moves_the_screen_version(rows, table, event):  # noqa: F811
    user, found = rows
    screen_write(user, table, event, found)
    assert stored(user) > 0


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="triggers on SQLite and PostgreSQL"
)
@pytest.mark.parametrize(("table", "event"), CASES)
def test_each_screen_trigger_is_what_moves_the_screen_version(rows, table, event):  # noqa: F811
    """Without its trigger, the same write leaves the screen version where it was."""
    user, found = rows
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {table}_screen_version_{event}{on}")
        screen_write(user, table, event, found)
        assert stored(user) == 0
        transaction.set_rollback(True)  # the trigger comes back


def trigger_names():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="triggers on SQLite and PostgreSQL"
)
def test_every_screen_trigger_is_still_there_after_every_migration(db):
    """A later migration that rebuilds one of these tables (SQLite's way to alter a column) drops its
    triggers: this names the ones missing."""
    expected = {MIGRATION.trigger_name(table, event) for table in TABLES for event in EVENTS}
    assert expected - trigger_names() == set()


def test_other_rows_leave_the_screen_version(rows):  # noqa: F811
    """The PSFS activities and ratings, another "not now" (a gentle day's, a level-up's), a tick
    and a check-in are not read with the screen: they leave its version."""
    user, found = rows
    today = user.local_today()
    item = PlanItem.objects.filter(user=user, active=True).first()
    before = stored(user)
    PsfsActivity.objects.filter(pk=found["journal_psfsactivity"].pk).update(name="Lifting a bag")
    PsfsRating.objects.filter(pk=found["journal_psfsrating"].pk).update(rating=7)
    gentle = Dismissal.objects.create(user=user, plan_item=None, kind=Dismissal.Kind.GENTLE, until=today)
    Dismissal.objects.filter(pk=gentle.pk).update(until=today + timedelta(days=1))
    up = Dismissal.objects.create(user=user, plan_item=item, kind=Dismissal.Kind.UP, until=today)
    Dismissal.objects.filter(pk__in=[gentle.pk, up.pk]).delete()
    services.tick_record(user=user, day=today, exercise=item.exercise)
    services.checkin_save(user=user, day=today, pain=3, notes="", leg_symptoms=None)
    assert Tick.objects.filter(entry__user=user).exists()
    assert stored(user) == before
    assert User.objects.values_list("diary_version", flat=True).get(pk=user.pk) > 0


def test_a_gentle_days_not_now_turned_into_the_note_moves_the_screen_version(rows):  # noqa: F811
    """The note's triggers count a row that is the note after the write, or was before it."""
    user, found = rows
    found["journal_dismissal"].delete()
    today = user.local_today()
    gentle = Dismissal.objects.create(user=user, plan_item=None, kind=Dismissal.Kind.GENTLE, until=today)
    reset(user)
    Dismissal.objects.filter(pk=gentle.pk).update(kind=Dismissal.Kind.SEE_CLINICIAN)
    assert stored(user) == 1
    Dismissal.objects.filter(pk=gentle.pk).update(kind=Dismissal.Kind.GENTLE)
    assert stored(user) == 2


def test_a_full_save_of_an_older_copy_never_moves_the_screen_version_back(rows):  # noqa: F811
    user, found = rows
    old_copy = User.objects.get(pk=user.pk)
    SafetyScreen.objects.filter(pk=found["journal_safetyscreen"].pk).update(cleared_note="Dr Patel")
    moved = stored(user)
    assert moved > old_copy.screen_version
    old_copy.first_name = "Tess"
    old_copy.save()
    assert stored(user) == moved


def screens_read(client):
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(TODAY).content.decode()
    return body, sum('FROM "journal_safetyscreen"' in q["sql"] for q in ctx.captured_queries)


def test_today_after_a_tick_shows_the_kept_screen_without_reading_it(client, rows):  # noqa: F811
    user, found = rows
    client.force_login(user)
    body, read = screens_read(client)
    assert 'data-testid="tick"' in body and read == 1  # read, and kept
    item = PlanItem.objects.filter(user=user, active=True).first()
    client.post(reverse("journal:tick", kwargs={"day": user.local_today(), "exercise": item.exercise.slug}))
    assert Tick.objects.filter(entry__user=user).count() == 1
    body, read = screens_read(client)
    assert 'data-testid="tick"' in body and read == 0
    SafetyScreen.objects.filter(pk=found["journal_safetyscreen"].pk).update(
        outcome=SafetyScreen.Outcome.URGENT
    )  # past the services
    body, read = screens_read(client)
    assert 'data-testid="tick"' not in body and read == 1  # the plan is held: no Done buttons


def test_a_write_reads_the_screen_afresh_even_when_the_kept_one_is_stale(client, rows):  # noqa: F811
    """The plan gate (journal/decorators.py) decides on the screen as the database has it, never on
    the kept one: here a held screen written with its version set back, so the page would still show
    the kept clear one, refuses the tick."""
    user, found = rows
    client.force_login(user)
    assert 'data-testid="tick"' in client.get(TODAY).content.decode()  # the clear screen kept
    version = stored(user)
    SafetyScreen.objects.filter(pk=found["journal_safetyscreen"].pk).update(
        outcome=SafetyScreen.Outcome.URGENT
    )
    User.objects.filter(pk=user.pk).update(screen_version=version)  # as if the trigger had not fired
    item = PlanItem.objects.filter(user=user, active=True).first()
    day = user.local_today()
    response = client.post(
        reverse("journal:tick", kwargs={"day": day, "exercise": item.exercise.slug}), follow=True
    )
    assert "Not saved" in response.content.decode()
    assert not Tick.objects.filter(entry__user=user).exists()


def test_the_rescreen_reminders_put_away_moves_the_screen_version(rows):  # noqa: F811
    """The kept screen carries the re-screen reminder's put-away date (journal/selectors.py:
    latest_screen), so putting it away, moving its date and taking it back each move the version
    (journal/0018 made the dismissals' screen triggers count it): without that, Today would keep
    showing a reminder just put away until something else moved the version."""
    user, _found = rows
    today = user.local_today()
    reset(user)
    put_away = Dismissal.objects.create(
        user=user, plan_item=None, kind=Dismissal.Kind.RESCREEN, until=today + timedelta(days=7)
    )
    assert stored(user) == 1
    Dismissal.objects.filter(pk=put_away.pk).update(until=today + timedelta(days=8))
    assert stored(user) == 2
    put_away.delete()
    assert stored(user) == 3
