"""The "not now" answers' read (journal/selectors.py: snoozed) is SQL built once a process: its rows
are the ORM query's, whatever the user has said "not now" to (nothing, a plan item's suggestion, the
day's gentle set, one that has run out, another user's)."""

from datetime import timedelta

import pytest

from journal import selectors
from journal.models import Dismissal, PlanItem
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def orm_snoozed(user, today):
    """The read as the ORM writes it."""
    return set(Dismissal.objects.filter(user=user, until__gt=today).values_list("plan_item_id", "kind"))


def test_nothing_said_reads_an_empty_set(alice):
    today = alice.local_today()
    assert selectors.snoozed(user=alice, today=today) == orm_snoozed(alice, today) == set()


def test_the_answers_still_snoozed_read_as_the_orm_reads_them(screened_alice, library):
    alice = screened_alice
    today = alice.local_today()
    item = PlanItem.objects.filter(user=alice).first()
    assert item is not None
    Dismissal.objects.create(
        user=alice, plan_item=item, kind=Dismissal.Kind.UP, until=today + timedelta(days=3)
    )
    Dismissal.objects.create(user=alice, kind=Dismissal.Kind.GENTLE, until=today + timedelta(days=1))
    # Run out: until is exclusive, so a "not now" until today no longer holds today.
    Dismissal.objects.create(user=alice, plan_item=item, kind=Dismissal.Kind.DOWN, until=today)
    bob = make_user("bob")
    Dismissal.objects.create(user=bob, kind=Dismissal.Kind.GENTLE, until=today + timedelta(days=5))
    found = selectors.snoozed(user=alice, today=today)
    assert found == orm_snoozed(alice, today)
    assert found == {(item.pk, Dismissal.Kind.UP), (None, Dismissal.Kind.GENTLE)}
    # The day after, the gentle set's answer has run out too.
    tomorrow = today + timedelta(days=1)
    assert selectors.snoozed(user=alice, today=tomorrow) == orm_snoozed(alice, tomorrow) == {(item.pk, "up")}
