"""Severe pain during an exercise pauses it until the person has talked to a clinician (clinical
rules version 3; the rule's own tests: tests/journal/test_pause_rules.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from exercises.models import Exercise
from journal.models import Entry, LevelChange, PlanItem, Tick
from tests.conftest import screen_clear
from tests.journal.test_share import make_link, shared_url

pytestmark = pytest.mark.django_db

SLUG = "supine-marching"


@pytest.fixture
def uk_alice(screened_alice):
    """Alice in England, her plan begun ten days ago (sessions before a level began do not count)."""
    screened_alice.country = "GB"
    screened_alice.save(update_fields=["country"])
    PlanItem.objects.filter(user=screened_alice).update(
        since=screened_alice.local_today() - timedelta(days=10)
    )
    return screened_alice


def day_iso(user, days_ago):
    return (user.local_today() - timedelta(days=days_ago)).isoformat()


def tick(client, user, days_ago, slug=SLUG, **fields):
    return client.post(
        reverse("journal:tick", kwargs={"day": day_iso(user, days_ago), "exercise": slug}),
        fields,
        follow=True,
    )


def row_of(client, slug=SLUG):
    body = client.get(reverse("journal:today")).content.decode()
    return body.split(f'data-exercise="{slug}"', 1)[1].split('data-testid="plan-item"', 1)[0]


def item_of(user, progression=SLUG):
    return PlanItem.objects.get(user=user, progression__slug=progression)


@pytest.fixture
def paused(alice_today, uk_alice):
    """Marching paused by pain during 8 yesterday."""
    tick(alice_today, uk_alice, 1, pain_during="8", effort="hard")
    return item_of(uk_alice)


def test_pain_during_eight_pauses_the_exercise_and_today_says_stop_and_talk(alice_today, paused):
    assert paused.paused_on == paused.user.local_today() - timedelta(days=1)
    row = row_of(alice_today)
    assert 'data-testid="paused"' in row
    assert "Stop this exercise for now." in row
    assert "talk to a doctor or physiotherapist about the pain it caused" in row
    assert "NHS 111 (phone or online)" in row  # a UK user's urgent-care words
    assert 'data-testid="tick"' not in row and 'data-testid="resume"' in row
    assert 'data-due="false"' in row
    # The other rows keep their Done button, and the day's count leaves the paused one out.
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="tick"') == 6


def test_seven_once_does_not_pause_and_seven_twice_running_does(alice_today, uk_alice):
    tick(alice_today, uk_alice, 3, pain_during="7")
    assert item_of(uk_alice).paused_on is None
    assert 'data-testid="paused"' not in row_of(alice_today)
    tick(alice_today, uk_alice, 1, pain_during="7")
    assert item_of(uk_alice).paused_on == uk_alice.local_today() - timedelta(days=1)


def test_a_tick_of_the_paused_exercise_is_refused_and_nothing_is_saved(alice_today, paused):
    user = paused.user
    response = tick(alice_today, user, 0, pain_during="2")
    assert (
        f"Not saved: {paused.exercise.name} is paused after the pain it caused" in response.content.decode()
    )
    assert "NHS 111" in response.content.decode()
    assert not Tick.objects.filter(entry__user=user, entry__date=user.local_today()).exists()
    # The page's script gets a 400 with the same words.
    response = alice_today.post(
        reverse("journal:tick", kwargs={"day": day_iso(user, 0), "exercise": SLUG}),
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 400 and "is paused after the pain it caused" in response.json()["message"]
    assert not Tick.objects.filter(entry__user=user, entry__date=user.local_today()).exists()


def test_the_guided_session_skips_the_paused_exercise(alice_today, paused):
    body = alice_today.get(reverse("journal:session")).content.decode()
    assert f'"slug": "{SLUG}"' not in body and "belly-breathing-feet-up" in body


def test_talking_to_a_clinician_takes_it_up_again(alice_today, paused):
    url = reverse("journal:pause_resume", kwargs={"pk": paused.pk})
    assert alice_today.get(url).status_code == 405
    response = alice_today.post(url, follow=True)
    assert "is back in your plan" in response.content.decode()
    paused.refresh_from_db()
    assert paused.paused_on is None and paused.resumed_through == paused.user.local_today() - timedelta(
        days=1
    )
    row = row_of(alice_today)
    assert 'data-testid="paused"' not in row and 'data-testid="tick"' in row
    assert LevelChange.objects.filter(plan_item=paused, direction="resume").count() == 1
    # Today's session counts again; a second resume changes nothing.
    assert tick(alice_today, paused.user, 0, pain_during="2").status_code == 200
    assert Tick.objects.filter(entry__date=paused.user.local_today(), exercise=paused.exercise).exists()
    assert "no longer applies" in alice_today.post(url, follow=True).content.decode()
    assert LevelChange.objects.filter(plan_item=paused, direction="resume").count() == 1


def test_after_a_resume_a_new_severe_score_pauses_again(alice_today, paused):
    alice_today.post(reverse("journal:pause_resume", kwargs={"pk": paused.pk}))
    tick(alice_today, paused.user, 0, pain_during="8")
    paused.refresh_from_db()
    assert paused.paused_on == paused.user.local_today()


def test_another_users_resume_is_a_404(client, bob, paused):
    screen_clear(bob)
    client.force_login(bob)
    assert client.post(reverse("journal:pause_resume", kwargs={"pk": paused.pk})).status_code == 404
    paused.refresh_from_db()
    assert paused.paused_on is not None


def test_undoing_the_session_that_caused_it_ends_the_pause_and_its_record(alice_today, paused):
    assert LevelChange.objects.filter(plan_item=paused, direction="pause").count() == 1
    alice_today.post(reverse("journal:untick", kwargs={"day": day_iso(paused.user, 1), "exercise": SLUG}))
    paused.refresh_from_db()
    assert paused.paused_on is None
    assert not LevelChange.objects.filter(plan_item=paused).exists()


def test_a_step_back_ends_the_pause_and_a_higher_level_is_refused(alice_today, uk_alice):
    item = item_of(uk_alice)
    item.exercise = Exercise.objects.get(slug="heel-taps")  # marching level 2
    item.since = uk_alice.local_today() - timedelta(days=10)
    item.save()
    tick(alice_today, uk_alice, 0, slug="heel-taps", pain_during="9")
    item.refresh_from_db()
    assert item.paused_on is not None
    url = reverse("journal:plan_set", kwargs={"progression": SLUG})
    response = alice_today.post(url, {"level": "3", "confirm": "yes"}, follow=True)
    assert "choose a lower level" in response.content.decode()
    item.refresh_from_db()
    assert item.exercise.level == 2
    # The step back the page offers (pain during above 5) ends the pause.
    # (listed in Today's "take it easier" box, not on the row)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-kind="down" data-step-back="heel-taps"' in body
    alice_today.post(reverse("journal:accept", kwargs={"pk": item.pk}), {"kind": "down"})
    item.refresh_from_db()
    assert item.exercise.level == 1 and item.paused_on is None
    assert 'data-testid="paused"' not in row_of(alice_today)


def test_the_report_and_the_shared_report_list_the_pause(alice_today, paused):
    yesterday = paused.user.local_today() - timedelta(days=1)
    words = f"Paused {yesterday:%-d %b}: pain during 8/10 in {paused.exercise.name}"
    body = alice_today.get(reverse("journal:report")).content.decode()
    assert words in body and 'data-testid="report-pause"' in body
    assert 'data-testid="report-paused-item"' in body
    _, token = make_link(paused.user)
    assert words in alice_today.get(shared_url(token)).content.decode()


def test_the_planned_count_leaves_the_paused_exercise_out(alice_today, paused):
    user = paused.user
    alice_today.post(reverse("journal:checkin", kwargs={"day": day_iso(user, 0)}), {"pain": "3"})
    assert Entry.objects.get(user=user, date=user.local_today()).planned == 6
    alice_today.post(reverse("journal:pause_resume", kwargs={"pk": paused.pk}))
    assert Entry.objects.get(user=user, date=user.local_today()).planned == 7


def test_the_export_carries_the_pause(alice_today, paused):
    plan = alice_today.get(reverse("journal:export_json")).json()["plan"]
    marching = next(row for row in plan if row["progression__slug"] == SLUG)
    assert marching["paused_on"] == day_iso(paused.user, 1)
    assert marching["pause_values"]["pain_during"] == 8
