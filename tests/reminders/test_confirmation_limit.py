"""The reminder address's confirmation mail, under one limit (issue 24, item 6): at most 5 an hour
per account and per address mailed, whichever form asks (backcare/ratelimit.py:
confirmation_mail). Past it the settings are still saved, no mail goes, and the page says so and
when to ask again. The mail greets neutrally: nothing the requester typed but the address."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from backcare.ratelimit import mail_address_key
from reminders.models import Reminder
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
URL = "/settings/reminders/"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 09:00 in London, the users' zone
NOT_SENT = "No new confirmation mail was sent"


def settings_for(address):
    return {"enabled": "on", "at": "07:30", "weekdays": ["0", "1"], "email_on": "on", "email": address}


@pytest.fixture
def save(django_capture_on_commit_callbacks):
    """Save the reminder form as `client`, running what waits for the commit (the mail); the page."""

    def send(client, address, path=URL):
        with django_capture_on_commit_callbacks(execute=True):
            data = settings_for(address) if path == URL else {}
            return client.post(path, data, follow=True).content.decode()

    return send


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def mailed(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_thirty_saves_alternating_two_addresses_send_five_mails_in_the_hour(alice_client, alice, save, clock):
    pages = [save(alice_client, ("one@example.com", "two@example.com")[n % 2]) for n in range(30)]
    assert len(mail.outbox) == 5, "five for the account in the hour"
    assert len(mailed("one@example.com")) == 3 and len(mailed("two@example.com")) == 2
    assert all(NOT_SENT not in page for page in pages[:5])
    assert NOT_SENT in pages[5] and "We sent a link" not in pages[5]
    assert "You can ask for another after 10:00, your time." in pages[5]
    reminder = Reminder.objects.get(user=alice)
    assert reminder.email == "two@example.com" and reminder.email_on, "the settings are saved all the same"


def test_one_address_gets_five_in_the_hour_whoever_asks_and_however_it_is_written(client, save, clock):
    spellings = ["victim@example.com", "Victim@Example.com", " VICTIM@example.com", "victim@EXAMPLE.com"]
    pages = []
    for n in range(8):
        client.force_login(make_user(f"asker{n}"))
        pages.append(save(client, spellings[n % len(spellings)]))
    assert len(mail.outbox) == 5
    assert NOT_SENT in pages[5] and NOT_SENT in pages[7]
    assert Reminder.objects.filter(email__iexact="victim@example.com").count() == 8


def test_after_the_hour_mails_go_again(alice_client, save, clock):
    for n in range(7):
        save(alice_client, f"me{n}@example.com")
    assert len(mail.outbox) == 5
    clock.move_to(START + timedelta(minutes=59))
    assert NOT_SENT in save(alice_client, "later@example.com")
    clock.move_to(START + timedelta(minutes=61))
    page = save(alice_client, "again@example.com")
    assert NOT_SENT not in page and "We sent a link to again@example.com" in page
    assert mailed("again@example.com")


def test_send_it_again_counts_under_the_same_limit(alice_client, save, clock):
    save(alice_client, "me@example.com")
    for _ in range(4):
        assert "We sent a new link" in save(alice_client, None, path=reverse("reminders:resend"))
    page = save(alice_client, None, path=reverse("reminders:resend"))
    assert NOT_SENT in page and "We sent a new link" not in page
    assert len(mailed("me@example.com")) == 5


def test_the_greeting_holds_nothing_the_requester_typed_but_the_address(client, save):
    user = make_user("Win-a-prize-at-evil-example")
    client.force_login(user)
    save(client, "someone@example.com")
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert user.username not in body
    assert message.body.startswith("Hello,\n")
    assert "<p>Hello,</p>" in html


def test_the_limit_keys_on_the_normalised_address_and_holds_no_address():
    assert mail_address_key(" Me@Example.COM ") == mail_address_key("me@example.com")
    assert mail_address_key("me@example.com") != mail_address_key("you@example.com")
    assert "example" not in mail_address_key("me@example.com")
