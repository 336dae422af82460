"""A new tick and a check-in's answers are written by SQL built once a process (journal/services.py:
_tick_insert, _checkin_update): the rows are the ones the ORM's `Tick.objects.create` and `update`
write with the same values, every field, and the database's triggers see them as before."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backcare.models import User
from journal import services
from journal.models import Entry, Tick

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in Tick._meta.concrete_fields if f.attname not in ("id", "entry_id", "created_at")]


def row(tick):
    return {name: getattr(tick, name) for name in FIELDS}


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"pain_during": 3, "effort": "right", "full_dose": False, "spread": True},
        {"pain_during": 0, "effort": "hard", "spread": False, "counted": False},
    ],
)
def test_a_new_tick_writes_the_row_the_orm_writes(screened_alice, answers):
    alice = screened_alice
    today = alice.local_today()
    exercise = alice.plan_items.filter(active=True).order_by("pk").first().exercise
    ours = Entry.objects.create(user=alice, date=today, planned=3)
    theirs = Entry.objects.create(user=alice, date=today - timedelta(days=1), planned=3)
    values = {
        "pain_during": None,
        "effort": "",
        "full_dose": True,
        "spread": None,
        "counted": True,
        **answers,
    }
    before = timezone.now()
    services._tick_insert(Tick(entry_id=ours.pk, exercise=exercise, **values))
    Tick.objects.create(entry_id=theirs.pk, exercise=exercise, **values)
    mine, orm = Tick.objects.get(entry=ours), Tick.objects.get(entry=theirs)
    assert row(mine) == row(orm)
    assert mine.exercise_id == exercise.pk and mine.times == 1
    assert before <= mine.created_at <= orm.created_at  # aware, written when it was made
    assert timezone.is_aware(mine.created_at)
    # The day's done moved by the database for a counted tick, as for the ORM's (journal/0019).
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.done == theirs.done == (1 if values["counted"] else 0)


@pytest.mark.parametrize(
    "saved",
    [
        services.Checkin(4, "A walk in the rain", True),
        services.Checkin(None, "", None),
        services.Checkin(0, "ünïcode & <words>", False),
    ],
)
def test_a_check_in_updates_the_row_as_the_orm_updates_it(alice, bob, saved):
    today = alice.local_today()
    ours = Entry.objects.create(user=alice, date=today, planned=3, pain=7, notes="before")
    theirs = Entry.objects.create(user=bob, date=today, planned=3, pain=7, notes="before")
    version = User.objects.values_list("diary_version", flat=True).get(pk=alice.pk)
    before = timezone.now()
    assert services._checkin_update(user=alice, day=today, saved=saved) == 1
    assert Entry.objects.filter(pk=theirs.pk).update(**saved._asdict(), updated_at=timezone.now()) == 1
    ours.refresh_from_db()
    theirs.refresh_from_db()
    names = [
        f.attname
        for f in Entry._meta.concrete_fields
        if f.attname not in ("id", "user_id", "created_at", "updated_at")
    ]
    assert {n: getattr(ours, n) for n in names} == {n: getattr(theirs, n) for n in names}
    assert services.Checkin(ours.pain, ours.notes, ours.leg_symptoms) == saved
    assert timezone.is_aware(ours.updated_at) and before <= ours.updated_at <= theirs.updated_at
    # The diary version moved by the entry's trigger (journal/0016), as for the ORM's UPDATE.
    assert User.objects.values_list("diary_version", flat=True).get(pk=alice.pk) > version


def test_a_check_in_of_a_day_without_an_entry_updates_nothing(alice, bob):
    today = alice.local_today()
    Entry.objects.create(user=bob, date=today, planned=3, pain=7)
    Entry.objects.create(user=alice, date=today - timedelta(days=1), planned=3, pain=7)
    assert services._checkin_update(user=alice, day=today, saved=services.Checkin(2, "", None)) == 0
    assert not Entry.objects.filter(user=alice, date=today).exists()
    assert set(Entry.objects.values_list("pain", flat=True)) == {7}
