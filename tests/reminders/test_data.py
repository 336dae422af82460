"""The reminder tables are the user's data: in the JSON export, and deleted with the account."""

import json
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from journal.services import account_delete
from reminders.models import CalendarFeed, Delivery, PushSubscription, Reminder
from tests.reminders.helpers import remind

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 1, 10, 19, tzinfo=UTC)


def fill(user):
    remind(user, push_on=True)
    Delivery.objects.create(
        user=user, day=date(2026, 1, 10), channel="email", status="sent", due_at=NOW, claimed_at=NOW
    )
    CalendarFeed.objects.create(user=user, token_hash=f"{user.pk:064d}")
    PushSubscription.objects.create(
        user=user, endpoint=f"https://push.example/{user.pk}", p256dh="key", auth="secret"
    )


def test_the_json_export_holds_the_reminder_tables_without_their_secrets(alice_today, screened_alice, bob):
    fill(screened_alice)
    fill(bob)
    response = alice_today.get(reverse("journal:export_json"))
    data = json.loads(response.content)["reminders"]
    (settings,) = data["settings"]
    assert settings["enabled"] and settings["email"] == "alice@example.com" and settings["at"] == "19:00:00"
    assert [(d["day"], d["channel"], d["status"]) for d in data["deliveries"]] == [
        ("2026-01-10", "email", "sent")
    ]
    assert len(data["calendar_feeds"]) == 1 and "token_hash" not in data["calendar_feeds"][0]
    (subscription,) = data["push_subscriptions"]
    assert subscription["endpoint"] == f"https://push.example/{screened_alice.pk}"
    assert "auth" not in subscription and "p256dh" not in subscription
    assert len(data["deliveries"]) == 1  # not bob's


def test_account_deletion_deletes_the_reminder_tables(alice, bob):
    fill(alice)
    fill(bob)
    account_delete(user=alice)
    for model in (Reminder, Delivery, CalendarFeed, PushSubscription):
        assert not model.objects.filter(user_id=alice.pk).exists(), model
        assert model.objects.filter(user=bob).exists(), model
