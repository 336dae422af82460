"""Writes of the reminders app: each in one transaction; mail goes once it has committed."""

from django.db import transaction

from reminders import mail
from reminders.models import Reminder


@transaction.atomic
def reminder_save(*, form):
    """Save the settings form (reminders/forms.py). A new or changed address loses its
    confirmation; e-mail reminders to an unconfirmed address, newly asked for, get a
    confirmation mail. Returns True when one was sent."""
    reminder = form.instance
    before = None
    if reminder.pk is not None:
        before = Reminder.objects.filter(pk=reminder.pk).values_list("email", "email_on").first()
    previous_address, was_on = before or ("", False)
    reminder = form.save(commit=False)
    changed = reminder.email != previous_address
    if changed:
        reminder.email_confirmed_at = None
    reminder.save()
    ask = bool(
        reminder.email_on
        and reminder.email
        and reminder.email_confirmed_at is None
        and (changed or not was_on)
    )
    if ask:
        confirmation_send(reminder=reminder)
    return ask


def confirmation_send(*, reminder):
    """Mail a confirmation link for the reminder's address, once the transaction commits."""
    message = mail.confirmation_message(user=reminder.user, address=reminder.email)
    transaction.on_commit(lambda: message.send(fail_silently=True))


@transaction.atomic
def address_confirm(*, reminder, address, now):
    """Confirm `address` (from a signed link) if it is still the reminder's address: True if so."""
    updated = Reminder.objects.filter(pk=reminder.pk, email=address).update(email_confirmed_at=now)
    return bool(updated)


@transaction.atomic
def email_unsubscribe(*, reminder, address):
    """Stop e-mail reminders to `address` (from a signed link); the other channels stay as they are."""
    return bool(Reminder.objects.filter(pk=reminder.pk, email=address).update(email_on=False))
