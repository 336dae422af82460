"""`manage.py populate`: many users in bulk, every model's rules kept (backcare/populate.py)."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from backcare.models import User
from journal import plan_periods
from journal.days import first_day
from journal.models import (
    Entry,
    LevelChange,
    PlanItem,
    PlanPeriod,
    PsfsRating,
    PsfsRound,
    SafetyScreen,
    Tick,
)
from journal.selectors import ROUGH_DAY_SET
from learn.models import LessonRead
from reminders.models import Delivery, Reminder

USERS, DAYS = 20, 60


@pytest.fixture
def populated(db):
    call_command("populate", users=USERS, days=DAYS, seed=3, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_makes_the_users_with_a_plan_a_diary_and_the_rest(populated):
    users = list(User.objects.order_by("username"))
    assert len(users) == USERS and users[0].username == "scale00000"
    assert PlanItem.objects.count() == 7 * USERS
    assert Entry.objects.count() > USERS * DAYS * 0.5
    assert Tick.objects.count() > Entry.objects.count() * 3
    assert LevelChange.objects.filter(direction="up").exists()
    assert LevelChange.objects.filter(direction="down").exists()
    assert SafetyScreen.objects.filter(outcome="see_soon").count() < SafetyScreen.objects.count()
    assert PsfsRound.objects.exists() and PsfsRating.objects.exists()
    assert LessonRead.objects.exists() and Reminder.objects.exists() and Delivery.objects.exists()
    # Some check-ins of high pain: the flares.
    assert Entry.objects.filter(pain__gte=7).exists()


def test_every_day_is_in_the_users_diary_window_and_drawn_times_are_kept(populated):
    for user in User.objects.all():
        today = user.local_today()
        dates = list(Entry.objects.filter(user=user).values_list("date", flat=True))
        assert min(dates) >= first_day(user) and max(dates) <= today
        assert min(dates) >= today - timedelta(days=DAYS - 1)
        # Each user's diary version was moved for the rows written with it.
        assert user.diary_version >= 1
    # auto_now_add did not restamp the rows with the time of the load.
    first = Entry.objects.order_by("date").first()
    assert first.created_at.date() <= first.date + timedelta(days=1)


def test_the_plan_and_its_periods_tell_the_same_story_as_the_level_changes(populated):
    periods = defaultdict(list)
    for period in PlanPeriod.objects.order_by("start", "pk"):
        periods[period.plan_item_id].append(period)
    changes = defaultdict(list)
    for change in LevelChange.objects.order_by("created_at", "pk"):
        changes[change.plan_item_id].append(change)
    for item in PlanItem.objects.all():
        chain = periods[item.pk]
        assert chain[-1].end is None and chain[-1].exercise_id == item.exercise_id
        assert chain[-1].start == item.since
        for before, after in zip(chain, chain[1:], strict=False):
            assert before.end == after.start and before.end > before.start
        assert len(changes[item.pk]) == len(chain) - 1
        for change, before in zip(changes[item.pk], chain, strict=False):
            assert change.from_exercise_id == before.exercise_id and change.reason


def test_a_normal_days_ticks_are_of_the_levels_in_the_plan_that_day(populated):
    periods = defaultdict(list)
    for row in PlanPeriod.objects.values_list("user_id", "plan_item_id", "exercise_id", "start", "end"):
        periods[row[0]].append(row[1:])
    checked = 0
    ticks = Tick.objects.select_related("entry", "exercise")
    for tick in ticks.filter(
        entry__day_type="normal", entry__user__username__in=["scale00000", "scale00001"]
    ):
        plan = {p.exercise_id for p in plan_periods.periods_on(periods[tick.entry.user_id], tick.entry.date)}
        assert tick.exercise_id in plan
        checked += 1
    assert checked > 50
    rough = ticks.filter(entry__day_type="rough").exclude(exercise__slug__in=ROUGH_DAY_SET)
    # Off the rough-day set only the session that hurt (pain during 6) on a flare's first day.
    assert all(tick.pain_during == 6 for tick in rough)


def test_a_populated_user_can_use_the_app_and_new_rows_get_new_ids(populated, client):
    user = User.objects.get(username="scale00004")
    client.force_login(user)
    for path in ("/today/", "/history/?range=90", "/history/?range=all", "/history/report/", "/settings/"):
        assert client.get(path).status_code == 200, path
    assert User.objects.create_user(username="after", password="x" * 12).pk > user.pk


@pytest.mark.django_db
def test_it_refuses_a_database_with_users_unless_forced(alice):
    with pytest.raises(CommandError, match="already has users"):
        call_command("populate", users=2, days=5)
    assert User.objects.count() == 1
    call_command("populate", users=2, days=5, force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.count() == 3
    with pytest.raises(CommandError, match="another --prefix"):
        call_command("populate", users=2, days=5, force=True)
    assert User.objects.count() == 3


@pytest.mark.django_db
def test_a_user_drawn_alone_is_the_same_user_as_in_a_larger_run():
    quiet = open("/dev/null", "w")  # noqa: SIM115
    call_command("populate", users=3, days=40, seed=5, stdout=quiet)
    call_command("populate", users=1, first=2, days=40, seed=5, prefix="alone", force=True, stdout=quiet)

    def diary(username):
        return list(
            Entry.objects.filter(user__username=username)
            .order_by("date")
            .values_list("date", "pain", "day_type", "notes", "planned")
        )

    assert diary("alone00002") == diary("scale00002") != diary("scale00001")
