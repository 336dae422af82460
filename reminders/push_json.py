"""What a browser's PushSubscription (its `toJSON()`) must look like before it is stored. Pure.

The server later POSTs to the endpoint, so it is checked strictly: an https URL on the default port
with a host name (no IP address, no `localhost` or single-label name, no user or password, no
fragment), at most ENDPOINT_MAX characters; the keys are the browser's P-256 public key (65 bytes,
a point on the curve) and its 16-byte auth secret, in URL-safe base64; nothing else is accepted.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

BODY_MAX = 4096  # bytes of JSON; a real subscription is about 400
ENDPOINT_MAX = 1000  # PushSubscription.endpoint's max_length
KEYS_MAX = 200  # characters of a key as sent (65 bytes are 87 characters)
FIELDS = {"endpoint", "expirationTime", "keys"}
LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".home.arpa", ".lan")


class Refused(ValueError):
    """The message says what was wrong, in words for the settings page."""


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str


def _b64url(value, length, what):
    if not isinstance(value, str) or not 0 < len(value) <= KEYS_MAX:
        raise Refused(f"The subscription's {what} key is missing.")
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise Refused(f"The subscription's {what} key is not valid.") from None
    if len(raw) != length:
        raise Refused(f"The subscription's {what} key is not valid.")
    return raw


def check_endpoint(endpoint):
    if not isinstance(endpoint, str) or not endpoint:
        raise Refused("The subscription has no endpoint.")
    if len(endpoint) > ENDPOINT_MAX:
        raise Refused("The subscription's endpoint is too long.")
    try:
        URLValidator(schemes=["https"])(endpoint)
    except ValidationError:
        raise Refused("The subscription's endpoint must be an https address.") from None
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or parts.fragment:
        raise Refused("The subscription's endpoint is not a push service's address.")
    if parts.port not in (None, 443):
        raise Refused("The subscription's endpoint is not a push service's address.")
    if (
        "." not in host
        or host.startswith("[")
        or host.replace(".", "").isdigit()
        or ":" in host
        or host.endswith(LOCAL_SUFFIXES)
    ):
        raise Refused("The subscription's endpoint is not a push service's address.")
    return endpoint


def parse(body: bytes) -> Subscription:
    """The subscription in a request body, or Refused with what was wrong."""
    if len(body) > BODY_MAX:
        raise Refused("The subscription is too large.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused("The subscription could not be read.") from None
    if not isinstance(data, dict) or not set(data) <= FIELDS:
        raise Refused("The subscription could not be read.")
    expiry = data.get("expirationTime")
    if expiry is not None and (isinstance(expiry, bool) or not isinstance(expiry, int | float) or expiry < 0):
        raise Refused("The subscription could not be read.")
    endpoint = check_endpoint(data.get("endpoint"))
    keys = data.get("keys")
    if not isinstance(keys, dict) or set(keys) != {"p256dh", "auth"}:
        raise Refused("The subscription's keys are missing.")
    point = _b64url(keys["p256dh"], 65, "p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise Refused("The subscription's p256dh key is not valid.") from None
    _b64url(keys["auth"], 16, "auth")
    return Subscription(endpoint=endpoint, p256dh=keys["p256dh"].rstrip("="), auth=keys["auth"].rstrip("="))


def parse_endpoint(body: bytes) -> str:
    """The endpoint of an unsubscribe request ({"endpoint": "..."}), or Refused."""
    if len(body) > BODY_MAX:
        raise Refused("The request is too large.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused("The request could not be read.") from None
    if not isinstance(data, dict) or not isinstance(data.get("endpoint"), str):
        raise Refused("The request could not be read.")
    endpoint = data["endpoint"]
    if not 0 < len(endpoint) <= ENDPOINT_MAX:
        raise Refused("The request could not be read.")
    return endpoint
