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
import smtplib
from dataclasses import dataclass
from datetime import date

from django.core.mail import get_connection

from reminders.content import Decision
from reminders.models import Channel, Reminder


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


def send_email(delivery, context):
    """The day's reminder mail to the confirmed address, through Django's mail settings."""
    from reminders import mail

    message = mail.reminder_message(context)
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        # Refused, timed out, unknown host, TLS or log-in refused: nothing was handed over. The
        # record keeps the error's class only: what a remote server says goes to the log, never
        # into a row the person can export (docs/reminders.md).
        raise NotHandedOver(f"mail server not reached: {type(error).__name__}") from error
    try:
        connection.send_messages([message])
    finally:
        connection.close()


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
