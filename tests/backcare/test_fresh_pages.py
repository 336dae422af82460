"""Pages are rendered afresh on every load and never kept (docs/architecture.md, "Caches"): never
another user's, never older than the user's last write, whatever wrote it and however, their forms'
CSRF tokens always valid for the browser that gets them, and sent `private, no-store`."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from backcare.models import User
from journal import services
from journal.models import Entry, PlanItem
from tests.conftest import PASSWORD, make_user, screen_clear

pytestmark = pytest.mark.django_db


def log_in(client, username):
    """As a browser: the log-in page (its CSRF cookie), then the log-in form."""
    page = client.get(reverse("login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        reverse("login"), {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def token_in(body):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


@pytest.fixture
def browser(screened_alice):
    client = Client(enforce_csrf_checks=True)
    log_in(client, "alice")
    return client


def test_today_loaded_twice_posts_with_its_token_and_the_write_shows_at_once(browser, screened_alice):
    today = reverse("journal:today")
    browser.get(today)
    kept = browser.get(today).content.decode()
    response = browser.post(
        reverse("journal:checkin", kwargs={"day": screened_alice.local_today().isoformat()}),
        {"pain": "6", "csrfmiddlewaretoken": token_in(kept)},
    )
    assert response.status_code == 302
    assert "Pain <strong>6</strong>" in browser.get(today).content.decode()


def test_a_new_log_in_gets_a_body_whose_tokens_fit_its_new_secret(browser, screened_alice):
    today = reverse("journal:today")
    browser.get(today)
    browser.get(today)
    browser.post(reverse("logout"), {"csrfmiddlewaretoken": token_in(browser.get(today).content.decode())})
    log_in(browser, "alice")  # a new CSRF secret
    body = browser.get(today).content.decode()
    response = browser.post(
        reverse("journal:checkin", kwargs={"day": screened_alice.local_today().isoformat()}),
        {"pain": "2", "csrfmiddlewaretoken": token_in(body)},
    )
    assert response.status_code == 302  # not 403: the old session's kept body was not reused


def test_another_user_on_the_same_browser_never_sees_the_first_ones_page(browser, screened_alice):
    services.checkin_save(
        user=screened_alice,
        day=screened_alice.local_today(),
        pain=7,
        notes="alice's own note",
        leg_symptoms=None,
    )
    for name in ("journal:today", "journal:history", "settings"):
        browser.get(reverse(name))
        assert browser.get(reverse(name)).status_code == 200
    bob = make_user("bob")
    screen_clear(bob)
    browser.post(
        reverse("logout"),
        {"csrfmiddlewaretoken": token_in(browser.get(reverse("settings")).content.decode())},
    )
    log_in(browser, "bob")
    for name in ("journal:today", "journal:history", "settings"):
        body = browser.get(reverse(name)).content.decode()
        assert "alice" not in body
        assert "alice&#x27;s own note" not in body


def test_a_write_outside_any_request_shows_at_the_next_load(alice_today, screened_alice):
    """Another process, a server beside this one, a management command: the version they move is in
    the database, which every request reads with its user."""
    today = reverse("journal:today")
    alice_today.get(today)
    assert "Done" in alice_today.get(today).content.decode()
    exercise = PlanItem.objects.filter(user=screened_alice).select_related("exercise").first().exercise
    services.tick_record(
        user=User.objects.get(pk=screened_alice.pk), day=screened_alice.local_today(), exercise=exercise
    )
    body = alice_today.get(today).content.decode()
    row = re.search(rf'<li [^>]*data-exercise="{exercise.slug}".*?</li>', body, re.S).group(0)
    assert 'data-done="true"' in row


def test_a_change_of_time_zone_moves_today(alice_client, screened_alice):
    """The zone decides the day a page is for. At noon UTC it is Monday 30 November in London and already Tuesday 1 December in Kiritimati."""
    with time_machine.travel(datetime(2026, 11, 30, 12, 0, tzinfo=UTC), tick=False):
        alice_client.get(reverse("journal:today"))
        assert "Monday 30 November" in alice_client.get(reverse("journal:today")).content.decode()
        response = alice_client.post(
            reverse("settings"),
            {"email": "alice@example.com", "time_zone": "Pacific/Kiritimati", "country": ""},
        )
        assert response.status_code == 302
        body = alice_client.get(reverse("journal:today")).content.decode()
    assert "Tuesday 1 December" in body and "Monday 30 November" not in body


def test_a_refused_check_in_is_shown_with_its_errors_and_not_again(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    alice_today.get(reverse("journal:today"))
    refused = alice_today.post(reverse("journal:checkin", kwargs={"day": day}), {"pain": "12"})
    error = 'class="alert alert-danger py-2" role="alert"'  # the pain field's own error
    assert refused.status_code == 200 and error in refused.content.decode()
    assert not Entry.objects.filter(user=screened_alice).exists()
    assert error not in alice_today.get(reverse("journal:today")).content.decode()


def test_a_write_that_moves_no_version_still_shows_at_the_next_load(alice_today, screened_alice):
    """Nothing of a page is kept, so a write past the services (a bulk update, a script, a service
    that forgot its call) shows at once: the day's pain, a plan's level, a reminder's time."""
    from reminders.models import Reminder

    services.checkin_save(
        user=screened_alice, day=screened_alice.local_today(), pain=2, notes="", leg_symptoms=None
    )
    for name in ("journal:today", "journal:history", "settings"):
        alice_today.get(reverse(name))
    Entry.objects.filter(user=screened_alice).update(pain=8)  # no diary_version.changed
    Reminder.objects.update_or_create(user=screened_alice, defaults={"at": "06:45", "enabled": True})
    assert "Pain <strong>8</strong>" in alice_today.get(reverse("journal:today")).content.decode()
    assert "<td>8</td>" in alice_today.get(reverse("journal:history")).content.decode()
    assert 'value="06:45"' in alice_today.get(reverse("settings")).content.decode()


@pytest.mark.parametrize("name", ["journal:today", "journal:history", "settings"])
def test_the_pages_are_private_and_not_stored(alice_today, name):
    response = alice_today.get(reverse(name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
