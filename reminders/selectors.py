"""Reads of the reminder channels (docs/reminders.md)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from reminders.models import CalendarFeed, PushSubscription


def channel_devices(*, user):
    """What the settings page shows of the calendar and push channels, in one query: when the
    calendar link was made (None: no link) and on how many browsers push is on."""
    devices = (
        PushSubscription.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            feed_since=Subquery(CalendarFeed.objects.filter(user=OuterRef("pk")).values("created_at")[:1]),
            push_devices=Coalesce(Subquery(devices, output_field=IntegerField()), Value(0)),
        )
        .values("feed_since", "push_devices")
        .get()
    )


def calendar_feed(*, token_hash):
    """The feed with this fingerprint, with its user and the user's reminder (None when the user
    has none), in one query; None when no feed has it."""
    return CalendarFeed.objects.select_related("user", "user__reminder").filter(token_hash=token_hash).first()
