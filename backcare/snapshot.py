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
from django.utils import translation


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


class Translated:
    """A `Snapshot` handed out in the active language: the stored (English) snapshot for the site's
    language, otherwise its copy in that language, made by `translate(snapshot)` once per snapshot
    and language, with no query (the exercise library and the lessons)."""

    def __init__(self, snapshot, translate):
        self._snapshot = snapshot
        self._translate = translate
        self._lock = threading.Lock()
        self._made = {}  # language code -> (the stored snapshot it was made from, its copy)

    def get(self, *, refresh=False):
        stored = self._snapshot.get(refresh=refresh)
        code = translation.get_language() or settings.LANGUAGE_CODE
        if code == settings.LANGUAGE_CODE:
            return stored
        made = self._made.get(code)
        if made is None or made[0] is not stored:
            with self._lock:
                made = self._made.get(code)
                if made is None or made[0] is not stored:
                    made = self._made[code] = (stored, self._translate(stored))
        return made[1]

    def clear(self, **kwargs):
        """Forget the snapshot and its copies (a signal receiver: ignores the signal's arguments)."""
        self._snapshot.clear()
        self._made.clear()
