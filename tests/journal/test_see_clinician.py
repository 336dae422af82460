"""Today's "time to see a clinician" note through HTTP: when it shows, putting it away for 14 days,
and that it says what History's change says (docs/clinical-rules.md)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backcare.models import User
from journal.models import Dismissal, Entry
from tests.conftest import make_user, screen_clear

pytestmark = pytest.mark.django_db

TODAY = reverse("journal:today")
PUT_AWAY = reverse("journal:see_clinician_put_away")
NOTE = 'data-testid="see-clinician"'
START = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # noon in London: the same date there


def diary(user, first_week, rest, *, first=45, last=0):
    """Check-ins from `first` days ago to `last` days ago (negative: ahead), the first 7 at
    `first_week`, the others at `rest` (a score, or a function of days ago)."""
    today = user.local_today()
    Entry.objects.bulk_create(
        Entry(
            user=user,
            date=today - timedelta(days=n),
            pain=first_week if n > first - 7 else (rest(n) if callable(rest) else rest),
        )
        for n in range(last, first + 1)
    )


def page(client, url=TODAY):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def noted(alice_client, alice):
    screen_clear(alice)
    diary(alice, 6, 5)
    return alice_client


def test_the_note_shows_the_start_and_now_and_can_be_put_away(noted):
    body = page(noted)
    assert NOTE in body
    assert "When you started your diary, your 7-day average pain was 6.0; now it is 5.0." in body
    assert "make an appointment with a doctor or physiotherapist" in body
    assert "stop any exercise that causes severe pain" in body
    assert "Put away for 14 days" in body
    assert "cure" not in body and "push through" not in body


def test_history_says_the_same_change(noted):
    """History over "All" shows the same two figures, without "a real improvement"."""
    history = page(noted, reverse("journal:history") + "?range=all")
    assert "6.0 → 5.0" in history and "a real improvement" not in history
    assert NOTE in page(noted)


def test_put_away_hides_it_for_14_days_and_it_comes_back_on_day_15(client, alice):
    with time_machine.travel(START, tick=False):
        screen_clear(alice)
        diary(alice, 6, 5, last=-20)  # check-ins on the days ahead too, so it still holds then
        client.force_login(alice)
        assert NOTE in page(client)
        response = client.post(PUT_AWAY, follow=True)
        assert "Put away for 14 days. It comes back then" in response.content.decode()
        assert NOTE not in response.content.decode()
        assert Dismissal.objects.get(user=alice, kind=Dismissal.Kind.SEE_CLINICIAN).until == (
            alice.local_today() + timedelta(days=14)
        )
    with time_machine.travel(START + timedelta(days=13), tick=False):
        client.force_login(alice)
        assert NOTE not in page(client)  # day 14
    with time_machine.travel(START + timedelta(days=14), tick=False):
        client.force_login(alice)
        assert NOTE in page(client)  # day 15: back, since it still holds


def test_it_does_not_come_back_when_pain_has_eased_meanwhile(client, alice):
    with time_machine.travel(START, tick=False):
        screen_clear(alice)
        diary(alice, 6, lambda n: 5 if n >= 0 else 3, last=-20)
        client.force_login(alice)
        client.post(PUT_AWAY)
    with time_machine.travel(START + timedelta(days=14), tick=False):
        client.force_login(alice)
        assert NOTE not in page(client)


def test_an_improving_user_like_the_demo_never_sees_it(alice_client, alice):
    """About 6.4 at first, easing to about 2.3 over half a year (manage.py demo's shape)."""
    screen_clear(alice)
    diary(alice, 6, lambda n: round(2.3 + 4.1 * n / 179), first=179)
    assert "a real improvement" in page(alice_client, reverse("journal:history") + "?range=all")
    assert NOTE not in page(alice_client)


def test_a_flat_last_six_weeks_after_a_real_improvement_shows_no_note(alice_client, alice):
    """Six weeks at 4 after a start at 7 three months ago: better since the start."""
    screen_clear(alice)
    diary(alice, 7, 4, first=90)
    assert NOTE not in page(alice_client)


def test_no_note_under_an_average_of_4_or_before_six_weeks(client):
    low, new = make_user("low"), make_user("new")
    for user in (low, new):
        screen_clear(user)
    diary(low, 4, lambda n: 3 if n == 0 else 4)  # 27 / 7
    diary(new, 6, 6, first=40)
    for user in (low, new):
        client.force_login(user)
        assert NOTE not in page(client)


def test_no_note_on_a_past_day(noted, alice):
    yesterday = (alice.local_today() - timedelta(days=1)).isoformat()
    assert NOTE not in page(noted, reverse("journal:day", kwargs={"day": yesterday}))


def test_put_away_needs_a_post_and_a_log_in(client, alice):
    screen_clear(alice)
    diary(alice, 6, 5)
    response = client.post(PUT_AWAY)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(alice)
    assert client.get(PUT_AWAY).status_code == 405
    assert not Dismissal.objects.exists()


def test_put_away_while_it_is_not_showing_changes_nothing(alice_client, alice):
    screen_clear(alice)
    diary(alice, 6, 3)  # a real improvement: no note
    response = alice_client.post(PUT_AWAY, follow=True)
    assert "not showing any more, so there was nothing to put away" in response.content.decode()
    assert not Dismissal.objects.exists()


def test_put_away_is_per_user(client, alice, bob):
    for user in (alice, bob):
        screen_clear(user)
        diary(user, 6, 5)
    client.force_login(alice)
    client.post(PUT_AWAY)
    client.force_login(bob)
    assert NOTE in page(client)


def test_the_note_costs_one_query_and_none_once_put_away(client, library):
    user = make_user("carol")
    screen_clear(user)
    diary(user, 6, 5)
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert NOTE in page(client)
    # the session with its user (one join), latest screen (with the put-away date), recent days
    # with their ticks and the active plan (one query), lessons read, and the first week of
    # check-ins (only while the last 7 days average 4 or more).
    assert len(ctx.captured_queries) == 5
    client.post(PUT_AWAY)
    with CaptureQueriesContext(connection) as ctx:
        assert NOTE not in page(client)
    assert len(ctx.captured_queries) == 4  # the same without the first week of check-ins


def test_the_demo_user_never_sees_it(client, library):
    call_command("demo", "--username", "demo", stdout=io.StringIO())
    client.force_login(User.objects.get(username="demo"))
    assert "a real improvement" in page(client, reverse("journal:history") + "?range=all")
    assert NOTE not in page(client)
