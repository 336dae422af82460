"""`@per_language`: words translated once a language and kept for the process (the header's, Today's
row and page words, the felt forms' words), forgotten when the catalogues change; `forget_with`
registers any other store kept per language (exercises/catalog.py: `render_cached`'s widgets) to be
forgotten with them.

In production the catalogues never change while a process runs. Tests do change them
(`LOCALE_PATHS` set to a small catalogue of their own), and Django then forgets the catalogues it
loaded (`setting_changed`); these caches forget with it, or a page drawn later would show words
read from the test's catalogue.
"""

from functools import lru_cache

from django.core.signals import setting_changed

SETTINGS = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"})
_caches = []


def per_language(function):
    """`function(language, ...)` kept as `functools.lru_cache` keeps it (a few languages), and
    forgotten when a setting that changes the catalogues changes."""
    cached = lru_cache(maxsize=16)(function)
    forget_with(cached.cache_clear)
    return cached


def forget_with(clear):
    """Call `clear()` when a setting that changes the catalogues changes."""
    _caches.append(clear)


def _forget(*, setting, **kwargs):
    if setting in SETTINGS:
        for clear in _caches:
            clear()


setting_changed.connect(_forget, dispatch_uid="backcare.language_cache")
