"""A per-user version of everything the user's own pages show, kept on the user row.

`User.diary_version` goes up by one in the same transaction as every write of the user's diary,
plan, safety answers, lessons read or settings (the services call `changed`). A value computed
from those rows and kept in the shared cache carries the version (History's insights; no page is
kept), so it is never taken as current once one of them changed. The rows behind the latest screen
and the PSFS summary also move it by themselves, in the database (migration
journal/0013_diary_version_triggers), whatever writes them. Those two values are keyed on versions
of their own instead, which only their rows move, by their own triggers, and a tick leaves:
`User.screen_version` (journal/0017_screen_version_triggers) and `User.psfs_version`
(journal/0015_psfs_version_triggers).

Why on the user row: the row is read on every signed-in request anyway (authentication), so the
version costs no query and no cache round trip, and it is the same for every process and server:
a value keyed on it can never be served stale after a write handled by another process. The version is read (with the user) before the rows a page computes from, and a write
moves it in the same transaction as its rows, so a value computed from rows older than a write is
never stored under the version after it.

`changed` is called first in each write transaction, so every writer locks the user row first (one
lock order: no deadlock between two writes of the same user). A full `User.save()` never writes
the version back (backcare/models.py), so a stale copy in memory cannot move it backwards.
"""

from django.db import connection
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
        # Nor its PSFS and screen versions, which a write of their rows in this transaction moves.
        user.diary_version = None
        user.psfs_version = None
        user.screen_version = None


def writers_serialised():
    """Does a write transaction hold the database's one write lock from its start? SQLite with
    BEGIN IMMEDIATE (or EXCLUSIVE, backcare/settings.py): no other write can come between its reads
    and its writes, whatever rows it touches."""
    options = connection.settings_dict.get("OPTIONS") or {}
    return connection.vendor == "sqlite" and options.get("transaction_mode") in ("IMMEDIATE", "EXCLUSIVE")


def write_begins(user):
    """`changed`, for a write of the user's days and ticks only (a tick, an undo, a check-in), whose
    rows move the version themselves (migration journal/0016_diary_version_day_triggers).

    Where writers are serialised (`writers_serialised`) the UPDATE is not sent: it is needed neither
    for the version (the triggers) nor as the user row's lock (the transaction holds the database's).
    Elsewhere (PostgreSQL) it is sent first as before: the user row's lock, so a second write of the
    user's waits and then reads what the first wrote. The copy in hand forgets its version either way.
    """
    from backcare.models import User

    if not writers_serialised():
        changed(user)
    elif isinstance(user, User):
        user.diary_version = None
