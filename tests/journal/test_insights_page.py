"""History's insights ("what goes with better days"): shown once there are enough days, cached per
user and day with the digest of the days they were computed from, so a new check-in or a change of
a past day shows at the next load, and a tick today computes nothing again."""

from datetime import timedelta

import pytest
from django.urls import reverse

from backcare.models import User
from exercises import catalog
from journal import insights, services
from journal.models import Entry, PlanItem, Tick
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db


def diary(user, *, done, not_done, open_yesterday=False):
    """`done` days with the whole plan ticked, then `not_done` days with nothing ticked, ending
    yesterday (its morning is today's check-in, not made); next-morning pain 3 after a done day, 6
    after the others. With `open_yesterday` one more not-done day, yesterday, is left without its
    next morning (today's check-in)."""
    today = user.local_today()
    exercises = [item.exercise for item in PlanItem.objects.filter(user=user).select_related("exercise")]
    kinds = [True] * done + [False] * not_done + ([False] if open_yesterday else [])
    first = today - timedelta(days=len(kinds) + (0 if open_yesterday else 1))
    previous = None
    for n, kind in enumerate(kinds):
        day = first + timedelta(days=n)
        pain = None if previous is None else (3 if previous else 6)
        entry = Entry.objects.create(user=user, date=day, pain=pain, planned=len(exercises))
        if kind:
            Tick.objects.bulk_create([Tick(entry=entry, exercise=ex) for ex in exercises])
        previous = kind
    if not open_yesterday:
        Entry.objects.create(user=user, date=today - timedelta(days=1), pain=3 if previous else 6)


@pytest.fixture
def computed(monkeypatch):
    """The calls to the insights' computation (the cache's misses)."""
    calls = []
    real = insights.compute

    def counting(*args, **kwargs):
        calls.append(kwargs["today"])
        return real(*args, **kwargs)

    monkeypatch.setattr(insights, "compute", counting)
    return calls


def history(client):
    response = client.get(reverse("journal:history"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_diary_says_how_many_more_days_are_needed(alice_today):
    body = history(alice_today)
    assert 'data-testid="insights"' in body
    assert 'data-testid="insight"' not in body
    assert "20 more days needed" in body.split('data-testid="insight-needed"')[1]
    assert "not what causes what" in body


def test_with_enough_days_the_plan_and_each_exercise_are_compared(alice_today, screened_alice):
    diary(screened_alice, done=15, not_done=12)
    body = history(alice_today)
    # The plan, a walk (in the starter plan), and the starter plan's other six families as one group:
    # every done day ticked all of them, so the log cannot tell them apart (the page says so).
    assert PlanItem.objects.filter(user=screened_alice).count() == 7
    assert body.count('data-testid="insight"') == 1 + 1 + 1
    assert body.count('data-testid="insight-together"') == 1
    together = body.split('data-testid="insight-together">')[1].split("</p>")[0]
    assert together.startswith("Belly breathing, Cat/cow, Rocking back,")
    assert "were always done on the same days" in together
    assert "so your log cannot tell their effects apart: they are compared as one." in together
    plan = body.split('data-insight="plan"')[1].split("</div></li>")[0]
    assert "Doing your plan" in plan
    assert "3.0 points lower on average after days you did most of your plan" in plan
    assert "After 15 days you did most of your plan" in plan and "<strong>3.0</strong>" in plan
    assert "After 12 days you did less than half" in plan and "<strong>6.0</strong>" in plan
    assert "Likely range (80%): 3.0 points lower." in plan  # every day alike: no spread at all
    assert "after days you ticked a walk than after days without one" in body
    assert (
        "Next-morning pain was 3.0 points lower on average after days you did Belly breathing, Cat/cow"
        in body
    )
    assert "than after days you did none of them." in body
    assert "After 15 days with all of them: <strong>3.0</strong>; after 12 with none" in body
    assert 'data-testid="insight-needed"' not in body


def test_a_new_check_in_shows_at_the_next_load(
    alice_today, screened_alice, computed, django_capture_on_commit_callbacks
):
    diary(screened_alice, done=12, not_done=9, open_yesterday=True)
    assert "1 more day needed" in history(alice_today)
    assert "1 more day needed" in history(alice_today)
    assert len(computed) == 1  # the second load came from the cache
    today = screened_alice.local_today().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        alice_today.post(reverse("journal:checkin", kwargs={"day": today}), {"pain": "6"})
    body = history(alice_today)
    assert len(computed) == 2
    assert 'data-insight="plan"' in body and "After 10 days you did less than half" in body


def test_new_ticks_show_at_the_next_load(
    alice_today, screened_alice, computed, django_capture_on_commit_callbacks
):
    diary(screened_alice, done=12, not_done=10)
    assert "After 10 days you did less than half" in history(alice_today)
    day = (screened_alice.local_today() - timedelta(days=2)).isoformat()  # a day without the plan
    with django_capture_on_commit_callbacks(execute=True):
        for item in PlanItem.objects.filter(user=screened_alice).select_related("exercise"):
            url = reverse("journal:tick", kwargs={"day": day, "exercise": item.exercise.slug})
            assert alice_today.post(url).status_code == 302
    body = history(alice_today)
    assert len(computed) == 2
    assert "1 more day needed" in body  # the day became one with the plan done: 13 and 9


def test_a_cached_load_makes_no_query_and_a_miss_one(alice_today, screened_alice, django_assert_num_queries):
    diary(screened_alice, done=12, not_done=10)
    catalog.catalog()  # the exercise library, read once per process
    # the session with its user (one join), safety screen, the insights' 180 days with their ticks
    # (History 90's logged days in the same read: selectors.history_days), and, until cached, the
    # PSFS ratings; five queries before the days and the insights' days were one read
    with django_assert_num_queries(4):
        history(alice_today)
    # The same page again: rendered afresh (its logged days), the safety screen, the insights and
    # the PSFS summary found in the shared cache.
    with django_assert_num_queries(2):
        history(alice_today)
    # Another range is rendered afresh (its logged days), but finds the safety screen, the insights
    # and the PSFS summary kept.
    with django_assert_num_queries(2):
        alice_today.get(reverse("journal:history") + "?range=30")
    day = screened_alice.local_today().isoformat()
    alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "3"})
    # After a check-in: the session with its user (one join), the insights' 180 days with their ticks
    # and the logged days in one read (three queries before it was); the PSFS summary stays kept, under a version only the PSFS rows move
    # (journal/0015_psfs_version_triggers), and so does the latest safety screen, under a version only
    # its rows move (journal/0017_screen_version_triggers): two queries fewer than before each had its
    # own version.
    with django_assert_num_queries(2):
        history(alice_today)


def test_a_write_by_another_process_shows_at_the_next_load(alice_today, screened_alice, computed):
    """What another process or server wrote moves the version in the database, which every
    request reads with its user: nothing kept under the old version is shown."""
    from django.core.cache import caches

    history(alice_today)
    history(alice_today)
    assert len(computed) == 1
    services.checkin_save(
        user=User.objects.get(pk=screened_alice.pk),
        day=screened_alice.local_today(),
        pain=3,
        notes="",
        leg_symptoms=None,
    )
    history(alice_today)
    assert len(computed) == 2
    caches["local"].clear()  # this process's own cache lost (a restart): the insights are still kept
    history(alice_today)
    assert len(computed) == 2


def test_the_cache_is_per_user(client, computed):
    for name in ("carol", "dave"):
        user = make_user(name)
        screen_clear(user)
        diary(user, done=12, not_done=10)
        client.force_login(user)
        assert 'data-insight="plan"' in history(client)
    assert len(computed) == 2  # the same days, but each user's own key


def test_the_insights_are_in_the_default_cache_under_the_user_and_the_day(alice_today, screened_alice):
    from django.core.cache import caches

    from backcare.models import User
    from exercises import catalog
    from journal import cache_keys

    history(alice_today)
    # Through the cache's own API, so it holds on local memory and on Redis (CI) alike.
    alice = User.objects.get(pk=screened_alice.pk)
    library = catalog.catalog().version
    today = alice.local_today()
    key = cache_keys.insights_key(alice, today, library)
    assert f"insights:{alice.pk}.{alice.cache_epoch:x}:{today.isoformat()}:" in key
    version, read, found = caches["default"].get(key)
    # The value says the diary version it was read at and which days it was computed from.
    assert version == alice.diary_version and len(read) == 32 and found.plan.key == "plan"
    other = User(pk=alice.pk + 1, cache_epoch=alice.cache_epoch)
    assert caches["default"].get(cache_keys.insights_key(other, today, library)) is None
    # The same id with another epoch (a restored database's new account): not alice's.
    again = User(pk=alice.pk, cache_epoch=alice.cache_epoch + 1)
    assert caches["default"].get(cache_keys.insights_key(again, today, library)) is None
    assert caches["default"].get(cache_keys.insights_key(alice, today - timedelta(days=1), library)) is None


def tick_today(client, user):
    with_plan = PlanItem.objects.filter(user=user).select_related("exercise").first()
    url = reverse(
        "journal:tick", kwargs={"day": user.local_today().isoformat(), "exercise": with_plan.exercise.slug}
    )
    assert client.post(url).status_code == 302


def test_a_tick_today_keeps_the_insights_and_a_check_in_today_computes_them_again(
    alice_today, screened_alice, computed, django_assert_num_queries
):
    diary(screened_alice, done=12, not_done=10)
    catalog.catalog()  # the exercise library, read once per process
    before = history(alice_today)
    assert len(computed) == 1
    tick_today(alice_today, screened_alice)
    # The first load after a write: the session with its user (one join), the insights' 180 days
    # with History 90's logged days in the same read (selectors.history_days; two queries before),
    # their digest unchanged: nothing computed. Not the PSFS ratings nor the latest safety screen:
    # the summary and the screen are kept under versions a tick does not move
    # (journal/0015_psfs_version_triggers, journal/0017_screen_version_triggers), two queries fewer.
    with django_assert_num_queries(2):
        after = history(alice_today)
    assert len(computed) == 1
    insights_of = lambda body: body.split('data-testid="insights"')[1].split("</section>")[0]  # noqa: E731
    assert insights_of(after) == insights_of(before) and 'data-insight="plan"' in insights_of(before)
    # A second tick today and a rest day today: still the same days for the insights.
    services.day_type_set(user=screened_alice, day=screened_alice.local_today(), day_type=Entry.DayType.REST)
    history(alice_today)
    assert len(computed) == 1
    # Today's check-in is yesterday's next morning: the insights are computed again.
    alice_today.post(
        reverse("journal:checkin", kwargs={"day": screened_alice.local_today().isoformat()}), {"pain": "2"}
    )
    history(alice_today)
    assert len(computed) == 2


def test_an_edit_of_a_past_day_computes_the_insights_again(alice_today, screened_alice, computed):
    diary(screened_alice, done=12, not_done=10)
    history(alice_today)
    day = screened_alice.local_today() - timedelta(days=5)
    alice_today.post(reverse("journal:checkin", kwargs={"day": day.isoformat()}), {"pain": "9"})
    assert Entry.objects.get(user=screened_alice, date=day).pain == 9
    history(alice_today)
    assert len(computed) == 2
    # A past day ticked and unticked again: back to the same days, computed once more (the kept
    # value is the latest days'), never the value of the days in between.
    item = PlanItem.objects.filter(user=screened_alice).select_related("exercise").first()
    kwargs = {"day": (day - timedelta(days=1)).isoformat(), "exercise": item.exercise.slug}
    ticked = Tick.objects.filter(entry__user=screened_alice, entry__date=day - timedelta(days=1)).exists()
    alice_today.post(reverse("journal:untick" if ticked else "journal:tick", kwargs=kwargs))
    history(alice_today)
    assert len(computed) == 3
    alice_today.post(reverse("journal:tick" if ticked else "journal:untick", kwargs=kwargs))
    history(alice_today)
    assert len(computed) == 4


def test_a_day_older_than_the_window_is_no_input(alice_today, screened_alice, computed):
    diary(screened_alice, done=12, not_done=10)
    history(alice_today)
    old = screened_alice.local_today() - timedelta(days=insights.WINDOW_DAYS + 3)
    alice_today.post(reverse("journal:checkin", kwargs={"day": old.isoformat()}), {"pain": "7"})
    assert Entry.objects.filter(user=screened_alice, date=old, pain=7).exists()
    history(alice_today)
    assert len(computed) == 1
