"""A bad day on Today: one warning box at a time, the most important first, the others one tap
away, and every piece of advice put away for a time it names (docs/safety.md, "One box at a time")."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from exercises.models import Exercise
from journal.models import Dismissal, PlanItem
from tests.conftest import make_history, make_user, screen_clear
from tests.journal.test_see_clinician import diary

pytestmark = pytest.mark.django_db

TODAY = reverse("journal:today")
REMINDER_PUT_AWAY = reverse("journal:rescreen_put_away")


def page(client):
    response = client.get(TODAY)
    assert response.status_code == 200
    return response.content.decode()


def checkin(client, user, **data):
    return client.post(reverse("journal:checkin", kwargs={"day": user.local_today().isoformat()}), data)


def one_box(body):
    """The one warning box's HTML (up to the "more notes" or the plan)."""
    return body.split('data-testid="warning"', 1)[1].split('data-testid="more-warnings"', 1)[0]


def more_notes(body):
    return body.split('data-testid="more-warnings"', 1)[1].split("</details>", 1)[0]


@pytest.fixture
def bad_morning(client):
    """A week at pain 3 with sessions each day of a plan at level 2, a safety check 5 weeks old,
    logged in: a check-in of 8 today is a flare, the morning after yesterday's sessions."""
    user = make_user("dora")
    screen_clear(user, day=user.local_today() - timedelta(days=35))
    for item in PlanItem.objects.filter(user=user).select_related("progression"):
        higher = Exercise.objects.filter(progression=item.progression, level=2).first()
        if higher is not None:
            item.exercise = higher
        item.since = user.local_today() - timedelta(days=20)
        item.save()
    make_history(user, 8, pain=lambda n: 3, ticks_per_day=3)
    client.force_login(user)
    return client, user


def test_a_check_in_of_8_shows_one_box_the_flare_with_the_gentle_choice(bad_morning):
    client, user = bad_morning
    checkin(client, user, pain="8", leg_symptoms="yes")
    body = page(client)
    assert body.count('data-testid="warning"') == 1
    box = one_box(body)
    assert 'data-kind="flare"' in box.split(">", 1)[0]
    assert "Much more pain than usual" in box
    # The gentle-set choice is in that box, above the plan.
    assert 'data-kind="gentle"' in box and "Gentle set today" in box
    assert body.index("Gentle set today") < body.index('id="plan-heading"')
    assert body.count("Gentle set today") == 1
    # The others are one tap away, named by how many; the re-screen is asked once, in the flare box.
    notes = more_notes(body)
    assert "2 more notes" in notes
    assert 'data-testid="leg-advice"' in notes and 'data-testid="take-it-easier"' in notes
    assert 'data-testid="safety-reminder"' not in body
    assert body.count("Answer the safety questions again") == 1


def test_one_bad_morning_is_one_step_back_box_not_one_on_every_row(bad_morning):
    client, user = bad_morning
    checkin(client, user, pain="8")
    body = page(client)
    easier = body.split('data-testid="take-it-easier"', 1)[1].split("</section>", 1)[0]
    stepped = re.findall(r'data-step-back="([\w-]+)"', easier)
    assert len(stepped) >= 2  # every level-2 exercise done yesterday, listed once
    assert "Put away for 7 days" in easier
    plan = body.split('id="plan-heading"', 1)[1]
    assert 'data-kind="down"' not in plan and "Step back" not in plan


def test_putting_the_flare_away_brings_the_next_box_up(bad_morning):
    client, user = bad_morning
    checkin(client, user, pain="8")
    body = page(client)
    assert "Put away for today" in one_box(body)
    client.post(
        reverse("journal:safety_acknowledge"),
        {"kind": "pain_rise", "first_day": user.local_today().isoformat()},
    )
    client.post(reverse("journal:gentle_dismiss"))
    body = page(client)
    assert body.count('data-testid="warning"') == 1
    assert 'data-kind="easier"' in one_box(body).split(">", 1)[0]
    # The flare banner read, the re-screen reminder is back, one tap away.
    assert 'data-testid="safety-reminder"' in more_notes(body)


def test_the_see_soon_advice_comes_first_and_is_never_put_away(bad_morning):
    client, user = bad_morning
    from journal.models import SafetyScreen

    SafetyScreen.objects.filter(user=user).update(outcome=SafetyScreen.Outcome.SEE_SOON)
    from backcare import diary_version

    diary_version.changed(user)
    checkin(client, user, pain="8")
    body = page(client)
    box = one_box(body)
    assert 'data-testid="see-soon-advice"' in box and "Put away" not in box
    # Above the check-in, where the plan would start.
    assert body.index('data-testid="warning"') < body.index('data-testid="pain-form"')
    assert 'data-testid="safety-banner"' in more_notes(body)


def test_a_quiet_day_shows_no_box(alice_today, screened_alice):
    checkin(alice_today, screened_alice, pain="3")
    body = page(alice_today)
    assert 'data-testid="warning"' not in body and 'data-testid="more-warnings"' not in body


def test_the_demo_like_improving_user_sees_no_six_week_note(alice_client, alice):
    screen_clear(alice)
    diary(alice, 6, lambda n: round(2.3 + 4.1 * n / 179), first=179)
    body = page(alice_client)
    assert 'data-kind="review"' not in body and 'data-testid="see-clinician"' not in body


# --- the re-screen reminder, put away for 7 days ---


@pytest.fixture
def rescreen_due(alice_client, alice):
    screen_clear(alice, day=alice.local_today() - timedelta(days=30))
    return alice_client, alice


def test_the_re_screen_reminder_is_put_away_for_7_days(rescreen_due, time_machine):
    client, user = rescreen_due
    body = page(client)
    assert 'data-testid="safety-reminder"' in one_box(body)
    assert "Put away for 7 days" in one_box(body)
    response = client.post(REMINDER_PUT_AWAY, follow=True)
    assert "Put away for 7 days. It comes back then" in response.content.decode()
    put_away = Dismissal.objects.get(user=user, kind=Dismissal.Kind.RESCREEN)
    assert put_away.plan_item is None and put_away.until == user.local_today() + timedelta(days=7)
    assert 'data-testid="safety-reminder"' not in page(client)
    time_machine.move_to(put_away.until.isoformat() + " 12:00", tick=False)
    client.force_login(user)
    assert 'data-testid="safety-reminder"' in page(client)


def test_putting_away_a_reminder_not_showing_saves_nothing(alice_client, alice):
    screen_clear(alice)
    response = alice_client.post(REMINDER_PUT_AWAY, follow=True)
    assert "nothing to put away" in response.content.decode()
    assert not Dismissal.objects.filter(user=alice).exists()


def test_the_reminder_put_away_answers_only_post_and_only_when_logged_in(client, rescreen_due):
    logged_in, _ = rescreen_due
    assert logged_in.get(REMINDER_PUT_AWAY).status_code == 405
    logged_in.logout()
    response = logged_in.post(REMINDER_PUT_AWAY)
    assert response.status_code == 302 and "login" in response.url
    assert not Dismissal.objects.exists()
