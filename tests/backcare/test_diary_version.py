"""Every write of a user's own data moves their diary version, in the same transaction
(backcare/diary_version.py), so a page kept under the old one is never shown again."""

from datetime import timedelta

import pytest
from django.db import transaction

from backcare import diary_version
from backcare.models import User
from exercises.models import Exercise, Progression
from journal import services
from journal.models import Entry, LevelChange, PlanItem, Tick
from journal.safety import QUESTION_KEYS
from journal.suggestions import Kind, Suggestion
from learn.models import Lesson
from tests.conftest import make_history

pytestmark = pytest.mark.django_db


def stored(user):
    return User.objects.values_list("diary_version", flat=True).get(pk=user.pk)


def writes(user):
    today = user.local_today()
    yesterday = today - timedelta(days=1)
    item = PlanItem.objects.select_related("exercise", "progression").get(
        user=user, progression__slug="supine-marching"
    )
    exercise = item.exercise
    higher = Exercise.objects.filter(progression_id=item.progression_id, level=exercise.level + 1).first()
    change = Suggestion(Kind.UP, LevelChange.Rule.MANUAL, {"level": exercise.level + 1})
    return {
        "check-in": lambda: services.checkin_save(user=user, day=today, pain=4, notes="", leg_symptoms=None),
        "tick": lambda: services.tick_record(user=user, day=today, exercise=exercise),
        # A tick that is there (make_history's): an undo that finds nothing writes nothing, and on
        # SQLite moves nothing (the rows' triggers move the version: journal/0015).
        "untick": lambda: services.tick_remove(
            user=user,
            day=yesterday,
            exercise=Tick.objects.filter(entry__user=user, entry__date=yesterday)[0].exercise,
        ),
        "day type": lambda: services.day_type_set(user=user, day=yesterday, day_type=Entry.DayType.REST),
        "days deleted": lambda: services.days_delete(user=user, dates=[yesterday]),
        "plan removed": lambda: services.plan_remove(
            user=user, progression=Progression.objects.get(pk=exercise.progression_id), today=today
        ),
        "level set": lambda: services.plan_set_level(
            user=user, progression=item.progression, exercise=higher, today=today
        ),
        "level change": lambda: services.level_change_make(
            plan_item=item,
            to_exercise=higher,
            direction=LevelChange.Direction.UP,
            suggestion=change,
            today=today,
        ),
        "not now": lambda: services.suggestion_dismiss(user=user, plan_item=item, kind=Kind.UP, today=today),
        "safety screen": lambda: services.safety_screen_record(
            user=user, today=today, answers=dict.fromkeys(QUESTION_KEYS, False)
        ),
        "warning read": lambda: services.safety_alert_acknowledge(
            user=user, kind="pain_rise", first_day=today
        ),
        "PSFS skipped": lambda: services.psfs_skip(user=user, today=today),
        "clinician note put away": lambda: services.see_clinician_put_away(user=user, today=today),
        "lesson read": lambda: __import__("learn.services").services.lesson_read_record(
            user=user, lesson=Lesson.objects.first()
        ),
    }


WRITES = [
    "check-in",
    "tick",
    "untick",
    "day type",
    "days deleted",
    "plan removed",
    "level set",
    "level change",
    "not now",
    "safety screen",
    "warning read",
    "PSFS skipped",
    "clinician note put away",
    "lesson read",
]


@pytest.mark.parametrize("write", WRITES)
def test_each_write_of_the_users_data_moves_the_version(screened_alice, write):
    make_history(screened_alice, 3)
    before = stored(screened_alice)
    writes(screened_alice)[write]()
    assert stored(screened_alice) > before


@pytest.mark.parametrize("write", ["check-in", "tick", "level change"])
def test_a_write_rolled_back_leaves_the_version_as_it_was(screened_alice, write):
    make_history(screened_alice, 3)
    before = stored(screened_alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        writes(screened_alice)[write]()
        raise RuntimeError("the request failed after the write")
    assert stored(screened_alice) == before


def test_a_version_is_per_user(alice, bob):
    bobs = stored(bob)
    diary_version.changed(alice)
    assert stored(bob) == bobs
    assert stored(alice) == 1


def test_the_copy_that_wrote_no_longer_knows_its_version(alice):
    assert diary_version.current(alice) == 0
    diary_version.changed(alice)
    assert diary_version.current(alice) is None  # its request keeps nothing (backcare/version_cache.py)


def test_a_full_save_of_an_older_copy_never_moves_the_version_back(alice):
    old_copy = User.objects.get(pk=alice.pk)
    diary_version.changed(alice)
    diary_version.changed(alice)
    old_copy.first_name = "Alice"
    old_copy.save()
    assert stored(alice) == 2
    assert User.objects.get(pk=alice.pk).first_name == "Alice"


def test_saving_settings_moves_the_version(alice_client, alice):
    """The zone decides the user's "today"; the country, the care words a page shows."""
    response = alice_client.post(
        "/settings/", {"email": "alice@example.com", "time_zone": "Asia/Tokyo", "country": ""}
    )
    assert response.status_code == 302
    assert stored(alice) == 1


@pytest.mark.parametrize(
    "write",
    ["calendar link", "calendar stopped", "push devices removed"],
)
def test_each_reminder_write_moves_the_version(alice, write):
    """The settings page shows them, and is kept under the version (backcare/version_cache.py)."""
    from reminders import services as reminders

    do = {
        "calendar link": lambda: reminders.calendar_feed_renew(user=alice),
        "calendar stopped": lambda: reminders.calendar_feed_stop(user=alice),
        "push devices removed": lambda: reminders.push_subscriptions_delete_all(user=alice),
    }
    before = stored(alice)
    do[write]()
    assert stored(alice) == before + 1
