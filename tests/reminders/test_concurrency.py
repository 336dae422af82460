"""Two senders at once (cron on two machines): every reminder goes exactly once. PostgreSQL only:
SQLite takes one writer at a time, so the race cannot happen there (CI runs this on PostgreSQL)."""

import threading
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection

from reminders import sender
from reminders.models import Delivery
from tests.reminders.helpers import due_users

NOW = datetime(2026, 1, 10, 19, 0, tzinfo=UTC)
USERS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI"),
]


def race(runs=2):
    barrier = threading.Barrier(runs)
    errors = []

    def one_run():
        barrier.wait()
        try:
            sender.run(now=NOW)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    with time_machine.travel(NOW, tick=False):
        threads = [threading.Thread(target=one_run) for _ in range(runs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def users():
    return due_users(USERS, prefix="racer")


def test_two_concurrent_runs_send_each_reminder_exactly_once():
    made = users()
    race()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in made)
    assert Delivery.objects.filter(status="sent").count() == USERS


def test_two_concurrent_runs_retry_each_waiting_reminder_exactly_once():
    made = users()
    for user in made:
        Delivery.objects.create(
            user=user,
            day=date(2026, 1, 10),
            channel="email",
            status=Delivery.Status.RETRY,
            due_at=NOW,
            claimed_at=NOW,
            attempts=1,
        )
    race()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in made)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 2)}
