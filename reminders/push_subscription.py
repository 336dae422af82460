"""What a browser's PushSubscription (its `toJSON()`) must look like before it is stored. Pure.

The server later POSTs to the endpoint, so it is checked strictly: an https URL on the default port,
on one of the push services browsers use (settings.PUSH_SERVICE_HOSTS: an exact host, or a
`.suffix` entry; a trailing dot is refused, not stripped), with no user or password and no
fragment, at most ENDPOINT_MAX characters; the keys are the browser's P-256 public key (65 bytes,
a point on the curve) and its 16-byte auth secret, in URL-safe base64; nothing else is accepted.

A body is strict UTF-8 JSON of at most BODY_MAX bytes, with no NUL and no lone surrogate in any of
its strings (a database cannot store them; PostgreSQL refuses NUL) and not nested deeper than
Python's parser goes: anything else is Refused, never an exception.
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

BODY_MAX = 4096  # bytes of JSON; a real subscription is about 400
ENDPOINT_MAX = 1000  # PushSubscription.endpoint's max_length
KEYS_MAX = 200  # characters of a key as sent (65 bytes are 87 characters)
FIELDS = {"endpoint", "expirationTime", "keys"}
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates


class Refused(ValueError):
    """The message says what was wrong, in words for the settings page."""


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str


def _b64url(value, length, what):
    if not isinstance(value, str) or not 0 < len(value) <= KEYS_MAX:
        raise Refused(_("The subscription's %(key)s key is missing.") % {"key": what})
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise Refused(_("The subscription's %(key)s key is not valid.") % {"key": what}) from None
    if len(raw) != length:
        raise Refused(_("The subscription's %(key)s key is not valid.") % {"key": what})
    return raw


def host_allowed(host, hosts) -> bool:
    """Whether `host` (lower-cased, as urlsplit gives it) is one of `hosts`: equal to an entry, or
    ending in a `.suffix` entry after at least one label of its own. A trailing dot never matches
    (it would name the same machine through a different spelling)."""
    if not host or host.endswith("."):
        return False
    for entry in hosts:
        if entry.startswith("."):
            if host.endswith(entry) and len(host) > len(entry):
                return True
        elif host == entry:
            return True
    return False


def check_endpoint(endpoint, *, hosts=None):
    """The endpoint if it is an https address on one of `hosts` (default:
    settings.PUSH_SERVICE_HOSTS), else Refused."""
    hosts = settings.PUSH_SERVICE_HOSTS if hosts is None else hosts
    if not isinstance(endpoint, str) or not endpoint:
        raise Refused(_("The subscription has no endpoint."))
    if len(endpoint) > ENDPOINT_MAX:
        raise Refused(_("The subscription's endpoint is too long."))
    try:
        URLValidator(schemes=["https"])(endpoint)
    except ValidationError:
        raise Refused(_("The subscription's endpoint must be an https address.")) from None
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        raise Refused(_("The subscription's endpoint is not a push service's address.")) from None
    if parts.username or parts.password or parts.fragment or port not in (None, 443):
        raise Refused(_("The subscription's endpoint is not a push service's address."))
    if not host_allowed(parts.hostname or "", hosts):
        raise Refused(_("The subscription's endpoint is not on a push service this site sends to."))
    return endpoint


def _storable(data) -> bool:
    """No NUL and no lone surrogate in any string of the tree (keys too). Iterative: a tree as deep
    as the parser allows does not recurse here."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if UNSTORABLE.search(value):
                return False
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True


def _load(body: bytes, what: str):
    """The JSON in `body`, or Refused: too large, not UTF-8 (a raw lone surrogate is not), not JSON,
    nested too deep (RecursionError), or a string holding NUL or a lone surrogate."""
    too_large, unreadable = {
        "subscription": (_("The subscription is too large."), _("The subscription could not be read.")),
        "request": (_("The request is too large."), _("The request could not be read.")),
    }[what]
    if len(body) > BODY_MAX:
        raise Refused(too_large)
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Refused(unreadable) from None
    if not _storable(data):
        raise Refused(_("The request contains characters a browser never sends."))
    return data


def parse(body: bytes, *, hosts=None) -> Subscription:
    """The subscription in a request body, or Refused with what was wrong. `hosts`: the allowed
    push services (default: settings.PUSH_SERVICE_HOSTS)."""
    data = _load(body, "subscription")
    if not isinstance(data, dict) or not set(data) <= FIELDS:
        raise Refused(_("The subscription could not be read."))
    expiry = data.get("expirationTime")
    if expiry is not None and (isinstance(expiry, bool) or not isinstance(expiry, int | float) or expiry < 0):
        raise Refused(_("The subscription could not be read."))
    endpoint = check_endpoint(data.get("endpoint"), hosts=hosts)
    keys = data.get("keys")
    if not isinstance(keys, dict) or set(keys) != {"p256dh", "auth"}:
        raise Refused(_("The subscription's keys are missing."))
    point = _b64url(keys["p256dh"], 65, "p256dh")
    # Imported here, not with the module: every web worker imports this module, few ever read a
    # subscription, and cryptography's curves cost each worker about 7 MB (docs/architecture.md).
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise Refused(_("The subscription's p256dh key is not valid.")) from None
    _b64url(keys["auth"], 16, "auth")
    return Subscription(endpoint=endpoint, p256dh=keys["p256dh"].rstrip("="), auth=keys["auth"].rstrip("="))


def parse_endpoint(body: bytes) -> str:
    """The endpoint of an unsubscribe request ({"endpoint": "..."}), or Refused."""
    data = _load(body, "request")
    if not isinstance(data, dict) or not isinstance(data.get("endpoint"), str):
        raise Refused(_("The request could not be read."))
    endpoint = data["endpoint"]
    if not 0 < len(endpoint) <= ENDPOINT_MAX:
        raise Refused(_("The request could not be read."))
    return endpoint
