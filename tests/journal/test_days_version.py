"""Every service that writes a day or a tick gives the user's days a new version once it commits
(journal/days_version.py), so what is cached under the old one is never read again."""

from datetime import timedelta

import pytest

from exercises.models import Progression
from journal import days_version, services
from journal.models import Entry, PlanItem
from tests.conftest import make_history

pytestmark = pytest.mark.django_db


def writes(user):
    today = user.local_today()
    yesterday = today - timedelta(days=1)
    exercise = PlanItem.objects.filter(user=user).first().exercise
    return {
        "check-in": lambda: services.checkin_save(user=user, day=today, pain=4, notes="", leg_symptoms=None),
        "tick": lambda: services.tick_record(user=user, day=today, exercise=exercise),
        "untick": lambda: services.tick_remove(user=user, day=yesterday, exercise=exercise),
        "day type": lambda: services.day_type_set(user=user, day=yesterday, day_type=Entry.DayType.REST),
        "days deleted": lambda: services.days_delete(user=user, dates=[yesterday]),
        # Today's stored planned count follows the plan.
        "plan change": lambda: services.plan_remove(
            user=user, progression=Progression.objects.get(pk=exercise.progression_id), today=today
        ),
    }


@pytest.mark.parametrize("write", ["check-in", "tick", "untick", "day type", "days deleted", "plan change"])
def test_each_write_of_a_day_or_a_tick_makes_a_new_version_once_it_commits(
    screened_alice, django_capture_on_commit_callbacks, write
):
    make_history(screened_alice, 3)
    services.checkin_save(
        user=screened_alice, day=screened_alice.local_today(), pain=5, notes="", leg_symptoms=None
    )
    before = days_version.current(screened_alice.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        writes(screened_alice)[write]()
    assert days_version.current(screened_alice.pk) == before  # not before the commit
    for callback in callbacks:
        callback()
    after = days_version.current(screened_alice.pk)
    assert after != before
    assert days_version.current(screened_alice.pk) == after


def test_a_version_is_per_user(alice, bob, django_capture_on_commit_callbacks):
    bobs = days_version.current(bob.pk)
    assert days_version.current(alice.pk) != bobs
    with django_capture_on_commit_callbacks(execute=True):
        days_version.changed(alice.pk)
    assert days_version.current(bob.pk) == bobs


def test_deleting_the_account_forgets_its_version(alice, django_capture_on_commit_callbacks):
    from django.core.cache import caches

    days_version.current(alice.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=alice)
    assert caches["default"].get(f"days-version:{alice.pk}") is None
