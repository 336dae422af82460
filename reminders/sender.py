"""Sending the reminders that are due: one run of `manage.py send_reminders` (docs/reminders.md).

Each run, for every switched-on reminder and each channel it is sent by (reminders/channels.py):

1. `due.due_now` gives the user's yesterday's and today's reminders whose instant has passed.
2. A day with a `Delivery` row for the channel is left alone: another run (on this machine or
   another) has it. The others are claimed in bulk, `BATCH` rows at a time: one INSERT that skips
   what the (user, day, channel) unique constraint refuses and returns the rows it made
   (`_claim`), so exactly one of two racing runs has each row.
3. A reminder more than 2 hours late is claimed as SKIPPED ("late") and not sent. For the claimed
   ones of a batch the day states are read together (`selectors.day_states`, a few set-based
   queries) and `content.decide` asks each: nothing due is SKIPPED with the reason; otherwise the
   channel sends it and the row becomes SENT, RETRY (the message never left: the mail server was
   down) or FAILED (anything else; never repeated, it may have arrived). The batch's rows are
   finished with one UPDATE per outcome.
4. RETRY rows are claimed again by later runs (on PostgreSQL with `select_for_update(skip_locked=
   True)`, everywhere with a conditional update) while the reminder is at most 2 hours late; after
   that they are FAILED, never sent late.

Every mail of a run goes over one connection to the mail server (`channels.MailConnection`), one
`send_messages` per mail. A row left CLAIMED by a run that died mid-batch is not sent again: at
most once beats twice. Every send, skip and failure logs one line on the "reminders" logger.
"""

import logging
from collections import Counter, defaultdict
from datetime import date
from functools import cache

from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from reminders import channels, content, due, selectors
from reminders.mail import absolute
from reminders.models import Delivery

log = logging.getLogger("reminders")
Status = Delivery.Status
# The claimed rows sent together: their day states are read in one set of queries
# (selectors.day_states, one IN list of user ids each) and finished in a few UPDATEs. A run that
# dies mid-batch leaves at most this many rows claimed, never sent twice.
BATCH = 500


def run(now=None):
    """One pass: retries first, then what became due. Returns a Counter of outcomes. Every mail of
    the pass goes over one connection to the mail server (channels.MailConnection)."""
    now = now or timezone.now()
    outcomes = Counter()
    mail = channels.MailConnection()
    try:
        _retry(now, outcomes, mail)
        _send_due(now, outcomes, mail)
    finally:
        mail.close()
    return outcomes


def _send_due(now, outcomes, mail):
    taken = selectors.recorded(since=selectors.days_from(now.date()))
    wanted_rows, reminders = [], {}
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
                reminders[user.pk] = reminder
                # More than 2 hours late: claimed as skipped, never sent.
                late = {"status": Status.SKIPPED, "finished_at": now, "attempts": 0, "detail": "late"}
                claimed = {"status": Status.CLAIMED, "finished_at": None, "attempts": 1, "detail": ""}
                wanted_rows.append(
                    Delivery(
                        user=user,
                        day=item.day,
                        channel=channel,
                        due_at=item.due_at,
                        claimed_at=now,
                        **(late if item.late else claimed),
                    )
                )
    for start in range(0, len(wanted_rows), BATCH):
        batch = []
        for delivery in _claim(wanted_rows[start : start + BATCH]):
            if delivery.status == Status.SKIPPED:
                _log(
                    outcomes,
                    "skipped",
                    delivery.user,
                    delivery.day,
                    delivery.channel,
                    "late: more than 2 hours past its time",
                )
            else:
                batch.append((delivery, reminders[delivery.user_id]))
        _deliver_all(batch, now, outcomes, mail)


@cache
def _claim_sql(rows):
    """INSERT of `rows` Delivery rows that skips those the (user, day, channel) unique constraint
    refuses and returns the others' keys: built from the model's `_meta`."""
    meta, quote = Delivery._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in _CLAIM_FIELDS)
    values = ", ".join([f"({', '.join(['%s'] * len(_CLAIM_FIELDS))})"] * rows)
    keys = ", ".join(quote(meta.get_field(name).column) for name in ("id", "user", "day", "channel"))
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}"
        f" ON CONFLICT DO NOTHING RETURNING {keys}"
    )


_CLAIM_FIELDS = (
    "user",
    "day",
    "channel",
    "status",
    "due_at",
    "claimed_at",
    "finished_at",
    "attempts",
    "detail",
)


def _claim(rows):
    """The rows of `rows` this run inserted, with their ids: the claim. A row another run made
    first (on this machine or another, even after this run read what was recorded) is refused by
    the (user, day, channel) unique constraint and left out.

    Hand-written because the ORM cannot say which rows of a bulk insert went in:
    `bulk_create(ignore_conflicts=True)` returns every row, ids unset. `ON CONFLICT DO NOTHING
    RETURNING` (PostgreSQL, SQLite 3.35+) returns only the rows inserted; on PostgreSQL a racing
    insert of the same key waits for the other transaction, then is skipped. One statement per
    `bulk_batch_size` rows (the database's limit on parameters).
    """
    if not rows:
        return []
    fields = [Delivery._meta.get_field(name) for name in _CLAIM_FIELDS]
    by_key = {(row.user_id, row.day, row.channel): row for row in rows}
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    inserted = set()
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        params = [f.get_db_prep_save(getattr(row, f.attname), connection) for row in chunk for f in fields]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_claim_sql(len(chunk)), params)
            returned = cursor.fetchall()
        for pk, user_id, day, channel in returned:
            row = by_key[user_id, day if isinstance(day, date) else date.fromisoformat(day), channel]
            row.pk = pk
            row._state.adding = False
            inserted.add(pk)
    return [row for row in rows if row.pk in inserted]


def _retry(now, outcomes, mail):
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
            # The conditional update is the claim where rows cannot be locked (SQLite). Retries
            # are few (a mail server down): one UPDATE each.
            if Delivery.objects.filter(pk=delivery.pk, status=Status.RETRY).update(
                status=Status.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
            ):
                claimed.append(delivery.pk)
    batch = []
    for delivery in Delivery.objects.filter(pk__in=claimed).select_related("user", "user__reminder"):
        reminder = getattr(delivery.user, "reminder", None)
        if reminder is None or not reminder.enabled or delivery.channel not in channels.wanted(reminder):
            _finish_all({(Status.SKIPPED, "turned off since", now): [delivery.pk]})
            _log(outcomes, "skipped", delivery.user, delivery.day, delivery.channel, "turned off since")
            continue
        batch.append((delivery, reminder))
    for start in range(0, len(batch), BATCH):
        _deliver_all(batch[start : start + BATCH], now, outcomes, mail)


def _deliver_all(batch, now, outcomes, mail):
    """Send a batch of claimed rows ((delivery, reminder) pairs), then record what became of each:
    the day states in one set of reads, one UPDATE per outcome."""
    if not batch:
        return
    states = selectors.day_states(list({(d.user_id, d.day): (d.user, d.day) for d, _ in batch}.values()))
    urls = {"today_url": absolute(reverse("journal:today")), "settings_url": absolute(reverse("settings"))}
    finished = defaultdict(list)
    for delivery, reminder in batch:
        status, detail, at = _deliver(
            delivery, reminder, states[delivery.user_id, delivery.day], now, outcomes, mail, urls
        )
        finished[status, detail[:200], at].append(delivery.pk)
    _finish_all(finished)


def _deliver(delivery, reminder, state, now, outcomes, mail, urls):
    """Send one claimed row; returns (status, detail, finished at) for it."""
    user, day, channel = delivery.user, delivery.day, delivery.channel
    decision = content.decide(state)
    if not decision.send:
        _log(outcomes, "skipped", user, day, channel, decision.reason)
        return Status.SKIPPED, decision.reason, now
    context = channels.Context(user=user, reminder=reminder, day=day, decision=decision, mail=mail, **urls)
    try:
        channels.SENDERS[channel](delivery, context)
    except channels.NotHandedOver as error:
        _log(
            outcomes,
            "retry",
            user,
            day,
            channel,
            f"{error} ({error.__cause__}); tried again while on time",
            level=logging.WARNING,
        )
        return Status.RETRY, str(error), None
    except channels.Skip as error:
        _log(outcomes, "skipped", user, day, channel, str(error))
        return Status.SKIPPED, str(error), now
    except channels.Failed as error:  # refused for good: the channel's own words, not repeated
        _log(outcomes, "failed", user, day, channel, str(error), level=logging.WARNING)
        return Status.FAILED, str(error), now
    except Exception as error:  # noqa: BLE001 - any other failure is recorded, never repeated
        # The class only in the row (exported); the whole error, a remote server's words among
        # them, goes to the log with its traceback.
        log.exception("reminder failed: user=%s day=%s channel=%s (not repeated)", user.pk, day, channel)
        outcomes["failed"] += 1
        return Status.FAILED, type(error).__name__, now
    _log(outcomes, "sent", user, day, channel, decision.kind)
    return Status.SENT, "", now


def _finish_all(finished):
    """{(status, detail, finished at): [delivery ids]}: one UPDATE each, of the rows still claimed."""
    for (status, detail, at), pks in finished.items():
        Delivery.objects.filter(pk__in=pks, status=Status.CLAIMED).update(
            status=status, detail=detail[:200], finished_at=at
        )


def _log(outcomes, outcome, user, day, channel, detail, level=logging.INFO):
    outcomes[outcome] += 1
    log.log(level, "reminder %s: user=%s day=%s channel=%s %s", outcome, user.pk, day, channel, detail)
