"""The guided session page: today's due exercises, less habits and those done, behind the plan gate."""

import json

import pytest
from django.urls import reverse

from journal.models import Entry, SafetyScreen, Tick
from journal.schedule import Status
from journal.views.session import due_steps
from tests.conftest import make_user, screen_clear
from tests.journal.test_plan_gate import HELD, hold, see_soon

pytestmark = pytest.mark.django_db

URL = reverse("journal:session")
# The starter plan less its two habits (sitting breaks, the walk), in Today's order.
STARTER_SESSION = [
    "belly-breathing-feet-up",
    "cat-cow-gentle",
    "rocking-all-fours",
    "supine-marching",
    "lying-face-down",
]


def session_slugs(client):
    body = client.get(URL).content.decode()
    return [
        part.split('"', 1)[0] for part in body.split('data-testid="session-exercise" data-exercise="')[1:]
    ]


def session_data(response):
    body = response.content.decode()
    start = body.index('<script id="session-data" type="application/json">') + len(
        '<script id="session-data" type="application/json">'
    )
    return json.loads(body[start : body.index("</script>", start)])


def tick(user, slug, **fields):
    entry, _ = Entry.objects.get_or_create(user=user, date=user.local_today())
    return Tick.objects.create(entry=entry, exercise_id=_exercise(slug), **fields)


def _exercise(slug):
    from exercises.models import Exercise

    return Exercise.objects.get(slug=slug).pk


def test_it_works(alice_today):
    response = alice_today.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="session"' in body
    assert session_slugs(alice_today) == STARTER_SESSION
    assert body.count('data-testid="figure"') == len(STARTER_SESSION)
    assert "js/session.js" in body


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_leaves_out_habits_and_what_is_done(alice_today, screened_alice):
    tick(screened_alice, "cat-cow-gentle")
    tick(screened_alice, "lying-face-down", pain_during=2)
    assert session_slugs(alice_today) == ["belly-breathing-feet-up", "rocking-all-fours", "supine-marching"]


def test_each_exercise_shows_its_cue_cautions_and_phases(alice_today):
    response = alice_today.get(URL)
    body = response.content.decode()
    assert "Ribs down, low back gently pressed to the floor." in body  # marching's first cue
    assert "Stop if lifting a leg hurts your back" in body  # its caution, visible
    assert '<li data-kind="reps">Left side · set 1 of 2 · 6 reps</li>' in body
    assert '<li data-kind="switch">Switch to the right side</li>' in body
    assert '<li data-kind="timed">1 min</li>' in body  # lying face down


def test_the_phases_reach_the_script_with_the_time_scale(alice_today, settings):
    data = session_data(alice_today.get(URL))
    assert data["timeScale"] == 1
    assert [ex["slug"] for ex in data["exercises"]] == STARTER_SESSION
    marching = data["exercises"][3]["phases"]
    assert marching[1] == {
        "kind": "reps",
        "label": "Left side · set 1 of 2 · 6 reps",
        "seconds": None,
        "reps": 6,
        "rep_hold_seconds": None,
        "tempo_seconds": 4,  # the level's tempo (library data), a march a side
        "side": "left",
        "set": 1,
        "sets": 2,
    }
    settings.SESSION_TIME_SCALE = 60
    assert session_data(alice_today.get(URL))["timeScale"] == 60


def test_the_time_scale_is_real_time_unless_a_test_changes_it():
    from backcare import settings as project

    assert project.SESSION_TIME_SCALE == 1


def test_everything_done_says_so_and_links_back(alice_today, screened_alice):
    for slug in STARTER_SESSION:
        tick(screened_alice, slug)
    body = alice_today.get(URL).content.decode()
    assert 'data-testid="session-empty"' in body
    assert "everything due is done" in body
    assert 'data-testid="session-exercise"' not in body
    assert "js/session.js" not in body
    assert f'href="{reverse("journal:today")}"' in body


def test_a_rest_day_has_no_session(alice_today, screened_alice):
    Entry.objects.create(user=screened_alice, date=screened_alice.local_today(), day_type=Entry.DayType.REST)
    body = alice_today.get(URL).content.decode()
    assert "rest day" in body
    assert session_slugs(alice_today) == []


def test_a_rough_day_runs_the_gentle_set(alice_today, screened_alice):
    Entry.objects.create(user=screened_alice, date=screened_alice.local_today(), day_type=Entry.DayType.ROUGH)
    assert session_slugs(alice_today) == ["belly-breathing-feet-up", "lying-face-down", "supine-marching"]


@pytest.mark.parametrize("outcome", HELD)
def test_a_held_plan_is_never_led_through_exercises(alice_today, screened_alice, outcome):
    hold(screened_alice, outcome)
    response = alice_today.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("journal:today")
    today = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-testid="start-session"' not in today


def test_see_soon_runs_only_the_gentle_set_without_the_walk(alice_today, screened_alice):
    see_soon(screened_alice)
    assert session_slugs(alice_today) == ["belly-breathing-feet-up", "lying-face-down", "supine-marching"]


def test_a_cleared_hold_brings_the_plan_back(alice_today, screened_alice):
    hold(screened_alice, SafetyScreen.Outcome.TALK_FIRST)
    SafetyScreen.objects.filter(user=screened_alice).update(cleared_on=screened_alice.local_today())
    assert session_slugs(alice_today) == STARTER_SESSION


def test_a_user_before_the_safety_screen_is_sent_to_it(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("journal:safety")


def test_another_users_plan_and_ticks_are_never_shown(alice_today, screened_alice):
    bob = make_user("bob")
    screen_clear(bob)
    tick(bob, "belly-breathing-feet-up")
    tick(bob, "cat-cow-gentle")
    assert session_slugs(alice_today) == STARTER_SESSION  # bob's ticks don't count as alice's
    tick(screened_alice, "rocking-all-fours")
    alice_today.force_login(bob)
    assert session_slugs(alice_today) == ["rocking-all-fours", "supine-marching", "lying-face-down"]


def test_the_done_form_without_javascript_ticks_and_comes_back_to_the_session(alice_today, screened_alice):
    body = alice_today.get(URL).content.decode()
    action = reverse(
        "journal:tick", kwargs={"day": screened_alice.local_today().isoformat(), "exercise": "cat-cow-gentle"}
    )
    assert f'action="{action}" data-done-form' in body
    response = alice_today.post(action, {"from": "session"})
    assert response.status_code == 302
    assert response.url == URL
    assert Tick.objects.filter(entry__user=screened_alice, exercise__slug="cat-cow-gentle").count() == 1
    followed = alice_today.get(URL)
    assert "Gentle cat/cow: done." in followed.content.decode()
    assert "cat-cow-gentle" not in session_slugs(alice_today)


def test_the_done_form_from_today_still_goes_back_to_today(alice_today, screened_alice):
    action = reverse(
        "journal:tick", kwargs={"day": screened_alice.local_today().isoformat(), "exercise": "cat-cow-gentle"}
    )
    response = alice_today.post(action)
    assert response.url == reverse("journal:today") + "#ex-cat-cow-gentle"


def test_the_scripts_tick_saves_how_it_felt_and_a_partial_dose(alice_today, screened_alice):
    action = reverse(
        "journal:tick",
        kwargs={"day": screened_alice.local_today().isoformat(), "exercise": "supine-marching"},
    )
    response = alice_today.post(
        action,
        {"from": "session", "pain_during": "3", "effort": "right", "spread": "no", "partial": "on"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.json()["ok"] is True
    saved = Tick.objects.get(entry__user=screened_alice, exercise__slug="supine-marching")
    assert (saved.pain_during, saved.effort, saved.spread, saved.full_dose) == (3, "right", False, False)
    # The session's script reads whether it was saved and the words: no Today row is built for it.
    assert response.json() == {
        "ok": True,
        "conflict": False,
        "message": "Marching with feet on the floor: done.",
        "bases": {"t": "t1", "f": "f3.right.0.x"},
    }
    # Sent again (a retry after a lost answer): saved once, "saved".
    again = alice_today.post(
        action, {"from": "session", "pain_during": "3", "effort": "right"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert again.json()["ok"] is True and again.json()["message"] == "Marching with feet on the floor: saved."
    assert Tick.objects.filter(entry__user=screened_alice, exercise__slug="supine-marching").count() == 1


def test_the_session_rejects_post(alice_today):
    assert alice_today.post(URL).status_code == 405


def test_today_offers_the_session_while_a_non_habit_exercise_is_due(alice_today, screened_alice):
    today = reverse("journal:today")
    body = alice_today.get(today).content.decode()
    assert f'href="{URL}" data-testid="start-session"' in body
    for slug in STARTER_SESSION:
        tick(screened_alice, slug)
    # Only the habits are left (sitting breaks, the walk): no session to start.
    assert 'data-testid="start-session"' not in alice_today.get(today).content.decode()


def test_a_past_day_offers_no_session(alice_today, screened_alice):
    from datetime import timedelta

    from django.utils import timezone

    screened_alice.date_joined = timezone.now() - timedelta(days=10)
    screened_alice.save()
    day = (screened_alice.local_today() - timedelta(days=2)).isoformat()
    body = alice_today.get(reverse("journal:day", kwargs={"day": day})).content.decode()
    assert 'data-testid="start-session"' not in body


def test_due_steps_keep_todays_order_and_leave_out_habits_and_what_is_not_due(library):
    slugs = ["daily-walk", "glute-bridge", "standing-backbend", "bird-dog", "single-leg-bridge"]
    exercises = [library.by_slug[slug] for slug in slugs]
    due = Status(schedule="daily", due=True, done=False)
    resting = Status(schedule="every_other_day", due=False, done=False)  # done yesterday
    steps = due_steps(
        exercises, [due, due, due, due, resting], done={library.by_slug["bird-dog"].pk}, day_iso="2026-11-29"
    )
    assert [s.exercise.slug for s in steps] == ["glute-bridge"]
    assert steps[0].tick_url == "/day/2026-11-29/tick/glute-bridge/"
    assert steps[0].phases[1].rep_hold_seconds == 3


def test_an_every_other_day_exercise_done_yesterday_is_not_in_todays_session(alice_today, screened_alice):
    from datetime import timedelta

    alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "glute-bridge"}), {"level": "3", "confirm": "yes"}
    )
    assert "single-leg-bridge" in session_slugs(alice_today)
    yesterday = screened_alice.local_today() - timedelta(days=1)
    entry = Entry.objects.create(user=screened_alice, date=yesterday)
    Tick.objects.create(entry=entry, exercise_id=_exercise("single-leg-bridge"))
    assert "single-leg-bridge" not in session_slugs(alice_today)
    assert session_slugs(alice_today) == STARTER_SESSION


def test_the_session_runs_the_plan_items_dose_step(alice_today, screened_alice):
    from journal.models import PlanItem

    alice_today.post(reverse("journal:plan_set", kwargs={"progression": "rocking"}), {"level": "2"})
    hold_of = lambda: next(  # noqa: E731
        p["seconds"]
        for p in session_data(alice_today.get(URL))["exercises"][2]["phases"]
        if p["kind"] == "hold"
    )
    assert hold_of() == 20  # child's pose starts at the low end of 20-30 s
    PlanItem.objects.filter(user=screened_alice, progression__slug="rocking").update(dose_step=1)
    assert hold_of() == 25
    assert "The dose: 3 × 25 s, daily" in alice_today.get(URL).content.decode()


def test_the_session_script_stays_small_and_dependency_free():
    """Issue promise: the session's JavaScript is under 10 kB compressed, with no dependency."""
    import gzip
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "static" / "js" / "session.js").read_bytes()
    assert len(gzip.compress(source, 9)) < 10 * 1024
    assert b"import " not in source and b"require(" not in source


def test_each_exercise_reaches_the_script_with_its_tempo_name_and_cue(alice_today):
    data = session_data(alice_today.get(URL))
    breathing = data["exercises"][0]
    assert (breathing["name"], breathing["cue"]) == (
        "Belly breathing with feet up",
        "Fill low first: belly, then chest.",
    )
    tempos = {
        ex["slug"]: {p["tempo_seconds"] for p in ex["phases"] if p["kind"] == "reps"}
        for ex in data["exercises"]
    }
    assert tempos == {
        "belly-breathing-feet-up": {7},
        "cat-cow-gentle": {6},
        "rocking-all-fours": {5},
        "supine-marching": {4},
        "lying-face-down": set(),  # timed, not counted in reps
    }


def test_the_spoken_words_come_from_the_page_not_the_script(alice_today):
    words = session_data(alice_today.get(URL))["words"]
    assert words["switch"] == "Switch sides"
    assert words["rest"] == "Rest"
    assert "%(seconds)s" in words["tempo"]
    body = alice_today.get(URL).content.decode()
    assert 'data-testid="voice-toggle"' in body
    assert 'data-testid="i-tap"' in body  # counted by the clock unless the person chooses to tap
    assert 'data-testid="felt-fine"' in body and 'data-testid="tell-more"' in body


def test_the_estimate_counts_reps_at_each_levels_tempo(alice_today):
    """Each with 10 s to get ready: breathing 10 × 7 s, cat/cow 10 × 6, rocking 10 × 5, marching
    2 sets × 2 sides × 6 × 4 + 2 switches of 5 + a 30 s rest, lying face down 60: 426 s, about 7 min
    (at the old fixed 3 s a rep it said 5 min)."""
    body = alice_today.get(URL).content.decode()
    assert "5 exercises, about 7 min." in body


def test_felt_fine_offers_the_last_safe_pain_score_of_that_exercise(alice_today, screened_alice):
    from datetime import timedelta

    from django.utils import timezone

    screened_alice.date_joined = timezone.now() - timedelta(days=10)
    screened_alice.save()
    today = screened_alice.local_today()
    for days_ago, slug, pain in [
        (3, "cat-cow-gentle", 1),
        (1, "cat-cow-gentle", 2),
        (2, "rocking-all-fours", 5),
    ]:
        entry, _ = Entry.objects.get_or_create(user=screened_alice, date=today - timedelta(days=days_ago))
        Tick.objects.create(entry=entry, exercise_id=_exercise(slug), pain_during=pain)
    bob = make_user("bob")
    entry = Entry.objects.create(user=bob, date=today - timedelta(days=1))
    Tick.objects.create(entry=entry, exercise_id=_exercise("belly-breathing-feet-up"), pain_during=0)
    data = {ex["slug"]: ex for ex in session_data(alice_today.get(URL))["exercises"]}
    assert data["cat-cow-gentle"]["usual"] == {"effort": "right", "pain_during": 2}  # the latest
    assert (
        data["cat-cow-gentle"]["usualNote"]
        == "Saves pain during 2 of 10, as last time, and effort about right."
    )
    assert data["rocking-all-fours"]["usual"] == {"effort": "right"}  # 5 is not "fine": not repeated
    assert data["belly-breathing-feet-up"]["usual"] == {"effort": "right"}  # bob's answer is not alice's
    assert data["supine-marching"]["usualNote"] == "Saves effort about right, with no pain score."
