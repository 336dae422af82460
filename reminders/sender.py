"""Sending the reminders that are due: one run of `manage.py send_reminders` (docs/reminders.md).

Each run, for every switched-on reminder and each channel it is sent by (reminders/channels.py):

1. `due.due_now` gives the user's yesterday's and today's reminders whose instant has passed.
2. A day with a `Delivery` row for the channel is left alone: another run (on this machine or
   another) has it. Otherwise a row is created, which is the claim: the (user, day, channel)
   unique constraint lets exactly one of two racing runs have it.
3. A reminder more than 2 hours late is claimed as SKIPPED ("late") and not sent. A claimed one
   reads the day (reminders/selectors.py) and asks `content.decide`: nothing due is SKIPPED with
   the reason; otherwise the channel sends it and the row becomes SENT, RETRY (the message never
   left: the mail server was down) or FAILED (anything else; never repeated, it may have arrived).
4. RETRY rows are claimed again by later runs (on PostgreSQL with `select_for_update(skip_locked=
   True)`, everywhere with a conditional update) while the reminder is at most 2 hours late; after
   that they are FAILED, never sent late.

A row left CLAIMED by a run that died mid-send is not sent again: at most once beats twice.
Every send, skip and failure logs one line on the "reminders" logger.
"""

import logging
from collections import Counter

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from reminders import channels, content, due, selectors
from reminders.mail import absolute
from reminders.models import Delivery

log = logging.getLogger("reminders")
Status = Delivery.Status


def run(now=None):
    """One pass: retries first, then what became due. Returns a Counter of outcomes."""
    now = now or timezone.now()
    outcomes = Counter()
    _retry(now, outcomes)
    _send_due(now, outcomes)
    return outcomes


def _send_due(now, outcomes):
    taken = selectors.recorded(since=selectors.days_from(now.date()))
    for reminder in selectors.enabled_reminders():
        wanted = channels.wanted(reminder)
        if not wanted:
            continue
        user = reminder.user
        found = due.due_now(
            at=reminder.at, weekdays=reminder.weekdays, zone=user.tzinfo, now=now, since=reminder.updated_at
        )
        for item in found:
            for channel in wanted:
                if (user.pk, item.day, channel) in taken:
                    continue
                if item.late:
                    if _claim(user, item, channel, now, status=Status.SKIPPED, detail="late"):
                        _log(
                            outcomes,
                            "skipped",
                            user,
                            item.day,
                            channel,
                            "late: more than 2 hours past its time",
                        )
                    continue
                delivery = _claim(user, item, channel, now)
                if delivery is not None:
                    _deliver(delivery, reminder, now, outcomes)


def _claim(user, item, channel, now, status=Status.CLAIMED, detail=""):
    """The new row for (user, day, channel), or None when another run made it first."""
    finished = None if status == Status.CLAIMED else now
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                user=user,
                day=item.day,
                channel=channel,
                status=status,
                due_at=item.due_at,
                claimed_at=now,
                finished_at=finished,
                attempts=1 if status == Status.CLAIMED else 0,
                detail=detail,
            )
    except IntegrityError:
        return None


def _retry(now, outcomes):
    """Claim the rows whose message never left, while they are on time; give up on the others."""
    oldest = now - due.LATE_AFTER
    given_up = Delivery.objects.filter(status=Status.RETRY, due_at__lt=oldest)
    for delivery in given_up.select_related("user"):
        if given_up.filter(pk=delivery.pk).update(
            status=Status.FAILED, finished_at=now, detail="never handed over within 2 hours"
        ):
            _log(
                outcomes,
                "failed",
                delivery.user,
                delivery.day,
                delivery.channel,
                "gave up: never handed over within 2 hours",
            )
    claimed = []
    with transaction.atomic():
        rows = selectors.retry_rows(now=now, oldest=oldest).order_by("due_at")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        for delivery in rows:
            # The conditional update is the claim where rows cannot be locked (SQLite).
            if Delivery.objects.filter(pk=delivery.pk, status=Status.RETRY).update(
                status=Status.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
            ):
                claimed.append(delivery.pk)
    for delivery in Delivery.objects.filter(pk__in=claimed).select_related("user", "user__reminder"):
        reminder = getattr(delivery.user, "reminder", None)
        if reminder is None or not reminder.enabled or delivery.channel not in channels.wanted(reminder):
            _finish(delivery, Status.SKIPPED, "turned off since", now)
            _log(outcomes, "skipped", delivery.user, delivery.day, delivery.channel, "turned off since")
            continue
        _deliver(delivery, reminder, now, outcomes)


def _deliver(delivery, reminder, now, outcomes):
    """Send one claimed row and record what became of it."""
    user, day, channel = delivery.user, delivery.day, delivery.channel
    decision = content.decide(selectors.day_state(user=user, day=day))
    if not decision.send:
        _finish(delivery, Status.SKIPPED, decision.reason, now)
        _log(outcomes, "skipped", user, day, channel, decision.reason)
        return
    context = channels.Context(
        user=user,
        reminder=reminder,
        day=day,
        decision=decision,
        today_url=absolute(reverse("journal:today")),
        settings_url=absolute(reverse("settings")),
    )
    try:
        channels.SENDERS[channel](delivery, context)
    except channels.NotHandedOver as error:
        _finish(delivery, Status.RETRY, str(error), None)
        _log(
            outcomes,
            "retry",
            user,
            day,
            channel,
            f"{error} ({error.__cause__}); tried again while on time",
            level=logging.WARNING,
        )
    except channels.Skip as error:
        _finish(delivery, Status.SKIPPED, str(error), now)
        _log(outcomes, "skipped", user, day, channel, str(error))
    except channels.Failed as error:  # refused for good: the channel's own words, not repeated
        _finish(delivery, Status.FAILED, str(error), now)
        _log(outcomes, "failed", user, day, channel, str(error), level=logging.WARNING)
    except Exception as error:  # noqa: BLE001 - any other failure is recorded, never repeated
        # The class only in the row (exported); the whole error, a remote server's words among
        # them, goes to the log with its traceback.
        _finish(delivery, Status.FAILED, type(error).__name__, now)
        log.exception("reminder failed: user=%s day=%s channel=%s (not repeated)", user.pk, day, channel)
        outcomes["failed"] += 1
    else:
        _finish(delivery, Status.SENT, "", now)
        _log(outcomes, "sent", user, day, channel, decision.kind)


def _finish(delivery, status, detail, now):
    Delivery.objects.filter(pk=delivery.pk, status=Status.CLAIMED).update(
        status=status, detail=detail[:200], finished_at=now
    )


def _log(outcomes, outcome, user, day, channel, detail, level=logging.INFO):
    outcomes[outcome] += 1
    log.log(level, "reminder %s: user=%s day=%s channel=%s %s", outcome, user.pk, day, channel, detail)
