"""The bodies of a user's own pages, rendered once a change (Django's cache framework).

Today's and History's main content is most of their cost (a dozen reads, the plan's statuses and
suggestions, some 500 template nodes) and the same from one load to the next until the user writes
something. The rendered body is kept in the `pages` cache (this process's memory; nothing with
DEBUG) under a key holding:

- the user (their id and the row's random cache epoch, `owner`) and their diary version
  (backcare/diary_version.py), read with the user on every request and moved by every write of
  their data, in the same transaction. The epoch is drawn once per user row: a database restored
  from a backup can give a new account an earlier account's id and version, never its epoch;
- what else the body is drawn from, given by the view (the day, the range, the library's version,
  the safety screen as read for this request);
- for a body holding forms, the request's CSRF secret, so its tokens are valid for the browser
  that gets it: as with Django's per-view cache and its `Vary: Cookie`, each browser session has
  its own copy, and a log-in (a new secret) renders afresh.

A request that has written (its user's version is unknown) or has no CSRF cookie yet renders the
body afresh and stores nothing. `per_version` keeps a small per-user read the same way. Every
alias also carries the deployment's `KEY_PREFIX` (backcare/settings.py: CACHE_KEY_PREFIX), so two
deployments sharing one Redis never read each other's keys. See docs/architecture.md, "Caches".
"""

import hashlib

from django.core.cache import caches

from backcare import diary_version

TIMEOUT = 24 * 60 * 60  # keys hold the day: an older one is never asked for again


def owner(user):
    """The user's part of every per-user key: the id and the row's random epoch (backcare/models.py)."""
    return f"{user.pk}.{user.cache_epoch:x}"


def version_key(name, user, version):
    """The key of `name`'s value for `user` at diary version `version` (per_version's keys)."""
    return f"{name}:{owner(user)}:{version}"


def key(name, request, *parts, forms=False):
    """The key of `name`'s body for this request and `parts`, or None when it must not be cached."""
    version = diary_version.current(request.user)
    if version is None:
        return None
    if forms:
        secret = request.META.get("CSRF_COOKIE")
        if not secret:
            return None
        parts = (*parts, secret)
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"{version_key(name, request.user, version)}:{digest}"


def per_version(name, user, compute, *, alias="pages"):
    """`compute()`, kept for the user's diary version: for a read that only the user's own writes
    change (their latest safety screen; their PSFS summary, in the shared `default` cache)."""
    version = diary_version.current(user)
    if version is None:
        return compute()
    cache = caches[alias]
    cache_key = version_key(name, user, version)
    found = cache.get(cache_key)
    if found is None:
        found = (compute(),)  # in a tuple: None is a value worth keeping too
        cache.set(cache_key, found, TIMEOUT)
    return found[0]


def body(cache_key, render):
    """The body under `cache_key`, or `render()`'d and stored (just rendered when the key is None)."""
    if cache_key is None:
        return render()
    cache = caches["pages"]
    html = cache.get(cache_key)
    if html is None:
        html = render()
        cache.set(cache_key, html, TIMEOUT)
    return html
