"""The ways a reminder is sent, one function each: `send(delivery, context)`.

The sender (reminders/sender.py) claims a `Delivery` row for (user, day, channel), then calls the
channel's function. A function returns when the message was handed over, and raises:

- `NotHandedOver` when it certainly never left (the mail server could not be reached): the row
  waits and a later run tries again while the reminder is at most 2 hours late;
- `Skip` when there is nothing to send on this channel (no browser subscribed, say): recorded
  as skipped with the reason;
- `Failed` when it was refused for good (every push service said no): recorded as failed with
  the message, never repeated;
- anything else: logged and recorded as failed, never repeated (it may have been delivered).

E-mail is here. Web Push is `reminders/push.py: send_push`, registered below when that module
exists. The calendar is never sent by the command: the calendar app raises its own alarm from
the feed.
"""

import importlib
import importlib.util
import logging
import smtplib
from dataclasses import dataclass
from datetime import date

from django.core.mail import get_connection

from reminders.content import Decision
from reminders.models import Channel, Reminder

log = logging.getLogger("reminders")


class NotHandedOver(Exception):
    """The message never left this machine: safe to try again."""


class Skip(Exception):
    """Nothing to send on this channel; the message says why."""


class Failed(Exception):
    """Not handed over, and another try would not help (a push service refused it): recorded as
    failed with the message, the channel's own words, as the detail."""


@dataclass(frozen=True)
class Context:
    """What a channel needs to say the day's reminder."""

    user: object  # backcare.models.User
    reminder: Reminder
    day: date
    decision: Decision  # what the day's reminder says (reminders/content.py)
    today_url: str  # absolute
    settings_url: str  # absolute
    mail: "MailConnection | None" = None  # the run's connection to the mail server; None: one of its own


class MailConnection:
    """One connection to the mail server (Django's `get_connection()`) for a whole run of the
    sender, opened at its first mail. Each mail is its own `send_messages` call, so a failure is
    that mail's alone; after one the connection is closed and the next mail opens a new one.

    A server that could not be reached is not tried again in the same run: every later mail of
    the run raises the same `NotHandedOver` at once (its row waits for the next run), instead of
    waiting for a timeout each."""

    def __init__(self):
        self._connection = None
        self._unreachable = None  # the NotHandedOver of a failed open, raised again for each mail

    def send(self, message):
        if self._unreachable is not None:
            raise NotHandedOver(str(self._unreachable)) from self._unreachable.__cause__
        if self._connection is None:
            connection = get_connection(fail_silently=False)
            try:
                connection.open()
            except (OSError, smtplib.SMTPException) as error:
                # Refused, timed out, unknown host, TLS or log-in refused: nothing was handed over.
                # The record keeps the error's class only: what a remote server says goes to the
                # log, never into a row the person can export (docs/reminders.md).
                self._unreachable = NotHandedOver(f"mail server not reached: {type(error).__name__}")
                raise self._unreachable from error
            self._connection = connection
        try:
            self._connection.send_messages([message])
        except BaseException:
            self.close()  # the next mail starts on a fresh connection
            raise

    def close(self):
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except (OSError, smtplib.SMTPException) as error:
                # Every mail was handed over already: a failed QUIT changes none of them.
                log.warning("closing the mail connection failed: %s", type(error).__name__)


def send_email(delivery, context):
    """The day's reminder mail to the confirmed address, through Django's mail settings, over the
    run's connection (`context.mail`), or over one of its own when there is none."""
    from reminders import mail

    message = mail.reminder_message(context)
    if context.mail is not None:
        context.mail.send(message)
        return
    own = MailConnection()
    try:
        own.send(message)
    finally:
        own.close()


SENDERS = {Channel.EMAIL: send_email}


def register(channel, send):
    SENDERS[channel] = send


if importlib.util.find_spec("reminders.push") is not None:  # written with the push channel
    register(Channel.PUSH, importlib.import_module("reminders.push").send_push)


def wanted(reminder):
    """The channels the sender sends this reminder by: e-mail to a confirmed address, push when it
    is on and the push channel exists. Never the calendar."""
    found = []
    if reminder.email_on and reminder.email and reminder.email_confirmed_at is not None:
        found.append(Channel.EMAIL)
    if reminder.push_on and Channel.PUSH in SENDERS:
        found.append(Channel.PUSH)
    return found
