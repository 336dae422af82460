"""A per-address limit on requests that create things for strangers (sign-ups, password-reset mail).

Counters live in the "default" cache, which every app server shares (Redis in production, see
backcare/settings.py), in fixed windows: `cache.add` starts a window, `cache.incr` counts in it
(atomic on Redis and within a process on local memory).
"""

import hashlib
import time
from datetime import UTC, datetime
from functools import wraps
from typing import NamedTuple

from django.core.cache import caches
from django.shortcuts import render

from backcare.client_ip import client_ip

LIMITS = {
    # scope: (requests per window, window in seconds)
    "signup": (10, 60 * 60),
    "password_reset": (5, 60 * 60),
    # "Send the link again" for a reminder address (reminders/views.py): requests from one address.
    "reminder_confirmation": (5, 60 * 60),
    # Confirmation mails for a reminder address, whichever form asks: per account and per address
    # mailed (`confirmation_mail` below).
    "confirmation_mail": (5, 60 * 60),
    # Share-link tokens that match no link (journal/views/share.py): only failures are counted.
    "share_token": (20, 60 * 60),
}


def _ended(cache, key):
    """Drop the window of `key` if its recorded end has passed, and say so. The cache's own expiry
    ends it too; reading the end as well keeps both caches on the app's clock (Redis expires keys by
    its own clock, local memory by the process's)."""
    ends = cache.get(f"{key}:ends")
    if ends is not None and time.time() >= ends:
        cache.delete_many([key, f"{key}:ends"])
        return True
    return False


def hit(scope, address):
    """Count one request from `address`; True while it is within the limit."""
    allowed, window = LIMITS[scope]
    cache = caches["default"]
    key = f"ratelimit:{scope}:{address}"
    _ended(cache, key)
    if cache.add(key, 0, timeout=window):
        cache.set(f"{key}:ends", time.time() + window, timeout=window)  # when the window ends
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=window)
        cache.set(f"{key}:ends", time.time() + window, timeout=window)
        count = 1
    return count <= allowed


def exhausted(scope, address):
    """True when `address` has used up the scope's window already (reads, counts nothing)."""
    allowed, _ = LIMITS[scope]
    cache, key = caches["default"], f"ratelimit:{scope}:{address}"
    return not _ended(cache, key) and (cache.get(key) or 0) >= allowed


def window_ends(scope, address):
    """When `address`'s current window of the scope ends (aware UTC): the next request counts anew."""
    _, window = LIMITS[scope]
    ends = caches["default"].get(f"ratelimit:{scope}:{address}:ends") or time.time() + window
    return datetime.fromtimestamp(ends, tz=UTC)


class Allowance(NamedTuple):
    allowed: bool
    retry_at: datetime | None = None  # when refused: when the next one may go


def mail_address_key(address):
    """An address as the limit counts it: stripped and lower-case, and only a hash of it in the key
    (the cache holds no address)."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:32]


def confirmation_mail(*, user_id, address):
    """Count one reminder-address confirmation mail, for the account and for the address it goes
    to, each at most LIMITS["confirmation_mail"] an hour, whichever form asks (the reminder
    settings saved, "send the link again"). Refused (nothing counted) when either is used up, with
    the time the later of them frees up."""
    scope = "confirmation_mail"
    keys = [f"user:{user_id}", f"address:{mail_address_key(address)}"]
    full = [key for key in keys if exhausted(scope, key)]
    if not full:
        full = [key for key in keys if not hit(scope, key)]  # another request took the last one
    if full:
        return Allowance(False, max(window_ends(scope, key) for key in full))
    return Allowance(True)


def limit_posts(scope):
    """Refuse a POST beyond the scope's limit from one address with a 429 page; GET is never counted."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not hit(scope, client_ip(request) or "unknown"):
                return render(request, "registration/rate_limited.html", {"scope": scope}, status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
