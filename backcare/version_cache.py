"""Per-user keys in the shared cache (Django's cache framework), and the reads kept under them.

No page, and no part of one, is kept: every page is rendered afresh on every load and sent
`private, no-store` (docs/architecture.md, "Caches"). What stays cached per user are two small
reads, in the shared `default` cache (Redis in production), under a key holding:

- the user (their id and the row's random cache epoch, `owner`): the epoch is drawn once per user
  row, so a database restored from a backup can give a new account an earlier account's id and
  version, never its epoch;
- a version read with the user on every request, which the rows the value is read from move
  themselves, in the database, so no write path can forget to: the PSFS version for the PSFS summary
  (journal/0015_psfs_version_triggers), the screen version for the latest safety screen
  (journal/0017_screen_version_triggers). Neither moves with a tick or a check-in, which move the
  diary version (backcare/diary_version.py) only.

Every alias also carries the deployment's `KEY_PREFIX` (backcare/settings.py: CACHE_KEY_PREFIX),
so two deployments sharing one Redis never read each other's keys.
"""

from django.core.cache import caches

TIMEOUT = 24 * 60 * 60  # keys hold the day: an older one is never asked for again


def owner(user):
    """The user's part of every per-user key: the id and the row's random epoch (backcare/models.py)."""
    return f"{user.pk}.{user.cache_epoch:x}"


def version_key(name, user, version):
    """The key of `name`'s value for `user` at `version` (the keys of `kept_at`)."""
    return f"{name}:{owner(user)}:{version}"


def per_psfs_version(name, user, compute):
    """`compute()`, kept in the shared cache for the user's PSFS version (`User.psfs_version`, which
    only the PSFS rows move, by their triggers: journal/0015_psfs_version_triggers): the PSFS
    summary, which a tick or a check-in leaves as it was. None (a request that has written)
    computes afresh and keeps nothing."""
    return kept_at(name, user, user.psfs_version, compute)


def per_screen_version(name, user, compute):
    """`compute()`, kept in the shared cache for the user's screen version (`User.screen_version`,
    which only the rows the latest safety screen is read from move, by their triggers:
    journal/0017_screen_version_triggers): the latest screen, which a tick or a check-in leaves as it
    was. None (a request that has written) computes afresh and keeps nothing."""
    return kept_at(name, user, user.screen_version, compute)


def kept_at(name, user, version, compute):
    """`compute()`, kept under `name`, the user and `version` (None: computed, nothing kept)."""
    if version is None:
        return compute()
    cache = caches["default"]
    cache_key = version_key(name, user, version)
    found = cache.get(cache_key)
    if found is None:
        found = (compute(),)  # in a tuple: None is a value worth keeping too
        cache.set(cache_key, found, TIMEOUT)
    return found[0]
