"""Writes of the reminders app: each in one transaction; mail goes once it has committed.

The calendar feed and push subscriptions (docs/reminders.md): below.
"""

from django.db import IntegrityError, transaction

from backcare import diary_version, ratelimit
from reminders import calendar, mail
from reminders.models import CalendarFeed, PushSubscription, Reminder


@transaction.atomic
def reminder_save(*, form):
    """Save the settings form (reminders/forms.py). A new or changed address loses its
    confirmation; e-mail reminders to an unconfirmed address, newly asked for, get a
    confirmation mail. Returns None when none was asked for, else `confirmation_send`'s answer
    (refused past the limit: the settings are saved all the same)."""
    reminder = form.instance
    diary_version.changed(reminder.user)  # the settings page shows it (backcare/diary_version.py)
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
    return confirmation_send(reminder=reminder) if ask else None


def confirmation_send(*, reminder):
    """Mail a confirmation link for the reminder's address, once the transaction commits, within
    the limit per account and per address (backcare/ratelimit.py: confirmation_mail). Returns its
    Allowance: refused, nothing is sent and `retry_at` says when one may be."""
    allowance = ratelimit.confirmation_mail(user_id=reminder.user_id, address=reminder.email)
    if allowance.allowed:
        message = mail.confirmation_message(user=reminder.user, address=reminder.email)
        transaction.on_commit(lambda: message.send(fail_silently=True))
    return allowance


@transaction.atomic
def address_confirm(*, reminder, address, now):
    """Confirm `address` (from a signed link) if it is still the reminder's address: True if so."""
    diary_version.changed(reminder.user_id)
    updated = Reminder.objects.filter(pk=reminder.pk, email=address).update(email_confirmed_at=now)
    return bool(updated)


@transaction.atomic
def email_unsubscribe(*, reminder, address):
    """Stop e-mail reminders to `address` (from a signed link); the other channels stay as they are."""
    diary_version.changed(reminder.user_id)
    return bool(Reminder.objects.filter(pk=reminder.pk, email=address).update(email_on=False))


PUSH_DEVICES_MAX = 10  # a new browser past this replaces the user's oldest subscription


@transaction.atomic
def calendar_feed_renew(*, user):
    """A new private feed token for the user, replacing any earlier one (whose address then answers
    404). Returns the token: only its fingerprint is stored, so this is the one time it is known."""
    diary_version.changed(user)
    token = calendar.new_token()
    CalendarFeed.objects.filter(user=user).delete()
    CalendarFeed.objects.create(user=user, token_hash=calendar.fingerprint(token))
    return token


@transaction.atomic
def calendar_feed_stop(*, user):
    """Delete the user's feed: its address answers 404 from now on. Returns whether there was one."""
    diary_version.changed(user)
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


class EndpointTaken(Exception):
    """The endpoint is another user's, and the keys sent with it are not that browser's."""


@transaction.atomic
def push_subscription_save(*, user, subscription):
    """Store a browser's subscription (push_subscription.Subscription). The same endpoint again updates its
    row rather than adding one. An endpoint another user turned on moves to this user only with
    that browser's own keys (one phone, a second account); otherwise EndpointTaken. Past
    PUSH_DEVICES_MAX the oldest of the user's subscriptions makes room. Returns (row, created)."""
    diary_version.changed(user)
    existing = PushSubscription.objects.select_for_update().filter(endpoint=subscription.endpoint).first()
    if existing is not None and existing.user_id != user.pk:
        if (existing.p256dh, existing.auth) != (subscription.p256dh, subscription.auth):
            raise EndpointTaken
        # The other account's settings page counts its devices: its kept pages must refresh too.
        diary_version.changed(existing.user_id)
        existing.delete()
        existing = None
    if existing is not None:
        existing.p256dh, existing.auth = subscription.p256dh, subscription.auth
        existing.save(update_fields=["p256dh", "auth"])
        return existing, False
    extra = PushSubscription.objects.filter(user=user).order_by("-created_at", "-pk")[PUSH_DEVICES_MAX - 1 :]
    PushSubscription.objects.filter(pk__in=list(extra.values_list("pk", flat=True))).delete()
    try:
        with transaction.atomic():
            row = PushSubscription.objects.create(
                user=user, endpoint=subscription.endpoint, p256dh=subscription.p256dh, auth=subscription.auth
            )
    except IntegrityError:  # the same browser, saved at the same moment by a second request
        row = PushSubscription.objects.filter(endpoint=subscription.endpoint, user=user).first()
        if row is None:
            raise EndpointTaken from None
        return row, False
    return row, True


@transaction.atomic
def push_subscription_delete(*, user, endpoint):
    """Delete the user's own subscription with this endpoint (another user's is left alone).
    Returns whether one was deleted."""
    diary_version.changed(user)
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return bool(deleted)


@transaction.atomic
def push_subscriptions_delete_all(*, user):
    diary_version.changed(user)
    deleted, _ = PushSubscription.objects.filter(user=user).delete()
    return deleted
