"""The signed links in reminder mail: confirm the address, unsubscribe. No log-in needed; a stale,
tampered or foreign link gets a clear page (404, or 410 when too old), never a 500 and never a change."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from reminders import tokens
from reminders.models import Reminder
from tests.reminders.helpers import remind

pytestmark = pytest.mark.django_db


def confirm_url(user, address=None):
    token = tokens.make(tokens.CONFIRM, user_id=user.pk, address=address or user.email)
    return reverse("reminders:confirm", kwargs={"token": token})


def unsubscribe_url(user, address=None):
    token = tokens.make(tokens.UNSUBSCRIBE, user_id=user.pk, address=address or user.email)
    return reverse("reminders:unsubscribe", kwargs={"token": token})


def confirmed(user):
    return Reminder.objects.get(user=user).email_confirmed_at is not None


def email_on(user):
    return Reminder.objects.get(user=user).email_on


def test_confirm_shows_a_button_and_only_the_post_confirms(client, alice):
    remind(alice, confirmed=False)
    url = confirm_url(alice)
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="reminder-confirm"' in page.content.decode()
    assert alice.email in page.content.decode()
    assert not confirmed(alice)  # a mail scanner's visit confirms nothing
    done = client.post(url)
    assert done.status_code == 200 and 'data-testid="reminder-confirmed"' in done.content.decode()
    assert confirmed(alice)


def test_confirm_needs_the_csrf_token_of_its_page():
    from django.test import Client

    from tests.conftest import make_user

    user = make_user("carol")
    remind(user, confirmed=False)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(confirm_url(user)).status_code == 403
    assert not confirmed(user)


def test_a_confirm_link_for_an_address_since_changed_is_refused(client, alice):
    remind(alice, confirmed=False)
    url = confirm_url(alice)
    Reminder.objects.filter(user=alice).update(email="new@example.com")
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not confirmed(alice)


def test_a_stale_confirm_link_says_so(client, alice):
    remind(alice, confirmed=False)
    url = confirm_url(alice)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.post(url)
    assert response.status_code == 410
    assert "too old" in response.content.decode()
    assert not confirmed(alice)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # the signature changed
        lambda t: "x" + t,
        lambda t: t.split(":")[0],  # no signature
        lambda t: "made-up",
        lambda t: signing.dumps([1, "alice@example.com"], salt="another.purpose"),
        lambda t: signing.dumps("alice", salt=tokens.CONFIRM),  # signed, not our shape
    ],
)
def test_a_tampered_link_is_a_clear_404(client, alice, mangle):
    remind(alice, confirmed=False)
    token = mangle(tokens.make(tokens.CONFIRM, user_id=alice.pk, address=alice.email))
    for url in (
        reverse("reminders:confirm", kwargs={"token": token}),
        reverse("reminders:unsubscribe", kwargs={"token": token}),
    ):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, (method, url, response.status_code)
            assert 'data-testid="reminder-bad-link"' in response.content.decode()
    assert not confirmed(alice)


def test_another_users_link_changes_only_that_user(client, alice, bob):
    remind(alice, confirmed=False)
    remind(bob, confirmed=False)
    client.force_login(alice)
    client.post(confirm_url(bob))
    assert confirmed(bob) and not confirmed(alice)
    client.post(unsubscribe_url(bob))
    assert not email_on(bob) and email_on(alice)


def test_a_link_for_a_deleted_account_is_404(client, alice):
    remind(alice)
    url = unsubscribe_url(alice)
    alice.delete()
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_unsubscribe_get_shows_a_button_and_post_stops_email_only(client, alice):
    remind(alice, push_on=True)
    url = unsubscribe_url(alice)
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="reminder-unsubscribe"' in page.content.decode()
    assert email_on(alice)
    done = client.post(url)
    assert done.status_code == 200 and 'data-testid="reminder-unsubscribed"' in done.content.decode()
    reminder = Reminder.objects.get(user=alice)
    assert (reminder.email_on, reminder.enabled, reminder.push_on) == (False, True, True)
    again = client.get(url)
    assert "No reminder e-mails go to" in again.content.decode()


def test_one_click_unsubscribe_from_a_mail_program_without_a_session_or_csrf():
    """RFC 8058: the mail program POSTs `List-Unsubscribe=One-Click` to the header's URL."""
    from django.test import Client

    from tests.conftest import make_user

    user = make_user("dora")
    remind(user)
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not email_on(user)


def test_an_unsubscribe_link_for_an_old_address_leaves_the_new_one_alone(client, alice):
    remind(alice)
    url = unsubscribe_url(alice, address="old@example.com")
    assert client.post(url).status_code == 200
    assert email_on(alice)


def test_an_unsubscribe_link_works_for_months_and_then_says_it_is_too_old(client, alice):
    remind(alice)
    url = unsubscribe_url(alice)
    with time_machine.travel(timezone.now() + timedelta(days=90)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=121)):
        assert client.post(url).status_code == 410
    assert email_on(alice)


def test_tokens_read_back_what_they_carry():
    token = tokens.make(tokens.CONFIRM, user_id=7, address="a@example.com")
    assert tokens.read(tokens.CONFIRM, token) == (7, "a@example.com")
    with pytest.raises(tokens.BadLink):
        tokens.read(tokens.UNSUBSCRIBE, token)


def test_pages_reached_by_a_real_link_are_private(client, alice):
    """The URL walk (tests/hardening/test_cache_policy.py) reaches these with a made-up token; the
    pages a real link opens, and their answers to a POST, are `private, no-store` too."""
    remind(alice, confirmed=False)
    for url in (confirm_url(alice), unsubscribe_url(alice)):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 200
            assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
