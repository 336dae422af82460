"""The keys under which a user's results are cached, and their removal with the account.

History's insights, the PSFS summary and the latest safety screen are kept in the shared `default`
cache (Redis in production). Each key holds the user (backcare/version_cache.py: `owner`, the id and
the row's random epoch). The screen's also holds the screen version (`User.screen_version`, moved
only by the triggers of the rows it is read from), the summary's the PSFS version
(`User.psfs_version`, moved only by the PSFS rows' triggers). The
insights' hold the day, the method's version and the library's, not the diary version: one key a
user and day, whose value says which days it was computed from (journal/views/history_page.py:
`_insights`), so a tick today, which moves the version, finds it again.
Every alias adds the deployment's KEY_PREFIX (backcare/settings.py). Strings only: no request, no
queries.

Deleting an account deletes the keys it can name (`forget`): the summaries of the last
`RECENT_VERSIONS` PSFS versions, the screens of the last `RECENT_VERSIONS` screen versions, and the
insights of the user's today and yesterday. Anything else (an older version's value) can never be
read again, since no other row has the epoch, and expires within a day (version_cache.TIMEOUT,
views/history_page.py: INSIGHTS_TIMEOUT).
"""

import hashlib
from datetime import timedelta

from django.core.cache import caches

from backcare import version_cache
from journal import insights, psfs

INSIGHTS = "insights"
PSFS_SUMMARY = f"psfs-summary-{psfs.SUMMARY_VERSION}"  # a summary of an older shape is never read
# Keyed on the screen version since journal/0017 (before: the diary version, whose numbers a screen
# version reaches later): the new name never meets a value kept under the old numbering.
LATEST_SCREEN = "latest-screen-v2"
RECENT_VERSIONS = 20


def library_part(library_version):
    """The library's content version as a short digest (the families' names the insights show)."""
    return hashlib.blake2b(repr(library_version).encode(), digest_size=6).hexdigest()


def insights_key(user, today, library_version):
    """History's insights for `user` on `today`, whatever the diary version: the value carries the
    version it was read at and the digest of the days it was computed from (insights.digest)."""
    return (
        f"{INSIGHTS}:{version_cache.owner(user)}:{today.isoformat()}:"
        f"{insights.METHOD_VERSION}:{library_part(library_version)}"
    )


def _recent(version):
    return range(max(0, version - RECENT_VERSIONS + 1), version + 1)


def known(user, *, screen_version, psfs_version, today, library_version):
    """The keys `forget` deletes: {alias: [keys]}, for the screen versions up to `screen_version`
    (the latest screen), the PSFS versions up to `psfs_version` (the summary) and the insights of
    `today` and the day before (a key made before midnight)."""
    days = (today, today - timedelta(days=1))
    return {
        "default": [
            *(insights_key(user, day, library_version) for day in days),
            *(version_cache.version_key(PSFS_SUMMARY, user, v) for v in _recent(psfs_version)),
            *(version_cache.version_key(LATEST_SCREEN, user, v) for v in _recent(screen_version)),
        ],
    }


def forget(user, *, screen_version, psfs_version, today, library_version):
    """Delete the user's known keys from the shared cache."""
    found = known(
        user,
        screen_version=screen_version,
        psfs_version=psfs_version,
        today=today,
        library_version=library_version,
    )
    for alias, keys in found.items():
        caches[alias].delete_many(keys)
