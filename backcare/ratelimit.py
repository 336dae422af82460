"""A per-address limit on requests that create things for strangers (sign-ups, password-reset mail).

Counters live in the "default" cache, which every app server shares (Redis in production, see
backcare/settings.py), in fixed windows: `cache.add` starts a window, `cache.incr` counts in it
(atomic on Redis and within a process on local memory).
"""

from functools import wraps

from django.core.cache import caches
from django.shortcuts import render

from backcare.net import client_ip

LIMITS = {
    # scope: (requests per window, window in seconds)
    "signup": (10, 60 * 60),
    "password_reset": (5, 60 * 60),
    # "Send the link again" for a reminder address (reminders/views.py).
    "reminder_confirmation": (5, 60 * 60),
    # Share-link tokens that match no link (journal/views/share.py): only failures are counted.
    "share_token": (20, 60 * 60),
}


def hit(scope, address):
    """Count one request from `address`; True while it is within the limit."""
    allowed, window = LIMITS[scope]
    cache = caches["default"]
    key = f"ratelimit:{scope}:{address}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= allowed


def exhausted(scope, address):
    """True when `address` has used up the scope's window already (reads, counts nothing)."""
    allowed, _ = LIMITS[scope]
    return (caches["default"].get(f"ratelimit:{scope}:{address}") or 0) >= allowed


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
