"""No page with someone's data may be kept by a shared cache or the browser: every URL of the app,
found from the URL resolver (so pages added later are covered), answers `private, no-store`."""

import pytest
from django.urls import reverse

from tests.backcare.test_urls import all_named_patterns
from tests.hardening.test_isolation import sample_kwargs

pytestmark = pytest.mark.django_db


def policy(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


# The same bytes for everyone, no one's data (tests/backcare/test_pwa.py checks that): the manifest,
# the service worker (`no-cache`: the browser checks it for an update at each visit) and the
# offline page may be kept by a cache.
SHARED = {
    "manifest": "public, max-age=86400",
    "service_worker": "no-cache",
    "offline": "public, max-age=86400",
    "jsi18n": "public, max-age=86400",
}


def every_url(user):
    for name, pattern in all_named_patterns():
        if name.startswith("admin:") or name in SHARED:
            continue
        yield name, reverse(name, kwargs=sample_kwargs(user, pattern))


@pytest.mark.parametrize("who", ["signed in", "anonymous"])
def test_every_page_is_private_and_not_stored(client, alice_with_history, who):
    if who == "signed in":
        client.force_login(alice_with_history)
    checked = []
    for name, url in every_url(alice_with_history):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.streaming:
                b"".join(response.streaming_content)
            assert {"private", "no-store"} <= policy(response), f"{method.upper()} {url} ({name})"
            checked.append(name)
    assert {
        "journal:today",
        "journal:report",
        "journal:export_csv",
        "settings",
        "password_reset_confirm",
        "shared_report",
        "journal:share",
    } <= set(checked)


def test_a_page_reached_by_a_token_is_private(client, alice):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    url = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(alice.pk)),
            "token": default_token_generator.make_token(alice),
        },
    )
    response = client.get(url, follow=True)
    assert {"private", "no-store"} <= policy(response)


def test_a_shared_report_and_its_refusals_are_private(client, alice_with_history):
    """The walk above reaches /shared/<token>/ with a made-up token; a real, an expired and a
    withdrawn link answer `private, no-store` too."""
    from datetime import timedelta

    from django.utils import timezone

    from journal.models import ShareLink
    from journal.services import share_link_create

    def link():
        return share_link_create(
            user=alice_with_history,
            display_name="A",
            days=7,
            show_notes=True,
            show_safety=True,
            now=timezone.now(),
        )

    opened, open_token = link()
    expired, expired_token = link()
    ShareLink.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(days=9), expires_at=timezone.now() - timedelta(days=2)
    )
    withdrawn, withdrawn_token = link()
    ShareLink.objects.filter(pk=withdrawn.pk).update(revoked_at=timezone.now())
    for token, status in ((open_token, 200), (expired_token, 410), (withdrawn_token, 410), ("nope", 404)):
        response = client.get(reverse("shared_report", kwargs={"share_token": token}))
        assert response.status_code == status
        assert {"private", "no-store"} <= policy(response), token
        assert response["X-Robots-Tag"].startswith("noindex")


def test_a_calendar_feed_and_its_refusals_are_private(client, alice_with_history):
    """The walk above reaches /reminders/calendar/<token>.ics with a made-up token; a working feed,
    a replaced one, a stopped one and the one-off file answer `private, no-store` too, and ask
    search engines not to index them."""
    from reminders.models import Reminder
    from reminders.services import calendar_feed_renew, calendar_feed_stop

    Reminder.objects.create(user=alice_with_history, enabled=True, calendar_on=True)

    def feed(token):
        return reverse("reminders:calendar_feed", kwargs={"token": token})

    replaced = calendar_feed_renew(user=alice_with_history)
    working = calendar_feed_renew(user=alice_with_history)
    for token, status in ((working, 200), (replaced, 404), ("x" * 43, 404)):
        response = client.get(feed(token))
        assert response.status_code == status
        assert {"private", "no-store"} <= policy(response), token
        assert response["X-Robots-Tag"].startswith("noindex")
    calendar_feed_stop(user=alice_with_history)
    response = client.get(feed(working))
    assert response.status_code == 404 and {"private", "no-store"} <= policy(response)
    client.force_login(alice_with_history)
    response = client.get(reverse("reminders:calendar_download"))
    assert response.status_code == 200 and {"private", "no-store"} <= policy(response)


@pytest.mark.parametrize("who", ["signed in", "anonymous"])
def test_the_shared_responses_have_their_own_policy(client, alice, who):
    if who == "signed in":
        client.force_login(alice)
    for name, expected in SHARED.items():
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response["Cache-Control"] == expected, name
        assert b"alice" not in response.content, name
