"""Shared set-up for the reminder tests: a user with a switched-on, confirmed e-mail reminder."""

import smtplib
from datetime import UTC, date, datetime, time

from django.core.mail.backends.locmem import EmailBackend

from reminders.models import EVERY_DAY, Reminder
from tests.conftest import make_user, screen_clear

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def remind(user, at=time(19, 0), weekdays=EVERY_DAY, confirmed=True, saved=LONG_AGO, **fields):
    """A reminder saved at `saved` (long ago: today's moment is never "set after its time", and
    yesterday's is recorded as missed)."""
    fields.setdefault("email_on", True)
    reminder = Reminder.objects.create(
        user=user,
        enabled=True,
        at=at,
        weekdays=weekdays,
        email=user.email,
        email_confirmed_at=LONG_AGO if confirmed else None,
        **fields,
    )
    Reminder.objects.filter(pk=reminder.pk).update(updated_at=saved)
    reminder.refresh_from_db()
    return reminder


class DownBackend(EmailBackend):
    """A mail server that cannot be reached: the connection is refused before anything is sent."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        self.open()


class BrokenAfterHandOverBackend(EmailBackend):
    """A mail server that takes the message and then fails: it may have gone, so never repeated."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"Requested action aborted: local error in processing")


def due_users(n, prefix="u"):
    """`n` users in London with a clear screen and a reminder at 19:00 saved on 10 Jan 2026, so all
    are due at 19:00 on a later day (the bulk and concurrency tests of send_reminders)."""
    made = []
    for k in range(n):
        user = make_user(f"{prefix}{k}", time_zone="Europe/London")
        screen_clear(user, day=date(2026, 1, 1))
        remind(user, at=time(19, 0), saved=datetime(2026, 1, 10, 12, tzinfo=UTC))
        made.append(user)
    return made
