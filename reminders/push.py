"""The push channel (docs/reminders.md, "Push"): Web Push with VAPID through pywebpush.

`send_push(delivery, context)` sends one reminder to every browser the delivery's user turned push
on in, and never raises: it returns a `PushResult` the sender records.

- A push service that takes the message (2xx) has it: the reminder counts as sent if any device
  took it, and is never sent again (a device that failed this time is not worth a duplicate on the
  others).
- 404 or 410: the subscription is gone (the user turned notifications off, the browser dropped
  it), so its row is deleted.
- A timeout, a connection error, 429 or 5xx: nothing was handed over, so the send is retryable.
- Anything else (a 3xx, 400, 401, 403, 413, a key that does not encrypt): a final failure, logged.

Where the POST may go (docs/reminders.md, "Push"): the endpoint's host must be on
settings.PUSH_SERVICE_HOSTS (checked again here: a row stored before the list existed), no
redirect is followed (a 3xx is a failed send), no proxy from the environment is used, and the
connection is made by `_CheckedConnection`, which resolves the host once, refuses it unless every
address is global (not private, loopback, link-local, multicast or reserved), and connects to
those very addresses: a DNS answer that changes between the check and the connection cannot
move the POST. A refused endpoint is not sent to and its row is deleted, as a gone one is.

What is kept of a send (the delivery's `detail`, the JSON export) is only the status class of
each device (STATUS_CLASSES): never the push service's host, words or exact status.

The payload is small JSON (title, body, url, tag) that static/js/sw-push.js shows as a
notification; its TTL lets a phone that is offline get it up to TTL seconds later (the sender
never sends more than two hours late either), and its Topic makes a newer reminder replace an
undelivered older one.
"""

import ipaddress
import json
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

from backcare import diary_version, languages
from reminders import push_subscription
from reminders.models import PushSubscription
from reminders.push_keys import configured

log = logging.getLogger("backcare.reminders.push")

TTL = 2 * 60 * 60
TOPIC = "backcare-reminder"  # at most 32 URL-safe characters
# Translators: a push notification's title and body on a phone's lock screen.
TITLE = gettext_lazy("Time for your back")
BODY = gettext_lazy("A few minutes of today's exercises: open BackCare to see your plan.")
BODY_MAX = 180  # characters: what a lock screen shows, more or less
GONE = (404, 410)
SENT, RETRY, FAILED, SKIPPED = "sent", "retry", "failed", "skipped"


# What a delivery keeps of one device's send: a class, never the push service's host or words.
TOOK = "2xx"
REDIRECT = "3xx"  # never followed
GONE_404 = "404 gone"
GONE_410 = "410 gone"
CLIENT_ERROR = "4xx"  # 429 is retried, the others are final
SERVER_ERROR = "5xx"
TIMEOUT = "timeout"
REFUSED_ADDRESS = "refused address"  # not on PUSH_SERVICE_HOSTS, or not a global address
CONNECTION_FAILED = "connection failed"
NOT_ENCRYPTED = "keys not usable"  # the stored keys (or the VAPID key) could not sign or encrypt
STATUS_CLASSES = (
    TOOK,
    REDIRECT,
    GONE_404,
    GONE_410,
    CLIENT_ERROR,
    SERVER_ERROR,
    TIMEOUT,
    REFUSED_ADDRESS,
    CONNECTION_FAILED,
    NOT_ENCRYPTED,
)


def status_class(status) -> str:
    """The class an HTTP status is recorded as. Pure."""
    if status == 404:
        return GONE_404
    if status == 410:
        return GONE_410
    if status is None or not 200 <= status < 600:
        return CONNECTION_FAILED
    return {2: TOOK, 3: REDIRECT, 4: CLIENT_ERROR, 5: SERVER_ERROR}[status // 100]


class RefusedAddress(Exception):
    """The endpoint's host is not a push service's, or resolves to an address that is not global.
    Not an OSError, so neither urllib3 nor requests wraps or retries it."""


def address_global(address) -> bool:
    """Whether an IP address (text) is a public unicast one: not private, loopback, link-local,
    multicast, reserved or unspecified (an IPv4-mapped IPv6 address is judged as its IPv4). Pure."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def checked_addresses(host, port):
    """The (family, address) pairs `host` resolves to, resolved once; RefusedAddress unless the
    host is on settings.PUSH_SERVICE_HOSTS and every address is global. socket.gaierror when it
    does not resolve. PUSH_ALLOW_PRIVATE_ADDRESSES (test-only) lets a fake push service on
    loopback through."""
    if not push_subscription.host_allowed(host, settings.PUSH_SERVICE_HOSTS):
        raise RefusedAddress(host)
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    pairs = list(dict.fromkeys((family, sockaddr[0]) for family, _, _, _, sockaddr in found))
    if not pairs:
        raise socket.gaierror(socket.EAI_NONAME, "no address")
    if not settings.PUSH_ALLOW_PRIVATE_ADDRESSES and not all(address_global(a) for _, a in pairs):
        raise RefusedAddress(host)
    return pairs


class _CheckedConnection:
    """urllib3's connection, except that the socket goes only to the addresses `checked_addresses`
    passed (tried in order, as urllib3 does). The name stays the host for SNI, the certificate
    check and the Host header."""

    def _new_conn(self):
        try:
            pairs = checked_addresses(self._dns_host, self.port)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        last = None
        for _family, address in pairs:
            try:
                return connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                last = ConnectTimeoutError(self, f"Connection to {self.host} timed out.")
                last.__cause__ = error
            except OSError as error:
                last = NewConnectionError(self, f"Failed to establish a new connection: {error}")
                last.__cause__ = error
        raise last


class _CheckedHTTPConnection(_CheckedConnection, HTTPConnection):
    pass


class _CheckedHTTPSConnection(_CheckedConnection, HTTPSConnection):
    pass


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}


class PushSession(requests.Session):
    """The session every push goes through: checked connections (above), no redirect followed,
    no retry, no proxy or netrc from the environment."""

    def __init__(self):
        super().__init__()
        self.trust_env = False
        self.max_redirects = 0
        adapter = _CheckedAdapter(max_retries=0)
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def request(self, method, url, *args, **kwargs):
        kwargs["allow_redirects"] = False
        return super().request(method, url, *args, **kwargs)


@dataclass(frozen=True)
class PushResult:
    """`status`: sent, retry (nothing handed over; try again), failed (final) or skipped (no
    device, or push not set up); `detail` a short line for Delivery.detail: the devices' status
    classes, or one of this module's own sentences, never the push service's text."""

    status: str
    detail: str = ""
    sent: int = 0
    gone: int = 0

    @property
    def retryable(self) -> bool:
        return self.status == RETRY


def _listed(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    # Translators: the last two of a list of exercises in a notification ("Bridge, Cat and Bird dog").
    return _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


def message(context) -> dict:
    """The notification's title, body and link for a day's reminder (reminders/channels.py:
    Context, its `decision` from reminders/content.py), short enough for a phone's lock screen.
    Made outside a request: in the person's own language (backcare/languages.py)."""
    with translation.override(languages.for_user(context.user)):
        return _message(context)


def _message(context) -> dict:
    decision = context.decision
    kind = str(decision.kind or "")
    to_do = list(decision.exercises)
    if kind == "careful":
        # The reason, the check-in first, then the gentle set instead of the plan.
        parts = [decision.opening]
        if decision.checkin:
            parts.append(decision.careful_checkin)
        if to_do:
            parts.append(
                _("%(instead)s %(list)s.") % {"instead": decision.careful_instead, "list": _listed(to_do)}
            )
        body = " ".join(parts)
    else:
        if decision.checkin:
            to_do.append(_("your pain check-in"))
        if kind in ("screen", "rest"):
            body = decision.opening
        elif kind == "gentle":
            body = decision.opening
            if to_do:
                body = _("%(opening)s %(list)s.") % {"opening": body, "list": _listed(to_do)}
        else:
            body = _("Still to do today: %(list)s.") % {"list": _listed(to_do)} if to_do else str(BODY)
    if len(body) > BODY_MAX:
        body = body[: BODY_MAX - 1].rstrip(" ,") + "…"
    return {"title": decision.subject or str(TITLE), "body": body, "url": context.today_url, "tag": TOPIC}


def _send_one(subscription, data, vapid, session):
    """One device: ("sent" | "gone" | "retry" | "failed", its status class)."""
    from pywebpush import WebPushException, webpush

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
    except RefusedAddress:
        return "gone", REFUSED_ADDRESS
    except WebPushException as error:
        status = error.status_code
        if status in GONE:
            return "gone", status_class(status)
        if status is not None and (status == 429 or status >= 500):
            return RETRY, status_class(status)
        return FAILED, status_class(status) if status is not None else NOT_ENCRYPTED
    except requests.Timeout:
        return RETRY, TIMEOUT
    except requests.TooManyRedirects:  # max_redirects = 0; allow_redirects=False answers first
        return FAILED, REDIRECT
    except requests.RequestException:
        return RETRY, CONNECTION_FAILED
    except Exception:  # a stored key that does not encrypt, a bad VAPID key: never raise
        return FAILED, NOT_ENCRYPTED
    return SENT, TOOK


def send_push(delivery, context):
    """The push channel of the sender's registry (reminders/channels.py): returns when at least one
    device's push service took the reminder; raises NotHandedOver when none did for a reason worth
    another try (timeout, 5xx, 429), Skip when there is nothing to send to, Failed otherwise (the
    sender records its message, the devices' status classes, as the delivery's detail).
    Everything else that goes wrong is caught and logged inside `deliver`."""
    from reminders.channels import Failed, NotHandedOver, Skip

    result = deliver(user_id=delivery.user_id, day=delivery.day, data=json.dumps(message(context)))
    if result.status == SENT:
        return result
    if result.status == RETRY:
        raise NotHandedOver(result.detail)
    if result.status == SKIPPED:
        raise Skip(result.detail)
    raise Failed(result.detail)


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
    with PushSession() as session:
        for subscription in subscriptions:
            outcome, detail = _send_one(subscription, data, vapid, session)
            outcomes.append((subscription, outcome, detail))
            log_at = logging.INFO if outcome == SENT else logging.WARNING
            where = urlsplit(subscription.endpoint).hostname
            log.log(
                log_at, "push reminder for user %s on %s to %s: %s (%s)", user_id, day, where, outcome, detail
            )
    gone = [s.pk for s, outcome, _ in outcomes if outcome == "gone"]
    took = [s.pk for s, outcome, _ in outcomes if outcome == SENT]
    if gone:
        with transaction.atomic():
            diary_version.changed(user_id)  # the settings page counts the user's devices
            PushSubscription.objects.filter(pk__in=gone).delete()
    if took:
        PushSubscription.objects.filter(pk__in=took).update(last_sent_at=timezone.now())
    details = ", ".join(dict.fromkeys(detail for _, _, detail in outcomes))  # at most 10 classes
    if took:
        return PushResult(SENT, details, sent=len(took), gone=len(gone))
    if any(outcome == RETRY for _, outcome, _ in outcomes):
        return PushResult(RETRY, details, gone=len(gone))
    return PushResult(FAILED, details, gone=len(gone))
