"""Read-only content shared by every request of a process, rebuilt when its content version changes.

The exercise library (exercises/catalog.py) and the lessons (learn/catalog.py) are each one
`Snapshot`: pages look rows up here instead of querying them. A save or delete in this process
drops the snapshot at once (`clear`, connected to the models' signals); another process notices
within `LIBRARY_RECHECK_SECONDS`, at the cost of one small version query. Never anything per user.
The objects handed out are shared between requests: read them, never change them.
"""

import threading
import time

from django.conf import settings


class Snapshot:
    def __init__(self, version, build):
        """`version()` reads what changes whenever a row changes; `build(version)` reads the rows."""
        self._version = version
        self._build = build
        self._lock = threading.Lock()
        self._current = None
        self._checked_at = float("-inf")

    def get(self, *, refresh=False):
        """The current snapshot; `refresh=True` checks the content version now."""
        snapshot, now = self._current, time.monotonic()
        if snapshot is not None and not refresh and now - self._checked_at < settings.LIBRARY_RECHECK_SECONDS:
            return snapshot
        with self._lock:
            version = self._version()
            if self._current is None or self._current.version != version:
                self._current = self._build(version)
            self._checked_at = now
            return self._current

    def clear(self, **kwargs):
        """Forget the snapshot (a signal receiver: takes and ignores the signal's arguments)."""
        self._current = None
