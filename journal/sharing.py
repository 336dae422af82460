"""Share links: the token, its fingerprint, how long a link works, and the limit on guessing.

A token is 32 random bytes (`secrets.token_urlsafe`, 43 characters); only its SHA-256 fingerprint
is stored (journal/models.py: ShareLink says why). A failed lookup (a token nobody made) counts
toward a per-address limit in the shared cache, as backcare/ratelimit.py counts sign-ups: past it,
every token from that address is refused for the rest of the window, a real one too, so guessing
gains nothing by mixing in a known link.
"""

import hashlib
import secrets
from datetime import timedelta

DEFAULT_DAYS = 7
MAX_DAYS = 30
NAME_MAX = 80
TOKEN_BYTES = 32
TOKEN_MAX_LENGTH = 100  # longer than any token we make: refused without hashing
VIEWS_LISTED = 20  # the newest views listed under each link (the count says how many in all)
# How long an opening of a link is kept (`manage.py prune`, docs/reminders.md): a link works 30 days
# at most, so its openings are kept some five months after it closed, then deleted.
VIEWS_KEEP_DAYS = 180


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def fingerprint(token):
    return hashlib.sha256(token.encode()).hexdigest()


def expiry(now, days):
    return now + timedelta(days=days)


def state(link, now):
    """ "open", "expired" or "withdrawn"."""
    if link.revoked_at is not None:
        return "withdrawn"
    return "open" if now < link.expires_at else "expired"
