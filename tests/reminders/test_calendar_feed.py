"""The calendar feed and the one-off file (reminders/views.py), parsed back with icalendar."""

import re
import zoneinfo
from datetime import time

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from reminders import calendar
from reminders.models import CalendarFeed, Reminder

pytestmark = pytest.mark.django_db

FEED_URL = re.compile(r'id="calendar-url"[^>]*value="([^"]+)"')


def make_link(client):
    response = client.post(reverse("reminders:calendar_new"))
    assert response.status_code == 200
    url = FEED_URL.search(response.content.decode()).group(1)
    return "/" + url.split("://", 1)[1].split("/", 1)[1], response


def feed(path):
    return Client().get(path)  # calendar apps have no session


def remind(user, **values):
    values = {"enabled": True, "calendar_on": True, "at": time(7, 45), "weekdays": 0b1010101, **values}
    return Reminder.objects.update_or_create(user=user, defaults=values)[0]


def events(response):
    return icalendar.Calendar.from_ical(response.content).events


def test_the_link_is_shown_once_and_only_its_fingerprint_is_stored(alice_client, alice):
    path, response = make_link(alice_client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    row = CalendarFeed.objects.get(user=alice)
    assert row.token_hash == calendar.fingerprint(token)
    assert token not in row.token_hash
    assert 'href="webcal://' in response.content.decode()
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert token not in alice_client.get(reverse("settings")).content.decode()


def test_the_feed_carries_the_reminder_in_the_users_zone(alice_client, alice):
    alice.time_zone = "America/New_York"
    alice.save()
    remind(alice)
    path, _ = make_link(alice_client)
    response = feed(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"].startswith("noindex")
    (event,) = events(response)
    start = event.decoded("dtstart")
    assert start.tzinfo == zoneinfo.ZoneInfo("America/New_York")
    assert start.time() == time(7, 45)
    assert event["rrule"]["BYDAY"] == ["MO", "WE", "FR", "SU"]
    assert event.walk("VALARM")[0].decoded("trigger").total_seconds() == 0
    assert event["url"].endswith(reverse("journal:today"))
    assert event["uid"].startswith("reminder-")


def test_the_feeds_uids_name_neither_the_user_nor_their_id_and_stay_the_same(alice_client, alice):
    remind(alice)
    path, _ = make_link(alice_client)
    first, second = events(feed(path)), events(feed(path))
    uids = [str(c["uid"]) for e in first for c in (e, *e.walk("VALARM"))]
    assert len(uids) == 2
    for uid in uids:
        # A 128-bit hash of the user's random epoch: no id, no name (the old form was reminder-<id>@).
        assert re.fullmatch(r"(reminder|alarm)-[0-9a-f]{32}@[^@]+", uid), uid
        assert f"-{alice.pk}@" not in uid and "alice" not in uid.lower()
    assert [str(c["uid"]) for e in second for c in (e, *e.walk("VALARM"))] == uids


@pytest.mark.parametrize("values", [{"enabled": False}, {"calendar_on": False}])
def test_the_feed_is_empty_while_the_calendar_reminder_is_off(alice_client, alice, values):
    remind(alice, **values)
    path, _ = make_link(alice_client)
    response = feed(path)
    assert response.status_code == 200
    assert events(response) == []


def test_the_feed_without_any_reminder_settings_is_empty(alice_client):
    path, _ = make_link(alice_client)
    assert events(feed(path)) == []


def test_a_new_link_kills_the_old_one_and_stopping_kills_both(alice_client, alice):
    remind(alice)
    old, _ = make_link(alice_client)
    new, _ = make_link(alice_client)
    assert CalendarFeed.objects.filter(user=alice).count() == 1
    assert feed(old).status_code == 404
    assert feed(new).status_code == 200
    response = alice_client.post(reverse("reminders:calendar_stop"), follow=True)
    assert "stopped" in response.content.decode()
    gone = feed(new)
    assert gone.status_code == 404
    assert gone["Cache-Control"] == "private, no-store"
    assert not CalendarFeed.objects.filter(user=alice).exists()


@pytest.mark.parametrize(
    "token", ["made-up", "x" * 43, "x" * 300, "%2e%2e", "abc%00def", "ü" * 10, "a.b", "-" * 43]
)
def test_unknown_or_tampered_tokens_are_404_never_500(alice_client, token):
    make_link(alice_client)
    response = feed(f"/reminders/calendar/{token}.ics")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


def test_a_tampered_real_token_is_404(alice_client, alice):
    remind(alice)
    path, _ = make_link(alice_client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    flipped = ("A" if token[0] != "A" else "B") + token[1:]
    assert feed(path.replace(token, flipped)).status_code == 404
    assert feed(path.replace(token, token[:-1])).status_code == 404


def test_each_user_reaches_only_their_own_feed(client, alice, bob):
    remind(alice, at=time(7, 0))
    remind(bob, at=time(21, 0))
    client.force_login(alice)
    alice_path, _ = make_link(client)
    client.force_login(bob)
    bob_path, _ = make_link(client)
    # Bob's "stop" and "new link" touch only Bob's row.
    client.post(reverse("reminders:calendar_stop"))
    assert feed(alice_path).status_code == 200
    assert feed(bob_path).status_code == 404
    assert events(feed(alice_path))[0].decoded("dtstart").time() == time(7, 0)


def test_the_feed_is_one_query(alice_client, alice, django_assert_num_queries):
    remind(alice)
    path, _ = make_link(alice_client)
    anonymous = Client()
    with django_assert_num_queries(1):  # the feed with its user and the user's reminder
        assert anonymous.get(path).status_code == 200


def test_the_feed_answers_head_and_refuses_post(alice_client):
    path, _ = make_link(alice_client)
    assert Client().head(path).status_code == 200
    assert Client().post(path).status_code == 405


def test_the_download_has_the_repeating_event_with_its_alarm(alice_client, alice):
    remind(alice, enabled=False, calendar_on=False, at=time(18, 15), weekdays=0b0000011)
    response = alice_client.get(reverse("reminders:calendar_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    (event,) = events(response)
    assert event.decoded("dtstart").time() == time(18, 15)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event["rrule"]["BYDAY"] == ["MO", "TU"]
    assert event.walk("VALARM")


def test_the_download_without_settings_uses_the_defaults(alice_client):
    (event,) = events(alice_client.get(reverse("reminders:calendar_download")))
    assert event.decoded("dtstart").time() == Reminder._meta.get_field("at").default
    assert len(event["rrule"]["BYDAY"]) == 7


def test_the_pages_need_a_login_and_writes_refuse_get(alice_client):
    client = Client()
    for name in ("reminders:calendar_download", "reminders:calendar_new", "reminders:calendar_stop"):
        response = client.get(reverse(name)) if name.endswith("download") else client.post(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name in ("reminders:calendar_new", "reminders:calendar_stop"):
        assert alice_client.get(reverse(name)).status_code == 405


def test_the_settings_page_offers_the_link_and_then_the_new_link_and_stop(alice_client):
    page = alice_client.get(reverse("settings")).content.decode()
    assert 'data-testid="calendar-new"' in page and 'data-testid="calendar-stop"' not in page
    assert reverse("reminders:calendar_download") in page
    make_link(alice_client)
    page = alice_client.get(reverse("settings")).content.decode()
    assert "Make a new link" in page and 'data-testid="calendar-stop"' in page
