"""The push channel (docs/reminders.md, "Push"): Web Push with VAPID through pywebpush.

`send_push(delivery, context)` sends one reminder to every browser the delivery's user turned push
on in, and never raises: it returns a `PushResult` the sender records.

- A push service that takes the message (2xx) has it: the reminder counts as sent if any device
  took it, and is never sent again (a device that failed this time is not worth a duplicate on the
  others).
- 404 or 410: the subscription is gone (the user turned notifications off, the browser dropped
  it), so its row is deleted.
- A timeout, a connection error, 429 or 5xx: nothing was handed over, so the send is retryable.
- Anything else (400, 401, 403, 413, a key that does not encrypt): a final failure, logged.

The payload is small JSON (title, body, url, tag) that static/js/sw-push.js shows as a
notification; its TTL lets a phone that is offline get it up to TTL seconds later (the sender
never sends more than two hours late either), and its Topic makes a newer reminder replace an
undelivered older one.
"""

import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backcare import diary_version
from reminders.models import PushSubscription

log = logging.getLogger("backcare.reminders.push")

TTL = 2 * 60 * 60
TOPIC = "backcare-reminder"  # at most 32 URL-safe characters
TITLE = "Time for your back"
BODY = "A few minutes of today's exercises: open BackCare to see your plan."
BODY_MAX = 180  # characters: what a lock screen shows, more or less
GONE = (404, 410)
SENT, RETRY, FAILED, SKIPPED = "sent", "retry", "failed", "skipped"


@dataclass(frozen=True)
class PushResult:
    """`status`: sent, retry (nothing handed over; try again), failed (final) or skipped (no
    device, or push not set up); `detail` a short line for Delivery.detail and the log."""

    status: str
    detail: str = ""
    sent: int = 0
    gone: int = 0

    @property
    def retryable(self) -> bool:
        return self.status == RETRY


def configured() -> bool:
    return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY and settings.VAPID_SUBJECT)


def public_key() -> str:
    """The key the browser subscribes with (applicationServerKey), or "" when push is off."""
    return settings.VAPID_PUBLIC_KEY if configured() else ""


def site_url(request=None) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def _listed(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def message(context) -> dict:
    """The notification's title, body and link for a day's reminder (reminders/channels.py:
    Context, its `decision` from reminders/content.py), short enough for a phone's lock screen."""
    decision = context.decision
    kind = str(decision.kind or "")
    to_do = list(decision.exercises)
    if kind == "careful":
        # The reason, the check-in first, then the gentle set instead of the plan.
        parts = [decision.opening]
        if decision.checkin:
            parts.append(decision.careful_checkin)
        if to_do:
            parts.append(f"{decision.careful_instead} {_listed(to_do)}.")
        body = " ".join(parts)
    else:
        if decision.checkin:
            to_do.append("your pain check-in")
        if kind in ("screen", "rest"):
            body = decision.opening
        elif kind == "gentle":
            body = decision.opening + (f" {_listed(to_do)}." if to_do else "")
        else:
            body = f"Still to do today: {_listed(to_do)}." if to_do else BODY
    if len(body) > BODY_MAX:
        body = body[: BODY_MAX - 1].rstrip(" ,") + "…"
    return {"title": decision.subject or TITLE, "body": body, "url": context.today_url, "tag": TOPIC}


def _send_one(subscription, data, vapid, session):
    """One device: "sent", "gone", "retry" or "failed", with a detail line."""
    from pywebpush import WebPushException, webpush

    where = urlsplit(subscription.endpoint).hostname
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=data,
            vapid_private_key=vapid,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=TTL,
            timeout=settings.PUSH_TIMEOUT,
            headers={"Urgency": "normal", "Topic": TOPIC},
            requests_session=session,
        )
    except WebPushException as error:
        status = error.status_code
        if status in GONE:
            return "gone", f"{where} answered {status}"
        if status is not None and (status == 429 or status >= 500):
            return RETRY, f"{where} answered {status}"
        return FAILED, f"{where} answered {status}" if status else f"{where}: {error.message}"[:150]
    except requests.Timeout:
        return RETRY, f"{where} timed out"
    except requests.RequestException as error:
        return RETRY, f"{where}: {type(error).__name__}"
    except Exception as error:  # a stored key that does not encrypt, a bad VAPID key: never raise
        return FAILED, f"{where}: {type(error).__name__}"
    return SENT, f"{where} took it"


class PushFailed(Exception):
    """No push service took the message and trying again would not help (the sender records the
    delivery as failed, not repeated)."""


def send_push(delivery, context):
    """The push channel of the sender's registry (reminders/channels.py): returns when at least one
    device's push service took the reminder; raises NotHandedOver when none did for a reason worth
    another try (timeout, 5xx, 429), Skip when there is nothing to send to, PushFailed otherwise.
    Everything else that goes wrong is caught and logged inside `deliver`."""
    from reminders.channels import NotHandedOver, Skip

    result = deliver(user_id=delivery.user_id, day=delivery.day, data=json.dumps(message(context)))
    if result.status == SENT:
        return result
    if result.status == RETRY:
        raise NotHandedOver(result.detail)
    if result.status == SKIPPED:
        raise Skip(result.detail)
    raise PushFailed(result.detail)


def deliver(*, user_id, day, data) -> PushResult:
    """Send `data` (the JSON payload) to each of the user's push subscriptions (see the module).
    Never raises."""
    if not configured():
        log.warning("push reminder for user %s on %s skipped: VAPID keys are not set", user_id, day)
        return PushResult(SKIPPED, "push is not set up on this server")
    subscriptions = list(PushSubscription.objects.filter(user_id=user_id).order_by("pk"))
    if not subscriptions:
        log.info("push reminder for user %s on %s skipped: no device", user_id, day)
        return PushResult(SKIPPED, "no device has push turned on")
    try:
        from py_vapid import Vapid

        vapid = Vapid.from_string(private_key=settings.VAPID_PRIVATE_KEY)
    except Exception as error:
        log.error(
            "push reminders cannot be signed: VAPID_PRIVATE_KEY is not valid (%s)", type(error).__name__
        )
        return PushResult(FAILED, "the server's VAPID key is not valid")
    outcomes = []
    with requests.Session() as session:
        for subscription in subscriptions:
            outcome, detail = _send_one(subscription, data, vapid, session)
            outcomes.append((subscription, outcome, detail))
            log_at = logging.INFO if outcome == SENT else logging.WARNING
            log.log(log_at, "push reminder for user %s on %s: %s (%s)", user_id, day, outcome, detail)
    gone = [s.pk for s, outcome, _ in outcomes if outcome == "gone"]
    took = [s.pk for s, outcome, _ in outcomes if outcome == SENT]
    if gone:
        with transaction.atomic():
            diary_version.changed(user_id)  # the settings page counts the user's devices
            PushSubscription.objects.filter(pk__in=gone).delete()
    if took:
        PushSubscription.objects.filter(pk__in=took).update(last_sent_at=timezone.now())
    details = "; ".join(detail for _, _, detail in outcomes)[:200]
    if took:
        return PushResult(SENT, details, sent=len(took), gone=len(gone))
    if any(outcome == RETRY for _, outcome, _ in outcomes):
        return PushResult(RETRY, details, gone=len(gone))
    return PushResult(FAILED, details, gone=len(gone))
