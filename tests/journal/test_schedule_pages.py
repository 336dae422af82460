"""Today and a past day read each level's schedule and the plan as it was on the day shown."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from backcare import diary_version
from exercises.models import Exercise, Progression
from journal import services
from journal.models import Entry, PlanPeriod, Tick
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db

# A Friday: four days of the week lie before it.
FRIDAY = datetime(2026, 11, 27, 12, tzinfo=UTC)


@pytest.fixture
def friday():
    with time_machine.travel(FRIDAY, tick=False):
        yield


@pytest.fixture
def walker(friday, client):
    """A user whose plan began two weeks ago, logged in (on the Friday)."""
    user = make_user("walker")
    user.date_joined = FRIDAY - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    screen_clear(user, day=user.local_today() - timedelta(days=14))
    client.force_login(user)
    return user


def text(response):
    """The page's words, tags and extra spaces taken out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def url(name, user, slug, day=None):
    return reverse(name, kwargs={"day": (day or user.local_today()).isoformat(), "exercise": slug})


def done_on(user, slug, *days_ago, times=1):
    today = user.local_today()
    exercise = Exercise.objects.get(slug=slug)
    for n in days_ago:
        entry, _ = Entry.objects.get_or_create(user=user, date=today - timedelta(days=n))
        Tick.objects.create(entry=entry, exercise=exercise, times=times)
    diary_version.changed(user)  # written past the services: the pages kept so far are old


def row(body, slug):
    found = re.search(rf'<li [^>]*data-exercise="{slug}".*?</li>', body, re.S)
    assert found, slug
    return found.group(0)


# --- times a day -----------------------------------------------------------------------------------


def test_each_tap_on_sitting_breaks_adds_one_to_the_days_count(client, walker):
    tick = url("journal:tick", walker, "standing-backbend")
    for n in range(1, 4):
        response = client.post(tick, {"add": "on"})
        assert response.status_code == 302
        assert Tick.objects.get(entry__user=walker).times == n
    assert "3 of 5 breaks" in text(client.get(reverse("journal:today")))
    breaks = row(client.get(reverse("journal:today")).content.decode(), "standing-backbend")
    assert 'data-done="false"' in breaks and 'data-testid="undo"' in breaks  # not at its target yet


def test_a_tap_by_fetch_returns_the_row_with_its_count(client, walker):
    tick = url("journal:tick", walker, "standing-backbend")
    for _ in range(4):
        client.post(tick, {"add": "on"}, HTTP_X_REQUESTED_WITH="fetch")
    data = client.post(tick, {"add": "on"}, HTTP_X_REQUESTED_WITH="fetch").json()
    assert data["ok"] and data["message"] == "Stand up and lean back: 5 of 5 breaks."
    assert "5 of 5 breaks" in data["row"] and 'data-done="true"' in data["row"]
    assert data["done_count"] == 1  # the breaks reached their target: one of the day's items done


def test_undo_takes_one_away_down_to_none(client, walker):
    tick, untick = (
        url("journal:tick", walker, "standing-backbend"),
        url("journal:untick", walker, "standing-backbend"),
    )
    client.post(tick, {"add": "on"})
    client.post(tick, {"add": "on"})
    data = client.post(untick, HTTP_X_REQUESTED_WITH="fetch").json()
    assert data["ok"] and "1 of 5 breaks" in data["row"]
    assert Tick.objects.get(entry__user=walker).times == 1
    client.post(untick)
    assert not Tick.objects.filter(entry__user=walker).exists()
    client.post(untick)  # none left: nothing to take away, and no error
    assert not Tick.objects.filter(entry__user=walker).exists()


def test_how_it_felt_saves_without_adding_a_break(client, walker):
    tick = url("journal:tick", walker, "standing-backbend")
    client.post(tick, {"add": "on"})
    client.post(tick, {"pain_during": "2", "effort": "easy"})
    saved = Tick.objects.get(entry__user=walker)
    assert saved.times == 1 and saved.pain_during == 2


def test_a_plain_tick_of_another_level_stays_one(client, walker):
    tick = url("journal:tick", walker, "cat-cow-gentle")
    client.post(tick, {"add": "on"})
    client.post(tick, {"add": "on"})
    assert Tick.objects.get(entry__user=walker).times == 1


# --- days a week and every other day ------------------------------------------------------------


def test_walking_is_due_until_the_weeks_target_is_met(client, walker):
    done_on(walker, "daily-walk", 4, 3, 2)  # Monday to Wednesday
    body = client.get(reverse("journal:today")).content.decode()
    assert 'data-due="true"' in row(body, "daily-walk")
    assert "3 of 4 walks this week" in text(client.get(reverse("journal:today")))
    assert "0 of 7 done" in text(client.get(reverse("journal:today")))

    done_on(walker, "daily-walk", 1)  # Thursday: four of four
    page = client.get(reverse("journal:today"))
    walk = row(page.content.decode(), "daily-walk")
    assert 'data-due="false"' in walk and "4 walks this week" in walk and "target of 4 is met" in walk
    assert "0 of 6 done" in text(page)
    # A walk anyway is kept, and shown, but the day's count stays with what was due.
    client.post(url("journal:tick", walker, "daily-walk"))
    assert "0 of 6 done" in text(client.get(reverse("journal:today")))
    # Never "5 of 4" (once "7 of 3 sessions this week"): the week's count, and its target met.
    assert "5 walks this week: the week&#x27;s target of 4 is met" in text(
        client.get(reverse("journal:today"))
    )
    assert "5 of 4" not in text(client.get(reverse("journal:today")))


def test_last_weeks_walks_do_not_count_this_week(client, walker):
    done_on(walker, "daily-walk", 8, 7, 6, 5)  # last Thursday to Sunday
    assert "0 of 4 walks this week" in text(client.get(reverse("journal:today")))


def single_leg_bridge(user, since_days):
    today = user.local_today()
    services.plan_set_level(
        user=user,
        progression=Progression.objects.get(slug="glute-bridge"),
        exercise=Exercise.objects.get(slug="single-leg-bridge"),
        today=today - timedelta(days=since_days),
    )


def test_every_other_day_rests_the_day_after_it_was_done(client, walker):
    single_leg_bridge(walker, 5)
    done_on(walker, "single-leg-bridge", 1)
    page = client.get(reverse("journal:today"))
    bridge = row(page.content.decode(), "single-leg-bridge")
    assert 'data-due="false"' in bridge and "today is its day off" in bridge
    assert "0 of 7 done" in text(page)  # eight in the plan, seven due

    tomorrow = client.get(
        reverse("journal:day", kwargs={"day": (walker.local_today() - timedelta(days=1)).isoformat()})
    )
    assert 'data-due="true"' in row(tomorrow.content.decode(), "single-leg-bridge")


# --- the day's count, its stored plan, adherence and rest days -------------------------------------


def test_the_stored_planned_count_and_adherence_count_only_what_is_due(client, walker):
    done_on(walker, "daily-walk", 4, 3, 2, 1)
    client.post(url("journal:tick", walker, "cat-cow-gentle"))
    assert Entry.objects.get(user=walker, date=walker.local_today()).planned == 6
    body = text(client.get(reverse("journal:history")))
    # Monday to Thursday were made with the walks alone (their planned count is 0, as the test
    # wrote them); today: 1 of 6.
    assert "1 of 6 planned" in body


def test_a_rest_day_says_so_instead_of_0_of_0(client, walker):
    services.day_type_set(user=walker, day=walker.local_today(), day_type=Entry.DayType.REST)
    body = text(client.get(reverse("journal:today")))
    assert "0 of 0" not in body and "Rest day" in body


def test_nothing_due_says_so_instead_of_0_of_0(client, walker):
    for family in Progression.objects.exclude(slug="walking"):
        services.plan_remove(user=walker, progression=family, today=walker.local_today())
    done_on(walker, "daily-walk", 4, 3, 2, 1)
    body = text(client.get(reverse("journal:today")))
    assert "0 of 0" not in body and "Nothing due today" in body


# --- a past day: the plan and levels of that day ---------------------------------------------------


def level_up_marching(user, days_ago):
    services.plan_set_level(
        user=user,
        progression=Progression.objects.get(slug="supine-marching"),
        exercise=Exercise.objects.get(slug="heel-taps"),
        today=user.local_today() - timedelta(days=days_ago),
    )


def test_a_past_day_shows_the_level_of_that_day(client, walker):
    level_up_marching(walker, 3)
    before = walker.local_today() - timedelta(days=5)
    body = client.get(reverse("journal:day", kwargs={"day": before.isoformat()})).content.decode()
    assert 'data-exercise="supine-marching"' in body and 'data-exercise="heel-taps"' not in body
    today = client.get(reverse("journal:today")).content.decode()
    assert 'data-exercise="heel-taps"' in today and 'data-exercise="supine-marching"' not in today


def test_a_tick_on_a_past_day_is_recorded_at_that_days_level(client, walker):
    level_up_marching(walker, 3)
    before = walker.local_today() - timedelta(days=5)
    refused = client.post(url("journal:tick", walker, "heel-taps", before), HTTP_X_REQUESTED_WITH="fetch")
    assert refused.status_code == 400 and not Tick.objects.exists()
    response = client.post(
        url("journal:tick", walker, "supine-marching", before), HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.json()["ok"]
    assert Tick.objects.get(entry__date=before).exercise.slug == "supine-marching"


def test_a_removed_family_is_gone_from_the_days_after_it_ended(client, walker):
    services.plan_remove(
        user=walker,
        progression=Progression.objects.get(slug="cat-cow"),
        today=walker.local_today() - timedelta(days=3),
    )
    day = lambda n: client.get(  # noqa: E731
        reverse("journal:day", kwargs={"day": (walker.local_today() - timedelta(days=n)).isoformat()})
    ).content.decode()
    assert 'data-exercise="cat-cow-gentle"' in day(4)
    assert 'data-exercise="cat-cow-gentle"' not in day(2)


def test_a_past_day_shows_that_days_streak(client, walker):
    done_on(walker, "cat-cow-gentle", 6, 5, 4)  # Saturday to Monday, then nothing
    monday = walker.local_today() - timedelta(days=4)
    body = client.get(reverse("journal:day", kwargs={"day": monday.isoformat()})).content.decode()
    assert re.search(r"streak <span data-streak>3</span>", body)
    assert re.search(
        r"streak <span data-streak>0</span>", client.get(reverse("journal:today")).content.decode()
    )


def test_another_users_plan_history_is_not_shown(client, walker):
    level_up_marching(walker, 3)
    bob = make_user("bob")
    screen_clear(bob, day=bob.local_today() - timedelta(days=14))
    client.force_login(bob)
    before = bob.local_today() - timedelta(days=1)
    body = client.get(reverse("journal:day", kwargs={"day": before.isoformat()})).content.decode()
    assert 'data-exercise="supine-marching"' in body and 'data-exercise="heel-taps"' not in body
    # Bob's tick cannot reach Walker's days; Walker's periods are untouched by Bob's pages.
    client.post(url("journal:tick", bob, "heel-taps", before))
    assert not Tick.objects.filter(entry__user=walker).exists()
    assert PlanPeriod.objects.filter(user=walker, exercise__slug="heel-taps").count() == 1


def test_an_unknown_exercise_on_a_past_day_is_a_404_for_undo(client, walker):
    before = walker.local_today() - timedelta(days=2)
    assert client.post(url("journal:untick", walker, "no-such-level", before)).status_code == 404


def test_historys_day_list_says_when_nothing_was_due(client, walker):
    done_on(walker, "daily-walk", 1)  # an entry made with the walk alone: nothing stored as due
    Entry.objects.filter(user=walker).update(planned=0)
    rows = client.get(reverse("journal:history")).content.decode()
    assert '<span class="day-done">nothing due · 1 done anyway</span>' in rows
    assert "0 of 0" not in rows
