"""A per-user version of the user's days, ticks and PSFS rounds, in the shared ("default") cache.

What is computed from them and cached (History's insights, the PSFS summary of History and the
report) is keyed on this version, so it is never read again once one of them changed. Every
service that writes a day, a tick or a PSFS round (journal/services.py) calls `changed`; the new version is set once the transaction commits, so a
page that reads the version, then the days, and caches what it computed under that version can
never cache the days from before a write under the version after it.

A version is a fresh random token, not a counter: when the cache has lost a user's version (an
eviction, a restart of the cache server) the next read sets a new token, which no key cached
under a lost one can match.
"""

import secrets

from django.core.cache import caches
from django.db import transaction

TIMEOUT = 7 * 24 * 60 * 60  # an unread version may go; a lost one is replaced by a fresh token


def _key(user_id):
    return f"days-version:{user_id}"


def _token():
    return secrets.token_hex(8)


def current(user_id):
    """The user's version now: read it before reading the days a cached value is computed from."""
    return caches["default"].get_or_set(_key(user_id), _token, TIMEOUT)


def changed(user_id):
    """The user's days or ticks change in the current transaction: a new version once it commits."""
    transaction.on_commit(lambda: caches["default"].set(_key(user_id), _token(), TIMEOUT))


def forget(user_id):
    """The account goes: its version goes once that commits, so nothing cached under it can be
    found again (each value expires on its own within a day)."""
    transaction.on_commit(lambda: caches["default"].delete(_key(user_id)))
