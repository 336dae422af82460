"""Reminders (docs/reminders.md): when a user wants one, by which channels, and what was sent.

Times are the user's local wall-clock time in their own zone (User.time_zone); the sender turns
them into instants day by day, so a daylight-saving change or a zone edit moves the instant, not
the time the user chose.
"""

from datetime import time

from django.conf import settings
from django.db import models

EVERY_DAY = 0b1111111  # bit 0 is Monday ... bit 6 is Sunday (date.weekday())


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    CALENDAR = "calendar", "Calendar"
    PUSH = "push", "Push notification"


class Reminder(models.Model):
    """One user's reminder settings; no row (or enabled False) means no reminder."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder")
    enabled = models.BooleanField(default=False)
    at = models.TimeField("reminder time", default=time(19, 0))
    weekdays = models.PositiveSmallIntegerField(default=EVERY_DAY)
    email_on = models.BooleanField("by e-mail", default=False)
    calendar_on = models.BooleanField("in my calendar", default=False)
    push_on = models.BooleanField("as a push notification", default=False)
    # The address reminders go to, once its owner has confirmed it (a signed link); changing it
    # clears the confirmation.
    email = models.EmailField("reminder e-mail address", blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"reminder of {self.user_id} at {self.at:%H:%M}"

    def on_weekday(self, weekday: int) -> bool:
        return bool(self.weekdays & (1 << weekday))


class Delivery(models.Model):
    """One reminder for one user, local day and channel: claimed (under the unique constraint)
    before it is sent, so two senders never send it twice."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Claimed"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped"
        # The message never left (the mail server could not be reached): a later run tries again
        # while the reminder is less than 2 hours late (reminders/sender.py).
        RETRY = "retry", "Waiting to retry"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    day = models.DateField()  # the user's local day the reminder is for
    channel = models.CharField(max_length=16, choices=Channel.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CLAIMED)
    due_at = models.DateTimeField()
    claimed_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day", "channel"], name="one_reminder_per_user_day_channel"
            )
        ]
        indexes = [
            # The sender's reads every minute: the last two days' rows, and the rows to retry.
            models.Index(fields=["day"], name="delivery_day"),
            models.Index(fields=["due_at"], condition=models.Q(status="retry"), name="delivery_retry_due"),
        ]

    def __str__(self):
        return f"{self.channel} reminder of {self.user_id} for {self.day}: {self.status}"


class CalendarFeed(models.Model):
    """A private calendar feed URL. Only a fingerprint of its token is kept (like share links);
    a new token replaces the row, so the old URL stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"calendar feed of {self.user_id}"


class PushSubscription(models.Model):
    """One browser's Web Push subscription; deleted when the push service says it is gone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"push subscription of {self.user_id}"
