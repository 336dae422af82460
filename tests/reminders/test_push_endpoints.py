"""Subscribing and unsubscribing a browser (reminders/views.py: push_subscribe, push_unsubscribe,
push_off), and the push part of the settings page."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from reminders.models import PushSubscription
from reminders.services import PUSH_DEVICES_MAX
from tests.conftest import PASSWORD
from tests.reminders.push_helpers import Browser

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("reminders:push_subscribe")
UNSUBSCRIBE = reverse("reminders:push_unsubscribe")


def post_json(client, url, data, **extra):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post(url, raw, content_type="application/json", **extra)


def test_a_subscription_is_stored_and_the_same_endpoint_again_updates_it(alice_client, alice, vapid):
    browser = Browser()
    response = post_json(alice_client, SUBSCRIBE, browser.subscription())
    assert response.status_code == 200
    assert response.json() == {"ok": True, "created": True, "devices": 1}
    again = Browser(browser.endpoint)  # new keys for the same endpoint
    response = post_json(alice_client, SUBSCRIBE, again.subscription())
    assert response.json() == {"ok": True, "created": False, "devices": 1}
    row = PushSubscription.objects.get(user=alice)
    assert (row.endpoint, row.p256dh, row.auth) == (browser.endpoint, again.p256dh, again.auth)
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"not json", "could not be read"),
        (b"{}", "no endpoint"),
        (json.dumps(Browser("http://push.example.net/x").subscription()).encode(), "https"),
        (json.dumps(Browser("https://127.0.0.1/x").subscription()).encode(), "push service"),
        (
            b'{"endpoint": "https://updates.push.services.mozilla.com/wpush/v2/' + b"x" * 5000 + b'"}',
            "too large",
        ),
    ],
)
def test_bad_subscriptions_get_a_clear_message_and_store_nothing(alice_client, vapid, raw, words):
    response = post_json(alice_client, SUBSCRIBE, raw)
    assert response.status_code == 400
    assert response.json()["ok"] is False and words in response.json()["message"]
    assert not PushSubscription.objects.exists()


def test_a_form_post_is_refused_too(alice_client, vapid):
    response = alice_client.post(
        SUBSCRIBE, {"endpoint": "https://updates.push.services.mozilla.com/wpush/v2/x"}
    )
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_without_vapid_keys_push_is_not_offered(alice_client, settings):
    settings.VAPID_PUBLIC_KEY = ""
    response = post_json(alice_client, SUBSCRIBE, Browser().subscription())
    assert response.status_code == 404
    assert not PushSubscription.objects.exists()
    page = alice_client.get(reverse("settings")).content.decode()
    assert 'data-testid="push-settings"' not in page and "push.js" not in page


def test_the_settings_page_offers_push_with_the_public_key(alice_client, alice, vapid):
    page = alice_client.get(reverse("settings")).content.decode()
    assert f'data-public-key="{vapid}"' in page
    assert "not on for any device" in page and 'data-testid="push-off-all"' not in page
    post_json(alice_client, SUBSCRIBE, Browser().subscription())
    page = alice_client.get(reverse("settings")).content.decode()
    assert "on for 1 device." in page and 'data-testid="push-off-all"' in page


def test_unsubscribe_removes_only_the_users_own_subscription(client, alice, bob, vapid):
    alices, bobs = (
        Browser("https://updates.push.services.mozilla.com/wpush/v2/alice"),
        Browser("https://updates.push.services.mozilla.com/wpush/v2/bob"),
    )
    client.force_login(alice)
    post_json(client, SUBSCRIBE, alices.subscription())
    client.force_login(bob)
    post_json(client, SUBSCRIBE, bobs.subscription())
    # Bob cannot remove Alice's: a 404, and her row stays.
    response = post_json(client, UNSUBSCRIBE, {"endpoint": alices.endpoint})
    assert response.status_code == 404
    assert PushSubscription.objects.filter(user=alice).count() == 1
    response = post_json(client, UNSUBSCRIBE, {"endpoint": bobs.endpoint})
    assert response.json() == {"ok": True, "devices": 0}
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [alice.pk]
    assert post_json(client, UNSUBSCRIBE, b"nope").status_code == 400


def test_another_users_endpoint_moves_only_with_that_browsers_keys(client, alice, bob, vapid):
    """One phone, two accounts: the browser's own keys move its subscription to the account that
    turned push on last; someone who only knows the endpoint cannot take it."""
    phone = Browser()
    client.force_login(alice)
    post_json(client, SUBSCRIBE, phone.subscription())
    client.force_login(bob)
    thief = Browser(phone.endpoint)
    response = post_json(client, SUBSCRIBE, thief.subscription())
    assert response.status_code == 409
    assert PushSubscription.objects.get().user == alice
    response = post_json(client, SUBSCRIBE, phone.subscription())
    assert response.status_code == 200
    assert PushSubscription.objects.get().user == bob


def test_a_user_has_at_most_so_many_devices_and_the_oldest_makes_room(alice_client, alice, vapid):
    for n in range(PUSH_DEVICES_MAX + 2):
        post_json(
            alice_client,
            SUBSCRIBE,
            Browser(f"https://updates.push.services.mozilla.com/wpush/v2/{n}").subscription(),
        )
    endpoints = set(PushSubscription.objects.filter(user=alice).values_list("endpoint", flat=True))
    assert len(endpoints) == PUSH_DEVICES_MAX
    assert (
        "https://updates.push.services.mozilla.com/wpush/v2/0" not in endpoints
        and "https://updates.push.services.mozilla.com/wpush/v2/11" in endpoints
    )


def test_push_off_turns_every_device_off_without_javascript(alice_client, alice, bob, vapid):
    for n in range(3):
        PushSubscription.objects.create(
            user=alice,
            endpoint=f"https://updates.push.services.mozilla.com/wpush/v2/{n}",
            p256dh="k",
            auth="a",
        )
    PushSubscription.objects.create(
        user=bob, endpoint="https://updates.push.services.mozilla.com/wpush/v2/bob", p256dh="k", auth="a"
    )
    response = alice_client.post(reverse("reminders:push_off"), follow=True)
    assert "off on every device" in response.content.decode()
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [bob.pk]


def test_the_endpoints_need_a_login_a_post_and_the_csrf_header(alice, vapid):
    anonymous = Client()
    for url in (SUBSCRIBE, UNSUBSCRIBE, reverse("reminders:push_off")):
        response = post_json(anonymous, url, Browser().subscription())
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(alice)
    for url in (SUBSCRIBE, UNSUBSCRIBE, reverse("reminders:push_off")):
        assert signed_in.get(url).status_code == 405
    assert post_json(signed_in, SUBSCRIBE, Browser().subscription()).status_code == 403
    page = signed_in.get(reverse("settings"))
    token = page.context["csrf_token"]
    response = post_json(signed_in, SUBSCRIBE, Browser().subscription(), headers={"X-CSRFToken": str(token)})
    assert response.status_code == 200


def test_export_and_account_deletion_cover_the_calendar_feed_and_push(alice_client, alice, vapid):
    browser = Browser()
    post_json(alice_client, SUBSCRIBE, browser.subscription())
    alice_client.post(reverse("reminders:calendar_new"))
    data = alice_client.get(reverse("journal:export_json")).json()["reminders"]
    assert [row["endpoint"] for row in data["push_subscriptions"]] == [browser.endpoint]
    assert len(data["calendar_feeds"]) == 1
    exported = json.dumps(data)
    assert browser.p256dh not in exported and browser.auth not in exported and "token_hash" not in exported
    alice_client.post(reverse("journal:delete_account"), {"password": PASSWORD})
    from reminders.models import CalendarFeed

    assert not PushSubscription.objects.exists()
    assert not CalendarFeed.objects.exists()


# Issue 24, hardening round three: the push endpoints.
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.reminders.test_push_json import (  # noqa: E402
    DEFAULT_HOSTS_ENDPOINTS,
    FOUND_STORED,
    UNREADABLE_BODIES,
)


@pytest.mark.parametrize("endpoint", DEFAULT_HOSTS_ENDPOINTS)
def test_a_browser_on_each_default_push_service_can_turn_push_on(alice_client, alice, vapid, endpoint):
    response = post_json(alice_client, SUBSCRIBE, Browser(endpoint).subscription())
    assert response.status_code == 200 and response.json()["devices"] == 1
    assert PushSubscription.objects.get(user=alice).endpoint == endpoint


@pytest.mark.parametrize("endpoint", FOUND_STORED)
def test_an_endpoint_off_the_push_services_list_is_a_400_and_nothing_is_stored(alice_client, vapid, endpoint):
    response = post_json(alice_client, SUBSCRIBE, Browser(endpoint).subscription())
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "message": "The subscription's endpoint is not on a push service this site sends to.",
    }
    assert not PushSubscription.objects.exists()


def test_a_deployment_can_add_a_push_service_host(alice_client, alice, vapid, settings):
    endpoint = "https://push.example.net/send/abc"
    assert post_json(alice_client, SUBSCRIBE, Browser(endpoint).subscription()).status_code == 400
    settings.PUSH_SERVICE_HOSTS = [*settings.PUSH_SERVICE_HOSTS, "push.example.net"]
    assert post_json(alice_client, SUBSCRIBE, Browser(endpoint).subscription()).status_code == 200


def push_queries(queries):
    return [q["sql"] for q in queries if "reminders_pushsubscription" in q["sql"]]


@pytest.mark.parametrize("url", [SUBSCRIBE, UNSUBSCRIBE])
@pytest.mark.parametrize("raw", UNREADABLE_BODIES)
def test_unreadable_bodies_are_a_400_before_the_database(alice_client, alice, vapid, url, raw):
    """Deep nesting (RecursionError), lone surrogates and NUL (PostgreSQL refuses it in text) were
    a 500: now a 400 with a message, and the subscriptions table is never queried."""
    kept = Browser()
    post_json(alice_client, SUBSCRIBE, kept.subscription())
    with CaptureQueriesContext(connection) as queries:
        response = post_json(alice_client, url, raw)
    assert response.status_code == 400
    assert response.json()["ok"] is False and response.json()["message"]
    assert push_queries(queries.captured_queries) == []
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [kept.endpoint]


def test_an_endpoint_that_moves_to_another_account_leaves_the_first_accounts_settings(alice, bob, vapid):
    """One phone, two accounts: Bob turns push on with the browser's own subscription, so it is
    his now, and Alice's settings page (kept per diary version) no longer counts it."""
    phone = Browser()
    alices, bobs = Client(), Client()
    alices.force_login(alice)
    bobs.force_login(bob)
    settings_url = reverse("settings")
    alices.get(settings_url)  # the CSRF cookie: her settings body is kept from now on
    assert post_json(alices, SUBSCRIBE, phone.subscription()).status_code == 200
    assert "on for 1 device." in alices.get(settings_url).content.decode()
    assert "on for 1 device." in alices.get(settings_url).content.decode()  # the kept copy
    assert post_json(bobs, SUBSCRIBE, phone.subscription()).json() == {
        "ok": True,
        "created": True,
        "devices": 1,
    }
    page = alices.get(settings_url).content.decode()
    assert "not on for any device" in page and 'data-testid="push-off-all"' not in page
    assert "on for 1 device." in bobs.get(settings_url).content.decode()
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [bob.pk]
    # Alice can no longer remove it: it is Bob's.
    assert post_json(alices, UNSUBSCRIBE, {"endpoint": phone.endpoint}).status_code == 404
