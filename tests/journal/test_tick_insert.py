"""A new tick is written by SQL built once a process (journal/services.py: _tick_insert): its row is
the one the ORM's `Tick.objects.create` writes with the same values, every field, and the database's
triggers count it into the day as before."""

from datetime import timedelta

import pytest
from django.utils import timezone

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
