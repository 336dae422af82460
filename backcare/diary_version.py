"""A per-user version of everything the user's own pages show, kept on the user row.

`User.diary_version` goes up by one in the same transaction as every write of the user's diary,
plan, safety answers, lessons read or settings (the services call `changed`). A page that caches
what it computed from those rows keys it on the version (Today's and History's bodies in the
`pages` cache, History's insights and the PSFS summary in `default`), so a cached value is never
read again once one of them changed.

Why on the user row: the row is read on every signed-in request anyway (authentication), so the
version costs no query and no cache round trip, and it is the same for every process and server:
a per-process cache keyed on it can never serve one process's stale copy after a write handled
by another. The version is read (with the user) before the rows a page computes from, and a write
moves it in the same transaction as its rows, so a value computed from rows older than a write is
never stored under the version after it.

`changed` is called first in each write transaction, so every writer locks the user row first (one
lock order: no deadlock between two writes of the same user). A full `User.save()` never writes
the version back (backcare/models.py), so a stale copy in memory cannot move it backwards.
"""

from django.db.models import F


def current(user):
    """The version the request's user was read with, or None after a write in this request (then
    nothing is read from or stored in a cache keyed on it)."""
    return user.diary_version


def changed(user):
    """The user's own data changes in the current transaction: the version moves with it.
    `user`: the User, or its primary key (a write reached through a plan item, say)."""
    from backcare.models import User

    User.objects.filter(pk=getattr(user, "pk", user)).update(diary_version=F("diary_version") + 1)
    if isinstance(user, User):
        # This copy no longer knows the version: its request renders afresh and stores nothing.
        user.diary_version = None
